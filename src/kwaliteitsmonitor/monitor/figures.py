# SPDX-License-Identifier: EUPL-1.2
"""Figures: a chart (or map) together with its text alternative, caption and data table.

Input is always protected data (``ValueRow`` from ``publications.queries``); a secret value is left out
of the chart, written as "geheim" in the table and on the map, and never drawn as 0.
"""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.monitor import charts, chartspecs, geo, insight_figures
from kwaliteitsmonitor.monitor.pages.common import (
    MISSING_TEXT,
    SECRET_TEXT,
    short_label,
    sort_key,
    status_text,
    table,
    value_dict,
)
from kwaliteitsmonitor.publications.queries import ValueRow

KIND_WORDS = {"JJ": "per jaar", "HJ": "per halfjaar", "KW": "per kwartaal", "MM": "per maand"}
ZERO_BASED_UNITS = {"count", "pct", "per_100", "per_1000", "per_10000", "euro", "euro_1000", "days"}


def _fmt(value: float, meta: dict[str, Any]) -> str:
    return format_value(value, meta["unit"], meta["decimals"])


def trend_words(points: list[tuple[str, float]], meta: dict[str, Any]) -> str:
    """'stijgt van 7,1 in 2016 tot 7,6 in 2024' for the first and last shown value."""
    if not points:
        return "heeft nog geen getoonde waarden"
    (p1, v1), (p2, v2) = points[0], points[-1]
    if len(points) == 1:
        return f"is {_fmt(v1, meta)} in {p1}"
    if round(v1, meta["decimals"]) == round(v2, meta["decimals"]):
        return f"blijft gelijk: {_fmt(v1, meta)} in {p1} en {_fmt(v2, meta)} in {p2}"
    verb = "stijgt" if v2 > v1 else "daalt"
    return f"{verb} van {_fmt(v1, meta)} in {p1} tot {_fmt(v2, meta)} in {p2}"


