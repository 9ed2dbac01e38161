# SPDX-License-Identifier: EUPL-1.2
"""The two kinds of computed value, over rows already read (``derive.py`` reads, orders and writes).

* :func:`rates_from_parts`: a rate indicator (numerator / denominator × factor) in an area, period and
  breakdown without a row of its own, from the numerator's and the denominator's values there (breakdowns
  matched by :func:`kwaliteitsmonitor.analysis.formulas.denominator_breakdown`).
* :func:`aggregate_group`: an area without a row of its own from all of its parts in the area hierarchy
  (buurten → wijk → gemeente → regions), counts summed and rates from summed numerators and denominators.

The arithmetic is :mod:`kwaliteitsmonitor.analysis.formulas`'; the rules are in ``derive.py``'s docstring.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kwaliteitsmonitor.analysis import formulas
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level

from .models import FigureStatus

_REGION_LEVELS = (Level.PV, Level.CR, Level.JZ, Level.GG)
# Bottom-up: an area's children are all computed or delivered before the area itself is considered.
_STEPS = ((Level.BU, Level.WK), (Level.WK, Level.GM), (Level.GM, "region"))

Payload = tuple[float | None, float | None, float | None, str]  # value, numerator, denominator, status
Key = tuple[str, str, int]  # period, breakdown, area
PartRows = dict[
    tuple[int, str, str], tuple[float, str]
]  # (area, period, canonical breakdown) → value, status


def combined_status(statuses: Iterable[str]) -> str:
    """The status of a value computed from parts: theirs when they agree, else voorlopig when one is."""
    found = set(statuses)
    if len(found) == 1:
        return next(iter(found))
    return FigureStatus.PROVISIONAL if FigureStatus.PROVISIONAL in found else ""


def rates_from_parts(
    numerators: Iterable[tuple[int, str, str, float, str]],
    denominators: PartRows,
    factor: float,
    target: str,
    delivered: set[Key],
) -> dict[Key, Payload]:
    """Rates where numerator and denominator (in the matching breakdown) both have a value and the rate
    has no row of its own. ``numerators``: (area, period, breakdown, value, status) with a value. A zero
    denominator or a negative part gives no value."""
    out: dict[Key, Payload] = {}
    for area, period, breakdown, numerator, status in numerators:
        key = (period, breakdown, area)
        if key in delivered:
            continue
        found = denominators.get((area, period, formulas.denominator_breakdown(breakdown, target)))
        if found is None or found[0] <= 0 or numerator < 0:
            continue
        value = formulas.rate(numerator, found[0], factor)
        out[key] = (value, numerator, found[0], combined_status((status, found[1])))
    return out


@dataclass
class Hierarchy:
    level: dict[int, str]
    pseudo: set[int]
    children: dict[int, list[tuple[int, int | None, int | None]]]  # parent → (child, valid from, to)
    parent: dict[int, int]  # administrative parent (buurt → wijk → gemeente → Nederland)
    members: dict[int, dict[int, list[int]]]  # region → year → member gemeenten
    regions_of: dict[int, set[int]]  # gemeente → regions it was ever a member of
    years: dict[str, set[int]]  # region level → the years with memberships of that kind

    def parts_of(self, parent: int, year: int) -> list[int]:
        """A region's members in the latest membership year of its kind up to ``year`` (a region missing
        from that year has no members then: it was dissolved or merged); an area's valid children."""
        level = self.level[parent]
        if level in _REGION_LEVELS:
            known = [y for y in self.years.get(level, ()) if y <= year]
            return self.members.get(parent, {}).get(max(known), []) if known else []
        return [
            child
            for child, start, end in self.children.get(parent, ())
            if (start is None or start <= year) and (end is None or end >= year)
        ]

    def parents_of(self, area: int) -> Iterable[int]:
        """The areas whose total this area is a part of (regions for a gemeente)."""
        if self.level.get(area) == Level.GM:
            return self.regions_of.get(area, ())
        parent = self.parent.get(area)
        return () if parent is None else (parent,)


def load_hierarchy() -> Hierarchy:
    level: dict[int, str] = {}
    pseudo: set[int] = set()
    children: dict[int, list[tuple[int, int | None, int | None]]] = defaultdict(list)
    parent: dict[int, int] = {}
    for pk, lvl, parent_id, start, end, is_pseudo in Area.objects.values_list(
        "pk", "level", "parent_id", "valid_from", "valid_to", "is_pseudo"
    ):
        level[pk] = lvl
        if is_pseudo:
            pseudo.add(pk)
        if parent_id is not None:
            children[parent_id].append((pk, start, end))
            parent[pk] = parent_id
    members: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    regions_of: dict[int, set[int]] = defaultdict(set)
    years: dict[str, set[int]] = defaultdict(set)
    for group_id, group_level, year, area_id in AreaMembership.objects.filter(
        group__isnull=False, group__level__in=_REGION_LEVELS
    ).values_list("group_id", "group__level", "year", "area_id"):
        members[group_id][year].append(area_id)
        regions_of[area_id].add(group_id)
        years[group_level].add(year)
    return Hierarchy(level, pseudo, dict(children), parent, members, regions_of, years)


def aggregate_group(
    delivered: dict[int, tuple[Any, ...]],
    year: int,
    kind: str,
    factor: float | None,
    hierarchy: Hierarchy,
) -> dict[int, Payload]:
    """Computed values of one (period, breakdown): bottom-up, level by level. ``delivered``: the areas
    with a value already (their own row, even a secret one, or a rate from its parts)."""
    known: dict[int, tuple[Any, ...]] = dict(delivered)
    out: dict[int, Payload] = {}
    for child_level, parent_level in _STEPS:
        candidates: set[int] = set()
        for area in known:
            if hierarchy.level.get(area) == child_level:
                candidates.update(hierarchy.parents_of(area))
        for parent in sorted(candidates):
            level = hierarchy.level.get(parent)
            if parent in known or level == Level.NL:
                continue
            if parent_level != "region" and level != parent_level:
                continue
            payload = _aggregate_parts(parent, year, known, kind, factor, hierarchy)
            if payload is not None:
                known[parent] = payload
                out[parent] = payload
    return out


def _aggregate_parts(
    parent: int,
    year: int,
    known: dict[int, tuple[Any, ...]],
    kind: str,
    factor: float | None,
    hierarchy: Hierarchy,
) -> Payload | None:
    expected = [c for c in hierarchy.parts_of(parent, year) if c not in hierarchy.pseudo or c in known]
    if not expected:
        return None
    parts = []
    for child in sorted(expected):
        found = known.get(child)
        if found is None:
            return None  # a part without any row: an incomplete sum is no total
        value, num, den, _status = found
        if value is None or (kind == formulas.RATE and (num is None or den is None)):
            return None  # a secret or missing part: no complete total
        parts.append(formulas.Part(str(child), "", value, num, den))
    aggregate = formulas.aggregate(parts, kind, factor=factor, expected=len(expected))
    if aggregate.value is None or not aggregate.complete:
        return None
    status = combined_status(known[c][3] for c in expected)
    return (aggregate.value, aggregate.numerator, aggregate.denominator, status)
