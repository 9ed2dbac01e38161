# SPDX-License-Identifier: EUPL-1.2
"""Figures: a chart (or map) together with its text alternative, caption and data table.

Input is always protected data (``ValueRow`` from ``indicators.queries``); a secret value is left out
of the chart, written as "geheim" in the table and on the map, and never drawn as 0.
"""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.indicators.queries import ValueRow
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
        {"period": short_label(p), "series": name, "value": cells[p]["value"]}
        for name, cells in cells_by_series
        for p in periods
        if p in cells and cells[p]["value"] is not None
    ]
    names = [name for name, _ in cells_by_series]
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
    rows = []
    for p in reversed(periods):
        cells = [_number_cell(cells.get(p)) for _, cells in cells_by_series]
        main = main_cells.get(p)
        cells.append({"text": status_text(main.get("status", "")) if main else ""})
        rows.append((short_label(p), cells))
    columns = ["Periode", *names, f"Status ({names[0]})"]
    caption = (
        f"{meta['label']} {KIND_WORDS.get(kind, '')}: {', '.join(names)}. Eenheid: {meta['unit_title']}."
    )
    return {
        "type": "trend",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"{meta['label']} {KIND_WORDS.get(kind, '')} in {names[0]}"
        + (f", vergeleken met {' en '.join(names[1:])}." if len(names) > 1 else ".")
        + (f" {overlay['text']}" if overlay and overlay["text"] else ""),
        "table": table(caption, columns, rows),
        "overlay": overlay,
    }


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
) -> dict[str, Any] | None:
    """A choropleth per wijk (latest period) with the value written on each wijk, and its table."""
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
    alt = f"Kaart: {meta['label']} per wijk in {area_name}, {period_label}; hoe donkerder, hoe hoger."
    if values:
        high, low = max(values, key=lambda x: x[1]), min(values, key=lambda x: x[1])
        alt += (
            f" Hoogste waarde: {high[0]} ({_fmt(high[1], meta)}); laagste: {low[0]} ({_fmt(low[1], meta)})."
        )
    if any(r.secret for r in rows):
        alt += " Grijze wijken met stippellijn: geheim."
    figure["alt"] = alt
    figure["caption"] = f"{meta['label']} per wijk, {period_label}; de waarde staat in elke wijk." + (
        " Grijs met stippelrand: geheim." if secret else ""
    )
    table_rows = [(r.area_name, [_number_cell(value_dict(r)), {"text": status_text(r.status)}]) for r in rows]
    figure["table"] = table(
        f"{meta['label']} per wijk in {area_name}, {period_label}. Eenheid: {meta['unit_title']}.",
        ["Wijk", meta["unit_title"], "Status"],
        table_rows,
    )
    return figure
