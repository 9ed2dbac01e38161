# SPDX-License-Identifier: EUPL-1.2
"""Query functions that bring the analysis engine (``analysis/``) to pages and the API.

Each function fetches what one analysis needs in one or a few queries, always as *protected* values
(``queries.values_for_indicators``: the disclosure rule has been applied before any computation
sees a value), calls the pure function and returns plain, JSON-serialisable dicts with the Dutch
reasoning. Pages and the API call the same functions, so they show the same figures.

* :func:`result_status` / :func:`result_statuses` — status of a resultaat against its streefwaarde
  (``analysis.status.assess``), with the projection band towards the target year.
* :func:`indicator_projection` — projection of an indicator's series to a target year.
* :func:`indicator_comparisons` — comparison with Nederland, provincie, regio's, classes and the
  comparison group; rank and percentile over all gemeenten (``insights_compare``).
* :func:`similar_areas`, :func:`save_comparison_group`, :func:`default_characteristics` — gemeenten
  die op ons lijken (``insights_similar``); :func:`peer_choice` — the comparison group of an indicator,
  never one it helped to pick (``insights_peers``).
* :func:`service_forecast` — Wmo users for the next five years (``insights_forecast``).
* :func:`correlations` — two indicators across wijken or gemeenten (``insights_discover``).

Each of these is a figure of the publication (``figures.remember``): computed once when the publication
is built, read back when a page asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Q

from kwaliteitsmonitor.agenda.models import Result
from kwaliteitsmonitor.analysis import status as status_mod
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.projection import Projection, ProjectionError, project_series
from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator

from . import figures
from . import insights_compare as _compare
from . import insights_discover as _discover
from . import insights_forecast as _forecast
from . import insights_peers as _peers
from . import insights_similar as _similar
from .insights_common import current_year, period_kind, series_for
from .insights_groups import group_series
from .insights_similar import default_characteristics, save_comparison_group
from .queries import ValueRow, in_areas, values_for_indicators

__all__ = [
    "assess_result",
    "correlations",
    "default_characteristics",
    "indicator_comparisons",
    "indicator_projection",
    "peer_choice",
    "projection_dict",
    "result_status",
    "result_statuses",
    "save_comparison_group",
    "series_for",
    "service_forecast",
    "similar_areas",
]

# Symbol per status (meaning never by colour alone) and the colour class the site already has.
STATUS_SYMBOLS = {
    status_mod.ACHIEVED: "✔",
    status_mod.ON_TRACK: "●",
    status_mod.OFF_TRACK: "✖",
    status_mod.NO_RELIABLE_SIGNAL: "?",
    status_mod.INSUFFICIENT_DATA: "–",
}
STATUS_CLASSES = {
    status_mod.ACHIEVED: "done_on_track",
    status_mod.ON_TRACK: "done_on_track",
    status_mod.OFF_TRACK: "not_started",
    status_mod.NO_RELIABLE_SIGNAL: "in_progress",
    status_mod.INSUFFICIENT_DATA: "no_data",
}


def _n(indicator: Indicator, row: ValueRow) -> int | None:
    """The count a figure rests on: respondents (survey), the numerator (rate) or the count itself."""
    if row.n is not None:
        return row.n
    if indicator.is_survey:
        return None
    if row.numerator is not None:
        return int(row.numerator)
    if indicator.unit == "count" and row.value is not None:
        return int(row.value)
    return None


def _point(indicator: Indicator, row: ValueRow) -> status_mod.Point:
    return status_mod.Point(row.period, row.value, row.ci_low, row.ci_high, _n(indicator, row), row.secret)


def _fmt(indicator: Indicator, value: float | None) -> str:
    return format_value(value, indicator.unit, indicator.decimals) if value is not None else "–"


def projection_dict(indicator: Indicator, proj: Projection | None, target_year: int) -> dict[str, Any] | None:
    if proj is None:
        return None
    d = indicator.decimals
    return {
        "target_year": target_year,
        "method": proj.method,
        "method_version": proj.version,
        "reason": proj.reason,
        "level": proj.level,
        "value": proj.value,
        "low": proj.low,
        "high": proj.high,
        "slope_per_year": proj.slope,
        "points": proj.n_points,
        "value_text": format_number(proj.value, d),
        "band_text": f"{format_number(proj.low, d)}–{format_number(proj.high, d)}",
        "text": (
            f"{format_number(proj.value, d)} in {target_year} (bandbreedte {format_number(proj.low, d)}–"
            f"{format_number(proj.high, d)}, {round(proj.level * 100)}%)"
        ),
    }


def _status_dict(code: str, reasoning: str, rule: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "label": status_mod.LABELS[code],
        "symbol": STATUS_SYMBOLS[code],
        "css": STATUS_CLASSES[code],
        "reasoning": reasoning,
        "rule": rule,
        **extra,
    }


def assess_result(
    result: Result, rows: list[ValueRow], area: str, *, year: int | None = None
) -> dict[str, Any]:
    """Status of ``result`` from already fetched, published rows; a figure of the publication."""
    link = next(iter(result.indicator_links.all()), None)
    year = year or current_year()
    depends = [figures.AGENDA, *([link.indicator.code] if link else [])]
    return figures.remember(  # type: ignore[no-any-return]
        "status",
        {"result": result.pk, "area": area, "year": year},
        lambda: _assess_result(result, link, rows, area, year),
        depends=depends,
    )


def _assess_result(result: Result, link: Any, rows: list[ValueRow], area: str, year: int) -> dict[str, Any]:
    base: dict[str, Any] = {"result_id": result.pk, "title": result.title, "area": area}
    if link is None:
        return base | _status_dict(
            status_mod.INSUFFICIENT_DATA, "Aan dit resultaat is nog geen indicator gekoppeld.", "R0"
        )
    indicator = link.indicator
    base |= {"indicator": indicator.code, "breakdown": link.breakdown}
    if result.target_value is None or result.target_year is None:
        return base | _status_dict(
            status_mod.INSUFFICIENT_DATA,
            "Er is geen streefwaarde met streefjaar vastgelegd; daarom is er geen status.",
            "R0",
        )
    target = status_mod.Target(result.target_value, result.target_year, result.direction)
    series = series_for(indicator, rows, area, link.breakdown)
    baseline = None
    if result.baseline_value is not None and result.baseline_period:
        baseline = status_mod.Point(result.baseline_period, result.baseline_value)
        if series and period_kind(result.baseline_period) != period_kind(series[-1].period):
            baseline = None  # a baseline of another period kind cannot join the series
    assessed = _assess(
        tuple(_point(indicator, r) for r in series),
        target,
        year,
        baseline,
        indicator.decimals,
    )
    latest = assessed.latest_period
    return base | _status_dict(
        assessed.code,
        assessed.reasoning,
        assessed.rule,
        points_used=assessed.points_used,
        latest_period=latest,
        latest_period_label=period_label(latest) if latest else "",
        target={
            "value": result.target_value,
            "year": result.target_year,
            "direction": result.direction,
            "value_text": _fmt(indicator, result.target_value),
        },
        projection=projection_dict(indicator, assessed.projection, result.target_year),
    )


@lru_cache(maxsize=4096)
def _assess(
    series: tuple[status_mod.Point, ...],
    target: status_mod.Target,
    year: int,
    baseline: status_mod.Point | None,
    decimals: int,
) -> status_mod.Status:
    """``status.assess``, remembered per process: the same series and target give the same status, and
    choosing the projection method (a backtest of the damped trend) costs a few tenths of a second."""
    return status_mod.assess(series, target, year, baseline=baseline, decimals=decimals)


@lru_cache(maxsize=4096)
def _project(points: tuple[tuple[str, float], ...], target_year: int) -> Projection:
    return project_series(points, target_year)


def result_statuses(
    results: Iterable[Result], area: str, *, year: int | None = None
) -> dict[int, dict[str, Any]]:
    """Statuses of several resultaten of one gemeente with one observation query."""
    results = list(results)
    indicators: dict[int, Indicator] = {}
    breakdowns = {""}
    for result in results:
        link = next(iter(result.indicator_links.all()), None)
        if link is not None:
            indicators.setdefault(link.indicator_id, link.indicator)
            breakdowns.add(link.breakdown)
    values = values_for_indicators(indicators.values(), Q(area__code=area, breakdown__in=sorted(breakdowns)))
    out = {}
    for result in results:
        link = next(iter(result.indicator_links.all()), None)
        rows = values.get(link.indicator.code, []) if link else []
        out[result.pk] = assess_result(result, rows, area, year=year)
    return out


def result_status(result: Result, *, year: int | None = None) -> dict[str, Any]:
    """Status of one resultaat for the gemeente of its agenda."""
    result = (
        Result.objects.select_related("goal__theme__agenda__area")
        .prefetch_related("indicator_links__indicator")
        .get(pk=result.pk)
    )
    area = result.goal.theme.agenda.area.code
    return result_statuses([result], area, year=year)[result.pk]


def indicator_projection(
    indicator: Indicator, area: str, target_year: int, *, breakdown: str = ""
) -> dict[str, Any]:
    """Projection of one area's series to ``target_year`` (``analysis.projection``), or the Dutch reason
    why there is none."""
    rows = values_for_indicators([indicator], Q(area__code=area, breakdown=breakdown))[indicator.code]
    return projection_from_rows(indicator, series_for(indicator, rows, area, breakdown), target_year)


def projection_from_rows(indicator: Indicator, series: list[ValueRow], target_year: int) -> dict[str, Any]:
    points = [(r.period, r.value) for r in series if r.value is not None]
    return figures.remember(  # type: ignore[no-any-return]
        "projection",
        {"indicator": indicator.code, "points": points, "target_year": target_year},
        lambda: _projection(indicator, points, target_year),
        depends=[indicator.code],
    )


def _projection(indicator: Indicator, points: list[tuple[str, float]], target_year: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "indicator": indicator.code,
        "series": [{"period": p, "value": v} for p, v in points],
        "projection": None,
        "message": "",
    }
    try:
        proj = _project(tuple(points), target_year)
    except ProjectionError as exc:
        out["message"] = str(exc)
        return out
    out["projection"] = projection_dict(indicator, proj, target_year)
    return out


def _peer(peer_group: dict[str, Any] | None) -> Any:
    if peer_group is None:
        return None
    return {
        "code": peer_group.get("code"),
        "members": peer_group.get("members"),
        "kind": peer_group.get("kind"),
    }


def indicator_comparisons(
    indicator: Indicator, area: Area, period: str | None = None, *, peer_group: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``insights_compare.indicator_comparisons``, as a figure of the publication."""
    return figures.remember(  # type: ignore[no-any-return]
        "comparisons",
        {"indicator": indicator.code, "area": area.code, "period": period, "peer": _peer(peer_group)},
        lambda: _compare.indicator_comparisons(indicator, area, period, peer_group=peer_group),
        depends=[figures.AREAS],
    )


