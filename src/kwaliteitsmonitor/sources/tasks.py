# SPDX-License-Identifier: EUPL-1.2
"""Refreshing as background work (``django-tasks``; ``KM_TASKS``). django-tasks has no periodic jobs, so
the schedule is the monitor's own: ``kwaliteitsmonitor refresh --due`` from cron or a systemd timer, or
``refresh --queue --loop``: the worker runs the pass and queues the next one for the moment the next
source is due (``run_after``), without Redis or another scheduler."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Source
from .refresh import refresh_due

logger = logging.getLogger(__name__)
IDLE = dt.timedelta(hours=1)  # with no source due, look again after an hour (new sources)


def next_pass_at(now: dt.datetime) -> dt.datetime:
    """When the next source is due (at least a minute from now, at most IDLE)."""
    earliest = Source.objects.filter(active=True).aggregate(at=Min("next_run_at"))["at"]
    if earliest is None:
        return now + IDLE
    return min(max(earliest, now + dt.timedelta(minutes=1)), now + IDLE)


@task()
def refresh_due_sources(loop: bool = False) -> dict[str, Any]:
    """Run every source that is due (and publish when ``KM_AUTO_PUBLISH``); with ``loop`` queue the next
    pass for when the next source is due."""
    result = refresh_due()
    if loop:
        queue_next(timezone.now())
    return {
        "sources": [s.as_dict() for s in result.sources],
        "published": result.published,
        "publish_message": result.publish_message,
    }


def queue_next(now: dt.datetime) -> dt.datetime | None:
    if not default_task_backend.supports_defer:
        logger.warning("verversen: deze takenbackend kan niet uitstellen; gebruik cron met refresh --due")
        return None
    at = next_pass_at(now)
    refresh_due_sources.using(run_after=at).enqueue(loop=True)
    return at
