# SPDX-License-Identifier: EUPL-1.2
"""What a protection table is made of, read from the working store: the area hierarchy of a year, the
candidate relations between cells (a total and its parts), and which indicators share cells.

* Areas: buurten make up their wijk, wijken their gemeente, gemeenten Nederland and each region
  (provincie, COROP, jeugdzorgregio, GGD-regio) by the membership year valid for the period (the latest
  membership year up to the period's year).
* Breakdowns: the categories of one dimension make up the total (``leeftijd=0-17``, … → ``""``); a
  combined breakdown (``leeftijd=65+;geslacht=vrouw``) makes up each of its margins.
* Linked tables: a rate whose numerator is another protected indicator shares that indicator's cells,
  so both are protected as one table (protecting linked tables one by one is how they leak).

Whether a candidate relation holds is decided from the delivered figures (``analysis.sdc.group_relations``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kwaliteitsmonitor.analysis.sdc import Key
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level

REGION_LEVELS = (Level.PV, Level.CR, Level.JZ, Level.GG)


@dataclass
class Hierarchy:
    code: dict[int, str] = field(default_factory=dict)
    level: dict[int, str] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    valid: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    # region id -> membership year -> member gemeenten
    members: dict[int, dict[int, list[int]]] = field(default_factory=dict)

    def valid_in(self, area: int, year: int) -> bool:
        start, end = self.valid.get(area, (None, None))
        return (start is None or start <= year) and (end is None or end >= year)

    def region_members(self, year: int) -> dict[int, list[int]]:
        """Members of every region in ``year``: the latest membership year up to ``year``."""
        out = {}
        for region, by_year in self.members.items():
            known = [y for y in by_year if y <= year]
            if known:
                out[region] = by_year[max(known)]
        return out


def load_hierarchy() -> Hierarchy:
    hierarchy = Hierarchy()
    rows = Area.objects.values_list("pk", "code", "level", "parent_id", "valid_from", "valid_to")
    for pk, code, level, parent_id, start, end in rows.iterator(chunk_size=20_000):
        hierarchy.code[pk] = code
        hierarchy.level[pk] = level
        hierarchy.valid[pk] = (start, end)
        if parent_id is not None:
            hierarchy.parent[pk] = parent_id
    members: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    memberships = AreaMembership.objects.filter(group__isnull=False, group__level__in=REGION_LEVELS)
    for group_id, year, area_id in memberships.values_list("group_id", "year", "area_id"):
        members[group_id][year].append(area_id)
    hierarchy.members = {g: dict(by_year) for g, by_year in members.items()}
    return hierarchy


def candidate_groups(
    keys: Iterable[tuple[int, str]], year: int, hierarchy: Hierarchy
) -> list[tuple[Key, list[Key]]]:
    """(total, parts) for the cells present (area id, breakdown) of one period, one entry per family.

    A total can be the sum of several families of parts at once: a gemeente of its wijken, of its age
    groups and of its men and women. Each family is its own relation; their union is no sum of anything
    (it adds up to a multiple of the total), and a relation judged on it would be dropped as not additive,
    leaving a secret part recoverable as "total minus the others" of one family.
    """
    present = set(keys)
    code = hierarchy.code
    groups: dict[tuple[Key, str], set[Key]] = defaultdict(set)
    by_breakdown: dict[str, set[int]] = defaultdict(set)
    for area, breakdown in present:
        by_breakdown[breakdown].add(area)
    regions = hierarchy.region_members(year)
    for breakdown, areas in by_breakdown.items():
        for area in areas:
            parent = hierarchy.parent.get(area)
            if parent is not None and parent in areas and hierarchy.valid_in(area, year):
                groups[((code[parent], breakdown), "gebieden")].add((code[area], breakdown))
        for region, gemeenten in regions.items():
            if region in areas:
                parts = {(code[g], breakdown) for g in gemeenten if g in areas}
                if parts:
                    groups[((code[region], breakdown), "regio")].update(parts)
    for area, breakdown in present:
        for margin, dimension in margins_by_dimension(breakdown):
            if (area, margin) in present:
                groups[((code[area], margin), "uitsplitsing:" + dimension)].add((code[area], breakdown))
    return [(total, sorted(parts)) for (total, _family), parts in sorted(groups.items())]


def margins(breakdown: str) -> list[str]:
    """The breakdowns a cell is a part of: ``leeftijd=65+`` → ``[""]``; ``a=x;b=y`` → ``["b=y", "a=x"]``."""
    return [margin for margin, _dimension in margins_by_dimension(breakdown)]


def margins_by_dimension(breakdown: str) -> list[tuple[str, str]]:
    """Each margin with the dimension summed over to reach it: ``a=x;b=y`` → ``[("b=y", "a"), ("a=x", "b")]``.
    Parts of one margin summed over different dimensions (ages and sexes of the same total) are different
    families."""
    if not breakdown or "=" not in breakdown:
        return []
    items = [item for item in breakdown.split(";") if item]
    return [(";".join(items[:i] + items[i + 1 :]), items[i].split("=", 1)[0]) for i in range(len(items))]


@dataclass(frozen=True)
class Cluster:
    """Indicators protected as one table: a count and the rates whose numerator it is (or one indicator)."""

    members: tuple[int, ...]  # indicator ids, the count (if any) first
    count: int | None  # the indicator whose values are the cells; None: rates with their own numerators


def clusters(definitions: dict[int, tuple[str, int | None, str]]) -> list[Cluster]:
    """``definitions``: indicator id -> (rule text, numerator id, kind: count | rate | other), for the
    indicators under an additive rule. A rate joins its numerator's table when both have the same rule."""
    joined: dict[int, list[int]] = defaultdict(list)
    for pk in sorted(definitions):
        rule, numerator, kind = definitions[pk]
        linked = kind == "rate" and numerator in definitions
        if linked and definitions[numerator][0] == rule and definitions[numerator][2] == "count":
            joined[numerator].append(pk)
    in_table = {pk for rates in joined.values() for pk in rates}
    return [
        Cluster((pk, *joined.get(pk, ())), pk if definitions[pk][2] == "count" else None)
        for pk in sorted(definitions)
        if pk not in in_table
    ]
