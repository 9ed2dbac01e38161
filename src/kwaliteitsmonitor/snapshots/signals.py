# SPDX-License-Identifier: EUPL-1.2
"""A snapshot pins its publication: it may not be withdrawn or discarded while the snapshot exists
(deleting it is refused by the foreign key's ``PROTECT``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save

from kwaliteitsmonitor.publications.models import READABLE, Publication


def keep_pinned_publication_readable(sender: Any, instance: Publication, **kwargs: Any) -> None:
    if instance.pk is None or instance.state in READABLE:
        return
    from .models import Amendment, Snapshot

    names = list(Snapshot.objects.filter(publication_id=instance.pk).values_list("name", flat=True))
    if not names and Amendment.objects.filter(publication_id=instance.pk).exists():
        names = ["een correctie"]
    if names:
        raise ValidationError(
            f"Publicatie {instance.number} is bevroren in de rapportage {', '.join(names)} en blijft daarom "
            "leesbaar; intrekken of vervallen verklaren kan niet."
        )


def connect() -> None:
    pre_save.connect(keep_pinned_publication_readable, sender=Publication, dispatch_uid="snapshots-pin")
