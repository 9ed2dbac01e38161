# SPDX-License-Identifier: EUPL-1.2
"""Publishing as background work (``django-tasks`` on the database; the worker runs next to the site).

After every committed import or edit of the agenda a build of the next draft is queued, once: a build
that is already waiting covers later changes as well. With ``KM_AUTO_PUBLISH`` the draft goes live at
once; otherwise staff publish it from the workspace or with ``kwaliteitsmonitor publish``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from . import build as builder
from .models import Publication, State

logger = logging.getLogger(__name__)


def _user(user_id: int | None) -> Any:
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


@task()
def build_publication(actor: str = "", user_id: int | None = None, full: bool = False) -> int | None:
    """Build the next draft (and publish it when the operator chose automatic publication)."""
    try:
        publication = builder.build(actor=actor, user=_user(user_id), full=full)
    except builder.PublicationBusy:
        logger.info("publicatie: er wordt al een publicatie gemaakt; deze taak vervalt")
        return None
    return publication.number


@task()
def publish_draft(number: int, user_id: int | None = None) -> int:
    """Make draft ``number`` the live publication."""
    publication = Publication.objects.get(number=number, state=State.DRAFT)
    builder.switch(publication, _user(user_id))
    return publication.number


def _waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=build_publication.module_path, status__in=("READY",)
    ).exists()


def queue_build(actor: str) -> None:
    """Queue one build after the current transaction commits (none if one is already waiting)."""

    def enqueue() -> None:
        try:
            if _waiting():
                return
        except Exception:
            logger.debug("publicatie: wachtrij niet te bekijken", exc_info=True)
        build_publication.enqueue(actor=actor)

    transaction.on_commit(enqueue)
