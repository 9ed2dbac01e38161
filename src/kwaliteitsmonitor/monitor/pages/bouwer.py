# SPDX-License-Identifier: EUPL-1.2
"""Zelf samenstellen: a table, line chart, bar chart or map of chosen indicators, areas and periods.

The choice (GET parameters, see ``bouwer_choice``) gives one table per indicator (areas × periods) and,
for the chart views, one figure per indicator through ``monitor.figures``. Limits keep a request
small: at most ``MAX_INDICATORS`` indicators, ``MAX_AREAS`` areas and ``MAX_CELLS`` figures at once.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.analysis.periods import parse_period
from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.figures import bars_figure, map_figure, trend_figure
from kwaliteitsmonitor.monitor.pages.bouwer_choice import (
    LEVELS,
    MAX_AREAS,
    MAX_BAR_AREAS,
    MAX_CELLS,
    MAX_INDICATORS,
    MAX_LINE_AREAS,
    MAX_PERIODS,
    VIEWS,
    Choice,
    PeriodOnly,
    available_periods,
    fetch,
    parse_choice,
    resolve_areas,
    resolve_periods,
    share_query,
)
from kwaliteitsmonitor.monitor.pages.common import (
    NATIONAL,
    crumb,
    home_crumb,
    indicator_meta,
    period_kind,
    require_agenda,
    series_kind,
    short_label,
    table,
    value_dict,
)
from kwaliteitsmonitor.monitor.pages.indicator import wijk_geometries
from kwaliteitsmonitor.publications.queries import ValueRow

# --- the result: one table per indicator, figures through monitor.figures ---------------------------


def _cell(row: ValueRow | None) -> dict[str, Any]:
    if row is None:
        return value_dict(None)
    shown = value_dict(row)
    return {**shown, "text": shown["number_text"]}


def indicator_table(
    meta: dict[str, Any],
    rows: list[ValueRow],
    areas: list[tuple[Area, str]],
    periods: list[str],
    optional: set[str],
) -> dict[str, Any]:
    """Areas × periods. An area that only came with a level (not chosen by name) and has no figure in
    any of the periods is left out, and so is a period without any figure (a survey every other year)."""
    by_key = {(r.area, r.period): r for r in rows}
    grid = []
    for area, name in areas:
        found = [by_key.get((area.code, p)) for p in periods]
        if area.code in optional and all(r is None for r in found):
            continue
        grid.append((name, found))
    keep = [i for i in range(len(periods)) if any(_shown(found[i]) for _, found in grid)]
    keep = keep or list(range(len(periods)))
    table_rows = [(name, [_cell(found[i]) for i in keep]) for name, found in grid]
    caption = f"{meta['label']} per gebied en periode. Eenheid: {meta['unit_title']}."
    return table(caption, ["Gebied", *(short_label(periods[i]) for i in keep)], table_rows)


def _shown(row: ValueRow | None) -> bool:
    return row is not None and (row.value is not None or row.secret)


def _line(meta, rows, areas, periods, indicator) -> tuple[dict[str, Any] | None, str]:
    kind = series_kind([PeriodOnly(p) for p in periods], indicator.period_type)  # type: ignore[list-item]
    series = [
        (name, [r for r in rows if r.area == a.code and period_kind(r.period) == kind]) for a, name in areas
    ]
    series.sort(key=lambda s: not any(r.value is not None for r in s[1]))  # a line with values first
    figure = trend_figure(meta, series, kind)
    if figure is None:
        return None, "Er zijn geen cijfers om een lijngrafiek van te maken."
    if any(period_kind(p) != kind for p in periods):
        return figure, "De lijngrafiek toont alleen de perioden van één soort (bijvoorbeeld alleen jaren)."
    return figure, ""


def where(areas: list[tuple[Area, str]], own: Area) -> str:
    """Where the chosen areas lie, for a figure's text: the own gemeente when it and its wijken are
    all that was chosen, else "de gekozen gebieden"."""
    if all(a.pk == own.pk or (a.level == Level.WK and a.parent_id == own.pk) for a, _ in areas):
        return own.name
    return "de gekozen gebieden"


def _bars(meta, rows, areas, period, own: Area) -> tuple[dict[str, Any] | None, str]:
    by_area = {r.area: r for r in rows if r.period == period}
    pairs = [(name, by_area[a.code]) for a, name in areas if a.code in by_area]
    figure = bars_figure(
        meta, pairs, area_name=where(areas, own), period_label=short_label(period), what="per gebied"
    )
    return figure, "" if figure else "Er zijn geen cijfers om een staafdiagram van te maken."


def _map(meta, rows, areas, period, own: Area) -> tuple[dict[str, Any] | None, str]:
    levels = {a.level for a, _ in areas}
    if len(levels) != 1 or not levels <= {Level.WK, Level.GM}:
        return None, "Een kaart toont alleen wijken of alleen gemeenten: kies gebieden van één soort."
    (level,) = levels
    codes = [a.code for a, _ in areas]
    geometries = wijk_geometries(codes, parse_period(period).year)
    if not geometries:
        return (
            None,
            "Voor deze gebieden zijn geen grenzen bekend: er is geen kaart, de tabel geeft de cijfers.",
        )
    names = dict((a.code, name) for a, name in areas)
    shown = sorted(
        (r for r in rows if r.period == period and r.area in geometries), key=lambda r: names[r.area]
    )
    figure = map_figure(
        meta,
        shown,
        geometries,
        area_name=where(areas, own),
        period_label=short_label(period),
        area_word=("gemeente", "gemeenten") if level == Level.GM else ("wijk", "wijken"),
    )
    if figure is None:
        return None, "Er zijn geen cijfers om een kaart van te maken."
    missing = [names[c] for c in codes if c not in geometries]
    note = "Zonder grens, dus niet op de kaart: " + ", ".join(missing) + "." if missing else ""
    return figure, note


def build_sections(
    choice: Choice, own: Area, areas, periods, optional
) -> tuple[list[dict[str, Any]], list[str]]:
    rows_by_code = fetch(choice.indicators, [a for a, _ in areas], periods)
    notes: list[str] = []
    if choice.view in {"staaf", "kaart"} and len(periods) > 1:
        notes.append(
            f"Een {VIEWS[choice.view].lower()} toont één periode: "
            f"de laatste gekozen ({short_label(periods[-1])})."
        )
    if choice.view == "kaart" and len(choice.indicators) > 1:
        notes.append("Een kaart toont één indicator: kies er één. Hieronder staan de tabellen.")
    drawable = True
    if choice.view == "lijn" and len(areas) > MAX_LINE_AREAS:
        drawable = False
        notes.append(
            f"Een lijngrafiek toont ten hoogste {MAX_LINE_AREAS} gebieden (elk met een eigen kleur, "
            f"lijnsoort en vorm); u koos er {len(areas)}. "
            "Kies minder gebieden, of een staafdiagram of de tabel."
        )
    if choice.view == "staaf" and len(areas) > MAX_BAR_AREAS:
        drawable = False
        notes.append(
            f"Een staafdiagram toont ten hoogste {MAX_BAR_AREAS} gebieden; u koos er {len(areas)}. "
            "Kies minder gebieden, of bekijk de tabel."
        )
    sections = []
    for indicator in choice.indicators:
        meta = indicator_meta(indicator)
        rows = rows_by_code[indicator.code]
        figure, note = None, ""
        if not drawable:
            pass
        elif choice.view == "lijn":
            figure, note = _line(meta, rows, areas, periods, indicator)
        elif choice.view == "staaf":
            figure, note = _bars(meta, rows, areas, periods[-1], own)
        elif choice.view == "kaart" and len(choice.indicators) == 1:
            figure, note = _map(meta, rows, areas, periods[-1], own)
        sections.append(
            {
                "indicator": {k: meta[k] for k in ("code", "name", "label", "unit_title", "source", "url")},
                "figure": figure,
                "note": note,
                "table": indicator_table(meta, rows, areas, periods, optional),
                "secret_count": sum(1 for r in rows if r.secret),
            }
        )
    return sections, notes


# --- the page ------------------------------------------------------------------------------------------


def _options(choice: Choice, own: Area, periods_available: list[str], shown: list[str]) -> dict[str, Any]:
    chosen_ind = {i.code for i in choice.indicators}
    chosen = {a.code for a in choice.areas}
    groups: dict[str, list[dict[str, Any]]] = {}
    for ind in Indicator.objects.filter(is_published=True).order_by("category", "name"):
        groups.setdefault(ind.category or "Overig", []).append(
            {"code": ind.code, "name": ind.name, "selected": ind.code in chosen_ind}
        )
    wijken = [
        {"code": c, "name": n, "selected": c in chosen}
        for c, n in Area.objects.filter(level=Level.WK, parent=own, is_pseudo=False)
        .order_by("name")
        .values_list("code", "name")
    ]
    listed = {w["code"] for w in wijken}
    wijken += [
        {"code": a.code, "name": f"{a.name} ({a.code})", "selected": True}
        for a in choice.areas
        if a.level == Level.WK and a.code not in listed
    ]
    gemeenten = [
        {"code": c, "name": n, "selected": c in chosen}
        for c, n in Area.objects.filter(level=Level.GM, is_pseudo=False)
        .exclude(pk=own.pk)
        .order_by("name")
        .values_list("code", "name")
    ]
    start = choice.start or (shown[0] if shown and not choice.periods else "")
    end = choice.end or (shown[-1] if shown and not choice.periods else "")
    return {
        "indicator_groups": [{"category": c, "indicators": items} for c, items in groups.items()],
        "own": {"code": own.code, "name": own.name, "selected": own.code in chosen},
        "national": {"code": NATIONAL, "name": "Nederland", "selected": NATIONAL in chosen},
        "levels": [
            {"code": c, "label": label.format(name=own.name), "selected": c in choice.levels}
            for c, label in LEVELS.items()
        ],
        "wijken": wijken,
        "gemeenten": gemeenten,
        "periods": [
            {
                "period": p,
                "label": short_label(p),
                "start": p == start,
                "end": p == end,
                "selected": p in choice.periods,
            }
            for p in periods_available
        ],
        "views": [{"code": c, "label": label, "selected": c == choice.view} for c, label in VIEWS.items()],
    }


def builder_page(**params: Any) -> dict[str, Any]:
    """The page for the GET parameters ``params`` (see ``bouwer_choice.parse_choice``)."""
    agenda = require_agenda()
    own = agenda.area
    choice = parse_choice(**params)
    data: dict[str, Any] = {
        "page": "bouwer",
        "title": "Zelf samenstellen",
        "url": reverse("monitor:bouwer"),
        "json_url": reverse("monitor:bouwer-json"),
        "breadcrumbs": [home_crumb(), crumb("Zelf samenstellen")],
        "area": {"code": own.code, "name": own.name},
        "limits": {
            "indicators": MAX_INDICATORS,
            "areas": MAX_AREAS,
            "periods": MAX_PERIODS,
            "cells": MAX_CELLS,
            "line_areas": MAX_LINE_AREAS,
            "bar_areas": MAX_BAR_AREAS,
        },
        "problems": choice.problems,
        "message": "",
        "notes": [],
        "share_query": "",
        "share_url": "",
        "sections": [],
        "summary": "",
    }
    areas = resolve_areas(choice, own) if not choice.blocking else []
    if len(areas) > MAX_AREAS:
        choice.problems.append(
            f"Kies ten hoogste {MAX_AREAS} gebieden tegelijk; deze keuze heeft er {len(areas)}."
        )
        choice.blocking = True
    ready = choice.indicators and areas and not choice.blocking
    sample = [a for a, _ in areas] if ready else [own]
    available = available_periods(
        choice.indicators or list(Indicator.objects.filter(is_published=True)), sample
    )
    periods: list[str] = []
    if ready:
        periods, notes = resolve_periods(choice, available, choice.indicators)
        data["notes"] += notes
    data["choice"] = {
        "indicators": [i.code for i in choice.indicators],
        "areas": [a.code for a in choice.areas],
        "levels": choice.levels,
        "start": choice.start,
        "end": choice.end,
        "periods": choice.periods,
        "view": choice.view,
    }
    data["options"] = _options(choice, own, available, periods)
    if not ready:
        if not choice.blocking:
            data["message"] = "Kies ten minste één indicator en één gebied, en dan ‘Toon’."
        return data
    cells = len(choice.indicators) * len(areas) * len(periods)
    if cells > MAX_CELLS:
        data["problems"].append(
            f"Deze keuze geeft {format_number(cells, 0)} cijfers; hier kunnen er ten hoogste "
            f"{format_number(MAX_CELLS, 0)} tegelijk. " + "Kies minder indicatoren, gebieden of perioden."
        )
        return data
    if not periods:
        data["message"] = "Er zijn geen cijfers voor deze keuze."
        return data
    optional = {a.code for a, _ in areas} - {a.code for a in choice.areas}
    sections, notes = build_sections(choice, own, areas, periods, optional)
    query = share_query(choice, periods)
    span = short_label(periods[0]) + (f"–{short_label(periods[-1])}" if len(periods) > 1 else "")
    data["summary"] = (
        "; ".join(i.name for i in choice.indicators)
        + f". {len(areas)} {'gebied' if len(areas) == 1 else 'gebieden'}: "
        + ", ".join(name for _, name in areas[:6])
        + (f" en {len(areas) - 6} meer" if len(areas) > 6 else "")
        + f". Perioden: {span}. Weergave: {VIEWS[choice.view].lower()}."
    )
    data.update(
        sections=sections,
        share_query=query,
        share_url=f"{data['url']}?{query}",
        periods=[{"period": p, "label": short_label(p)} for p in periods],
        area_count=len(areas),
    )
    data["notes"] += notes
    return data
