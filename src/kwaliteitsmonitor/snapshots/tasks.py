# SPDX-License-Identifier: EUPL-1.2
"""Freezing as background work (django-tasks), with progress on the snapshot row (done/total)."""

from __future__ import annotations

from django_tasks import task

from . import freeze
from .models import Snapshot


@task()
def freeze_snapshot(snapshot_id: int) -> str:
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    return freeze.run(snapshot).slug
