# SPDX-License-Identifier: EUPL-1.2
"""Partner outcome intake: a partner downloads the template of its own voorzieningen for a half-year,
fills it in (or uses the form) and submits; a redacteur sees per voorziening old → new and accepts (the
figures go through the one load step into the next publication) or returns it with a reason. A file that
looks like rows per person is refused as a whole and nothing is stored (ADR 0003)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.outcomes import intake as outcome_intake
from kwaliteitsmonitor.outcomes import service
from kwaliteitsmonitor.outcomes.definitions import COLUMNS, FIGURES, INDICATORS, MIN_N
from kwaliteitsmonitor.outcomes.models import Submission, SubmissionState, Voorziening
from kwaliteitsmonitor.outcomes.template import workbook

from .access import check, requires
from .forms_outcomes import ReturnForm, UploadForm, VoorzieningForm
from .pages import page


def _partner_id(request: HttpRequest) -> int:
    profile = getattr(request.user, "profile", None)
    if profile is None or not profile.organisation_id:
        check(request, "outcomes.submit", Submission(partner_id=0))  # 403, logged
        raise PermissionDenied
    return int(profile.organisation_id)


def _period(request: HttpRequest, value: str | None) -> str:
    choices = dict(service.period_choices())
    return value if value in choices else next(iter(choices))


@requires("outcomes.view_voorziening")
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    voorzieningen = scoped(
        user, "outcomes.view_voorziening", Voorziening.objects.select_related("partner", "area", "effort")
    )
    submit_q = scoped(user, "outcomes.submit", Submission.objects.all())
    review_q = scoped(user, "outcomes.review", Submission.objects.all())
    submissions = (submit_q | review_q).select_related("partner", "area").order_by("-submitted_at")[:100]
    period = _period(request, request.GET.get("periode"))
    return page(
        request,
        "workspace/outcomes.html",
        "uitkomsten",
        "Uitkomsten per voorziening",
        voorzieningen=voorzieningen.order_by("name"),
        submissions=submissions,
        can_submit=allowed(user, "outcomes.submit"),
        can_edit=allowed(user, "outcomes.change_voorziening"),
        can_review=allowed(user, "outcomes.review"),
        periods=service.period_choices(),
        period=period,
        upload_form=UploadForm(initial={"period": period}),
        indicators=INDICATORS,
        min_n=MIN_N,
    )


@requires("outcomes.submit")
def template(request: HttpRequest) -> HttpResponse:
    partner = _partner_id(request)
    period = _period(request, request.GET.get("periode"))
    own = Voorziening.objects.filter(partner_id=partner).order_by("name")
    organisation = str(request.user.profile.organisation)  # type: ignore[union-attr]
    data = workbook(organisation, period, period_label(period), own.values_list("code", "name", "kind"))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="uitkomsten-{period}.xlsx"'
    return response


@requires("outcomes.submit")
def upload(request: HttpRequest) -> HttpResponse:
    partner = _partner_id(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        result = outcome_intake.read_workbook(
            form.cleaned_data["file"].read(), period, service.known_for(partner)
        )
        return _handle(request, result, partner, period, "bestand", form=form)
    return page(
        request,
        "workspace/outcome_upload.html",
        "uitkomsten",
        "Uitkomsten aanleveren",
        form=form,
        status=200,
    )


@requires("outcomes.submit")
def entry(request: HttpRequest) -> HttpResponse:
    """The same figures by form: one row of inputs per own voorziening, checked by the same rules."""
    partner = _partner_id(request)
    period = _period(request, request.POST.get("period") or request.GET.get("periode"))
    own = list(Voorziening.objects.filter(partner_id=partner).order_by("name"))
    values: dict[str, dict[str, str]] = {v.code: {} for v in own}
    if request.method == "POST":
        cells = []
        for number, v in enumerate(own, start=1):
            raw = {c.key: request.POST.get(f"{v.code}__{c.key}", "").strip()[:20] for c in FIGURES}
            values[v.code] = raw
            if any(raw.values()):
                cells.append((number, {"code": v.code, **raw}))
        result = outcome_intake.check_rows(cells, service.known_for(partner), sheet="formulier")
        if result.ok:
            return _handle(request, result, partner, period, "formulier")
        errors = result.errors
    else:
        errors = []
    rows = [
        {
            "v": v,
            "cells": [
                {"column": c, "name": f"{v.code}__{c.key}", "value": values[v.code].get(c.key, "")}
                for c in FIGURES
            ],
        }
        for v in own
    ]
    return page(
        request,
        "workspace/outcome_form.html",
        "uitkomsten",
        "Uitkomsten invullen",
        rows=rows,
        errors=errors,
        period=period,
        periods=service.period_choices(),
        columns=FIGURES,
        status=200,
    )


def _handle(
    request: HttpRequest, result: outcome_intake.Intake, partner: int, period: str, via: str, **extra: Any
) -> HttpResponse:
    if result.personal:
        security_log.event("personal_data_refused", request, via=via)
        return page(
            request,
            "workspace/outcome_upload.html",
            "uitkomsten",
            "Bestand geweigerd",
            refusal=result.personal,
            form=extra.get("form") or UploadForm(),
            status=400,
        )
    if result.foreign_codes:
        security_log.event(
            "permission_denied",
            request,
            permission="outcomes.submit",
            object=",".join(sorted(set(result.foreign_codes)))[:200],
        )
    if not result.ok:
        status = 403 if result.foreign_codes else 200
        return page(
            request,
            "workspace/outcome_upload.html",
            "uitkomsten",
            "Aanlevering niet gelukt",
            errors=result.errors,
            form=extra.get("form") or UploadForm(),
            status=status,
        )
    made = service.submit(result, partner, period, request.user, via)
    security_log.event(
        "outcome_submitted", request, submissions=",".join(str(s.pk) for s in made), period=period
    )
    messages.success(
        request, f"Uw cijfers over {period_label(period)} zijn ingediend; de gemeente beoordeelt ze."
    )
    return redirect("workspace:outcome_submission", pk=made[0].pk)


def _visible(request: HttpRequest, submission: Submission) -> None:
    if not (
        allowed(request.user, "outcomes.submit", submission)
        or allowed(request.user, "outcomes.review", submission)
    ):
        check(request, "outcomes.review", submission)  # 403, logged


@requires("outcomes.view_voorziening")
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Submission.objects.select_related("partner", "area", "submitted_by", "reviewed_by"), pk=pk
    )
    _visible(request, item)
    return page(
        request,
        "workspace/outcome_submission.html",
        "uitkomsten",
        f"Aanlevering {item.partner}, {period_label(item.period)}",
        item=item,
        period_text=period_label(item.period),
        changes=service.changes(item),
        can_review=allowed(request.user, "outcomes.review", item) and item.state == SubmissionState.SUBMITTED,
        return_form=ReturnForm(),
    )


@require_POST
@requires("outcomes.review")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Submission, pk=pk)
    check(request, "outcomes.review", item)
    if item.state != SubmissionState.SUBMITTED:
        messages.error(request, "Deze aanlevering is al beoordeeld.")
        return redirect("workspace:outcome_submission", pk=item.pk)
    if "accept" in request.POST:
        ok, problems = service.accept(item, request.user)
        if ok:
            security_log.event(
                "import", request, connector=service.CONNECTOR, status="ok", run=item.import_run_id
            )
            messages.success(
                request,
                "De cijfers zijn geaccepteerd en opgeslagen; ze komen in het volgende concept.",
            )
        else:
            messages.error(
                request,
                "De cijfers konden niet worden opgeslagen; er is niets veranderd: " + "; ".join(problems[:5]),
            )
        return redirect("workspace:outcome_submission", pk=item.pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return page(
            request,
            "workspace/outcome_submission.html",
            "uitkomsten",
            "Aanlevering",
            item=item,
            period_text=period_label(item.period),
            changes=service.changes(item),
            can_review=True,
            return_form=form,
        )
    service.return_to_partner(item, request.user, form.cleaned_data["reason"])
    messages.success(request, "De aanlevering is teruggestuurd naar de partner, met uw reden.")
    return redirect("workspace:outcome_submission", pk=item.pk)


@requires("outcomes.change_voorziening")
def voorziening(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = get_object_or_404(Voorziening, pk=pk) if pk else None
    if item is not None:
        check(request, "outcomes.change_voorziening", item)
    form = VoorzieningForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # saved, then asked of the rule set; outside its scope nothing stays
            saved = form.save()
            check(request, "outcomes.change_voorziening", saved)
        messages.success(request, f"Voorziening '{saved.name}' is opgeslagen.")
        return redirect("workspace:outcomes")
    title = f"Voorziening {item.name}" if item else "Nieuwe voorziening"
    return page(
        request, "workspace/voorziening_edit.html", "uitkomsten", title, form=form, item=item, columns=COLUMNS
    )
