# SPDX-License-Identifier: EUPL-1.2
"""Which CBS measures feed which indicators: configuration, not code (README.md in this folder).

.. code-block:: yaml

    table: 85639NED                 # optional: refuse a source with another table id
    period: 2023                    # only for tables without Perioden (default: TableInfos.Period)
    totals:                         # dimension codes that mean "total": breakdown "" instead of dim=code
      TypeMaatwerkvoorziening: T001038
    breakdown_names:                # optional: shorter dimension names in breakdowns
      TypeMaatwerkvoorziening: voorziening
    all_topics: false               # also import unconfigured topics (default: only without indicators)
    indicators:
      - code: gmsd_wmo_clienten     # our indicator code
        measure: WmoClienten        # CBS key base (text before the last "_"), or a full key
        name: Wmo-cliënten          # default: the CBS title
        unit: count                 # default: mapped from the CBS unit; unit_label keeps the CBS text
        decimals: 0                 # default: CBS Decimals
        factor: 1                   # multiply CBS values, e.g. 1000 for "x 1 000 euro" stored as euro
        select:                     # fix dimensions: only these codes, and the dimension leaves the breakdown
          TypeMaatwerkvoorziening: T001038
        polarity: lower_is_better   # any other field of the indicator contract (indicators.contract), e.g.
        category: Zorg              # short_name, nature, count_method, disclosure, numerator, denominator,
        rate_factor: 1000           # denominator_breakdown, update_frequency, area_levels; "rate_factor" is
                                    # the indicator's factor ("factor" above multiplies CBS values)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from kwaliteitsmonitor.analysis.periods import PeriodError, normalise_period
from kwaliteitsmonitor.analysis.units import UNITS
from kwaliteitsmonitor.indicators import contract
from kwaliteitsmonitor.indicators.records import RecordError

_TOP = {"table", "period", "totals", "breakdown_names", "all_topics", "indicators"}
_ITEM = {"code", "measure", "name", "unit", "unit_label", "decimals", "factor", "select", "definition"}
# Further fields of the indicator contract a mapping may set (key → contract field).
_CONTRACT = {name: name for name in contract.NAMES if name not in _ITEM} | {"rate_factor": "factor"}


@dataclass(frozen=True, slots=True)
class IndicatorMapping:
    code: str
    measure: str
    name: str = ""
    unit: str = ""
    unit_label: str | None = None
    decimals: int | None = None
    factor: float = 1.0
    select: Mapping[str, str] = field(default_factory=dict)
    definition: str = ""
    given: tuple[tuple[str, Any], ...] = ()  # further contract fields, cleaned
    columns: tuple[tuple[str, str], ...] = ()  # contract field → place in the file, for errors


@dataclass(frozen=True, slots=True)
class CbsConfig:
    table: str = ""
    period: str = ""
    totals: Mapping[str, str] = field(default_factory=dict)
    breakdown_names: Mapping[str, str] = field(default_factory=dict)
    all_topics: bool = True
    indicators: tuple[IndicatorMapping, ...] = ()


def parse_config(text: str, file: str = "config") -> tuple[CbsConfig, list[RecordError]]:
    """Parse the YAML configuration. Errors name the file and the place (``indicators[2].unit``)."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        return CbsConfig(), [RecordError(f"geen geldige YAML: {exc}", file)]
    if not isinstance(data, dict):
        return CbsConfig(), [
            RecordError("verwacht een YAML-mapping met 'indicators' en andere sleutels", file)
        ]
    errors = [RecordError(f"onbekende sleutel '{k}'", file, column=str(k)) for k in data if k not in _TOP]
    period = ""
    if data.get("period") not in (None, ""):
        try:
            period = normalise_period(str(data["period"]))
        except PeriodError as exc:
            errors.append(RecordError(str(exc), file, column="period"))
    items = data.get("indicators") or []
    if not isinstance(items, list):
        errors.append(RecordError("'indicators' moet een lijst zijn", file, column="indicators"))
        items = []
    mappings = []
    for index, item in enumerate(items):
        mapping = _mapping(item, f"indicators[{index}]", file, errors)
        if mapping is not None:
            mappings.append(mapping)
    config = CbsConfig(
        table=str(data.get("table") or "").strip(),
        period=period,
        totals=_str_map(data.get("totals"), "totals", file, errors),
        breakdown_names=_str_map(data.get("breakdown_names"), "breakdown_names", file, errors),
        all_topics=bool(data.get("all_topics", not mappings)),
        indicators=tuple(mappings),
    )
    return config, errors


def _mapping(item: Any, where: str, file: str, errors: list[RecordError]) -> IndicatorMapping | None:
    if not isinstance(item, dict) or not item.get("code") or not item.get("measure"):
        errors.append(RecordError("elke indicator heeft minstens 'code' en 'measure'", file, column=where))
        return None
    errors.extend(
        RecordError(f"onbekende sleutel '{k}'", file, column=f"{where}.{k}")
        for k in item
        if k not in _ITEM and k not in _CONTRACT
    )
    given, problems = contract.clean({_CONTRACT[k]: v for k, v in item.items() if k in _CONTRACT})
    keys = {_CONTRACT[k]: k for k in item if k in _CONTRACT}
    errors.extend(RecordError(m, file, column=f"{where}.{keys.get(n, n)}") for n, m in problems)
    unit = str(item.get("unit") or "")
    if unit and unit not in UNITS:
        errors.append(
            RecordError(
                f"onbekende eenheid '{unit}'; kies uit {', '.join(UNITS)}", file, column=f"{where}.unit"
            )
        )
    try:
        factor = float(item.get("factor", 1))
        decimals = None if item.get("decimals") is None else int(item["decimals"])
    except (TypeError, ValueError):
        errors.append(RecordError("'factor' en 'decimals' moeten getallen zijn", file, column=where))
        return None
    return IndicatorMapping(
        code=str(item["code"]).strip(),
        measure=str(item["measure"]).strip(),
        name=str(item.get("name") or ""),
        unit=unit,
        unit_label=None if item.get("unit_label") is None else str(item["unit_label"]),
        decimals=decimals,
        factor=factor,
        select=_str_map(item.get("select"), f"{where}.select", file, errors),
        definition=str(item.get("definition") or ""),
        given=tuple(given.items()),
        columns=tuple((name, f"{where}.{key}") for name, key in keys.items()),
    )


def _str_map(value: Any, where: str, file: str, errors: list[RecordError]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append(RecordError(f"'{where}' moet een mapping dimensie: code zijn", file, column=where))
        return {}
    return {str(k).strip(): str(v).strip() for k, v in value.items()}
