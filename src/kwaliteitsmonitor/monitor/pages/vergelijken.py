# SPDX-License-Identifier: EUPL-1.2
"""Vergelijken: one indicator over time for gemeenten and groups of gemeenten the visitor chooses
(provincie, COROP, jeugdregio, GGD-regio, stedelijkheids- and grootteklasse, saved comparison groups,
Nederland), as a trend chart and a table with one row per area or group.

All choices are in the query string (a GET form that works without JS), so a comparison can be shared
by its URL. A group's value per period comes from ``insights_compare.group_series`` (published figure,
summed numerators and denominators, or the median: the figure the indicator page shows) and the page
says which. Unknown codes give a
Dutch message on the page and are left out; nothing chosen gives the agenda's gemeente, its
grootteklasse and Nederland.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import ResultIndicator
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.figures import MAX_LINES, comparison_figure
from kwaliteitsmonitor.monitor.pages.common import (
    NATIONAL,
    crumb,
    figure_text,
    home_crumb,
    indicator_meta,
    of_kind,
    require_agenda,
    series_kind,
    short_label,
    sort_key,
    value_dict,
)
from kwaliteitsmonitor.publications.insights_compare import GROUP_METHODS, group_options, group_series
from kwaliteitsmonitor.publications.queries import in_areas, values_for_indicators

MAX_CHOICES = 40  # codes read from one query parameter; more are ignored
FIELDSETS = [
    ("nederland", "Nederland"),
    ("provincie", "Provincies"),
    ("corop", "COROP-gebieden"),
    ("jeugdzorgregio", "Jeugdzorgregio's"),
    ("ggd_regio", "GGD-regio's"),
    ("stedelijkheidsklasse", "Stedelijkheidsklassen"),
    ("grootteklasse", "Gemeentegrootteklassen"),
    ("vergelijkingsgroep", "Opgeslagen vergelijkingsgroepen"),
]


def _default_indicator(agenda: Any, indicators: dict[str, Indicator]) -> Indicator | None:
    linked = (
        ResultIndicator.objects.filter(result__goal__theme__agenda=agenda, indicator__is_published=True)
        .order_by("result__goal__theme__order", "result__goal__order", "result__order", "order", "id")
        .values_list("indicator__code", flat=True)
        .first()
    )
    return indicators.get(linked or "") or next(iter(indicators.values()), None)


def _listed(value: list[str] | str | None) -> list[str]:
    """Codes from a repeated parameter (joined with commas by the view) or a list, each once."""
    values = [value] if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for v in [part.strip()[:120] for text in values for part in text.split(",")][:MAX_CHOICES]:
        if v and v not in out:
            out.append(v)
    return out


def _choose(
    area: Area, gebied: list[str], groep: list[str], gemeenten: dict[str, str], options: dict[str, dict]
) -> tuple[list[str], list[str], list[str]]:
    """Valid area codes and group ids (in the order given) and Dutch messages about the rest."""
    messages = []
    areas = [c for c in gebied if c in gemeenten]
    groups = [g for g in groep if g in options]
    for code in gebied:
        if code not in gemeenten:
            messages.append(f"‘{code}’ is geen gemeente in deze monitor; die keuze is overgeslagen.")
    for gid in groep:
        if gid not in options:
            messages.append(f"‘{gid}’ is geen bekende groep van gemeenten; die keuze is overgeslagen.")
    if not areas and not groups:
        if gebied or groep:
            messages.append("Er bleef geen geldige keuze over; hieronder staat de standaardvergelijking.")
        size = next(
            (o["id"] for o in options.values() if o["kind"] == "grootteklasse" and area.code in o["members"]),
            None,
        )
        areas = [area.code]
        groups = [g for g in (size, f"nederland:{NATIONAL}") if g]
    if len(areas) + len(groups) > MAX_LINES:
        messages.append(
            f"U koos {len(areas) + len(groups)} gemeenten en groepen; een grafiek blijft leesbaar met ten "
            f"hoogste {MAX_LINES} lijnen. De eerste {MAX_LINES} staan hieronder."
        )
        areas = areas[:MAX_LINES]
        groups = groups[: MAX_LINES - len(areas)]
    return areas, groups, messages


def _period_choice(periods: list[str], van: str, tot: str, messages: list[str]) -> tuple[str, str]:
    if not periods:
        return "", ""
    chosen = []
    for name, value, fallback in (("begin", van, periods[0]), ("eind", tot, periods[-1])):
        if value and value not in periods:
            messages.append(
                f"‘{value}’ is geen periode van deze indicator; als {name} geldt {short_label(fallback)}."
            )
            value = ""
        chosen.append(value or fallback)
    start, end = chosen
    if periods.index(start) > periods.index(end):
        messages.append("De beginperiode lag na de eindperiode; ze zijn omgewisseld.")
        start, end = end, start
    return start, end


def _group_cells(indicator: Indicator, points: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    cells = {}
    for p in points:
        value, secret = p["value"], p["secret"]
        cells[p["period"]] = {
            "period": p["period"],
            "value": value,
            "secret": secret,
            "missing": value is None and not secret,
            "text": figure_text(value, secret, indicator.unit, indicator.decimals),
            "number_text": figure_text(value, secret, indicator.unit, indicator.decimals, with_unit=False),
            "method": p["method"],
            "used": p["used"],
            "expected": p["expected"],
        }
    return cells


def _method_note(option: dict[str, Any], cells: list[dict[str, Any]]) -> str:
    methods = [m for m in GROUP_METHODS if any(c["method"] == m for c in cells)]
    count = len(option["members"])
    who = f"{count} {'gemeente' if count == 1 else 'gemeenten'}"
    if option["year"]:
        who += f" volgens de indeling van {option['year']}"
    name = option["name"][:1].upper() + option["name"][1:]
    text = f"{name} ({who}): " + "; in andere perioden ".join(GROUP_METHODS[m] for m in methods)
    short = sum(1 for c in cells if c["method"] in {"som", "mediaan"} and c["used"] < c["expected"])
    if short:
        text += (
            f". In {short} {'periode' if short == 1 else 'perioden'} ontbreekt het cijfer van een of meer "
            "gemeenten (geheim of niet geleverd); die tellen niet mee"
        )
    return text + "." if methods else f"{option['name']} ({who}): geen cijfers in deze perioden."


def vergelijken_page(
    indicator: str = "",
    gebied: list[str] | str | None = None,
    groep: list[str] | str | None = None,
    van: str = "",
    tot: str = "",
) -> dict[str, Any]:
    agenda = require_agenda()
    area = agenda.area
    messages: list[str] = []
    indicators = {i.code: i for i in Indicator.objects.filter(is_published=True).order_by("category", "name")}
    chosen = indicators.get(indicator.strip()) if indicator else None
    if indicator and chosen is None:
        messages.append(
            f"De indicator ‘{indicator[:120]}’ bestaat niet; hieronder staat een andere indicator."
        )
    chosen = chosen or _default_indicator(agenda, indicators)
    gemeenten = dict(Area.objects.filter(level=Level.GM).order_by("name").values_list("code", "name"))
    options = {o["id"]: o for o in group_options()}
    areas, groups, more = _choose(area, _listed(gebied), _listed(groep), gemeenten, options)
    messages += more
    data: dict[str, Any] = {
        "page": "vergelijken",
        "title": "Vergelijken",
        "url": reverse("monitor:vergelijken"),
        "json_url": reverse("monitor:vergelijken-json"),
        "breadcrumbs": [home_crumb(), crumb("Vergelijken")],
        "area": {"code": area.code, "name": area.name},
        "messages": messages,
        "indicators": _indicator_choices(indicators),
        "gemeenten": [  # the own gemeente first, then by name
            {"code": c, "name": n, "checked": c in areas}
            for c, n in sorted(gemeenten.items(), key=lambda item: (item[0] != area.code, item[1]))
        ],
        "fieldsets": _fieldsets(options, groups),
        "choice": {"indicator": chosen.code if chosen else "", "gebied": areas, "groep": groups},
        "periods": [],
        "indicator": None,
        "series": [],
        "figure": None,
        "methods": [],
    }
    if chosen is None:
        messages.append("Er zijn nog geen indicatoren gepubliceerd.")
        return data
    members = {m for g in groups for m in options[g]["members"]}
    codes = {
        *areas,
        *members,
        *(options[g]["code"] for g in groups if options[g]["kind"] != "vergelijkingsgroep"),
    }
    rows = values_for_indicators([chosen], Q(breakdown="") & in_areas(sorted(codes)))[chosen.code]
    kind = series_kind(rows, chosen.period_type)
    rows = of_kind(rows, kind)
    periods = sorted({r.period for r in rows if r.value is not None or r.secret}, key=sort_key)
    start, end = _period_choice(periods, van.strip(), tot.strip(), messages)
    shown = periods[periods.index(start) : periods.index(end) + 1] if periods else []
    meta = indicator_meta(chosen)
    series: list[tuple[str, dict[str, dict[str, Any]]]] = []
    for code in areas:
        cells = {r.period: value_dict(r) for r in rows if r.area == code and r.period in shown}
        series.append((gemeenten[code], cells))
    for gid in groups:
        option = options[gid]
        points = [p for p in group_series(chosen, option, rows) if p["period"] in shown]
        cells = _group_cells(chosen, points)
        series.append((_series_label(option), cells))
        data["methods"].append({"group": option["name"], "text": _method_note(option, list(cells.values()))})
    data["choice"] |= {"van": start, "tot": end}
    data["periods"] = [{"period": p, "label": short_label(p)} for p in periods]
    data["indicator"] = meta
    data["series"] = [
        {"name": name, "values": [cells[p] for p in shown if p in cells]} for name, cells in series
    ]
    data["figure"] = comparison_figure(meta, series, shown, kind) if shown else None
    if not shown:
        messages.append(f"Voor {chosen.name} zijn er nog geen cijfers van deze gemeenten of groepen.")
    query = {"indicator": chosen.code, "gebied": areas, "groep": groups, "van": start, "tot": end}
    data["share_url"] = data["url"] + "?" + urlencode(query, doseq=True)
    return data


def _series_label(option: dict[str, Any]) -> str:
    return option["name"][:1].upper() + option["name"][1:]


def _indicator_choices(indicators: dict[str, Indicator]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for i in indicators.values():
        groups.setdefault(i.category or "Overig", []).append({"code": i.code, "name": i.name})
    return [{"category": c, "indicators": items} for c, items in groups.items()]


def _fieldsets(options: dict[str, dict[str, Any]], chosen: list[str]) -> list[dict[str, Any]]:
    out = []
    for kind, legend in FIELDSETS:
        items = [
            {
                "id": o["id"],
                "name": o["name"],
                "members": len(o["members"]),
                "checked": o["id"] in chosen,
                "html_id": "groep-" + "".join(ch if ch.isalnum() else "-" for ch in o["id"]),
            }
            for o in options.values()
            if o["kind"] == kind
        ]
        if items:
            out.append({"kind": kind, "legend": legend, "options": items})
    return out
