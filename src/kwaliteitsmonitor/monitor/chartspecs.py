# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specs for the monitor's charts and maps, built from plain, already protected data.

Every series differs in colour *and* in dash pattern and point shape (meaning never by colour alone,
WCAG 1.4.1); colours have at least 3:1 contrast against white (WCAG 1.4.11). Values written in the
charts are formatted in Python the Dutch way; axes use vl-convert's ``nl-NL`` locale.
"""

from __future__ import annotations

import json
import re
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Noto Sans, Liberation Sans, Arial, sans-serif"
INK = "#1f1f1f"
# Up to eight series, each different in colour, dash pattern and point shape (colours ≥ 3:1 on white).
SERIES_COLOURS = ["#1d4f91", "#4d4d4d", "#a4330a", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#5d4037"]
SERIES_DASHES = [[1, 0], [7, 4], [2, 3], [10, 3, 2, 3], [4, 2], [12, 3], [1, 2], [6, 2, 1, 2]]
SERIES_SHAPES = [
    "circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right", "triangle-left",
]  # fmt: skip
MAP_RANGE = ["#eef4fb", "#3d7fc1"]  # black text stays readable on every shade (≥ 6:1)
LOCATOR_OTHER_FILL = "#f4f4f4"
LONG_LABEL = 48  # characters of a series name that still fit next to others in one legend row
SECRET_FILL = "#c8c8c8"  # noqa: S105 - grey for "geheim", not a password

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "#ffffff",
    "padding": 8,
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 12, "titleFontSize": 12, "labelColor": INK, "titleColor": INK,
        "titleFontWeight": "normal", "gridColor": "#e3e3e3", "domainColor": "#6b6b6b", "tickColor": "#6b6b6b",
    },
    "legend": {
        "labelFontSize": 12, "titleFontSize": 12, "labelColor": INK, "titleColor": INK,
        "symbolStrokeWidth": 2.5,
    },
    "text": {"color": INK, "fontSize": 12},
}  # fmt: skip


NARROW_WIDTH = 250  # plot width of the phone version: with axes and padding about 320 px, shown at scale ~1
NARROW_FONT = 13


def narrow_spec(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The phone version of a single-view chart (a top-level ``width``): narrower, same data, text of
    :data:`NARROW_FONT` px, legends in one column below. Shown below 36em (``figure.html``), so at 375 CSS
    px no chart text is smaller than 11 px. None for charts that have no such version (concatenations)."""
    width = spec.get("width")
    if not isinstance(width, int) or width <= NARROW_WIDTH:
        return None
    narrow = _copy_shapes(spec)
    ratio = NARROW_WIDTH / width
    narrow["width"] = NARROW_WIDTH
    if isinstance(narrow.get("height"), int) and narrow.get("projection"):
        narrow["height"] = max(160, round(narrow["height"] * ratio))  # a map keeps its proportions
    elif isinstance(narrow.get("height"), int):
        narrow["height"] = min(narrow["height"], 220)
    config = narrow["config"] = json.loads(json.dumps(narrow.get("config", CONFIG)))
    for part in ("axis", "legend"):
        config.setdefault(part, {}).update({"labelFontSize": NARROW_FONT, "titleFontSize": NARROW_FONT})
    config.setdefault("text", {})["fontSize"] = NARROW_FONT
    config["legend"].update({"orient": "bottom", "columns": 1, "labelLimit": NARROW_WIDTH + 40})
    _narrow_encodings(narrow)
    return narrow


def _copy_shapes(node: Any) -> Any:
    """A copy of a spec to change for the phone version; the data (the bulk of a spec: rows, map shapes)
    is shared, not copied, since the phone version changes only the layout."""
    if isinstance(node, dict):
        return {k: v if k == "data" else _copy_shapes(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_copy_shapes(v) for v in node]
    return node


def _narrow_encodings(node: Any) -> None:
    """Legends in one column and whole; x labels slanted when there are many (not in the data)."""
    if isinstance(node, list):
        for item in node:
            _narrow_encodings(item)
        return
    if not isinstance(node, dict):
        return
    legend = node.get("legend")
    if isinstance(legend, dict):
        legend.update(
            {"columns": 1, "labelLimit": NARROW_WIDTH + 40, "orient": "bottom", "direction": "vertical"}
        )
        legend.pop("gradientLength", None)
    axis = node.get("axis")
    if isinstance(axis, dict) and isinstance(axis.get("values"), list) and len(axis["values"]) > 5:
        axis["labelAngle"] = -45
    for key, value in node.items():
        if key != "data":
            _narrow_encodings(value)


def number_format(decimals: int) -> str:
    return f",.{max(decimals, 0)}f"


_SHORT = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HK])?(?P<num>\d{1,2}))?$")
INTERVAL_NOTE = "Een verticaal streepje door een punt is het 95%-betrouwbaarheidsinterval van die meting."


