# SPDX-License-Identifier: EUPL-1.2
"""Doel: resultaten (streefwaarde, nulmeting, huidige waarde), inspanningen (voortgang) and every
linked indicator with its trend chart and data table. All figures come from one observation query."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import (
    Effort,
    EffortProgress,
    Goal,
    Result,
    ResultIndicator,
    reports_by_period,
)
from kwaliteitsmonitor.analysis.periods import dutch_date, period_label
from kwaliteitsmonitor.analysis.units import format_value
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.figures import trend_figure
from kwaliteitsmonitor.monitor.pages import overview
from kwaliteitsmonitor.monitor.pages.common import (
    NATIONAL,
    crumb,
    home_crumb,
    indicator_meta,
    national_comparable,
    of_kind,
    require_agenda,
    series_kind,
    value_dict,
)
from kwaliteitsmonitor.monitor.pages.insights import chart_overlay, result_statuses, targets
from kwaliteitsmonitor.monitor.pages.quality import sources_section
from kwaliteitsmonitor.monitor.pages.voorziening import outcomes_for_efforts
from kwaliteitsmonitor.monitor.text import markdown_to_html
from kwaliteitsmonitor.publications.queries import ValueRow, in_areas, values_for_indicators


def _load_goal(agenda_id: int, theme_slug: str, goal_slug: str) -> Goal:
    links = ResultIndicator.objects.select_related("indicator").order_by("order", "id")
    reports = reports_by_period()
    goal = (
        Goal.objects.select_related("theme")
        .filter(theme__agenda_id=agenda_id, theme__slug=theme_slug, slug=goal_slug)
        .prefetch_related(
            Prefetch("results", queryset=Result.objects.order_by("order", "id")),
            Prefetch("results__indicator_links", queryset=links),
            Prefetch("efforts", queryset=Effort.objects.select_related("partner").order_by("order", "id")),
            Prefetch("efforts__progress_reports", queryset=reports),
            Prefetch("efforts__indicators", queryset=Indicator.objects.order_by("name")),
        )
        .first()
    )
    if goal is None:
        raise Http404("Dit doel bestaat niet.")
    return goal


def _linked(goal: Goal) -> tuple[list[Indicator], set[str]]:
    indicators: dict[int, Indicator] = {}
    breakdowns = {""}
    for result in goal.results.all():
        for link in result.indicator_links.all():
            indicators.setdefault(link.indicator_id, link.indicator)
            breakdowns.add(link.breakdown)
    for effort in goal.efforts.all():
        for indicator in effort.indicators.all():
            indicators.setdefault(indicator.pk, indicator)
    return [i for i in indicators.values() if i.is_published], breakdowns


def _series(rows: list[ValueRow], area: str, breakdown: str = "") -> list[ValueRow]:
    return [r for r in rows if r.area == area and r.breakdown == breakdown]


def _result(
    result: Result, values: dict[str, list[ValueRow]], area: str, status: dict[str, Any] | None = None
) -> dict[str, Any]:
    link = next(iter(result.indicator_links.all()), None)
    data: dict[str, Any] = {
        "title": result.title,
        "description_html": markdown_to_html(result.description),
        "direction": result.get_direction_display(),
        "target_year": result.target_year,
        "indicator": None,
        "target": None,
        "baseline": None,
        "current": value_dict(None),
        "status": status,
    }
    if link is None:
        return data
    indicator = link.indicator
    unit, decimals = indicator.unit, indicator.decimals
    data["indicator"] = {
        "code": indicator.code,
        "name": indicator.name,
        "breakdown": link.breakdown,
        "url": reverse("monitor:indicator", kwargs={"code": indicator.code}),
    }
    if result.target_value is not None:
        data["target"] = {
            "value": result.target_value,
            "text": format_value(result.target_value, unit, decimals),
        }
    if result.baseline_value is not None:
        data["baseline"] = {
            "value": result.baseline_value,
            "text": format_value(result.baseline_value, unit, decimals),
            "period": result.baseline_period,
            "period_label": period_label(result.baseline_period) if result.baseline_period else "",
        }
    rows = _series(values.get(indicator.code, []), area, link.breakdown)
    rows = of_kind(rows, series_kind(rows, indicator.period_type))
    shown = [r for r in rows if r.value is not None or r.secret]
    if shown:
        data["current"] = value_dict(shown[-1])
    return data


def _effort(effort: Effort, label_set: str) -> dict[str, Any]:
    """An inspanning as its latest report (by the report period's date) has it: the one source."""
    latest = effort.latest_report()
    return {
        "title": effort.title,
        "description_html": markdown_to_html(effort.description),
        "owner": effort.owner,
        "partner": effort.partner.name if effort.partner else "",
        "start": effort.start_date.isoformat() if effort.start_date else None,
        "end": effort.end_date.isoformat() if effort.end_date else None,
        "start_text": dutch_date(effort.start_date),
        "end_text": dutch_date(effort.end_date),
        **overview.effort_state(effort, label_set),
        "explanation_html": markdown_to_html(latest.explanation if latest else ""),
        "latest_report": _report(latest) if latest else None,
        "indicators": [{"code": i.code, "name": i.name} for i in effort.indicators.all()],
    }


def _efforts(goal: Goal, label_set: str) -> list[dict[str, Any]]:
    """The inspanningen, each with the published outcome of the voorzieningen that belong to it."""
    efforts = list(goal.efforts.all())
    outcomes = outcomes_for_efforts(e.pk for e in efforts)
    return [{**_effort(e, label_set), "voorzieningen": outcomes.get(e.pk, [])} for e in efforts]


def _report(report: EffortProgress) -> dict[str, Any]:
    period = report.report_period
    costs = [
        f"{format_value(float(amount), 'euro', 0)} {word}"
        for amount, word in ((report.budget, "begroot"), (report.realisation, "gerealiseerd"))
        if amount is not None
    ]
    return {
        "period": period.name,
        "period_slug": period.slug,
        "period_date": period.date.isoformat(),
        "period_date_text": dutch_date(period.date),
        "date": report.reported_on.isoformat() if report.reported_on else None,
        "date_text": dutch_date(report.reported_on),
        "budget": float(report.budget) if report.budget is not None else None,
        "realisation": float(report.realisation) if report.realisation is not None else None,
        "costs_text": ", ".join(costs),
    }


def indicator_block(
    indicator: Indicator,
    rows: list[ValueRow],
    area: str,
    area_name: str,
    target: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An indicator on a doel page: description, latest value and a trend chart gemeente vs Nederland."""
    meta = indicator_meta(indicator)
    total = [r for r in rows if r.breakdown == ""]
    kind = series_kind(_series(total, area) or total, indicator.period_type)
    main = of_kind(_series(total, area), kind)
    national = of_kind(_series(total, NATIONAL), kind)
    shown = [r for r in main if r.value is not None or r.secret]
    series: list[tuple[str, Any]] = [(area_name, main)]
    if national and national_comparable(indicator):
        series.append(("Nederland", national))
    return {
        **meta,
        "latest": value_dict(shown[-1]) if shown else value_dict(None),
        "figure": trend_figure(meta, series, kind, chart_overlay(indicator, meta, total, area, target)),
    }


def doel_page(theme_slug: str, goal_slug: str) -> dict[str, Any]:
    agenda = require_agenda()
    goal = _load_goal(agenda.pk, theme_slug, goal_slug)
    area, area_name = agenda.area.code, agenda.area.name
    indicators, breakdowns = _linked(goal)
    values = values_for_indicators(
        indicators, in_areas([area, NATIONAL]) & Q(breakdown__in=sorted(breakdowns))
    )
    theme = goal.theme
    kwargs = {"theme": theme.slug, "goal": goal.slug}
    results = list(goal.results.all())
    statuses = result_statuses(results, values, area)
    goal_targets = targets(results, statuses, agenda.end_year)
    url = reverse("monitor:doel", kwargs=kwargs)
    return {
        "page": "doel",
        "title": str(goal),
        "url": url,
        "json_url": reverse("monitor:doel-json", kwargs=kwargs),
        "breadcrumbs": [
            home_crumb(),
            crumb(theme.title, reverse("monitor:opgave", kwargs={"theme": theme.slug})),
            crumb(str(goal)),
        ],
        "area": {"code": area, "name": area_name},
        "theme": {"slug": theme.slug, "title": theme.title},
        "goal": {
            "slug": goal.slug,
            "number": goal.number,
            "title": goal.title,
            "description_html": markdown_to_html(goal.description),
        },
        "overview": overview.goal_overview(goal, url, statuses, agenda.label_set),
        "results": [_result(r, values, area, statuses.get(r.pk)) for r in results],
        "efforts": _efforts(goal, agenda.label_set),
        "indicators": [
            indicator_block(i, values.get(i.code, []), area, area_name, goal_targets.get(i.code))
            for i in indicators
        ],
        "sources": sources_section(indicators, values, {i.code: [area] for i in indicators}),
    }
