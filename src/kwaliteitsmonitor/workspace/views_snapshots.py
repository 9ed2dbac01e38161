# SPDX-License-Identifier: EUPL-1.2
"""Rapportages in the workspace: freeze the live publication under a name, make a snapshot public, add a
correction. Freezing runs as a background task; the page shows its progress (done of total pages)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.snapshots import amend, freeze
from kwaliteitsmonitor.snapshots import tasks as snapshot_tasks
from kwaliteitsmonitor.snapshots.models import Snapshot, Stage

from .access import requires
from .pages import page

DATE_HELP = "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 1-11-2026."


class FreezeForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=200, help_text="Bijvoorbeeld 'Najaarsnota 2026'.")
    as_of = forms.DateField(
        label="Stand van", required=False, input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        help_text="De datum die de rapportage noemt; leeg: vandaag. " + DATE_HELP,
        error_messages={"invalid": "Dit is geen datum. " + DATE_HELP},
    )  # fmt: skip


class AmendForm(forms.Form):
    note = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    date = forms.DateField(
        label="Datum", required=False, input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        help_text="Leeg: vandaag. " + DATE_HELP,
        error_messages={"invalid": "Dit is geen datum. " + DATE_HELP},
    )  # fmt: skip
    paths = forms.CharField(
        label="Pagina's opnieuw bevriezen", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Eén pad per regel, bijvoorbeeld /opgave/zorg/doel-1/; ze worden opnieuw bevroren uit de "
        "actuele publicatie. De oude versie blijft bewaard.",
    )  # fmt: skip


def _render(request: HttpRequest, form: FreezeForm | None = None, status: int = 200) -> HttpResponse:
    snapshots = list(Snapshot.objects.select_related("publication").prefetch_related("amendments"))
    for snapshot in snapshots:
        snapshot.amend_form = AmendForm(prefix=f"c{snapshot.pk}")  # type: ignore[attr-defined]
    return page(
        request,
        "workspace/snapshots.html",
        "rapportages",
        "Rapportages",
        status=status,
        form=form or FreezeForm(),
        snapshots=snapshots,
        PRERELEASE=Stage.PRERELEASE,
        FREEZING=Stage.FREEZING,
    )


@requires("snapshots.manage")
def snapshots(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return _render(request, form)
    try:
        snapshot = freeze.prepare(form.cleaned_data["name"], form.cleaned_data["as_of"], request.user)
    except freeze.FreezeRefused as exc:
        form.add_error(None, str(exc))
        return _render(request, form)
    snapshot_tasks.freeze_snapshot.enqueue(snapshot_id=snapshot.pk)
    security_log.event("snapshot_freeze", request, snapshot=snapshot.slug)
    messages.success(
        request, f"Rapportage '{snapshot.name}' wordt bevroren; ververs deze pagina voor de voortgang."
    )
    return redirect("workspace:snapshots")


@require_POST
@requires("snapshots.manage")
def make_public(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, slug=slug)
    try:
        amend.make_public(snapshot, request.user)
    except freeze.FreezeRefused as exc:
        messages.error(request, str(exc))
        return redirect("workspace:snapshots")
    security_log.event("snapshot_public", request, snapshot=snapshot.slug)
    messages.success(request, f"Rapportage '{snapshot.name}' is openbaar.")
    return redirect("workspace:snapshots")


@require_POST
@requires("snapshots.manage")
def amendment(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, slug=slug)
    form = AmendForm(request.POST, prefix=f"c{snapshot.pk}")
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
        messages.error(request, f"Correctie op '{snapshot.name}' niet opgeslagen. {errors}")
        return redirect("workspace:snapshots")
    try:
        amend.amend(
            snapshot,
            form.cleaned_data["note"],
            form.cleaned_data["date"] or dt.date.today(),
            request.user,
            form.cleaned_data["paths"].splitlines(),
        )
    except freeze.FreezeRefused as exc:
        messages.error(request, f"Correctie op '{snapshot.name}' niet opgeslagen. {exc}")
        return redirect("workspace:snapshots")
    messages.success(
        request, f"Correctie op '{snapshot.name}' toegevoegd; ze staat op elke pagina van de rapportage."
    )
    return redirect("workspace:snapshots")
