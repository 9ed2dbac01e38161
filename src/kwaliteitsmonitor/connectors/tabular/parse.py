# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of the two spreadsheet templates into observation records (docs/import/spreadsheet.md).

* **long**: one row per value: ``indicator, area, period, [breakdown], value, [numerator, denominator,
  ci_low, ci_high, n, status, source]`` (Dutch column names work too);
* **wide**: one row per area, one column per indicator; the period from ``--period`` or a ``jaar`` column.

Every rejected cell is reported with file, row and column; the caller writes nothing when there is one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period
from kwaliteitsmonitor.indicators.records import ObservationRecord, RecordError

from ..base import AreaDefinition, IndicatorDefinition, ParseResult
from ..files import (
    Cell,
    Number,
    Table,
    cell_text,
    mangled_header,
    normalise_header,
    parse_number,
    slug_code,
    sniff_decimal,
)
from .columns import (
    LABEL_COLUMNS,
    LONG_REQUIRED,
    STATUS,
    WIDE_AREA,
    WIDE_PERIOD,
    TabularOptions,
    locate,
    long_columns,
    looks_long,
)
from .definitions import new_definitions
from .dictionary import Variable

MAX_ERRORS = 1000


class _Errors(list[RecordError]):
    def add(self, message: str, file: str, row: int | None, column: str) -> None:
        if len(self) < MAX_ERRORS:
            self.append(RecordError(message, file, row, column))


def parse_table(
    table: Table, options: TabularOptions, dictionary: Mapping[str, Variable] | None = None
) -> ParseResult:
    table = _renamed(table, options.rename)
    layout = options.layout if options.layout != "auto" else ("long" if looks_long(table) else "wide")
    if layout == "long":
        result = _parse_long(table, options, dictionary or {})
    else:
        result = _parse_wide(table, options, dictionary or {})
    areas = area_definitions(result.records, table.file) if options.create_areas else ()
    return dataclasses.replace(result, areas=areas, warnings=(*table.warnings, *result.warnings))


def area_definitions(records: tuple[ObservationRecord, ...], file: str) -> tuple[AreaDefinition, ...]:
    """Areas named only by their code, for ``--create-areas``; only those missing are created."""
    definitions = []
    for code in dict.fromkeys(r.area for r in records):
        level = code[:2]
        parent = {"BU": "WK" + code[2:8], "WK": "GM" + code[2:6]}.get(level, "")
        definitions.append(AreaDefinition(code, f"{code} (zonder naam, uit {file})", level, parent))
    return tuple(definitions)


def _renamed(table: Table, rename: Mapping[str, str]) -> Table:
    if not rename:
        return table
    return dataclasses.replace(table, header=tuple(rename.get(h, h) for h in table.header))


def _period(text: str, file: str, row: int | None, column: str, errors: _Errors) -> str | None:
    try:
        return parse_period(text).key
    except PeriodError as exc:
        errors.add(str(exc), file, row, column)
        return None


def _column_decimals(table: Table, options: TabularOptions, indexes: list[int]) -> dict[int, str]:
    if options.decimal:
        return dict.fromkeys(indexes, options.decimal)
    return {i: sniff_decimal([cells[i] for _n, cells in table.rows]) for i in indexes}


# --- long -----------------------------------------------------------------------------------------


def _parse_long(table: Table, options: TabularOptions, dictionary: Mapping[str, Variable]) -> ParseResult:
    columns = long_columns(table)
    missing = [name for name in LONG_REQUIRED if name not in columns]
    if missing:
        message = (
            "verplichte kolom(men) ontbreken: "
            + ", ".join(missing)
            + " (sjabloon 'lang', zie de handleiding)"
        )
        return ParseResult(errors=(RecordError(message, table.file, 1, missing[0]),))
    warnings = [
        f"{reason}; deze kolom wordt niet gebruikt" for h in table.header if (reason := mangled_header(h))
    ]
    numeric = [
        columns[c] for c in ("value", "numerator", "denominator", "ci_low", "ci_high", "n") if c in columns
    ]
    decimals = _column_decimals(table, options, numeric)
    errors, records, sources = _Errors(), [], {}
    periods: dict[str, str | None] = {}
    for number, cells in table.rows:
        record = _long_record(table, columns, decimals, number, cells, errors, periods)
        if record is not None:
            records.append(record)
            if "source" in columns and cells[columns["source"]]:
                sources.setdefault(record.indicator, cell_text(cells[columns["source"]]))
    definitions: tuple[IndicatorDefinition, ...] = ()
    if options.create_indicators:
        codes = list(dict.fromkeys(r.indicator for r in records))
        definitions = new_definitions(
            table.file, [(c, c, c) for c in codes], records, options, dictionary or {}, errors, sources
        )
    return ParseResult(tuple(records), definitions, tuple(errors), warnings=tuple(warnings))