def label_time(label: str) -> float:
    """The middle of a period given by its short label (``2024``, ``2024-H1``, ``2024-K3``, ``2024-05``)
    in decimal years: where the period stands on a time axis that is proportional to time."""
    match = _SHORT.match(label)
    if match is None:
        raise ValueError(f"'{label}' is geen periode")
    year = int(match["year"])
    if match["num"] is None:
        return year + 0.5
    number = int(match["num"])
    parts = {"H": 2, "K": 4}.get(match["kind"] or "", 12)
    return year + (number - 0.5) / parts


def time_axis(periods: list[str]) -> dict[str, Any]:
    """An x encoding on ``t`` (decimal years) with a tick and label at every period: the gaps between
    irregular survey years (2016, 2020, 2022, 2024) and towards projection years are true to time."""
    times = [label_time(p) for p in periods]
    first, last = min(times), max(times)
    pad = max(0.25, (last - first) * 0.03)
    lookup = "[" + ",".join(json.dumps(p) for p in periods) + "]"
    keys = "[" + ",".join(repr(t) for t in times) + "]"
    return {
        "field": "t", "type": "quantitative", "title": None,
        "scale": {"domain": [first - pad, last + pad], "nice": False, "zero": False},
        "axis": {
            "values": times, "labelExpr": f"{lookup}[indexof({keys}, datum.value)]", "grid": False,
            "labelAngle": 0 if len(periods) <= 10 else -40, "labelOverlap": "greedy",
        },
    }  # fmt: skip


def with_time(rows: list[dict[str, Any]], field: str = "period") -> list[dict[str, Any]]:
    """``rows`` with ``t``, the place on the time axis of their period label."""
    return [{**row, "t": label_time(row[field])} for row in rows]


def interval_layer(points: list[dict[str, Any]], series: list[str]) -> list[dict[str, Any]]:
    """Error bars for the points that have a confidence interval (``low`` and ``high``), in the colour
    of their series."""
    rows = [p for p in points if p.get("low") is not None and p.get("high") is not None]
    if not rows:
        return []
    return [
        {
            "data": {"values": rows},
            "mark": {"type": "rule", "strokeWidth": 1.5},
            "encoding": {
                "y": {"field": "low", "type": "quantitative"},
                "y2": {"field": "high"},
                # the colour scale and legend of the lines (a legend: None here would drop the legend)
                "color": {"field": "series", "type": "nominal", "sort": series},
            },
        }
    ]


