# SPDX-License-Identifier: EUPL-1.2
"""Charts of the analysis: the target line and projection band on a trend chart (an *overlay* that
``chartspecs.trend_spec`` draws below its lines), the forecast chart and the discovery scatter plot.

Meaning is never carried by colour alone: the band is a grey area with a dotted centre line, the target
a dashed line with its value written next to it, outliers are drawn as a different shape and named.
"""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.periods import Period, PeriodError, parse_period
from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.monitor import charts, chartspecs
from kwaliteitsmonitor.monitor.pages.common import table

BAND_FILL = "#9e9e9e"
TARGET_INK = "#1b5e20"
OUTLIER_INK = "#a4330a"


def overlay(
    meta: dict[str, Any],
    last_key: str,
    last_value: float | None,
    projection: dict[str, Any] | None,
    target: dict[str, Any] | None,
    target_year: int,
    step: int = 1,
) -> dict[str, Any] | None:
    """Band from the last measured period to the end of ``target_year`` and the target line; None when
    neither.

    The periods added run at the series' own rhythm (a survey every two years gets 2026 and then the
    target year 2027, a half-yearly series 2026-H1 … 2027-H2); the chart's x axis is proportional to
    time, so each stands where it belongs.
    """
    grid = _future_grid(last_key, target_year, step)
    if last_value is None or grid is None or not grid[1]:
        projection = None
    if projection is None and target is None:
        return None
    d = meta["decimals"]
    (start_label, start_t), added = grid if grid else (("", 0.0), [])
    band = []
    texts = []
    if projection is not None and last_value is not None:
        end_t = added[-1][1]
        for label, t in [(start_label, start_t), *added]:
            share = (t - start_t) / (end_t - start_t)
            band.append(
                {
                    "period": label,
                    "low": last_value + (projection["low"] - last_value) * share,
                    "high": last_value + (projection["high"] - last_value) * share,
                    "mid": last_value + (projection["value"] - last_value) * share,
                }
            )
        texts.append(
            f"Projectie voor {target_year}: {projection['value_text']} "
            f"(bandbreedte {projection['band_text']}, {round(projection['level'] * 100)}% zeker), "
            "getekend als grijze band met stippellijn."
        )
    years = [label for label, _t in added]
    if target is not None:
        texts.append(
            f"Streefwaarde {format_number(target['value'], d)} in {target['year']}: "
            "de gestreepte groene lijn."
        )
    return {
        "extra_periods": years,
        "band": band,
        "target": {"value": target["value"], "year": target["year"]} if target else None,
        "target_label": f"streefwaarde {format_number(target['value'], d)}" if target else "",
        "projection": (
            {k: projection[k] for k in ("method", "level", "value", "low", "high", "target_year")}
            if projection
            else None
        ),
        "text": " ".join(texts),
    }


def _future_grid(
    last_key: str, target_year: int, step: int
) -> tuple[tuple[str, float], list[tuple[str, float]]] | None:
    """The last measured period and the periods to add up to the target year, as (axis label, time)."""
    try:
        last = parse_period(last_key)
    except PeriodError:
        return None
    if last.kind == "JJ":
        every = max(step, 1)
        added = (
            [*range(last.year + every, target_year, every), target_year] if last.year < target_year else []
        )
        return (str(last.year), float(last.year)), [(str(y), float(y)) for y in added]
    if last.kind == "HJ":
        future, year, half = [], last.year, last.number
        while (year, half) < (target_year, 2):
            year, half = (year, 2) if half == 1 else (year + 1, 1)
            future.append(Period(year, "HJ", half))
        return (last.short_label, last.midpoint), [(p.short_label, p.midpoint) for p in future]
    return None


