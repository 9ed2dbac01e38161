# SPDX-License-Identifier: EUPL-1.2
"""Create or update indicator definitions and (on request) areas named by a source.

Both write only what differs, so an identical re-import writes nothing here either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators import recompute
from kwaliteitsmonitor.indicators.models import Indicator

from .base import AreaDefinition, IndicatorDefinition

# Fields a definition sets; "filled" ones are also filled in on indicators staff created themselves.
_FIELDS = (
    "name",
    "unit",
    "unit_label",
    "decimals",
    "definition",
    "source",
    "source_table",
    "source_url",
    "provider",
)
_FILLED = ("unit_label", "definition", "source", "source_table", "source_url")
_LEVEL_ORDER = {level: index for index, level in enumerate(["NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU"])}


def _values(definition: IndicatorDefinition) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(definition, name) for name in _FIELDS}
    values["name"] = values["name"][:255]
    if definition.period_type:
        values["period_type"] = definition.period_type
    if definition.area_levels:
        values["area_levels"] = list(definition.area_levels)
    return values


def upsert_indicators(definitions: Iterable[IndicatorDefinition]) -> tuple[int, int]:
    """Return (created, updated)."""
    definitions = list(definitions)
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[d.code for d in definitions])}
    new = [Indicator(code=d.code, **_values(d)) for d in definitions if d.code not in existing]
    Indicator.objects.bulk_create(new)
    updated = [d.code for d in definitions if d.code in existing and _update(existing[d.code], d)]
    # Computed values follow their definition (indicators.recompute; inside the caller's transaction).
    recompute.changed(definitions=updated, created=[i.code for i in new])
    return len(new), len(updated)


def _update(indicator: Indicator, definition: IndicatorDefinition) -> bool:
    values = _values(definition)
    if definition.overwrite:
        changed = [name for name, value in values.items() if getattr(indicator, name) != value]
    else:
        changed = [name for name in _FILLED if not getattr(indicator, name) and values[name]]
    for name in changed:
        setattr(indicator, name, values[name])
    if changed:
        indicator.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


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
