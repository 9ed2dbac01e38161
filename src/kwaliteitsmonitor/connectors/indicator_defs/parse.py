# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of indicator definitions (YAML or CSV/XLSX; docs/import/indicators.md).

Every field of the indicator contract (``indicators.contract.FIELDS``) is a column or key, in English
(``unit``) or Dutch (``eenheid``). Each row is checked by the contract; ``code``, ``name``, ``unit`` and
``provider`` are required: the unit and the kind of source decide how figures are protected and
published, so they are never assumed. References to other indicators, the consistency of a whole
definition and cycles are checked where the definitions are written (``indicators.definitions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from kwaliteitsmonitor.indicators import contract
from kwaliteitsmonitor.indicators.records import RecordError

from ..base import IndicatorDefinition, ParseResult
from ..files import Table, cell_text, normalise_header

REQUIRED = {
    "code": "code ontbreekt",
    "name": "naam ontbreekt",
    "unit": "eenheid ontbreekt: kies " + ", ".join(contract.UNITS),
    "provider": "soort bron ontbreekt: kies cbs (al beveiligd door de bron), own (eigen registratie), "
    "partner (ketenpartner) of survey (enquête); dit bepaalt hoe cijfers beveiligd worden",
}
Row = tuple[int, dict[str, Any], dict[str, str]]  # (row number, field → value, field → column as written)


def rows_from_yaml(data: bytes, file: str) -> tuple[list[Row], list[RecordError]]:
    try:
        document = yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        return [], [RecordError(f"geen geldige YAML: {exc}", file, line + 1 if line is not None else None)]
    items = document.get("indicators") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return [], [RecordError("verwacht een lijst van indicatoren (of 'indicators: [...]')", file)]
    rows, errors = [], []
    for number, item in enumerate(items, 1):
        fields, columns = _fields({str(k): v for k, v in item.items()}, file, number, errors)
        rows.append((number, fields, columns))
    return rows, errors


def rows_from_table(table: Table) -> tuple[list[Row], list[RecordError]]:
    names = {normalise_header(h): h for h in table.header}
    known = contract.column_names()
    for required in ("code", "name"):
        if not any(known.get(n) == required for n in names):
            return [], [RecordError(f"verplichte kolom '{required}' ontbreekt", table.file, 1, required)]
    errors: list[RecordError] = []
    rows = []
    for number, cells in table.rows:
        item = {header: cells[i] if i < len(cells) else None for i, header in enumerate(table.header)}
        fields, columns = _fields(item, table.file, number, errors)
        rows.append((number, fields, columns))
    return rows, errors


def _fields(
    item: Mapping[str, Any], file: str, number: int, errors: list[RecordError]
) -> tuple[dict[str, Any], dict[str, str]]:
    known = contract.column_names()
    fields, columns = {}, {}
    for key, value in item.items():
        name = known.get(normalise_header(key))
        if name is None:
            if key.strip() and not contract.is_blank(value):
                errors.append(
                    RecordError(f"onbekende kolom of sleutel '{key}' (zie de handleiding)", file, number, key)
                )
            continue
        fields[name] = value if isinstance(value, list | bool | int | float) else cell_text(value)
        columns[name] = key
    return fields, columns


def parse_definitions(rows: list[Row], file: str) -> ParseResult:
    errors: list[RecordError] = []
    definitions: dict[str, IndicatorDefinition] = {}
    first_row: dict[str, int] = {}
    for number, raw, columns in rows:
        values, problems = contract.clean(raw)
        problems += [(n, m) for n, m in REQUIRED.items() if contract.is_blank(raw.get(n))]
        for name, message in problems:
            errors.append(RecordError(message, file, number, columns.get(name, name)))
        if problems:
            continue
        code = values["code"]
        if code in first_row:
            errors.append(
                RecordError(
                    f"code '{code}' staat dubbel (ook rij {first_row[code]})", file, number, columns["code"]
                )
            )
            continue
        first_row[code] = number
        definitions[code] = IndicatorDefinition(
            code=code,
            name=values["name"],
            given=tuple(values.items()),
            replace=True,
            file=file,
            row=number,
            columns=tuple(columns.items()),
        )
    return ParseResult(indicator_definitions=tuple(definitions.values()), errors=tuple(errors))
