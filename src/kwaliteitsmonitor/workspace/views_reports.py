# SPDX-License-Identifier: EUPL-1.2
"""The council report (Raadsrapportage) of a named, readable publication: ask for the PDF or the Word
file, follow its progress, download it. Made by a background task (``reports.tasks``)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.publications.models import READABLE, Publication
from kwaliteitsmonitor.reports import generate
from kwaliteitsmonitor.reports import tasks as report_tasks
from kwaliteitsmonitor.reports.models import CouncilReport, ReportState

from .access import requires
from .pages import page

FORMAT_LABELS = {"pdf": "PDF (toegankelijk, PDF/UA)", "docx": "Word (.docx)"}
FORMAT_SHORT = {"pdf": "PDF", "docx": "Word-bestand"}


def _publication(number: int) -> Publication:
    """A publication with a name that anyone may read; otherwise 404 (no report of a draft)."""
    publication = get_object_or_404(Publication, number=number, state__in=READABLE)
    if not publication.name:
        raise Http404("Deze publicatie heeft geen naam; een raadsrapportage is er voor benoemde publicaties.")
    return publication


def _latest(publication: Publication, fmt: str) -> CouncilReport | None:
    return (
        CouncilReport.objects.filter(publication=publication, format=fmt)
        .defer("data")
        .order_by("-id")
        .first()
    )


@requires("reports.download")
def report(request: HttpRequest, number: int) -> HttpResponse:
    publication = _publication(number)
    formats = [
        {"format": fmt, "label": label, "short": FORMAT_SHORT[fmt], "report": _latest(publication, fmt)}
        for fmt, label in FORMAT_LABELS.items()
    ]
    busy = any(
        f["report"] and f["report"].state in (ReportState.QUEUED, ReportState.RUNNING) for f in formats
    )
    return page(
        request,
        "workspace/report.html",
        "publicaties",
        f"Raadsrapportage {publication.name}",
        publication=publication,
        formats=formats,
        busy=busy,
        DONE=ReportState.DONE,
        FAILED=ReportState.FAILED,
    )


@require_POST
@requires("reports.download")
def report_make(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    publication = _publication(number)
    if fmt not in FORMAT_LABELS:
        raise Http404("Onbekend formaat.")
    row = report_tasks.request(publication.number, fmt, request.user.pk)
    security_log.event(
        "council_report", request, level=logging.INFO, publication=publication.number, format=fmt
    )
    if row.state == ReportState.DONE:
        messages.success(request, "Deze rapportage is al klaar; download haar hieronder.")
    else:
        messages.success(request, "De rapportage wordt gemaakt; ververs deze pagina voor de voortgang.")
    return redirect("workspace:report", number=publication.number)


@requires("reports.download")
def report_download(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    publication = _publication(number)
    if fmt not in FORMAT_LABELS:
        raise Http404("Onbekend formaat.")
    row = CouncilReport.objects.filter(publication=publication, format=fmt, state=ReportState.DONE).first()
    if row is None:
        raise Http404("Deze rapportage is nog niet gemaakt.")
    response = HttpResponse(bytes(row.data), content_type=generate.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{generate.filename(publication, fmt)}"'
    return response
