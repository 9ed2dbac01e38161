# SPDX-License-Identifier: EUPL-1.2
"""Resultaten: the ones the user may edit, and one resultaat's streefwaarde, nulmeting, direction and
indicators. A change reaches the public pages with the next publication (the statuses are computed there)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from kwaliteitsmonitor.accounts.permissions import scoped
from kwaliteitsmonitor.agenda.models import Result, ResultIndicator

from .access import check, requires
from .forms_results import ResultForm, ResultIndicatorsForm
from .pages import page


@requires("agenda.change_result")
def results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    found = scoped(request.user, "agenda.change_result", Result.objects.all()).select_related("goal__theme")
    if query:
        found = found.filter(title__icontains=query)
    rows = found.order_by("goal__theme__order", "goal__order", "order", "id")[:500]
    return page(request, "workspace/results.html", "resultaten", "Resultaten", rows=rows, query=query)


@requires("agenda.change_result")
def result(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Result.objects.select_related("goal__theme__agenda"), pk=pk)
    check(request, "agenda.change_result", item)
    posted = request.POST if request.method == "POST" else None
    form = ResultForm(
        posted if posted and "save_result" in posted else None, instance=item, prefix="resultaat"
    )
    query = request.GET.get("zoek", "").strip()[:100]
    indicator_form = ResultIndicatorsForm(
        posted if posted and "save_indicators" in posted else None,
        chosen=list(item.indicators.all()),
        query=query,
        prefix="indicatoren",
    )
    if posted:
        if "save_result" in posted and form.is_valid():
            form.save()
            messages.success(request, "Het resultaat is opgeslagen; het staat op de website na publiceren.")
            return redirect("workspace:result", pk=item.pk)
        if "save_indicators" in posted and indicator_form.is_valid():
            _set_indicators(item, list(indicator_form.cleaned_data["indicators"]))
            messages.success(request, "De indicatoren van dit resultaat zijn opgeslagen.")
            return redirect("workspace:result", pk=item.pk)
        messages.error(request, "Niet opgeslagen: verbeter de velden met een foutmelding.")
    goal = item.goal
    public_url = reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug})
    links = item.indicator_links.select_related("indicator").order_by("order", "id")
    return page(
        request,
        "workspace/result.html",
        "resultaten",
        item.title,
        result=item,
        form=form,
        indicator_form=indicator_form,
        links=links,
        query=query,
        public_url=public_url,
        status=400 if posted and (form.errors or indicator_form.errors) else 200,
    )


def _set_indicators(item: Result, chosen: list) -> None:
    """Keep the links that stay (with their breakdown and order), add the new ones, remove the rest."""
    with transaction.atomic():
        keep = {indicator.pk for indicator in chosen}
        item.indicator_links.exclude(indicator_id__in=keep).delete()
        present = set(item.indicator_links.values_list("indicator_id", flat=True))
        order = (item.indicator_links.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        for indicator in chosen:
            if indicator.pk not in present:
                ResultIndicator.objects.create(result=item, indicator=indicator, order=order)
                order += 1
