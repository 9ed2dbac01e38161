# SPDX-License-Identifier: EUPL-1.2
"""Refreshing as background work (``django-tasks``; ``KM_TASKS``). django-tasks has no periodic jobs:
``kwaliteitsmonitor refresh --due`` from cron or a systemd timer is the scheduler, and
``refresh --due --queue`` hands the pass to the worker instead of running it in the caller."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from .refresh import refresh_due


@task()
def refresh_due_sources() -> dict[str, Any]:
    """Run every source that is due (and publish when ``KM_AUTO_PUBLISH``)."""
    result = refresh_due()
    return {
        "sources": [s.as_dict() for s in result.sources],
        "published": result.published,
        "publish_message": result.publish_message,
    }
