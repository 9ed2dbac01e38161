# SPDX-License-Identifier: EUPL-1.2
"""An ``ImportRun`` never stays "running" after its process has ended.

Every run records the process that runs it (``host:pid``) and a heartbeat. :func:`recover` marks the
runs whose process is gone as failed; it is called when an import starts and when ``serve`` starts (the
same rule as a publication build, ``publications.build``): on this host the pid tells at once, on
another host only a heartbeat older than :data:`STALE_SECONDS` does.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone

from .models import ImportRun, ImportStatus, Observation
from .records import RecordError

logger = logging.getLogger(__name__)

STALE_SECONDS = 6 * 60 * 60  # a run on another host without a sign of life for this long has died
CRASHED = "Afgebroken: het proces dat deze import uitvoerde, is gestopt voordat de import klaar was."


def process_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def process_alive(
    process: str, last_sign: dt.datetime | None, now: dt.datetime, stale_seconds: float
) -> bool:
    """Is the process ``host:pid`` still at work? On this host its pid tells at once; elsewhere only a sign
    of life (a heartbeat) younger than ``stale_seconds`` does. Used for import runs and publication builds."""
    host, _, pid = process.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return True
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return bool(last_sign and (now - last_sign).total_seconds() < stale_seconds)


def alive(run: ImportRun, now: dt.datetime) -> bool:
    return process_alive(run.process, run.heartbeat or run.started_at, now, STALE_SECONDS)


def recover() -> list[int]:
    """Mark runs whose process has ended as failed; returns their ids."""
    now = timezone.now()
    dead = [run for run in ImportRun.objects.filter(status=ImportStatus.RUNNING) if not alive(run, now)]
    for run in dead:
        ImportRun.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).update(
            status=ImportStatus.FAILED,
            finished_at=now,
            errors=[*run.errors, RecordError(CRASHED).as_dict()],
        )
        logger.warning(
            "importrun %s (%s, %s) afgebroken: proces %s bestaat niet meer",
            run.pk,
            run.connector,
            run.source,
            run.process,
        )
    return [run.pk for run in dead]


def last_delivered(indicator_ids: Iterable[int]) -> dict[int, dt.datetime | None]:
    """Per indicator: when the newest import that wrote its values retrieved them (its finish when the
    source gives no retrieval date), as the working store has it now. One aggregate over the indicators'
    observations; an indicator no import wrote is absent."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return {}
    rows = (
        Observation.objects.filter(indicator_id__in=ids, import_run__isnull=False)
        .values("indicator_id")
        .annotate(retrieved=Max("import_run__retrieved_at"), finished=Max("import_run__finished_at"))
    )
    return {row["indicator_id"]: row["retrieved"] or row["finished"] for row in rows}
