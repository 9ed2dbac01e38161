# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of CBS OData responses (v3 wide TypedDataSet/UntypedDataSet, v4 long Observations)
into observation records, indicator definitions and area definitions. No database, no network.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period
from kwaliteitsmonitor.connectors.base import AreaDefinition, IndicatorDefinition, ParseResult
from kwaliteitsmonitor.indicators.records import ObservationRecord, RecordError

from .cells import CellValue, area_level, area_parent, read_v3_cell, read_v4_cell, region_code, strip_key
from .config import CbsConfig, parse_config
from .odata import EntitySets, decode_parts, iter_rows
from .plan import Plan, build_plan
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

# (file, row, dimension codes, measure key, cell or Dutch error text)
Cell = tuple[str, int, Mapping[str, str], str, CellValue | str | None]


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
    cells = _cells_v4(sets, model) if version == "v4" else _cells_v3(sets, model, plan, converter.errors)
    converter.run(cells)
    return converter.result()


def _cells_v3(sets: EntitySets, model: TableModel, plan: Plan, errors: list[RecordError]) -> Iterator[Cell]:
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
        codes = {d: strip_key(row.get(d)) for d in dims}
        for column in [d for d in dims if d not in row] + [m for m in wanted if m not in row]:
            if (file, column) not in missing_reported:
                missing_reported.add((file, column))
                errors.append(RecordError(f"kolom '{column}' ontbreekt", file, number, column))
        for key in wanted:
            if key in row:
                yield file, number, codes, key, _safe(read_v3_cell, row[key])


def _cells_v4(sets: EntitySets, model: TableModel) -> Iterator[Cell]:
    dims = [d.key for d in model.dimensions]
    for file, number, row in iter_rows(sets.get("Observations", [])):
        codes = {d: strip_key(row.get(d)) for d in dims}
        measure = strip_key(row.get("Measure"))
        yield file, number, codes, measure, _safe(read_v4_cell, row.get("Value"), row.get("ValueAttribute"))


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
        self.kinds: dict[str, set[str]] = {}
        self.levels: dict[str, set[str]] = {}
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

    def run(self, cells: Iterator[Cell]) -> None:
        if self.errors:
            return
        for file, number, codes, measure, cell in cells:
            if len(self.errors) >= MAX_ERRORS:
                self.errors.append(
                    RecordError(f"meer dan {MAX_ERRORS} fouten; verder lezen is gestopt", file, number)
                )
                return
            targets = self.plan.targets.get(measure)
            if not targets:
                continue
            if isinstance(cell, str):
                self.errors.append(RecordError(cell, file, number, measure))
                continue
            if cell is None:
                continue  # blank: can logically not occur
            self._emit(file, number, codes, measure, cell, targets)

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
        self, file: str, number: int, codes: Mapping[str, str], measure: str, cell: CellValue, targets: Any
    ) -> None:
        period = self._period(codes, file, number)
        if period is None:
            return
        region = region_code(codes.get(self.geo.key, "")) if self.geo else "NL00"
        value, attribute = cell
        for target in targets:
            if any(codes.get(dim) != code for dim, code in target.select.items()):
                continue
            breakdown = self._breakdown(codes, target.select)
            if len(breakdown) > 120:
                self.errors.append(RecordError(f"uitsplitsing te lang: '{breakdown}'", file, number, measure))
                continue
            self.records.append(
                ObservationRecord(
                    indicator=target.indicator,
                    area=region,
                    period=period[0],
                    value=None if value is None else value * target.factor,
                    breakdown=breakdown,
                    status=period[1],
                    value_attribute=attribute,
                    file=file,
                    row=number,
                    column=measure,
                )
            )
            self.kinds.setdefault(target.indicator, set()).add(period[0][4:6])
            self.levels.setdefault(target.indicator, set()).add(area_level(region))
            self.regions.add(region)

    def _breakdown(self, codes: Mapping[str, str], select: Mapping[str, str]) -> str:
        parts = []
        for dim in self.model.others:
            code = codes.get(dim.key, "")
            if dim.key in select or self.config.totals.get(dim.key) == code:
                continue
            parts.append(f"{self.config.breakdown_names.get(dim.key, dim.key)}={code}")
        return ";".join(parts)

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
        for code, definition in self.plan.definitions.items():
            if code not in self.kinds:
                continue  # no values in this source: leave the indicator alone
            yield dataclasses.replace(
                definition,
                period_type=_PERIOD_TYPES.get(frozenset(self.kinds[code]), ""),
                area_levels=tuple(lv for lv in _LEVELS if lv in self.levels[code]),
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
        unused = [code for code in self.plan.definitions if code not in self.kinds]
        configured = {m.code for m in self.config.indicators}
        for code in unused:
            if code in configured:
                yield f"indicator '{code}' kreeg geen waarden uit deze bron"
