# SPDX-License-Identifier: EUPL-1.2
"""Indicator: trend (gemeente, Nederland, comparison group), per wijk a map and a table, per age group,
and the description (definition, source, unit, period type, status, disclosure, revisions)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.analysis.periods import parse_period
from kwaliteitsmonitor.areas.models import Area, AreaVintage, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import geo
from kwaliteitsmonitor.monitor.figures import bars_figure, map_figure, trend_figure
from kwaliteitsmonitor.monitor.pages.common import (
    NATIONAL,
    crumb,
    figure_text,
    home_crumb,
    indicator_meta,
    latest_period,
    national_comparable,
    of_kind,
    period_kind,
    require_agenda,
    series_kind,
    short_label,
    table,
    value_dict,
)
from kwaliteitsmonitor.monitor.pages.insights import chart_overlay, comparison_sections, indicator_targets
from kwaliteitsmonitor.monitor.pages.quality import page_areas, sources_section
from kwaliteitsmonitor.publications.insights import group_trend
from kwaliteitsmonitor.publications.insights_groups import (
    STATISTICS,
    group_label,
    period_year,
    reference_groups,
)
from kwaliteitsmonitor.publications.queries import ValueRow, earlier_versions, in_areas, values_for_indicators

AGE_PREFIX = "leeftijd="


def comparison_group(area: Area, period: str | None) -> dict[str, Any] | None:
    """The grootteklasse of ``area`` in the indeling for ``period``: the same group, with the same
    members, as the grootteklasse row of the comparison table (two queries)."""
    if period is None:
        return None
    groups = reference_groups(area, [period])[period_year(period)]
    return next((g for g in groups if g["kind"] == "grootteklasse"), None)


def group_line(
    indicator: Indicator, group: dict[str, Any], kind: str, area_name: str
) -> tuple[str, list[dict[str, Any]], dict[str, Any]] | None:
    """The group's figure per period for the trend chart (``insights_groups.group_series``: the figure
    the comparison table shows, stored with the publication), its label (which group, which figure,
    which indeling, from the latest period) and a note on how it is made."""
    points = [p for p in group_trend(indicator, group) if period_kind(p["period"]) == kind]
    if not any(p["value"] is not None for p in points):
        return None
    cells = [
        p
        | {
            "text": figure_text(p["value"], p["secret"], indicator.unit, indicator.decimals),
            "number_text": figure_text(
                p["value"], p["secret"], indicator.unit, indicator.decimals, with_unit=False
            ),
        }
        for p in points
    ]
    latest = next(p for p in reversed(points) if p["value"] is not None)
    label = group_label(group, latest)
    note = f"{label}: {STATISTICS[latest['method']]}; {area_name} telt mee."
    valued = [p for p in points if p["value"] is not None]
    for method in sorted({p["method"] for p in valued} - {latest["method"]}):
        periods = [short_label(p["period"]) for p in valued if p["method"] == method]
        note += f" In {_listed(periods)} is het {STATISTICS[method]}."
    return (
        label,
        cells,
        {
            "kind": group["kind"],
            "code": group["code"],
            "name": group["name"],
            "year": group["year"],
            "label": label,
            "statistic": latest["method"],
            "member_count": len(group["members"]),
            "note": note + " Dezelfde groep en dezelfde maat staan in de vergelijking hieronder.",
        },
    )


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def age_label(breakdown: str) -> str:
    group = breakdown.removeprefix(AGE_PREFIX).replace("-", "–")
    return f"{group} jaar" if group[:1].isdigit() else group


def _age_key(breakdown: str) -> tuple[int, str]:
    match = re.search(r"\d+", breakdown)
    return (int(match.group()) if match else 999, breakdown)


def wijk_geometries(codes: list[str], year: int) -> dict[str, dict[str, Any]]:
    """Boundary per wijk: the latest vintage up to ``year`` (else the earliest later one)."""
    chosen: dict[str, tuple[int, str]] = {}
    vintages = AreaVintage.objects.filter(area__code__in=codes).exclude(geometry="")
    for code, vintage_year, text in vintages.values_list("area__code", "year", "geometry"):
        best = chosen.get(code)
        score = vintage_year if vintage_year <= year else -vintage_year
        if best is None or score > best[0]:
            chosen[code] = (score, text)
    geometries = {}
    for code, (_, text) in chosen.items():
        geometry = geo.parse_geometry(text)
        if geometry is not None:
            geometries[code] = geometry
    return geometries


def _wijk_section(meta, indicator, rows, area_name, kind) -> dict[str, Any] | None:
    wijk_rows = of_kind(rows, kind) or rows
    period = latest_period(wijk_rows)
    if period is None:
        return None
    latest = sorted((r for r in wijk_rows if r.period == period), key=lambda r: r.area_name)
    geometries = wijk_geometries([r.area for r in latest], parse_period(period).year)
    label = latest[0].period_label
    figure = map_figure(meta, latest, geometries, area_name=area_name, period_label=label)
    if figure:  # every wijk in the table links to its wijk profile
        for table_row, row in zip(figure["table"]["rows"], latest, strict=True):
            table_row["url"] = reverse("monitor:wijk", kwargs={"code": row.area})
    return {
        "period": period,
        "period_label": label,
        "figure": figure,
        "secret_count": sum(1 for r in latest if r.secret),
    }


def _age_section(meta, rows, area_name, kind) -> dict[str, Any] | None:
    age_rows = of_kind(rows, kind) or rows
    period = latest_period(age_rows)
    if period is None:
        return None
    latest = sorted((r for r in age_rows if r.period == period), key=lambda r: _age_key(r.breakdown))
    label = latest[0].period_label
    figure = bars_figure(
        meta,
        [(age_label(r.breakdown), r) for r in latest],
        area_name=area_name,
        period_label=label,
        what="per leeftijdsgroep",
    )
    return {"period": period, "period_label": label, "figure": figure}


def indicator_page(code: str) -> dict[str, Any]:
    indicator = Indicator.objects.filter(code=code, is_published=True).first()
    if indicator is None:
        raise Http404("Deze indicator bestaat niet.")
    agenda = require_agenda()
    area = agenda.area
    # One area condition (the gemeente is among its areas), so the index (area, indicator) answers.
    filters = in_areas([area.code, NATIONAL], parent=area, level=Level.WK) & (
        Q(breakdown="") | Q(area_id=area.pk, breakdown__startswith=AGE_PREFIX)
    )
    rows = values_for_indicators([indicator], filters)[indicator.code]
    meta = indicator_meta(indicator)
    own = [r for r in rows if r.area == area.code and r.breakdown == ""]
    kind = series_kind(own or rows, indicator.period_type)
    own = of_kind(own, kind)
    series: list[tuple[str, Any]] = [(area.name, own)]
    national = of_kind([r for r in rows if r.area == NATIONAL and r.breakdown == ""], kind)
    if national and national_comparable(indicator):
        series.append(("Nederland", national))
    latest_own = next((r.period for r in reversed(own) if r.value is not None), None)
    group = comparison_group(area, latest_own)
    line = None
    if group:
        line = group_line(indicator, group, kind, area.name)
    if line:
        series.append((line[0], line[1]))
    shown = [r for r in own if r.value is not None or r.secret]
    target = indicator_targets(indicator, agenda, rows)
    wijk_rows = [r for r in rows if r.level == Level.WK]
    age_rows = [r for r in rows if r.breakdown.startswith(AGE_PREFIX)]
    revisions = _revisions(indicator, rows)
    return {
        "page": "indicator",
        "title": indicator.name,
        "url": reverse("monitor:indicator", kwargs={"code": indicator.code}),
        "json_url": reverse("monitor:indicator-json", kwargs={"code": indicator.code}),
        "breadcrumbs": [
            home_crumb(),
            crumb("Indicatoren", reverse("monitor:indicatoren")),
            crumb(indicator.name),
        ],
        "area": {"code": area.code, "name": area.name},
        "indicator": meta,
        "latest": value_dict(shown[-1]) if shown else value_dict(None),
        "comparison_group": line[2] if line else None,
        "trend": (
            trend_figure(meta, series, kind, chart_overlay(indicator, meta, rows, area.code, target))
            if own
            else None
        ),
        "status": target["status"],
        **comparison_sections(indicator, area, latest_own),
        "wijken": _wijk_section(meta, indicator, wijk_rows, area.name, kind),
        "age_groups": _age_section(meta, age_rows, area.name, kind),
        "revised_count": sum(1 for r in rows if r.revised and r.area == area.code),
        "computed_count": sum(1 for r in rows if r.computed and r.area == area.code and not r.breakdown),
        "revisions": revisions,
        "revisions_table": _revisions_table(indicator, revisions),
        "secret_count": sum(1 for r in rows if r.secret and r.area == area.code),
        "sources": sources_section(
            [indicator], {indicator.code: rows}, {indicator.code: page_areas(rows, area.code, True)}
        ),
    }


def _revisions(indicator: Indicator, rows: list[ValueRow]) -> list[dict[str, Any]]:
    """The figures on this page as earlier publications showed them, where a later one changed them
    (one extra query)."""
    areas = sorted({r.area for r in rows})
    if not areas:
        return []
    history = earlier_versions(indicator, areas)
    for item in history:
        item["text"] = figure_text(item["value"], item["secret"], indicator.unit, indicator.decimals)
        item["replaced_on"] = item["replaced_at"][:10]
    return history


def _revisions_table(indicator: Indicator, history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The earlier values as a data table (shown on the page, downloadable like every table)."""
    if not history:
        return None
    rows = [
        (
            item["area_name"] + (f" ({item['breakdown']})" if item.get("breakdown") else ""),
            [
                {"text": item["period_label"]},
                {"text": item["text"], "secret": item["secret"]},
                {"text": item["status"] or "onbekend"},
                {"text": item["replaced_on"]},
            ],
        )
        for item in history
    ]
    return table(
        f"Cijfers van {indicator.name.lower()} zoals ze eerder gepubliceerd waren, "
        "en wanneer ze zijn vervangen",
        ["Gebied", "Periode", "Eerder cijfer", "Status toen", "Vervangen op"],
        rows,
    )