def trend_figure(
    meta: dict[str, Any],
    series: list[tuple[str, list[ValueRow] | list[dict[str, Any]]]],
    kind: str,
    overlay: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """A line chart over time; ``series`` is [(name, rows)], the first one is the main area.

    Rows are ``ValueRow`` or already made value dicts (for computed series like a group average).
    ``overlay`` (``insight_figures.overlay``): projection band and target line towards the target year.
    """
    cells_by_series: list[tuple[str, dict[str, dict[str, Any]]]] = []
    for name, rows in series:
        cells = {}
        for row in rows:
            cell = value_dict(row) if isinstance(row, ValueRow) else row
            cells[cell["period"]] = cell
        cells_by_series.append((name, cells))
    main_cells = cells_by_series[0][1]
    periods = sorted({p for _, cells in cells_by_series for p in cells}, key=_period_key)
    if not main_cells:
        return None
    points = [
        {
            "period": short_label(p),
            "series": name,
            "value": cells[p]["value"],
            "low": cells[p].get("ci_low"),
            "high": cells[p].get("ci_high"),
        }
        for name, cells in cells_by_series
        for p in periods
        if p in cells and cells[p]["value"] is not None
    ]
    names = [name for name, _ in cells_by_series]
    with_ci = [name for name, cells in cells_by_series if any(_has_ci(c) for c in cells.values())]
    labels = [short_label(p) for p in periods]
    labels += [p for p in (overlay or {}).get("extra_periods", []) if p not in labels]
    spec = chartspecs.trend_spec(
        points,
        periods=labels,
        series=names,
        y_title=meta["unit_title"],
        decimals=meta["decimals"],
        zero=meta["unit"] in ZERO_BASED_UNITS,
        extra_layers=insight_figures.overlay_layers(overlay, labels) if overlay else None,
    )
    main_points = [
        (short_label(p), main_cells[p]["value"])
        for p in periods
        if main_cells.get(p, {}).get("value") is not None
    ]
    alt = f"Lijngrafiek: {meta['label']} in {names[0]} {trend_words(main_points, meta)}."
    last = periods[-1]
    others = [
        f"{name} {cells[last]['text']}"
        for name, cells in cells_by_series[1:]
        if cells.get(last, {}).get("value") is not None
    ]
    if others:
        alt += f" Ter vergelijking in {short_label(last)}: " + "; ".join(others) + "."
    if overlay and overlay["text"]:
        alt += " " + overlay["text"]
    if with_ci:
        alt += " " + chartspecs.INTERVAL_NOTE
    rows = []
    for p in reversed(periods):
        cells = []
        for name, by_period in cells_by_series:
            cells.append(_number_cell(by_period.get(p)))
            if name in with_ci:
                cells += _interval_cells(by_period.get(p), meta)
        main = main_cells.get(p)
        cells.append({"text": status_text(main.get("status", "")) if main else ""})
        rows.append((short_label(p), cells))
    columns = ["Periode"]
    for name in names:
        columns.append(name)
        if name in with_ci:
            columns += [f"{name}: ondergrens 95%-interval", f"{name}: bovengrens 95%-interval"]
    columns.append(f"Status ({names[0]})")
    caption = (
        f"{meta['label']} {KIND_WORDS.get(kind, '')}: {', '.join(names)}. Eenheid: {meta['unit_title']}."
    )
    return {
        "type": "trend",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{meta['label']} {KIND_WORDS.get(kind, '')} in {names[0]}"
        + (f", vergeleken met {' en '.join(names[1:])}." if len(names) > 1 else ".")
        + (f" {overlay['text']}" if overlay and overlay["text"] else "")
        + (f" {chartspecs.INTERVAL_NOTE}" if with_ci else ""),
        "table": table(caption, columns, rows),
        "overlay": overlay,
    }


def _has_ci(cell: dict[str, Any]) -> bool:
    return (
        cell.get("value") is not None and cell.get("ci_low") is not None and cell.get("ci_high") is not None
    )


def _interval_cells(cell: dict[str, Any] | None, meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The lower and upper bound of a value's confidence interval as table cells ("–" when none)."""
    if cell is None or not _has_ci(cell):
        return [{"text": MISSING_TEXT}, {"text": MISSING_TEXT}]
    return [
        {"text": format_number(cell[k], meta["decimals"]), "value": cell[k]} for k in ("ci_low", "ci_high")
    ]


def _period_key(period: str) -> tuple[float, int]:
    return sort_key(period)


def _number_cell(cell: dict[str, Any] | None) -> dict[str, Any]:
    if cell is None:
        return {"text": MISSING_TEXT}
    return {**cell, "text": cell.get("number_text", cell.get("text", MISSING_TEXT))}


def bars_figure(
    meta: dict[str, Any], rows: list[tuple[str, ValueRow]], *, area_name: str, period_label: str, what: str
) -> dict[str, Any] | None:
    """Horizontal bars per group (age group, wijk) for one period."""
    if not rows:
        return None
    data = []
    for label, row in rows:
        cell = value_dict(row)
        data.append({"label": label, "value": cell["value"], "text": cell["number_text"]})
    spec = chartspecs.bars_spec(data, x_title=meta["unit_title"], decimals=meta["decimals"])
    shown = [(d["label"], d["value"]) for d in data if d["value"] is not None]
    secret = [d["label"] for d in data if d["text"] == SECRET_TEXT]
    alt = f"Staafdiagram: {meta['label']} in {area_name} {what}, {period_label}."
    if shown:
        high = max(shown, key=lambda x: x[1])
        low = min(shown, key=lambda x: x[1])
        alt += (
            f" Hoogste waarde: {high[0]} ({_fmt(high[1], meta)}); laagste: {low[0]} ({_fmt(low[1], meta)})."
        )
    if secret:
        alt += f" Geheim: {', '.join(secret)}."
    table_rows = [
        (label, [_number_cell(value_dict(row)), {"text": status_text(row.status)}]) for label, row in rows
    ]
    caption = f"{meta['label']} in {area_name} {what}, {period_label}. Eenheid: {meta['unit_title']}."
    return {
        "type": "bars",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{meta['label']} {what}, {period_label}.",
        "table": table(
            caption, [what.removeprefix("per ").capitalize(), meta["unit_title"], "Status"], table_rows
        ),
    }


def map_figure(
    meta: dict[str, Any],
    rows: list[ValueRow],
    geometries: dict[str, dict[str, Any]],
    *,
    area_name: str,
    period_label: str,
    area_word: tuple[str, str] = ("wijk", "wijken"),
) -> dict[str, Any] | None:
    """A choropleth per wijk (latest period) with the value written on each wijk, and its table.
    ``area_word`` (singular, plural) names what the map shows, e.g. ("gemeente", "gemeenten")."""
    one, many = area_word
    if not rows:
        return None
    shown, secret, labels = [], [], []
    for row in rows:
        geometry = geometries.get(row.area)
        if geometry is None:
            continue
        text = (
            SECRET_TEXT
            if row.secret
            else (format_number(row.value, row.decimals) if row.value is not None else MISSING_TEXT)
        )
        feature = {
            "type": "Feature",
            "geometry": geometry,
            "properties": {"name": row.area_name, "value": row.value},
        }
        if row.value is not None:
            shown.append(feature)
        else:
            secret.append(feature)
        lon, lat = geo.label_point(geometry)
        labels.append({"lon": round(lon, 6), "lat": round(lat, 6), "text": [row.area_name, text]})
    figure: dict[str, Any] = {"type": "map", "chart": None, "alt": "", "caption": ""}
    if shown or secret:
        spec = chartspecs.map_spec(
            shown, secret, labels, legend_title=meta["unit_title"], decimals=meta["decimals"]
        )
        figure["chart"] = charts.chart_ref(spec)
    values = [(r.area_name, r.value) for r in rows if r.value is not None]
    alt = f"Kaart: {meta['label']} per {one} in {area_name}, {period_label}; hoe donkerder, hoe hoger."
    if values:
        high, low = max(values, key=lambda x: x[1]), min(values, key=lambda x: x[1])
        alt += (
            f" Hoogste waarde: {high[0]} ({_fmt(high[1], meta)}); laagste: {low[0]} ({_fmt(low[1], meta)})."
        )
    if any(r.secret for r in rows):
        alt += f" Grijze {many} met stippellijn: geheim."
    figure["alt"] = alt
    figure["caption"] = f"{meta['label']} per {one}, {period_label}; de waarde staat in elke {one}." + (
        " Grijs met stippelrand: geheim." if secret else ""
    )
    table_rows = [(r.area_name, [_number_cell(value_dict(r)), {"text": status_text(r.status)}]) for r in rows]
    figure["table"] = table(
        f"{meta['label']} per {one} in {area_name}, {period_label}. Eenheid: {meta['unit_title']}.",
        [one.capitalize(), meta["unit_title"], "Status"],
        table_rows,
    )
    return figure


STRIP_SHAPES = ["diamond", "square", "triangle-up", "circle"]
STRIP_SHAPE_WORDS = ["ruit", "vierkant", "driehoek", "rondje"]
STRIP_RANGE_FILL = "#e6e6e6"


def strip_figure(
    items: list[dict[str, Any]], *, series: list[str], caption: str, table: dict[str, Any]
) -> dict[str, Any] | None:
    """Per item (an indicator) one strip on its own scale: a grey band from the lowest to the highest
    gemeente and one marker per series (at most four: the own gemeente first, then reference groups),
    each series on its own line of the strip and with its own shape and colour, so nothing hides
    behind another marker and nothing is told by colour alone.

    ``items``: ``{"label", "unit_title", "decimals", "values": [float | None per series], "texts":
    [text per series], "low", "high"}``; ``table`` is the figure's data table (``pages.common.table``).
    """
    series = series[: len(STRIP_SHAPES)]
    drawn = [i for i in items if any(v is not None for v in i["values"][: len(series)])]
    if not drawn:
        return None
    n = len(series)
    legend = {"title": None, "orient": "bottom", "direction": "horizontal", "labelLimit": 360}
    charts_ = []
    for item in drawn:
        points = [
            {"series": name, "value": value}
            for name, value in zip(series, item["values"], strict=False)
            if value is not None
        ]
        x_axis = {"format": chartspecs.number_format(item["decimals"]), "tickCount": 5}
        x = {"type": "quantitative", "title": item["unit_title"], "scale": {"zero": False, "nice": True}}
        layers: list[dict[str, Any]] = []
        if item["low"] is not None and item["high"] is not None:
            layers.append(
                {
                    "data": {"values": [{"low": item["low"], "high": item["high"]}]},
                    "mark": {"type": "rect", "color": STRIP_RANGE_FILL},
                    "encoding": {"x": {**x, "field": "low", "axis": x_axis}, "x2": {"field": "high"}},
                }
            )
        layers.append(
            {
                "data": {"values": points},
                "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
                "encoding": {
                    "x": {**x, "field": "value", "axis": x_axis},
                    "y": {"field": "series", "type": "nominal", "sort": series, "axis": None},
                    "shape": {
                        "field": "series", "type": "nominal", "sort": series, "legend": legend,
                        "scale": {"domain": series, "range": STRIP_SHAPES[:n]},
                    },
                    "color": {
                        "field": "series", "type": "nominal", "sort": series, "legend": legend,
                        "scale": {"domain": series, "range": chartspecs.SERIES_COLOURS[:n]},
                    },
                },
            }
        )  # fmt: skip
        charts_.append(
            {
                "title": {"text": item["label"], "anchor": "start", "fontSize": 13, "color": chartspecs.INK},
                "width": 520,
                "height": 14 * n,
                "layer": layers,
            }
        )
    spec = {
        "$schema": chartspecs.SCHEMA,
        "config": chartspecs.CONFIG,
        "vconcat": charts_,
        "spacing": 18,
        "resolve": {"scale": {"color": "shared", "shape": "shared"}},
    }
    markers = ", ".join(f"{name} ({STRIP_SHAPE_WORDS[i]})" for i, name in enumerate(series))
    alt = (
        f"Stippenfiguur: per indicator op zijn eigen schaal {markers}; de grijze band loopt van de "
        "laagste tot de hoogste gemeente."
    )
    for item in drawn:
        shown = [f"{name} {text}" for name, text in zip(series, item["texts"], strict=False)]
        alt += f" {item['label']}: " + ", ".join(shown) + "."
    return {"type": "strip", "chart": charts.chart_ref(spec), "alt": alt, "caption": caption, "table": table}


# A comparison draws as many lines as ``chartspecs.trend_spec`` has distinct styles for.
MAX_LINES = len(chartspecs.SERIES_COLOURS)


def comparison_figure(
    meta: dict[str, Any], series: list[tuple[str, dict[str, dict[str, Any]]]], periods: list[str], kind: str
) -> dict[str, Any] | None:
    """Lines over time of several areas and groups (at most :data:`MAX_LINES`) and a table with one row
    per area or group. ``series``: [(name, {period: value dict})]; ``periods`` in order."""
    series = series[:MAX_LINES]
    names = [name for name, _ in series]
    labels = [short_label(p) for p in periods]
    points = [
        {"period": short_label(p), "series": name, "value": cells[p]["value"]}
        for name, cells in series
        for p in periods
        if cells.get(p, {}).get("value") is not None
    ]
    if not points:
        return None
    spec = chartspecs.trend_spec(
        points,
        periods=labels,
        series=names,
        y_title=meta["unit_title"],
        decimals=meta["decimals"],
        zero=meta["unit"] in ZERO_BASED_UNITS,
        legend_columns=2 if len(names) > 3 else None,  # two columns keep the chart at its width
    )
    words = []
    for name, cells in series:
        shown = [
            (short_label(p), cells[p]["value"]) for p in periods if cells.get(p, {}).get("value") is not None
        ]
        words.append(f"{name} {trend_words(shown, meta)}")
    span = f"{labels[0]} tot en met {labels[-1]}" if len(labels) > 1 else labels[0]
    alt = f"Lijngrafiek: {meta['label']} {KIND_WORDS.get(kind, '')}, {span}. " + "; ".join(words) + "."
    rows = [(name, [_number_cell(cells.get(p)) for p in periods]) for name, cells in series]
    return {
        "type": "trend",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{meta['label']} {KIND_WORDS.get(kind, '')}: {', '.join(names)}.",
        "table": table(
            f"{meta['label']} {KIND_WORDS.get(kind, '')}, {span}: één rij per gebied of groep. "
            f"Eenheid: {meta['unit_title']}.",
            ["Gebied of groep", *labels],
            rows,
        ),
    }
