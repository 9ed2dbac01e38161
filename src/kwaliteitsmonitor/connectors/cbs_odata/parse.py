# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of CBS OData responses (v3 wide TypedDataSet/UntypedDataSet, v4 long Observations)
into observation records, indicator definitions and area definitions. No database, no network.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator, Mapping
from typing import Any

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period
from kwaliteitsmonitor.connectors.base import AreaDefinition, IndicatorDefinition, ParseResult
from kwaliteitsmonitor.indicators.records import ObservationRecord, RecordError

from .cells import CellValue, area_level, area_parent, read_v3_cell, read_v4_cell, region_code, strip_key
from .config import CbsConfig, parse_config
from .odata import EntitySets, decode_parts, iter_rows
from .plan import Plan, Target, build_plan
from .structure import GEO, TIME, TableModel, model_v3, model_v4

CONFIG_PART = "@config"
MAX_ERRORS = 1000
_PERIOD_TYPES = {
    frozenset({"JJ"}): "year",
    frozenset({"HJ"}): "halfyear",
    frozenset({"JJ", "HJ"}): "year_halfyear",
    frozenset({"KW"}): "quarter",
    frozenset({"MM"}): "month",
}
_LEVELS = ["NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU"]

_INFINITE = (float("inf"), float("-inf"))

# (file, row, dimension codes, [(measure key, cell or Dutch error text)]): one table row or observation
Row = tuple[str, int, Mapping[str, str], list[tuple[str, "CellValue | str | None"]]]


def parse_cbs(parts: Mapping[str, tuple[bytes, ...]], *, config_file: str = "config") -> ParseResult:
    config, errors = CbsConfig(), list[RecordError]()
    if CONFIG_PART in parts:
        config, errors = parse_config(b"".join(parts[CONFIG_PART]).decode("utf-8-sig"), config_file)
    sets, decode_errors = decode_parts({k: v for k, v in parts.items() if k != CONFIG_PART})
    errors += decode_errors
    version = "v4" if "Observations" in sets else "v3"
    model, model_errors = (model_v4 if version == "v4" else model_v3)(sets)
    errors += model_errors
    if model is None or errors:
        return ParseResult(errors=tuple(errors))
    if config.table and config.table.casefold() != model.table_id.casefold():
        message = f"de configuratie is voor tabel {config.table}, de bron is tabel {model.table_id}"
        return ParseResult(errors=(RecordError(message, config_file, column="table"),))
    plan, plan_errors = build_plan(model, config, config_file)
    if plan_errors:
        return ParseResult(errors=tuple(plan_errors))
    converter = _Converter(model, config, plan)
    rows = _rows_v4(sets, model) if version == "v4" else _rows_v3(sets, model, plan, converter.errors)
    # Millions of small immutable records: the cyclic garbage collector only slows their creation down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        converter.run(rows)
    finally:
        if collecting:
            gc.enable()
    return converter.result()


def _rows_v3(sets: EntitySets, model: TableModel, plan: Plan, errors: list[RecordError]) -> Iterator[Row]:
    name = "UntypedDataSet" if "UntypedDataSet" in sets else "TypedDataSet"
    if name not in sets:
        errors.append(RecordError("TypedDataSet.json of UntypedDataSet.json ontbreekt", "TypedDataSet.json"))
        return
    dims = [d.key for d in model.dimensions]
    # A download may hold only some topics ($select): the columns of the first row are the ones expected.
    first = next((page.rows[0] for page in sets[name] if page.rows), {})
    wanted = [key for key in plan.targets if key in first]
    missing_reported: set[tuple[str, str]] = set()
    for file, number, row in iter_rows(sets[name]):
        if any(d not in row for d in dims) or any(m not in row for m in wanted):
            for column in [d for d in dims if d not in row] + [m for m in wanted if m not in row]:
                if (file, column) not in missing_reported:
                    missing_reported.add((file, column))
                    errors.append(RecordError(f"kolom '{column}' ontbreekt", file, number, column))
        codes = {d: strip_key(row.get(d)) for d in dims}
        yield file, number, codes, [(key, _typed(row[key])) for key in wanted if key in row]


