# SPDX-License-Identifier: EUPL-1.2
"""The shape of a CBS table, read from its metadata: dimensions, measures and code lists (v3 and v4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kwaliteitsmonitor.indicators.records import RecordError

from .cells import period_status, strip_key
from .odata import EntitySets, Row, all_rows

TIME, GEO, OTHER = "time", "geo", "other"
_NUMERIC_V3 = {"double", "long", "integer", "int", "float", "decimal"}


@dataclass(frozen=True, slots=True)
class Dimension:
    key: str
    title: str
    kind: str  # time | geo | other


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    unit: str = ""
    decimals: int = 0
    numeric: bool = True
    description: str = ""
    group: str = ""
    presentation: str = ""


@dataclass(frozen=True, slots=True)
class Code:
    key: str
    title: str
    status: str = ""


@dataclass(frozen=True)
class TableModel:
    table_id: str
    title: str
    period: str  # TableInfos.Period, e.g. "2024" (used when there is no time dimension)
    version: str  # v3 | v4
    dimensions: tuple[Dimension, ...]
    measures: tuple[Measure, ...]
    codes: Mapping[str, Mapping[str, Code]] = field(default_factory=dict)

    def dimension(self, kind: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.kind == kind), None)

    @property
    def others(self) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if d.kind == OTHER)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _decimals(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _kind(type_name: str) -> str | None:
    name = type_name.rsplit(".", 1)[-1].casefold()
    if name in {"timedimension"}:
        return TIME
    if name.startswith("geo"):
        return GEO
    if name == "dimension":
        return OTHER
    return None


def _codes(rows: list[Row], key_field: str) -> dict[str, Code]:
    return {
        strip_key(r.get(key_field)): Code(
            strip_key(r.get(key_field)), _text(r.get("Title")), period_status(r.get("Status"))
        )
        for r in rows
        if r.get(key_field) is not None
    }


def _table_info(rows: list[Row], table_id: str) -> tuple[str, str, str]:
    info = rows[0] if rows else {}
    return (
        strip_key(info.get("Identifier")) or table_id,
        _text(info.get("Title")),
        _text(info.get("Period")),
    )


def model_v3(sets: EntitySets, table_id: str = "") -> tuple[TableModel | None, list[RecordError]]:
    properties = all_rows(sets, "DataProperties")
    if not properties:
        return None, [
            RecordError(
                "DataProperties ontbreekt of is leeg; zonder metagegevens kan de tabel niet worden gelezen",
                "DataProperties.json",
            )
        ]
    groups = {
        p.get("ID"): _text(p.get("Title"))
        for p in properties
        if "TopicGroup" in str(p.get("Type", p.get("odata.type")))
    }
    dimensions, measures = [], []
    for p in properties:
        type_name = str(p.get("Type") or p.get("odata.type") or "")
        key = strip_key(p.get("Key"))
        if type_name.rsplit(".", 1)[-1] == "Topic":
            measures.append(
                Measure(
                    key=key,
                    title=_text(p.get("Title")),
                    unit=_text(p.get("Unit")),
                    decimals=_decimals(p.get("Decimals")),
                    numeric=str(p.get("Datatype") or "Double").casefold() in _NUMERIC_V3,
                    description=(p.get("Description") or "").strip(),
                    group=groups.get(p.get("ParentID"), ""),
                    presentation=_text(p.get("PresentationType")),
                )
            )
        elif (kind := _kind(type_name)) is not None and key:
            dimensions.append(Dimension(key, _text(p.get("Title")), kind))
    codes = {d.key: _codes(all_rows(sets, d.key), "Key") for d in dimensions if d.key in sets}
    ident, title, period = _table_info(all_rows(sets, "TableInfos"), table_id)
    return TableModel(ident, title, period, "v3", tuple(dimensions), tuple(measures), codes), []


def model_v4(sets: EntitySets, table_id: str = "") -> tuple[TableModel | None, list[RecordError]]:
    measure_rows = all_rows(sets, "MeasureCodes")
    if not measure_rows:
        return None, [
            RecordError(
                "MeasureCodes ontbreekt of is leeg; zonder metagegevens kan de tabel niet worden gelezen",
                "MeasureCodes.json",
            )
        ]
    dimensions = []
    for d in all_rows(sets, "Dimensions"):
        kind = _kind(str(d.get("Kind") or "Dimension").replace("GeoDetail", "Geo"))
        if kind is not None and d.get("Identifier"):
            dimensions.append(Dimension(strip_key(d["Identifier"]), _text(d.get("Title")), kind))
    measures = [
        Measure(
            key=strip_key(m.get("Identifier")),
            title=_text(m.get("Title")),
            unit=_text(m.get("Unit")),
            decimals=_decimals(m.get("Decimals")),
            numeric=str(m.get("DataType") or "Float").casefold() not in {"string", "text"},
            description=(m.get("Description") or "").strip(),
            presentation=_text(m.get("PresentationType")),
        )
        for m in measure_rows
    ]
    codes = {d.key: _codes(all_rows(sets, f"{d.key}Codes"), "Identifier") for d in dimensions}
    ident, title, period = _table_info(all_rows(sets, "Properties"), table_id)
    return TableModel(ident, title, period, "v4", tuple(dimensions), tuple(measures), codes), []
