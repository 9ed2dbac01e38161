# SPDX-License-Identifier: EUPL-1.2
"""Data discovery: how two indicators go together across the wijken of a gemeente or across all
gemeenten (``analysis.correlate``). One query for both indicators; secret values are left out."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kwaliteitsmonitor.analysis.correlate import WARNING, TooFewAreas, correlate
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator

from .insights_common import period_key
from .queries import values_for_indicators

LEVELS = {"WK": "wijken", "GM": "gemeenten"}


def _common_periods(x: dict[str, dict[str, float]], y: dict[str, dict[str, float]]) -> list[str]:
    """Periods (years) with at least one area having both values, latest first."""
    common = [p for p in x if p.endswith("JJ00") and p in y and set(x[p]) & set(y[p])]
    return sorted(common, key=period_key, reverse=True)


def correlations(
    indicator_x: Indicator, indicator_y: Indicator, level: str, period: str | None = None, *, area: Area
) -> dict[str, Any]:
    """Correlation of ``indicator_x`` and ``indicator_y`` over the wijken of ``area`` (``level="WK"``)
    or over all gemeenten (``level="GM"``) in ``period`` (default: the latest year both have)."""
    if level not in LEVELS:
        raise ValueError(f"Onbekend niveau '{level}'; kies WK (wijken) of GM (gemeenten).")
    where = Q(breakdown="", area__level=level, area__is_pseudo=False)
    if level == Level.WK:
        where &= Q(area__parent=area)
    rows = values_for_indicators([indicator_x, indicator_y], where)
    names: dict[str, str] = {}
    by: dict[str, dict[str, dict[str, float]]] = {indicator_x.code: {}, indicator_y.code: {}}
    for code, values in rows.items():
        for r in values:
            names[r.area] = r.area_name
            if r.value is not None:
                by[code].setdefault(r.period, {})[r.area] = r.value
    xs, ys = by[indicator_x.code], by[indicator_y.code]
    periods = _common_periods(xs, ys)
    period = period if period in periods else (periods[0] if periods else period)
    unit_word = LEVELS[level] if level == Level.GM else f"wijken van {area.name}"
    out: dict[str, Any] = {
        "x": _meta(indicator_x),
        "y": _meta(indicator_y),
        "level": level,
        "level_label": unit_word,
        "period": period,
        "period_label": period_label(period) if period else "",
        "periods": [{"period": p, "label": period_label(p)} for p in periods],
        "warning": WARNING,
        "result": None,
        "message": "",
    }
    if not period:
        out["message"] = "Er is geen jaar waarin beide indicatoren een waarde hebben."
        return out
    try:
        found = correlate(xs.get(period, {}), ys.get(period, {}), unit_of_area=unit_word)
    except TooFewAreas as exc:
        out["message"] = str(exc)
        return out
    out["result"] = {
        "n": found.n,
        "r": found.pearson.r,
        "r_text": format_number(found.pearson.r, 2),
        "r_ci": [found.pearson.ci_low, found.pearson.ci_high],
        "p_value": found.pearson.p_value,
        "spearman": found.spearman.r,
        "spearman_text": format_number(found.spearman.r, 2),
        "strength": found.strength,
        "slope": found.slope,
        "intercept": found.intercept,
        "summary": found.summary,
        "outliers": [names.get(a, a) for a in found.outliers],
        "points": [
            {
                "area": p.area,
                "name": names.get(p.area, p.area),
                "x": p.x,
                "y": p.y,
                "x_text": format_value(p.x, indicator_x.unit, indicator_x.decimals),
                "y_text": format_value(p.y, indicator_y.unit, indicator_y.decimals),
                "outlier": p.outlier,
                "studentized": p.studentized,
            }
            for p in found.points
        ],
    }
    return out


def _meta(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "label": indicator.label,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
    }
