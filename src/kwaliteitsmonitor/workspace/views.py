# SPDX-License-Identifier: EUPL-1.2
"""The workspace's start page and the publications page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.accounts.permissions import allowed
from kwaliteitsmonitor.publications import tasks as publication_tasks
from kwaliteitsmonitor.publications.context import PREVIEW_SESSION_KEY
from kwaliteitsmonitor.publications.models import READABLE, Publication, State

from . import attention
from .access import check, requires
from .changes import change_list, changed_values
from .pages import page


@requires("workspace.enter")
def home(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "workspace/home.html",
        "home",
        "Wat vraagt aandacht",
        sections=attention.sections(request.user),
    )


@requires("publications.view_draft")
def publications(request: HttpRequest) -> HttpResponse:
    rows = list(Publication.objects.order_by("-number")[:30])
    for row in rows:
        row.changed_values = changed_values(row)  # type: ignore[attr-defined]
    # The change list of what waits (drafts) and of what is live now.
    detailed = [p for p in rows if p.state in (State.DRAFT, State.LIVE)][:3]
    return page(
        request,
        "workspace/publications.html",
        "publicaties",
        "Publicaties",
        rows=rows,
        details=[{"publication": p, **change_list(p)} for p in detailed],
        can_publish=allowed(request.user, "publications.publish"),
        can_report=allowed(request.user, "reports.download"),
        READABLE=READABLE,
        previewing=request.session.get(PREVIEW_SESSION_KEY),
        DRAFT=State.DRAFT,
    )


@require_POST
@requires("publications.publish")
def publish(request: HttpRequest, number: int) -> HttpResponse:
    draft = get_object_or_404(Publication, number=number)
    if draft.state != State.DRAFT:
        messages.error(request, f"Publicatie {number} is geen concept ({draft.get_state_display()}).")
        return redirect("workspace:publications")
    publication_tasks.publish_draft.enqueue(number=number, user_id=request.user.pk)
    security_log.event("publish", request, publication=number)
    messages.success(request, f"Publicatie {number} wordt gepubliceerd; ververs deze pagina voor de stand.")
    return redirect("workspace:publications")


@require_POST
@requires("publications.view_draft")
def preview(request: HttpRequest, number: int) -> HttpResponse:
    """Read the public pages as draft ``number`` shows them (until "Stop voorbeeld")."""
    if number == 0:
        request.session.pop(PREVIEW_SESSION_KEY, None)
        return redirect("workspace:publications")
    draft = get_object_or_404(Publication, number=number, state=State.DRAFT)
    check(request, "publications.view_draft")
    request.session[PREVIEW_SESSION_KEY] = draft.number
    return redirect("monitor:home")
