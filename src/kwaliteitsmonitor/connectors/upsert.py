# SPDX-License-Identifier: EUPL-1.2
"""Create or update indicator definitions and (on request) areas named by a source.

Both write only what differs, so an identical re-import writes nothing here either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators import recompute
from kwaliteitsmonitor.indicators.definitions import Given, WriteResult
from kwaliteitsmonitor.indicators.definitions import write as write_definitions

from .base import AreaDefinition, IndicatorDefinition

_CLASSIC = ("name", "unit", "unit_label", "decimals", "definition", "source", "source_table", "source_url",
            "provider")  # fmt: skip
_LEVEL_ORDER = {level: index for index, level in enumerate(["NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU"])}


def as_given(definition: IndicatorDefinition) -> Given:
    """A source's definition in the terms of the indicator contract (``indicators.definitions``)."""
    classic: dict[str, Any] = {name: getattr(definition, name) for name in _CLASSIC}
    classic["name"] = classic["name"][:255]
    if definition.period_type:
        classic["period_type"] = definition.period_type
    if definition.area_levels:
        classic["area_levels"] = list(definition.area_levels)
    given = dict(definition.given)
    if definition.replace:
        return Given(definition.code, given, replace=True, file=definition.file, row=definition.row,
                     columns=dict(definition.columns))  # fmt: skip
    values = {**classic, **given} if definition.overwrite else given
    return Given(
        code=definition.code,
        values=values,
        defaults={} if definition.overwrite else {**classic, **dict(definition.defaults)},
        required=dict(definition.required),
        replace=definition.replace,
        file=definition.file,
        row=definition.row,
        columns=dict(definition.columns),
    )


def upsert_indicators(definitions: Iterable[IndicatorDefinition]) -> WriteResult:
    """Create or update the indicators a source defines, checked by the one contract."""
    return write_definitions(as_given(d) for d in definitions)


def create_areas(definitions: Iterable[AreaDefinition], needed: set[str]) -> int:
    """Create the ``needed`` areas that do not exist yet, with their parents from the same code list."""
    by_code = {d.code: d for d in definitions}
    wanted: set[str] = set()
    for code in needed:
        while code in by_code and code not in wanted:
            wanted.add(code)
            code = by_code[code].parent_code
    existing = _area_ids(wanted | {by_code[c].parent_code for c in wanted})
    missing = sorted(wanted - set(existing), key=lambda c: (_LEVEL_ORDER.get(by_code[c].level, 99), c))
    created = 0
    for level in sorted({by_code[c].level for c in missing}, key=lambda lv: _LEVEL_ORDER.get(lv, 99)):
        if level not in Level.values:
            continue  # the load step reports these as unknown areas
        batch = [
            Area(code=d.code, name=d.name[:200], level=d.level, parent_id=existing.get(d.parent_code))
            for d in (by_code[c] for c in missing if by_code[c].level == level)
        ]
        Area.objects.bulk_create(batch, batch_size=2000)
        existing.update(_area_ids({a.code for a in batch}))
        created += len(batch)
    if created:  # a new part of an area changes which parts its total needs (indicators.recompute)
        recompute.changed(areas=True)
    return created


def _area_ids(codes: set[str]) -> dict[str, int]:
    ordered, found = sorted(codes), {}
    for start in range(0, len(ordered), 5000):
        found.update(Area.objects.filter(code__in=ordered[start : start + 5000]).values_list("code", "id"))
    return found
