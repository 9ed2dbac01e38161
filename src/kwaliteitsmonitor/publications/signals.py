# SPDX-License-Identifier: EUPL-1.2
"""Queue a build of the next draft after every committed import or edit that changes what the public
would see: an import run that finished well, an indicator definition, the agenda's targets and links,
areas and memberships, a value edited by hand."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from .tasks import queue_build


def _import_finished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.status == "ok" and instance.finished_at and not instance.dry_run:
        queue_build(f"import {instance.connector} {instance.source}"[:200])


def _edited(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading a fixture
    queue_build(f"wijziging: {sender._meta.verbose_name}")


def connect() -> None:
    from kwaliteitsmonitor.agenda.models import Agenda, Result, ResultIndicator
    from kwaliteitsmonitor.areas.models import Area, AreaMembership, ComparisonGroup
    from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

    post_save.connect(_import_finished, sender=ImportRun, dispatch_uid="km-publish-import")
    for model in (
        Indicator,
        Observation,
        Agenda,
        Result,
        ResultIndicator,
        Area,
        AreaMembership,
        ComparisonGroup,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                _edited, sender=model, dispatch_uid=f"km-publish-{model.__name__}-{signal is post_save}"
            )