def comparisons_for_indicators(
    indicators: list[Indicator],
    area: Area,
    *,
    peer_group: dict[str, Any] | None = None,
    periods: dict[Indicator, str | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """``insights_compare.comparisons_for_indicators``, as a figure of the publication."""
    chosen = {i.code: p for i, p in (periods or {}).items()}
    return figures.remember(  # type: ignore[no-any-return]
        "comparisons-many",
        {
            "indicators": [i.code for i in indicators],
            "area": area.code,
            "peer": _peer(peer_group),
            "periods": chosen,
        },
        lambda: _compare.comparisons_for_indicators(indicators, area, peer_group=peer_group, periods=periods),
        depends=[figures.AREAS],
    )


def peer_choice(indicator: Indicator, area: Area, **kwargs: Any) -> dict[str, Any]:
    """``insights_peers.peer_choice`` (the comparison group of an indicator, never one it helped to
    pick), as a figure of the publication."""
    arguments = {
        "indicator": indicator.code,
        "area": area.code,
        "kwargs": {k: (sorted(v) if isinstance(v, set) else v) for k, v in sorted(kwargs.items())},
    }
    return figures.remember(  # type: ignore[no-any-return]
        "peer",
        arguments,
        lambda: _peers.peer_choice(indicator, area, **kwargs),
        depends=[figures.AREAS, indicator.code],
    )


def similar_areas(area: Area, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """``insights_similar.similar_areas``, as a figure of the publication."""
    indicator = kwargs.get("indicator")
    arguments = {
        "area": area.code,
        "args": [list(a) if isinstance(a, list | tuple) else a for a in args],
        "kwargs": {k: (v.code if isinstance(v, Indicator) else v) for k, v in sorted(kwargs.items())},
        # the default characteristics are a setting: another setting is another figure (or refusal)
        "defaults": str(getattr(settings, _similar.SETTING, "")),
    }
    return figures.remember(  # type: ignore[no-any-return]
        "similar",
        arguments,
        lambda: _similar.similar_areas(area, *args, **kwargs),
        depends=[figures.AREAS, *([indicator.code] if indicator else [])],
    )


def service_forecast(area: Area, category: str = "totaal", *, trend: bool = False) -> dict[str, Any]:
    """``insights_forecast.service_forecast``, as a figure of the publication."""
    return figures.remember(  # type: ignore[no-any-return]
        "forecast",
        {"area": area.code, "category": category, "trend": trend},
        lambda: _forecast.service_forecast(area, category, trend=trend),
    )


def correlations(
    indicator_x: Indicator, indicator_y: Indicator, level: str, period: str | None = None, *, area: Area
) -> dict[str, Any]:
    """``insights_discover.correlations``, as a figure of the publication."""
    return figures.remember(  # type: ignore[no-any-return]
        "correlation",
        {"x": indicator_x.code, "y": indicator_y.code, "level": level, "period": period, "area": area.code},
        lambda: _discover.correlations(indicator_x, indicator_y, level, period, area=area),
    )


def group_trend(indicator: Indicator, group: dict[str, Any]) -> list[dict[str, Any]]:
    """``insights_groups.group_series`` of ``group`` (a grootteklasse, provincie, ...: the dict of
    ``reference_groups``) over every period, as a figure of the publication: a page draws the group's line
    without reading every member's values (83 gemeenten × 10 jaar for a national grootteklasse)."""

    def compute() -> list[dict[str, Any]]:
        where = Q(breakdown="") & in_areas(group["members"])
        return group_series(indicator, group, values_for_indicators([indicator], where)[indicator.code])

    arguments = {
        "indicator": indicator.code, "kind": group["kind"], "code": group["code"], "year": group["year"]
    }  # fmt: skip
    return figures.remember(  # type: ignore[no-any-return]
        "group_trend", arguments, compute, depends=[figures.AREAS, indicator.code]
    )