def _long_record(
    table: Table,
    columns: dict[str, int],
    decimals: dict[int, str],
    number: int,
    cells: tuple[Cell, ...],
    errors: _Errors,
    periods: dict[str, str | None],
) -> ObservationRecord | None:
    file, before = table.file, len(errors)

    def text(name: str) -> str:
        return cell_text(cells[columns[name]]) if name in columns and columns[name] < len(cells) else ""

    def header(name: str) -> str:
        return table.header[columns[name]]

    for name in ("indicator", "area", "period"):
        if not text(name):
            errors.add(f"{name_nl(name)} ontbreekt", file, number, header(name))
    raw_period = text("period")
    if raw_period and raw_period not in periods:
        periods[raw_period] = _period(raw_period, file, number, header("period"), errors)
    value = _long_value(
        cells[columns["value"]], decimals[columns["value"]], file, number, header("value"), errors
    )
    extras = {
        name: _optional(cells[columns[name]], decimals[columns[name]], file, number, header(name), errors)
        for name in ("numerator", "denominator", "ci_low", "ci_high", "n")
        if name in columns
    }
    n = extras.pop("n", None)
    if n is not None and (n < 0 or not float(n).is_integer()):
        errors.add(
            f"n moet een geheel getal van 0 of meer zijn, niet {cell_text(cells[columns['n']])}",
            file,
            number,
            header("n"),
        )
    status = STATUS.get(text("status").lower())
    if status is None:
        errors.add(
            f"onbekende status '{text('status')}'; kies voorlopig, nader voorlopig of definitief",
            file,
            number,
            header("status"),
        )
    if len(errors) > before or value is None or not periods.get(raw_period):
        return None
    return ObservationRecord(
        indicator=text("indicator"), area=text("area").upper(), period=periods[raw_period] or "",
        value=value.value, breakdown=text("breakdown")[:120], n=int(n) if n is not None else None,
        status=status or "", value_attribute=value.attribute, file=file, row=number, **extras,
    )  # fmt: skip


def name_nl(name: str) -> str:
    return {"indicator": "indicator", "area": "gebied", "period": "periode"}.get(name, name)


def _long_value(cell: Cell, decimal: str, file: str, row: int, column: str, errors: _Errors) -> Number | None:
    if cell is None:
        errors.add("waarde ontbreekt; gebruik '.' voor een geheime of onbekende waarde", file, row, column)
        return None
    try:
        return parse_number(cell, decimal)
    except ValueError as exc:
        errors.add(f"{exc}: in deze kolom horen getallen", file, row, column)
        return None


def _optional(cell: Cell, decimal: str, file: str, row: int, column: str, errors: _Errors) -> float | None:
    if cell is None:
        return None
    try:
        return parse_number(cell, decimal).value
    except ValueError as exc:
        errors.add(f"{exc}: in deze kolom horen getallen", file, row, column)
        return None


# --- wide -----------------------------------------------------------------------------------------


