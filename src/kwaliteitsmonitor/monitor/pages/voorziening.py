# SPDX-License-Identifier: EUPL-1.2
"""Voorziening: the outcome figures of one voorziening of a partner (doelrealisatie, uitval,
tevredenheid, cliënten) per half-year, next to the other voorzieningen of the same kind in the gemeente.
Also the outcome block under an inspanning on the doel page. Figures come only from the publication
(``publications.queries``); the voorziening's name and kind are read from ``outcomes`` as the agenda is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.analysis.periods import period_label, period_sort_key
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, table, value_dict
from kwaliteitsmonitor.outcomes.definitions import BY_CODE, INDICATORS, MIN_N
from kwaliteitsmonitor.outcomes.models import BREAKDOWN_DIMENSION, Voorziening
from kwaliteitsmonitor.publications.queries import ValueRow, in_areas, values_for_indicators

ORDER = [i.code for i in INDICATORS]


def _indicators() -> list[Indicator]:
    found = {i.code: i for i in Indicator.objects.filter(code__in=ORDER, is_published=True)}
    return [found[c] for c in ORDER if c in found]


def _by_voorziening(
    indicators: list[Indicator], areas: Iterable[str], codes: Iterable[str]
) -> dict[str, dict[str, dict[str, ValueRow]]]:
    """code -> period -> indicator code -> published row."""
    breakdowns = [f"{BREAKDOWN_DIMENSION}={c}" for c in codes]
    rows = (
        values_for_indicators(indicators, in_areas(areas) & Q(breakdown__in=breakdowns)) if breakdowns else {}
    )
    out: dict[str, dict[str, dict[str, ValueRow]]] = defaultdict(lambda: defaultdict(dict))
    for code, found in rows.items():
        for row in found:
            out[row.breakdown.split("=", 1)[1]][row.period][code] = row
    return out


def _latest(periods: dict[str, dict[str, ValueRow]]) -> str | None:
    return max(periods, key=period_sort_key) if periods else None


def _figures(indicators: list[Indicator], rows: dict[str, ValueRow]) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "name": BY_CODE[i.code].name,
            **value_dict(rows.get(i.code)),
            "n": getattr(rows.get(i.code), "n", None),
        }
        for i in indicators
    ]


def outcomes_for_efforts(effort_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Per inspanning its voorzieningen with their latest published outcome (doel page)."""
    voorzieningen = list(
        Voorziening.objects.select_related("area").filter(effort_id__in=list(effort_ids)).order_by("name")
    )
    if not voorzieningen:
        return {}
    indicators = _indicators()
    data = _by_voorziening(indicators, {v.area.code for v in voorzieningen}, [v.code for v in voorzieningen])
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for v in voorzieningen:
        periods = data.get(v.code, {})
        latest = _latest(periods)
        out[v.effort_id or 0].append(
            {
                "code": v.code,
                "name": v.name,
                "kind": v.kind,
                "fictitious": v.is_fictitious,
                "url": reverse("monitor:voorziening", kwargs={"code": v.code}),
                "period": latest,
                "period_label": period_label(latest) if latest else "",
                "figures": _figures(indicators, periods.get(latest, {})) if latest else [],
            }
        )
    return dict(out)


def voorziening_page(code: str) -> dict[str, Any]:
    v = Voorziening.objects.select_related("area", "partner", "effort__goal__theme").filter(code=code).first()
    if v is None:
        raise Http404("Deze voorziening bestaat niet.")
    peers = list(Voorziening.objects.filter(area=v.area, kind=v.kind).exclude(pk=v.pk).order_by("name"))
    indicators = _indicators()
    data = _by_voorziening(indicators, [v.area.code], [v.code, *(p.code for p in peers)])
    own = data.get(v.code, {})
    periods = sorted(own, key=period_sort_key)
    columns = ["Periode", *(BY_CODE[i.code].name for i in indicators)]
    history = table(
        f"Uitkomsten van {v.name} per halfjaar",
        columns,
        [(period_label(p), [value_dict(own[p].get(i.code)) for i in indicators]) for p in reversed(periods)],
    )
    latest = periods[-1] if periods else None
    peer_rows = []
    for item in [v, *peers]:
        rows = data.get(item.code, {}).get(latest, {}) if latest else {}
        extra = (
            {"url": reverse("monitor:voorziening", kwargs={"code": item.code})}
            if item.pk != v.pk
            else {"note": "deze voorziening"}
        )
        peer_rows.append((item.name, [value_dict(rows.get(i.code)) for i in indicators], extra))
    comparison = table(
        f"{v.kind.capitalize()} in {v.area.name}, {period_label(latest) if latest else 'laatste periode'}",
        ["Voorziening", *columns[1:]],
        peer_rows,
    )
    hidden = [
        {"indicator": BY_CODE[i.code].name, "period_label": period_label(p), "note": row.disclosure_note}
        for p in periods
        for i in indicators
        if (row := own[p].get(i.code)) is not None and row.secret
    ]
    effort = v.effort
    doel = None
    if effort is not None:
        goal = effort.goal
        doel = {
            "title": str(goal),
            "effort": effort.title,
            "url": reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug}),
        }
    return {
        "page": "voorziening",
        "title": v.name,
        "url": reverse("monitor:voorziening", kwargs={"code": v.code}),
        "json_url": reverse("monitor:voorziening-json", kwargs={"code": v.code}),
        "breadcrumbs": [home_crumb(), crumb(v.name)],
        "voorziening": {
            "code": v.code,
            "name": v.name,
            "kind": v.kind,
            "partner": v.partner.name,
            "area": {"code": v.area.code, "name": v.area.name},
            "fictitious": v.is_fictitious,
            "description": v.description,
        },
        "doel": doel,
        "min_n": MIN_N,
        "definitions": [
            {
                "code": i.code,
                "name": i.name,
                "definition": i.definition,
                "numerator": i.numerator,
                "denominator": i.denominator,
            }
            for i in INDICATORS
        ],
        "latest": {
            "period": latest,
            "period_label": period_label(latest) if latest else "",
            "figures": _figures(indicators, own.get(latest, {})) if latest else [],
        },
        "history": history,
        "comparison": comparison,
        "hidden": hidden,
    }