def overlay_layers(data: dict[str, Any], periods: list[str]) -> list[dict[str, Any]]:
    """Vega-Lite layers for an overlay (own data, colour given as a value so the legend stays as is)."""
    layers: list[dict[str, Any]] = []
    if data["band"]:
        band = chartspecs.with_time(data["band"])
        layers += [
            {
                "data": {"values": band},
                "mark": {"type": "area", "opacity": 0.35, "color": BAND_FILL},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                    "color": {"value": BAND_FILL},
                },
            },
            {
                "data": {"values": band},
                "mark": {"type": "line", "strokeDash": [2, 3], "strokeWidth": 2, "color": chartspecs.INK},
                "encoding": {
                    "y": {"field": "mid", "type": "quantitative"},
                    "color": {"value": chartspecs.INK},
                },
            },
        ]
    target = data["target"]
    if target:
        rows = chartspecs.with_time(
            [{"period": p, "value": target["value"]} for p in (periods[0], periods[-1])]
        )
        layers += [
            {
                "data": {"values": rows},
                "mark": {"type": "line", "strokeDash": [8, 4], "strokeWidth": 2, "color": TARGET_INK},
                "encoding": {"color": {"value": TARGET_INK}},
            },
            {
                "data": {"values": rows[-1:]},
                "mark": {
                    "type": "text",
                    "align": "right",
                    "dy": _label_offset(data),
                    "fontWeight": "bold",
                    "color": TARGET_INK,
                },
                "encoding": {"text": {"value": data["target_label"]}, "color": {"value": TARGET_INK}},
            },
        ]
    return layers


def _label_offset(data: dict[str, Any]) -> int:
    """Write the target's value on the side of its line away from the projection band."""
    projection = data.get("projection")
    if projection and projection["value"] > data["target"]["value"]:
        return 15
    return -9


def forecast_figure(data: dict[str, Any]) -> dict[str, Any]:
    """Observed users and the forecast (protected counts) as one line, the forecast dashed."""
    points = [{"year": str(h["year"]), "value": h["value"], "series": "Waargenomen"} for h in data["history"]]
    last = points[-1]
    points += [{**last, "series": "Prognose", "bridge": True}]  # joins the lines; no point drawn
    points += [
        {"year": str(f["year"]), "value": f["value"], "series": "Prognose"}
        for f in data["forecast"]
        if f["value"] is not None
    ]
    series = ["Waargenomen", "Prognose"]
    spec = {
        "$schema": chartspecs.SCHEMA,
        "config": chartspecs.CONFIG,
        "width": 600,
        "height": 260,
        "data": {"values": points},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": "Aantal cliënten",
                "scale": {"zero": False, "nice": True},
                "axis": {"format": ",.0f"},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "sort": series,
                "title": None,
                "scale": {"domain": series, "range": chartspecs.SERIES_COLOURS[:2]},
                "legend": {"orient": "bottom", "direction": "horizontal"},
            },
        },
        "layer": [
            {
                "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {
                    "strokeDash": {
                        "field": "series",
                        "type": "nominal",
                        "sort": series,
                        "legend": None,
                        "scale": {"domain": series, "range": [[1, 0], [7, 4]]},
                    }
                },
            },
            {
                "transform": [{"filter": "datum.bridge !== true"}],
                "mark": {"type": "point", "filled": True, "size": 60},
                "encoding": {
                    "shape": {
                        "field": "series",
                        "type": "nominal",
                        "sort": series,
                        "legend": None,
                        "scale": {"domain": series, "range": ["circle", "square"]},
                    }
                },
            },
        ],
    }
    first, final = data["forecast"][0], data["forecast"][-1]
    alt = (
        f"Lijngrafiek: {data['category_label'].lower()} in {data['area']['name']}, waargenomen van "
        f"{data['history'][0]['year']} tot {data['history'][-1]['year']} (doorgetrokken lijn) en de prognose "
        f"van {first['year']} ({first['text']}) tot {final['year']} ({final['text']}) (gestreepte lijn)."
    )
    rows = [(str(h["year"]), [{"text": h["text"]}, {"text": "waargenomen"}]) for h in data["history"]]
    rows += [
        (str(f["year"]), [{"text": f["text"], "secret": f["secret"]}, {"text": "prognose"}])
        for f in data["forecast"]
    ]
    return {
        "type": "trend",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{data['category_label']}: waargenomen en prognose (afgerond op vijftallen).",
        "table": table(
            f"{data['category_label']} in {data['area']['name']}, per jaar.",
            ["Jaar", "Aantal", "Soort"],
            rows,
        ),
    }


