# SPDX-License-Identifier: EUPL-1.2
"""Making a council report as background work (``django-tasks``; the worker runs next to the site),
with its progress stored on the :class:`CouncilReport` row the workspace shows."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.utils import timezone
from django_tasks import task

from . import generate
from .document import ReportRefused
from .models import CouncilReport, ReportState

logger = logging.getLogger(__name__)
SAVE_EVERY_SECONDS = 1.0
STALE_SECONDS = 3600  # a report still queued or running after this long is taken as lost


@task()
def make_report(report_id: int) -> int:
    """Make the report of row ``report_id``; the row carries progress, then the bytes or the error."""
    row = CouncilReport.objects.select_related("publication").get(pk=report_id)
    row.state = ReportState.RUNNING
    row.save(update_fields=["state"])
    last = 0.0

    def progress(done: int, total: int, stage: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < SAVE_EVERY_SECONDS and done < total:
            return
        last = now
        CouncilReport.objects.filter(pk=report_id).update(done=done, total=total, stage=stage[:200])

    try:
        data = generate.make(row.publication, row.format, progress)
    except ReportRefused as exc:
        _fail(report_id, str(exc))
        return report_id
    except Exception as exc:  # the row must not stay "running" forever; the log has the trace
        logger.exception("raadsrapportage %s mislukt", report_id)
        _fail(report_id, f"De rapportage kon niet worden gemaakt ({type(exc).__name__}).")
        return report_id
    CouncilReport.objects.filter(pk=report_id).update(
        state=ReportState.DONE, data=data, stage="klaar", finished_at=timezone.now()
    )
    return report_id


def _fail(report_id: int, message: str) -> None:
    CouncilReport.objects.filter(pk=report_id).update(
        state=ReportState.FAILED, error=message, finished_at=timezone.now()
    )


def request(publication_number: int, fmt: str, user_id: int | None) -> CouncilReport:
    """The report asked for: a finished or running one is reused (same publication, same bytes),
    otherwise a new row is made and its task queued."""
    existing = (
        CouncilReport.objects.filter(
            publication__number=publication_number,
            format=fmt,
            state__in=(ReportState.QUEUED, ReportState.RUNNING, ReportState.DONE),
        )
        .defer("data")
        .first()
    )
    stale = timezone.now() - dt.timedelta(seconds=STALE_SECONDS)
    if existing is not None and existing.state != ReportState.DONE and existing.created_at < stale:
        _fail(existing.pk, "De rapportage bleef te lang onderweg (is de achtergrondverwerking gestopt?).")
        existing = None
    if existing is not None:
        return existing
    from kwaliteitsmonitor.publications.models import Publication

    row = CouncilReport.objects.create(
        publication=Publication.objects.get(number=publication_number), format=fmt, requested_by_id=user_id
    )
    make_report.enqueue(report_id=row.pk)
    return row
