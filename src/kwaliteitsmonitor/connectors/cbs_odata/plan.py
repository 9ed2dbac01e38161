# SPDX-License-Identifier: EUPL-1.2
"""Which measures become which indicators: from configuration, or every numeric topic by default."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from kwaliteitsmonitor.connectors.base import IndicatorDefinition
from kwaliteitsmonitor.indicators.records import RecordError

from .cells import key_base, map_unit
from .config import CbsConfig, IndicatorMapping
from .structure import OTHER, Measure, TableModel


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str
    factor: float = 1.0
    select: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    targets: dict[str, list[Target]] = field(default_factory=dict)  # measure key -> targets
    definitions: dict[str, IndicatorDefinition] = field(default_factory=dict)  # indicator code -> definition


def auto_code(table_id: str, key: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", f"cbs_{table_id}_{key}".casefold()).strip("_")[:120]


def resolve_measure(spec: str, measures: tuple[Measure, ...]) -> tuple[Measure | None, str]:
    """Find a measure by full key or by key base (``WmoClientenRelatief`` finds ``..._101``)."""
    wanted = spec.casefold()
    exact = [m for m in measures if m.key.casefold() == wanted]
    if exact:
        return exact[0], ""
    by_base = [m for m in measures if key_base(m.key).casefold() == key_base(spec).casefold()]
    if len(by_base) == 1:
        return by_base[0], ""
    if by_base:
        keys = ", ".join(m.key for m in by_base)
        return None, f"'{spec}' past op meerdere onderwerpen ({keys}); gebruik de volledige sleutel"
    sample = ", ".join(key_base(m.key) for m in measures[:12])
    return None, f"onderwerp '{spec}' niet gevonden; deze tabel heeft onder meer: {sample}"


def build_plan(model: TableModel, config: CbsConfig, config_file: str) -> tuple[Plan, list[RecordError]]:
    plan, errors = Plan(), []
    for index, mapping in enumerate(config.indicators):
        where = f"indicators[{index}]"
        measure, problem = resolve_measure(mapping.measure, model.measures)
        if measure is None:
            errors.append(RecordError(problem, config_file, column=f"{where}.measure"))
            continue
        errors.extend(_check_select(model, mapping.select, config_file, f"{where}.select"))
        plan.targets.setdefault(measure.key, []).append(Target(mapping.code, mapping.factor, mapping.select))
        plan.definitions[mapping.code] = dataclasses.replace(
            _configured(model, measure, mapping), file=config_file
        )
    if config.all_topics:
        _add_all_topics(model, plan)
    return plan, errors


def _check_select(model: TableModel, select: Mapping[str, str], file: str, where: str) -> list[RecordError]:
    errors = []
    others = {d.key: d for d in model.dimensions if d.kind == OTHER}
    for dim, code in select.items():
        if dim not in others:
            errors.append(RecordError(f"'{dim}' is geen uitsplitsing van deze tabel", file, column=where))
        elif model.codes.get(dim) and code not in model.codes[dim]:
            errors.append(
                RecordError(f"code '{code}' komt niet voor in {dim}", file, column=f"{where}.{dim}")
            )
    return errors


def _with_source(model: TableModel, definition: IndicatorDefinition) -> IndicatorDefinition:
    url = f"https://www.cbs.nl/nl-nl/cijfers/detail/{model.table_id}" if model.table_id else ""
    return dataclasses.replace(
        definition, source=f"CBS StatLine {model.table_id}", source_table=model.table_id, source_url=url
    )


def _configured(model: TableModel, measure: Measure, mapping: IndicatorMapping) -> IndicatorDefinition:
    definition = IndicatorDefinition(
        code=mapping.code,
        name=mapping.name or measure.title,
        unit=mapping.unit or map_unit(measure.unit, measure.presentation),
        unit_label=measure.unit if mapping.unit_label is None else mapping.unit_label,
        decimals=measure.decimals if mapping.decimals is None else mapping.decimals,
        definition=mapping.definition or measure.description,
        provider="cbs",
        overwrite=True,
        given=mapping.given,
        columns=mapping.columns,
    )
    return _with_source(model, definition)


def _add_all_topics(model: TableModel, plan: Plan) -> None:
    numeric = [m for m in model.measures if m.numeric]
    bases = Counter(key_base(m.key).casefold() for m in numeric)
    titles = Counter(m.title.casefold() for m in numeric)
    for m in numeric:
        if m.key in plan.targets:
            continue  # configured explicitly
        code = auto_code(model.table_id, key_base(m.key) if bases[key_base(m.key).casefold()] == 1 else m.key)
        name = f"{m.group}: {m.title}" if titles[m.title.casefold()] > 1 and m.group else m.title
        plan.targets[m.key] = [Target(code)]
        definition = IndicatorDefinition(
            code=code,
            name=name,
            unit=map_unit(m.unit, m.presentation),
            unit_label=m.unit,
            decimals=m.decimals,
            definition=m.description,
            provider="cbs",
        )
        plan.definitions[code] = _with_source(model, definition)