def scatter_figure(data: dict[str, Any], own: str = "") -> dict[str, Any] | None:
    """Scatter plot of two indicators with the least-squares line; outliers as triangles and the own
    gemeente (``own``) as a diamond, both named next to their point."""
    result = data["result"]
    if not result:
        return None
    x, y = data["x"], data["y"]
    points = [
        {
            "x": p["x"],
            "y": p["y"],
            "name": p["name"],
            "kind": "eigen gemeente" if p["area"] == own else "sterk afwijkend" if p["outlier"] else "gebied",
        }
        for p in result["points"]
    ]
    xs = [p["x"] for p in points]
    line = [{"x": v, "y": result["intercept"] + result["slope"] * v} for v in (min(xs), max(xs))]
    kinds = [
        "gebied",
        "sterk afwijkend",
        *(["eigen gemeente"] if any(p["kind"] == "eigen gemeente" for p in points) else []),
    ]
    spec = {
        "$schema": chartspecs.SCHEMA,
        "config": chartspecs.CONFIG,
        "width": 520,
        "height": 380,
        "layer": [
            {
                "data": {"values": line},
                "mark": {"type": "line", "color": "#6b6b6b", "strokeDash": [6, 4], "strokeWidth": 1.5},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": {"field": "y", "type": "quantitative"},
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 80, "opacity": 0.9},
                "encoding": {
                    "x": {
                        "field": "x",
                        "type": "quantitative",
                        "title": x["label"],
                        "scale": {"zero": False},
                        "axis": {"format": chartspecs.number_format(x["decimals"])},
                    },
                    "y": {
                        "field": "y",
                        "type": "quantitative",
                        "title": y["label"],
                        "scale": {"zero": False},
                        "axis": {"format": chartspecs.number_format(y["decimals"])},
                    },
                    "shape": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": kinds,
                            "range": ["circle", "triangle-up", "diamond"][: len(kinds)],
                        },
                        "legend": {"orient": "bottom"},
                    },
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": kinds,
                            "range": [chartspecs.SERIES_COLOURS[0], OUTLIER_INK, chartspecs.INK][
                                : len(kinds)
                            ],
                        },
                        "legend": {"orient": "bottom"},
                    },
                },
            },
            {
                "data": {"values": [p for p in points if p["kind"] != "gebied" or len(points) <= 15]},
                "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 11},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": {"field": "y", "type": "quantitative"},
                    "text": {"field": "name"},
                },
            },
        ],
    }
    alt = f"Spreidingsgrafiek: {x['label']} (horizontaal) tegen {y['label']} (verticaal). {result['summary']}"
    if result["outliers"]:
        alt += " Sterk afwijkend (driehoek): " + ", ".join(result["outliers"]) + "."
    rows = [
        (p["name"], [{"text": p["x_text"]}, {"text": p["y_text"]}, {"text": "ja" if p["outlier"] else ""}])
        for p in sorted(result["points"], key=lambda p: p["name"])
    ]
    return {
        "type": "scatter",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{x['label']} en {y['label']}, {data['level_label']}, {data['period_label']}. "
        "De gestreepte lijn is de rechte lijn die het best past.",
        "table": table(
            f"{x['label']} en {y['label']} per gebied, {data['period_label']}.",
            ["Gebied", x["label"], y["label"], "Sterk afwijkend"],
            rows,
        ),
    }
