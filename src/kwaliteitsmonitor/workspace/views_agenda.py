# SPDX-License-Identifier: EUPL-1.2
"""Agenda editing: the inspanningen the user may edit, and one inspanning's progress per report period
and indicators (chosen by name, with search)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from kwaliteitsmonitor.accounts.permissions import scoped
from kwaliteitsmonitor.agenda.models import Effort, EffortProgress, ReportPeriod

from .access import check, requires
from .attention import current_period
from .forms import EffortIndicatorsForm, ProgressForm
from .pages import page


@requires("agenda.change_effort")
def efforts(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    found = scoped(request.user, "agenda.change_effort", Effort.objects.all()).select_related(
        "goal__theme", "partner"
    )
    if query:
        found = found.filter(title__icontains=query)
    period = current_period()
    reported = (
        set(EffortProgress.objects.filter(report_period=period).values_list("effort_id", flat=True))
        if period
        else set()
    )
    rows = [
        {"effort": e, "reported": e.pk in reported}
        for e in found.order_by("goal__theme__order", "goal__order", "order", "id")[:500]
    ]
    return page(
        request,
        "workspace/efforts.html",
        "inspanningen",
        "Inspanningen",
        rows=rows,
        query=query,
        period=period,
    )


@requires("agenda.change_effort")
def effort(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Effort.objects.select_related("goal__theme__agenda", "partner"), pk=pk)
    check(request, "agenda.change_effort", item)
    period_id = request.GET.get("periode") or request.POST.get("report_period")
    period = ReportPeriod.objects.filter(pk=period_id).first() if str(period_id or "").isdigit() else None
    period = period or current_period()
    existing = EffortProgress.objects.filter(effort=item, report_period=period).first() if period else None
    form = ProgressForm(
        request.POST if request.method == "POST" and "save_progress" in request.POST else None,
        instance=existing or EffortProgress(effort=item),
        initial={"report_period": period},
        prefix="voortgang",
    )
    query = request.GET.get("zoek", "").strip()[:100]
    indicator_form = EffortIndicatorsForm(
        request.POST if request.method == "POST" and "save_indicators" in request.POST else None,
        chosen=list(item.indicators.all()),
        query=query,
        prefix="indicatoren",
    )
    if request.method == "POST":
        if "save_progress" in request.POST and form.is_valid():
            with transaction.atomic():
                report = form.save(commit=False)
                report.effort = item
                clash = EffortProgress.objects.filter(effort=item, report_period=report.report_period)
                if report.pk is None and clash.exists():
                    report.pk = clash.values_list("pk", flat=True).first()
                report.save()
            messages.success(request, f"De voortgang over {report.report_period} is opgeslagen.")
            return redirect(
                f"{reverse('workspace:effort', args=[item.pk])}?periode={report.report_period_id}"
            )
        if "save_indicators" in request.POST and indicator_form.is_valid():
            item.indicators.set(indicator_form.cleaned_data["indicators"])
            messages.success(request, "De prestatie-indicatoren zijn opgeslagen.")
            return redirect("workspace:effort", pk=item.pk)
    goal = item.goal
    public_url = reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug})
    return page(
        request,
        "workspace/effort.html",
        "inspanningen",
        item.title,
        effort=item,
        form=form,
        indicator_form=indicator_form,
        periods=ReportPeriod.objects.order_by("-date", "name"),
        period=period,
        query=query,
        public_url=public_url,
        reports=item.progress_reports.select_related("report_period").order_by("-report_period__date"),
    )
