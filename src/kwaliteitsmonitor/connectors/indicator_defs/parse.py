# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of indicator definitions (YAML or CSV/XLSX; docs/import/indicators.md).

Columns/keys: ``code, name, unit, decimals, polarity, definition, source, numerator, denominator, factor,
disclosure``. Checked here: required fields, unit, polarity, decimals, factor, disclosure rule, duplicate
codes and numerator/denominator cycles within the file. References to indicators that are not in the
file are checked against the database by the load step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from kwaliteitsmonitor.analysis.disclosure import DisclosureRuleError, parse_rule
from kwaliteitsmonitor.analysis.units import UNITS
from kwaliteitsmonitor.indicators.records import RecordError

from ..base import ParseResult
from ..files import Table, cell_text, parse_number

POLARITIES = ("higher_is_better", "lower_is_better", "neutral")
FIELDS = ("code", "name", "unit", "decimals", "polarity", "definition", "source", "numerator", "denominator",
          "factor", "disclosure")  # fmt: skip
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$", re.ASCII)


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    code: str
    name: str
    unit: str = "count"
    decimals: int = 0
    polarity: str = "neutral"
    definition: str = ""
    source: str = ""
    numerator: str = ""
    denominator: str = ""
    factor: float | None = None
    disclosure: str = ""
    file: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class DefinitionParse(ParseResult):
    specs: tuple[IndicatorSpec, ...] = ()


def rows_from_yaml(data: bytes, file: str) -> tuple[list[tuple[int, dict[str, Any]]], list[RecordError]]:
    try:
        document = yaml.safe_load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        return [], [RecordError(f"geen geldige YAML: {exc}", file, line + 1 if line is not None else None)]
    items = document.get("indicators") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return [], [RecordError("verwacht een lijst van indicatoren (of 'indicators: [...]')", file)]
    return [
        (number, {str(k).lower(): v for k, v in item.items()}) for number, item in enumerate(items, 1)
    ], []


def rows_from_table(table: Table) -> tuple[list[tuple[int, dict[str, Any]]], list[RecordError]]:
    if table.column("code") is None or table.column("name") is None:
        missing = "code" if table.column("code") is None else "name"
        return [], [RecordError(f"verplichte kolom '{missing}' ontbreekt", table.file, 1, missing)]
    columns = {name: table.column(name) for name in FIELDS}
    rows = [
        (number, {name: cells[i] for name, i in columns.items() if i is not None})
        for number, cells in table.rows
    ]
    return rows, []


def parse_definitions(rows: list[tuple[int, dict[str, Any]]], file: str) -> DefinitionParse:
    errors: list[RecordError] = []
    specs: dict[str, IndicatorSpec] = {}
    for number, row in rows:
        spec = _spec(row, file, number, errors)
        if spec is None:
            continue
        if spec.code in specs:
            errors.append(
                RecordError(
                    f"code '{spec.code}' staat dubbel (ook rij {specs[spec.code].row})", file, number, "code"
                )
            )
            continue
        specs[spec.code] = spec
    errors.extend(find_cycles({c: (s.numerator, s.denominator) for c, s in specs.items()}, specs))
    return DefinitionParse(errors=tuple(errors), specs=tuple(specs.values()))


def _text(row: Mapping[str, Any], key: str) -> str:
    return cell_text(row.get(key))


def _spec(row: Mapping[str, Any], file: str, number: int, errors: list[RecordError]) -> IndicatorSpec | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RecordError(message, file, number, column))

    code, name = _text(row, "code"), _text(row, "name")
    if not _CODE.match(code):
        error("code", f"ongeldige code '{code}': kleine letters, cijfers, '_' en '-'")
    if not name:
        error("name", "naam ontbreekt")
    unit = _text(row, "unit") or "count"
    if unit not in UNITS:
        error("unit", f"onbekende eenheid '{unit}'; kies uit {', '.join(UNITS)}")
    polarity = _text(row, "polarity") or "neutral"
    if polarity not in POLARITIES:
        error("polarity", f"onbekende richting '{polarity}'; kies {', '.join(POLARITIES)}")
    decimals = _text(row, "decimals") or "0"
    if not decimals.isdigit() or int(decimals) > 6:
        error("decimals", f"decimalen: een geheel getal van 0 tot en met 6, niet '{decimals}'")
    factor = _factor(row.get("factor"), error)
    numerator, denominator = _text(row, "numerator"), _text(row, "denominator")
    _check_rate(code, numerator, denominator, factor, error)
    disclosure = _disclosure(_text(row, "disclosure"), error)
    if len(errors) > before:
        return None
    text = {"definition": _text(row, "definition"), "source": _text(row, "source")}
    return IndicatorSpec(code, name, unit, int(decimals), polarity, text["definition"], text["source"],
                         numerator, denominator, factor, disclosure, file, number)  # fmt: skip


def _disclosure(text: str, error: Any) -> str:
    if not text:
        return ""
    try:
        return parse_rule(text).text
    except DisclosureRuleError as exc:
        error("disclosure", str(exc))
        return ""


def _check_rate(code: str, numerator: str, denominator: str, factor: float | None, error: Any) -> None:
    if bool(numerator) != bool(denominator):
        error(
            "denominator" if numerator else "numerator", "teller en noemer horen bij elkaar: geef ze allebei"
        )
    if factor is not None and not numerator:
        error("factor", "een factor maakt een verhouding van teller en noemer: geef die ook")
    if code and code in {numerator, denominator}:
        error("numerator", "een indicator kan niet zijn eigen teller of noemer zijn")


def _factor(cell: Any, error: Any) -> float | None:
    if cell in (None, ""):
        return None
    try:
        value = parse_number(cell).value
    except ValueError as exc:
        error("factor", f"factor: {exc}")
        return None
    if value is None or value <= 0:
        error("factor", "factor moet een getal groter dan 0 zijn (bijvoorbeeld 100 of 1000)")
        return None
    return value


def find_cycles(
    edges: Mapping[str, tuple[str, str]], specs: Mapping[str, IndicatorSpec]
) -> list[RecordError]:
    """A definition whose numerator or denominator leads back to itself (directly or via others)."""
    errors = []
    for start in specs:
        seen, stack = set(), [c for c in edges.get(start, ()) if c]
        while stack:
            code = stack.pop()
            if code == start:
                spec = specs[start]
                errors.append(
                    RecordError(
                        f"kringverwijzing: '{start}' hangt via teller/noemer van zichzelf af",
                        spec.file,
                        spec.row,
                        "numerator",
                    )
                )
                break
            if code not in seen:
                seen.add(code)
                stack.extend(c for c in edges.get(code, ()) if c)
    return errors