def trend_spec(
    points: list[dict[str, Any]],
    *,
    periods: list[str],
    series: list[str],
    y_title: str,
    decimals: int,
    zero: bool,
    extra_layers: list[dict[str, Any]] | None = None,
    legend_columns: int | None = None,
) -> dict[str, Any]:
    """Lines over time. ``points``: ``{"period": label, "series": name, "value": float}`` (no secrets),
    optionally with ``low`` and ``high`` (a confidence interval, drawn as an error bar); at most
    ``len(SERIES_COLOURS)`` series. The x axis is proportional to time (:func:`time_axis`).

    ``extra_layers`` (with their own data, e.g. a projection band and target line) are drawn below the lines.
    ``legend_columns`` lays the legend out in columns (for many series, so the chart keeps its width).
    """
    n = len(series)
    legend: dict[str, Any] = {
        "title": None,
        "orient": "bottom",
        "direction": "horizontal",
        "symbolSize": 120,
        "labelLimit": 320,
    }
    if legend_columns:
        legend.update({"columns": legend_columns, "labelLimit": 280})
    elif max((len(name) for name in series), default=0) > LONG_LABEL:
        # A long name (a comparison group with its figure and indeling) on a line of its own, whole.
        legend.update({"columns": 1, "labelLimit": 640})
    encoding: dict[str, Any] = {
        "x": time_axis(periods),
        "y": {
            "field": "value", "type": "quantitative", "title": y_title,
            "scale": {"zero": zero, "nice": True},
            "axis": {"format": number_format(decimals), "tickCount": 6},
        },
        "color": {
            "field": "series", "type": "nominal", "sort": series, "legend": legend,
            "scale": {"domain": series, "range": SERIES_COLOURS[:n]},
        },
    }  # fmt: skip
    points = with_time(points)
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "width": 600,
        "height": 260,
        "data": {"values": points},
        "encoding": encoding,
        "layer": [
            *(extra_layers or []),
            *interval_layer(points, series),
            {
                "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {
                    "strokeDash": {
                        "field": "series", "type": "nominal", "sort": series, "legend": legend,
                        "scale": {"domain": series, "range": SERIES_DASHES[:n]},
                    }
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
                "encoding": {
                    "shape": {
                        "field": "series", "type": "nominal", "sort": series, "legend": legend,
                        "scale": {"domain": series, "range": SERIES_SHAPES[:n]},
                    }
                },
            },
        ],
    }  # fmt: skip


def bars_spec(rows: list[dict[str, Any]], *, x_title: str, decimals: int) -> dict[str, Any]:
    """Horizontal bars with the value written at the end; secret rows get no bar, only "geheim".

    ``rows``: ``{"label": str, "value": float | None, "text": str}`` in display order.
    """
    labels = [r["label"] for r in rows]
    y = {"field": "label", "type": "nominal", "sort": labels, "title": None, "axis": {"labelLimit": 220}}
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "width": 480,
        "height": {"step": 30},
        "data": {"values": rows},
        "encoding": {"y": y},
        "layer": [
            {
                "transform": [{"filter": "isValid(datum.value)"}],
                "mark": {"type": "bar", "color": SERIES_COLOURS[0], "height": {"band": 0.7}},
                "encoding": {
                    "x": {
                        "field": "value", "type": "quantitative", "title": x_title,
                        "axis": {"format": number_format(decimals)}, "scale": {"zero": True, "nice": True},
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 5},
                "encoding": {
                    "x": {"field": "value", "type": "quantitative", "scale": {"zero": True}},
                    "text": {"field": "text"},
                },
            },
        ],
        "resolve": {"scale": {"x": "shared"}},
    }  # fmt: skip


def map_spec(
    shown: list[dict[str, Any]],
    secret: list[dict[str, Any]],
    labels: list[dict[str, Any]],
    *,
    legend_title: str,
    decimals: int,
) -> dict[str, Any]:
    """A choropleth of wijken. ``shown``/``secret``: GeoJSON features with ``properties.value``;
    ``labels``: ``{"lon", "lat", "text": [name, value]}`` written on each area, so the values can be read
    without the colours."""
    layers: list[dict[str, Any]] = []
    if shown:
        layers.append(
            {
                "data": {"values": shown},
                "mark": {"type": "geoshape", "stroke": "#4d4d4d", "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "properties.value", "type": "quantitative", "title": legend_title,
                        "scale": {"range": MAP_RANGE, "nice": False},
                        "legend": {
                            "format": number_format(decimals), "orient": "right", "gradientLength": 200,
                        },
                    }
                },
            }
        )  # fmt: skip
    if secret:
        layers.append(
            {
                "data": {"values": secret},
                "mark": {
                    "type": "geoshape", "fill": SECRET_FILL, "stroke": "#3c3c3c",
                    "strokeWidth": 1.2, "strokeDash": [4, 3],
                },
            }
        )  # fmt: skip
    layers.append(_map_labels(labels))
    return _map(layers)