def _typed(raw: Any) -> CellValue | str | None:
    kind = type(raw)
    if (kind is float or kind is int) and raw == raw and raw not in _INFINITE:  # fast path for typed numbers
        return (float(raw), "")
    return _safe(read_v3_cell, raw)


def _rows_v4(sets: EntitySets, model: TableModel) -> Iterator[Row]:
    dims = [d.key for d in model.dimensions]
    for file, number, row in iter_rows(sets.get("Observations", [])):
        codes = {d: strip_key(row.get(d)) for d in dims}
        cell = _safe(read_v4_cell, row.get("Value"), row.get("ValueAttribute"))
        yield file, number, codes, [(strip_key(row.get("Measure")), cell)]


def _safe(reader: Any, *args: Any) -> CellValue | str | None:
    try:
        result: CellValue | None = reader(*args)
    except ValueError as exc:
        return str(exc)
    return result


class _Converter:
    """Turns cells into records, collecting errors (at most MAX_ERRORS) and what was seen per indicator."""

    def __init__(self, model: TableModel, config: CbsConfig, plan: Plan) -> None:
        self.model, self.config, self.plan = model, config, plan
        self.records: list[ObservationRecord] = []
        self.errors: list[RecordError] = []
        self.geo, self.time = model.dimension(GEO), model.dimension(TIME)
        self.periods: dict[str, str | None] = {}
        self.seen: set[tuple[str, str, str]] = set()  # (indicator, period kind, area level)
        self.breakdowns: dict[tuple[tuple[str, ...], str, int], str] = {}
        self.regions: set[str] = set()
        self.fixed_period = ""
        if self.time is None:
            self.fixed_period = self._fixed_period()

    def _fixed_period(self) -> str:
        if self.config.period:
            return self.config.period
        try:
            return parse_period(self.model.period.strip()).key
        except PeriodError:
            self.errors.append(
                RecordError(
                    f"de tabel heeft geen Perioden en TableInfos noemt periode '{self.model.period}'; "
                    "geef 'period' op in de configuratie",
                    "TableInfos.json",
                    column="Period",
                )
            )
            return ""

    def run(self, rows: Iterator[Row]) -> None:
        if self.errors:
            return
        for file, number, codes, cells in rows:
            if len(self.errors) >= MAX_ERRORS:
                self.errors.append(
                    RecordError(f"meer dan {MAX_ERRORS} fouten; verder lezen is gestopt", file, number)
                )
                return
            period = self._period(codes, file, number)
            if period is None:
                continue
            region = region_code(codes.get(self.geo.key, "")) if self.geo else "NL00"
            self.regions.add(region)
            context = (region, period[0], period[1], period[0][4:6], area_level(region))
            others = tuple(codes.get(d.key, "") for d in self.model.others)
            self._row(file, number, codes, others, cells, context)

    def _row(
        self,
        file: str,
        number: int,
        codes: Mapping[str, str],
        others: tuple[str, ...],
        cells: list[tuple[str, CellValue | str | None]],
        context: tuple[str, str, str, str, str],
    ) -> None:
        """The hot loop (millions of cells for a KWB table): the common case without ``select`` inline."""
        region, period, status, kind, level = context
        plain = self._breakdown(others, "", -1, {})
        targets_of, append, seen = self.plan.targets.get, self.records.append, self.seen.add
        for measure, cell in cells:
            targets = targets_of(measure)
            if not targets or cell is None:
                continue  # not wanted, or blank: can logically not occur
            if isinstance(cell, str):
                self.errors.append(RecordError(cell, file, number, measure))
                continue
            if len(targets) > 1 or targets[0].select or len(plain) > 120:
                self._emit(file, number, codes, others, measure, cell, targets, context)
                continue
            value, attribute = cell
            target = targets[0]
            if value is not None and target.factor != 1:
                value *= target.factor
            append(
                ObservationRecord(
                    target.indicator,
                    region,
                    period,
                    value,
                    plain,
                    status=status,
                    value_attribute=attribute,
                    file=file,
                    row=number,
                    column=measure,
                )
            )
            seen((target.indicator, kind, level))

    def _period(self, codes: Mapping[str, str], file: str, number: int) -> tuple[str, str] | None:
        if self.time is None:
            return self.fixed_period, ""
        raw = codes.get(self.time.key, "")
        if raw not in self.periods:
            try:
                self.periods[raw] = parse_period(raw).key
            except PeriodError:
                self.periods[raw] = None
        key = self.periods[raw]
        if key is None:
            self.errors.append(
                RecordError(f"periode '{raw}' wordt niet ondersteund", file, number, self.time.key)
            )
            return None
        code = self.model.codes.get(self.time.key, {}).get(raw)
        return key, code.status if code else ""

    def _emit(
        self,
        file: str,
        number: int,
        codes: Mapping[str, str],
        others: tuple[str, ...],
        measure: str,
        cell: CellValue,
        targets: list[Target],
        context: tuple[str, str, str, str, str],
    ) -> None:
        region, period, status, kind, level = context
        value, attribute = cell
        for index, target in enumerate(targets):
            if target.select and any(codes.get(dim) != code for dim, code in target.select.items()):
                continue
            breakdown = self._breakdown(others, measure, index, target.select)
            if len(breakdown) > 120:
                self.errors.append(RecordError(f"uitsplitsing te lang: '{breakdown}'", file, number, measure))
                continue
            scaled = value if value is None or target.factor == 1 else value * target.factor
            self.records.append(
                ObservationRecord(
                    target.indicator,
                    region,
                    period,
                    scaled,
                    breakdown,
                    status=status,
                    value_attribute=attribute,
                    file=file,
                    row=number,
                    column=measure,
                )
            )
            self.seen.add((target.indicator, kind, level))

    def _breakdown(self, others: tuple[str, ...], measure: str, index: int, select: Mapping[str, str]) -> str:
        key = (others, measure, index)
        cached = self.breakdowns.get(key)
        if cached is None:
            parts = []
            for dim, code in zip(self.model.others, others, strict=True):
                if dim.key in select or self.config.totals.get(dim.key) == code:
                    continue
                parts.append(f"{self.config.breakdown_names.get(dim.key, dim.key)}={code}")
            cached = self.breakdowns[key] = ";".join(parts)
        return cached

    def result(self) -> ParseResult:
        if self.errors:
            return ParseResult(errors=tuple(self.errors))
        return ParseResult(
            records=tuple(self.records),
            indicator_definitions=tuple(self._definitions()),
            areas=tuple(self._areas()),
            warnings=tuple(self._warnings()),
        )

    def _definitions(self) -> Iterator[IndicatorDefinition]:
        kinds: dict[str, set[str]] = {}
        levels: dict[str, set[str]] = {}
        for code, kind, level in self.seen:
            kinds.setdefault(code, set()).add(kind)
            levels.setdefault(code, set()).add(level)
        for code, definition in self.plan.definitions.items():
            if code not in kinds:
                continue  # no values in this source: leave the indicator alone
            yield dataclasses.replace(
                definition,
                period_type=_PERIOD_TYPES.get(frozenset(kinds[code]), ""),
                area_levels=tuple(lv for lv in _LEVELS if lv in levels[code]),
            )

    def _areas(self) -> Iterator[AreaDefinition]:
        listed = self.model.codes.get(self.geo.key, {}) if self.geo else {}
        seen = set()
        for raw, code in listed.items():
            region = region_code(raw)
            seen.add(region)
            yield AreaDefinition(region, code.title or region, area_level(region), area_parent(region))
        for region in sorted(self.regions - seen):
            name = "Nederland" if region == "NL00" else region
            yield AreaDefinition(region, name, area_level(region), area_parent(region))

    def _warnings(self) -> Iterator[str]:
        used = {code for code, _kind, _level in self.seen}
        unused = [code for code in self.plan.definitions if code not in used]
        configured = {m.code for m in self.config.indicators}
        for code in unused:
            if code in configured:
                yield f"indicator '{code}' kreeg geen waarden uit deze bron"