def _parse_wide(table: Table, options: TabularOptions, dictionary: Mapping[str, Variable]) -> ParseResult:
    file, errors, warnings = table.file, _Errors(), list[str]()
    area_at = table.column(options.area_column) if options.area_column else locate(table, WIDE_AREA)
    if area_at is None:
        wanted = options.area_column or "gebied (of code, gemeentecode, wijkcode, buurtcode)"
        return ParseResult(
            errors=(RecordError(f"kolom {wanted} ontbreekt", file, 1, options.area_column or "gebied"),)
        )
    period_at = None if options.period else locate(table, WIDE_PERIOD)  # an explicit --period wins
    if period_at is None and not options.period:
        return ParseResult(
            errors=(RecordError("geef --period op of een kolom 'jaar'/'periode'", file, 1, "periode"),)
        )
    fixed_period = _period(options.period, file, None, "--period", errors) if options.period else None
    indicator_at = _indicator_columns(table, options, {area_at, period_at}, warnings, errors)
    decimals = _column_decimals(table, options, indicator_at)
    codes = {i: dictionary_code(table.header[i], options.indicator_prefix) for i in indicator_at}
    records: list[ObservationRecord] = []
    periods: dict[str, str | None] = {}
    for number, cells in table.rows:
        if all(cells[i] is None or _is_missing(cells[i]) for i in indicator_at):
            warnings.append(
                f"rij {number} ({cell_text(cells[area_at])}) heeft geen enkele waarde en is overgeslagen"
            )
            continue
        area = _area_code(cells[area_at], options.area_format, file, number, table.header[area_at], errors)
        period = fixed_period
        if period_at is not None and cells[period_at] is not None:
            raw = cell_text(cells[period_at])
            if raw not in periods:
                periods[raw] = _period(raw, file, number, table.header[period_at], errors)
            period = periods[raw]
        for index in indicator_at:
            record = _wide_cell(
                table, index, codes[index], decimals[index], area, period, number, cells, errors
            )
            if record is not None:
                records.append(record)
    definitions = (
        _wide_definitions(table, options, dictionary, indicator_at, codes, records, errors)
        if options.create_indicators
        else ()
    )
    return ParseResult(tuple(records), definitions, tuple(errors), warnings=tuple(warnings))


def dictionary_code(header: str, prefix: str) -> str:
    return slug_code(header, prefix)


def _indicator_columns(
    table: Table, options: TabularOptions, fixed: set[int | None], warnings: list[str], errors: _Errors
) -> list[int]:
    chosen = []
    wanted = {normalise_header(c): c for c in options.columns}
    for key, name in wanted.items():
        if table.column(key) is None:
            errors.add(f"--columns: kolom '{name}' staat niet in het bestand", table.file, 1, name)
    for index, header in enumerate(table.header):
        key = normalise_header(header)
        if wanted and key not in wanted:
            continue
        if index in fixed or key in options.ignore or key in LABEL_COLUMNS or not header:
            continue
        values = [cells[index] for _n, cells in table.rows if cells[index] is not None]
        if values and not any(_numeric(v) for v in values):
            warnings.append(f"kolom '{header}' bevat geen getallen en is overgeslagen")
            continue
        reason = mangled_header(header)
        if reason:
            errors.add(f"{reason}; hernoem de kolom (--rename '{header}=...')", table.file, 1, header)
            continue
        chosen.append(index)
    if not chosen:
        errors.add("geen kolommen met getallen gevonden (sjabloon 'breed')", table.file, 1, "")
    return chosen


def _numeric(cell: Cell) -> bool:
    try:
        parse_number(cell)
    except ValueError:
        return False
    return True


def _is_missing(cell: Cell) -> bool:
    try:
        return parse_number(cell).value is None
    except ValueError:
        return False


def _area_code(cell: Cell, fmt: str, file: str, row: int, column: str, errors: _Errors) -> str:
    raw = cell_text(cell)
    if not raw:
        errors.add("gebied ontbreekt", file, row, column)
        return ""
    if not fmt:
        return raw.upper()
    try:
        return fmt.format(raw).upper()
    except (IndexError, KeyError, ValueError):
        errors.add(f"--area-format '{fmt}' past niet op '{raw}'", file, row, column)
        return ""


def _wide_cell(
    table: Table,
    index: int,
    code: str,
    decimal: str,
    area: str,
    period: str | None,
    number: int,
    cells: tuple[Cell, ...],
    errors: _Errors,
) -> ObservationRecord | None:
    cell, column = cells[index], table.header[index]
    if cell is None:
        return None
    try:
        parsed = parse_number(cell, decimal)
    except ValueError as exc:
        errors.add(f"{exc}: in deze kolom horen getallen", table.file, number, column)
        return None
    if not area or not period:
        return None
    return ObservationRecord(
        indicator=code, area=area, period=period, value=parsed.value, value_attribute=parsed.attribute,
        file=table.file, row=number, column=column,
    )  # fmt: skip


def _wide_definitions(
    table: Table,
    options: TabularOptions,
    dictionary: Mapping[str, Variable],
    indicator_at: list[int],
    codes: dict[int, str],
    records: list[ObservationRecord],
    errors: _Errors,
) -> tuple[IndicatorDefinition, ...]:
    columns = [(codes[i], table.header[i], table.header[i]) for i in indicator_at]
    return new_definitions(table.file, columns, records, options, dictionary, errors)