def locator_spec(
    others: list[dict[str, Any]], own: dict[str, Any], labels: list[dict[str, Any]]
) -> dict[str, Any]:
    """Where one area lies among the others: the others light grey, this one filled and outlined thickly,
    every area named (``labels``: ``{"lon", "lat", "text"}``); black text is readable on both fills."""
    return _map(
        [
            {
                "data": {"values": others},
                "mark": {"type": "geoshape", "fill": LOCATOR_OTHER_FILL, "stroke": "#6b6b6b"},
            },
            {
                "data": {"values": [own]},
                "mark": {"type": "geoshape", "fill": MAP_RANGE[1], "stroke": INK, "strokeWidth": 3},
            },
            _map_labels(labels),
        ]
    )


def _map_labels(labels: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": {"values": labels},
        "mark": {"type": "text", "fontSize": 11, "lineHeight": 14, "fontWeight": "bold"},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "text": {"field": "text"},
        },
    }


def _map(layers: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "width": 560,
        "height": 440,
        "projection": {"type": "mercator"},
        "layer": layers,
    }


ROSE_INNER = 36
ROSE_OUTER = 190
ROSE_BACKGROUND = "#ececec"


def rose_spec(
    sectors: list[dict[str, Any]], themes: list[dict[str, Any]], *, legend: list[tuple[str, str]]
) -> dict[str, Any]:
    """A "dataroos": one sector of equal angle per sub-theme, in theme order clockwise from twelve
    o'clock; the further a sub-theme is, the further its sector reaches (``fraction`` 0…1 of the status
    order) and its fill is the status colour. A dark ring outside groups the sectors by theme; every
    sector is labelled with its number and status symbol, so the chart reads without the colours.

    ``sectors``: ``{"key" ("1.2"), "label" (legend text), "fraction", "text" ("1.2 ◐")}`` in order;
    ``themes``: the number of sectors of each theme, in order; ``legend``: [(legend text, colour)].
    Angles are computed here (sector i spans i…i+1), so a sector left out of a layer moves nothing.
    """
    total = max(len(sectors), 1)
    values = [{**s, "start": i, "end": i + 1, "mid": i + 0.5} for i, s in enumerate(sectors)]
    rings, start = [], 0
    for n in themes:
        rings.append({"start": start, "end": start + n})
        start += n
    angle = {"type": "quantitative", "scale": {"domain": [0, total], "range": [0, 6.283185307179586]}}
    theta = {"theta": {**angle, "field": "start"}, "theta2": {"field": "end"}}
    domain, colours = [text for text, _ in legend], [colour for _, colour in legend]
    size = 2 * (ROSE_OUTER + 48)
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "width": size,
        "height": size,
        "layer": [
            {
                "data": {"values": values},
                "mark": {
                    "type": "arc", "innerRadius": ROSE_INNER, "outerRadius": ROSE_OUTER,
                    "fill": ROSE_BACKGROUND, "stroke": "#ffffff", "strokeWidth": 2,
                },
                "encoding": theta,
            },
            {
                "data": {"values": values},
                "transform": [{"filter": "datum.fraction > 0"}],
                "mark": {"type": "arc", "innerRadius": ROSE_INNER, "stroke": "#ffffff", "strokeWidth": 2},
                "encoding": {
                    **theta,
                    "radius": {
                        "field": "fraction", "type": "quantitative",
                        "scale": {"type": "linear", "domain": [0, 1], "range": [ROSE_INNER, ROSE_OUTER],
                                  "zero": False},
                    },
                    "color": {
                        "field": "label", "type": "nominal", "title": "Status",
                        "scale": {"domain": domain, "range": colours},
                        "legend": {"orient": "bottom", "direction": "horizontal", "symbolType": "square",
                                   "symbolSize": 160, "labelLimit": 320, "columns": 2},
                    },
                },
            },
            {
                "data": {"values": rings},
                "mark": {
                    "type": "arc", "innerRadius": ROSE_OUTER + 5, "outerRadius": ROSE_OUTER + 13,
                    "fill": "#4d4d4d", "stroke": "#ffffff", "strokeWidth": 4,
                },
                "encoding": theta,
            },
            {
                "data": {"values": values},
                "mark": {"type": "text", "radius": ROSE_OUTER + 32, "fontSize": 13},
                "encoding": {"theta": {**angle, "field": "mid"}, "text": {"field": "text"}},
            },
        ],
    }  # fmt: skip
