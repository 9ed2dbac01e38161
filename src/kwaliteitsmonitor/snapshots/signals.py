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


def forget_snapshots(sender: Any, **kwargs: Any) -> None:
    """Every publication is forgotten (the demo replacing its fictitious data): so are the snapshots."""
    from .models import Amendment, FrozenPage, Snapshot

    FrozenPage.objects.all().delete()
    Amendment.objects.all().delete()
    Snapshot.objects.update(previous=None)
    Snapshot.objects.all().delete()


def connect() -> None:
    from kwaliteitsmonitor.publications.store import clearing_all

    pre_save.connect(keep_pinned_publication_readable, sender=Publication, dispatch_uid="snapshots-pin")
    clearing_all.connect(forget_snapshots, dispatch_uid="snapshots-forget")
