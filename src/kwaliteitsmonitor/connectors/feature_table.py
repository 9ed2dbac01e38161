# SPDX-License-Identifier: EUPL-1.2
"""A GeoJSON FeatureCollection read as a table: one row per feature, one column per property. Pure.

Files like CBS/PDOK "wijken en buurten" or a GGD export carry figures as feature properties; read this
way they go through the documented tabular import like a CSV. Row numbers are feature numbers (1 = the
first feature). Nested properties become their JSON text (and so never numbers).
"""

from __future__ import annotations

import json
from typing import Any

from .files import Cell, Table, fail


def looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def read_features(data: bytes, file: str) -> Table:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise fail("het JSON-bestand is geen UTF-8-tekst", file) from None
    except json.JSONDecodeError as exc:
        raise fail(f"geen geldige JSON: {exc.msg}", file, exc.lineno, f"teken {exc.colno}") from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        raise fail("verwacht een GeoJSON FeatureCollection met 'features' (of een CSV/XLSX-bestand)", file)
    header: dict[str, None] = {}
    for feature in features:
        header.update(
            dict.fromkeys(str(k) for k in (feature.get("properties") or {}) if isinstance(feature, dict))
        )
    names = list(header)
    rows = []
    for number, feature in enumerate(features, start=1):
        props = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        rows.append((number, tuple(_cell(props.get(name)) for name in names)))
    return Table(
        file,
        tuple(names),
        tuple(rows),
        warnings=(f"{file}: {len(rows)} objecten (GeoJSON) als rijen gelezen",),
    )


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value.strip() or None
    return json.dumps(value, ensure_ascii=False)
