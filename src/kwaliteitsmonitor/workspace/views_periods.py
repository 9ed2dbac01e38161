# SPDX-License-Identifier: EUPL-1.2
"""Report periods: the list of P&C moments, and one period's form (beheerders and redacteuren)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from kwaliteitsmonitor.agenda.models import EffortProgress, ReportPeriod

from .access import requires
from .attention import current_period
from .forms_duiding import ReportPeriodForm
from .pages import page


@requires("agenda.change_report_period")
def periods(request: HttpRequest) -> HttpResponse:
    rows = list(ReportPeriod.objects.order_by("-date", "name"))
    counts = dict(
        EffortProgress.objects.values("report_period")
        .order_by()
        .annotate(n=Count("id"))
        .values_list("report_period", "n")
    )
    for row in rows:
        row.report_count = counts.get(row.pk, 0)  # type: ignore[attr-defined]
    return page(
        request,
        "workspace/periods.html",
        "perioden",
        "Rapportageperioden",
        rows=rows,
        current=current_period(),
    )


@requires("agenda.change_report_period")
def period_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = get_object_or_404(ReportPeriod, pk=pk) if pk is not None else ReportPeriod()
    form = ReportPeriodForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Rapportageperiode {saved.name} is opgeslagen.")
        return redirect("workspace:periods")
    title = item.name if pk is not None else "Nieuwe rapportageperiode"
    return page(
        request,
        "workspace/period_edit.html",
        "perioden",
        title,
        form=form,
        item=item,
    )
