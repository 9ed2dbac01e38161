# SPDX-License-Identifier: EUPL-1.2
"""Computed values for areas without a value of their own (DOMAIN.md §1.5, issue "analysis" item 1).

After every load, a wijk without a delivered value gets the aggregate of its buurten, a gemeente the
aggregate of its wijken, and a region (provincie, COROP, jeugdregio, GGD-regio) the aggregate of its
member gemeenten, stored as observations with ``is_computed`` so that pages, charts, downloads and the
paged API read them through the one protection stage like any other value.

The rules are those of :mod:`kwaliteitsmonitor.analysis.formulas` (which does the arithmetic):

* Only counts and rates are aggregated: counts are summed, rates recomputed from the summed numerators
  and denominators. Survey figures and other non-additive figures are never aggregated.
* Only registrations are aggregated: the municipality's own and its partners' (``provider`` own or
  partner), which are typically delivered per wijk. Statistics offices (CBS, and GGD or other survey
  bureaus) publish every level themselves; a level they did not publish is a choice of theirs (often
  disclosure), and their units are mapped from text (an average income "× 1.000 euro" is not a sum).
* Per period: half-years are never added up to a year, years never to anything.
* A value is computed only when **every** expected part has one (the parts valid in the period's year;
  pseudo-areas such as water wijken count when they have a value). An incomplete sum would be a lower
  bound presented as a total, so the area then simply has no value.
* An area with a row of its own, even a secret one (value withheld by the source), is never computed:
  computing it would reveal what the source kept secret.
* Nederland is never computed from gemeenten: it comes from the source.
* The unrounded parts are aggregated; disclosure control applies when the value is read
  (``queries.protect_rows``), like for delivered values. A delivered value replaces a computed one
  (``load.py``); computed values keep no revisions.

Idempotent: computed values that did not change are not written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from kwaliteitsmonitor.analysis import formulas
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level

from . import versioning
from .models import FigureStatus, ImportRun, Indicator, Observation, Provider

_REGION_LEVELS = (Level.PV, Level.CR, Level.JZ, Level.GG)
# Bottom-up: an area's children are all computed or delivered before the area itself is considered.
_STEPS = ((Level.BU, Level.WK), (Level.WK, Level.GM), (Level.GM, "region"))

Payload = tuple[float | None, float | None, float | None, str]  # value, numerator, denominator, status


@dataclass
class DeriveResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def note(self) -> str:
        if not (self.added or self.changed or self.removed):
            return ""
        return (
            f"berekende waarden (uit onderliggende gebieden): {self.added} nieuw, {self.changed} gewijzigd, "
            f"{self.removed} vervallen"
        )


@dataclass
class _Hierarchy:
    level: dict[int, str]
    pseudo: set[int]
    children: dict[int, list[tuple[int, int | None, int | None]]]  # parent → (child, valid from, to)
    parent: dict[int, int]  # administrative parent (buurt → wijk → gemeente → Nederland)
    members: dict[int, dict[int, list[int]]]  # region → year → member gemeenten
    regions_of: dict[int, set[int]]  # gemeente → regions it was ever a member of

    def parts_of(self, parent: int, year: int) -> list[int]:
        if self.level[parent] in _REGION_LEVELS:
            by_year = self.members.get(parent, {})
            known = [y for y in by_year if y <= year]
            return by_year[max(known)] if known else []
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


def _hierarchy() -> _Hierarchy:
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
    for group_id, year, area_id in AreaMembership.objects.filter(
        group__isnull=False, group__level__in=_REGION_LEVELS
    ).values_list("group_id", "year", "area_id"):
        members[group_id][year].append(area_id)
        regions_of[area_id].add(group_id)
    return _Hierarchy(level, pseudo, dict(children), parent, members, regions_of)


def derive_computed_values(
    indicator_codes: Iterable[str], periods: Iterable[str] | None = None, run: ImportRun | None = None
) -> DeriveResult:
    """(Re)compute the computed values of these indicators for these periods (all periods if None)."""
    result = DeriveResult()
    indicators = [
        ind
        for ind in Indicator.objects.filter(
            code__in=set(indicator_codes), provider__in=(Provider.OWN, Provider.PARTNER)
        ).order_by("code")
        if formulas.kind_for(ind.unit, ind.count_method) in (formulas.COUNT, formulas.RATE)
    ]
    if not indicators:
        return result
    hierarchy = _hierarchy()
    wanted = sorted(set(periods)) if periods is not None else None
    with transaction.atomic():
        for indicator in indicators:
            _derive_indicator(indicator, wanted, hierarchy, run, result)
    return result


def _derive_indicator(
    indicator: Indicator,
    periods: list[str] | None,
    hierarchy: _Hierarchy,
    run: ImportRun | None,
    result: DeriveResult,
) -> None:
    kind = formulas.kind_for(indicator.unit, indicator.count_method)
    factor = None
    if kind == formulas.RATE:
        factor = indicator.factor or formulas.factor_for(indicator.unit)
    rows = Observation.objects.filter(indicator=indicator)
    if periods is not None:
        rows = rows.filter(period__in=periods)
    own: dict[tuple[str, str], dict[int, tuple[Any, ...]]] = defaultdict(dict)
    stored: dict[tuple[str, str, int], tuple[int, Payload]] = {}
    for pk, area, period, breakdown, value, num, den, status, computed in rows.values_list(
        "pk", "area_id", "period", "breakdown", "value", "numerator", "denominator", "status", "is_computed"
    ).iterator(chunk_size=20_000):
        if computed:
            stored[(period, breakdown, area)] = (pk, (value, num, den, status))
        else:
            own[(period, breakdown)][area] = (value, num, den, status)
    computed: dict[tuple[str, str, int], Payload] = {}
    for (period, breakdown), delivered in own.items():
        year = int(period[:4])
        for area, payload in _compute_group(delivered, year, kind, factor, hierarchy).items():
            computed[(period, breakdown, area)] = payload
    _write(indicator, computed, stored, run, result)


def _compute_group(
    delivered: dict[int, tuple[Any, ...]],
    year: int,
    kind: str,
    factor: float | None,
    hierarchy: _Hierarchy,
) -> dict[int, Payload]:
    """Computed values of one (period, breakdown): bottom-up, level by level."""
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
    hierarchy: _Hierarchy,
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
    statuses = {known[c][3] for c in expected}
    status = FigureStatus.PROVISIONAL if FigureStatus.PROVISIONAL in statuses else ""
    if len(statuses) == 1:
        status = next(iter(statuses))
    return (aggregate.value, aggregate.numerator, aggregate.denominator, status)


def _write(
    indicator: Indicator,
    computed: dict[tuple[str, str, int], Payload],
    stored: dict[tuple[str, str, int], tuple[int, Payload]],
    run: ImportRun | None,
    result: DeriveResult,
) -> None:
    run_id = run.pk if run else None
    inserts = []
    updates = []
    for key, payload in computed.items():
        old = stored.pop(key, None)
        if old is None:
            inserts.append(
                Observation(
                    indicator=indicator,
                    area_id=key[2],
                    period=key[0],
                    breakdown=key[1],
                    value=payload[0],
                    numerator=payload[1],
                    denominator=payload[2],
                    status=payload[3],
                    import_run_id=run_id,
                    is_computed=True,
                )
            )
        elif old[1] != payload:
            updates.append((*payload, run_id, old[0]))
        else:
            result.unchanged += 1
    Observation.objects.bulk_create(inserts, batch_size=2000)
    if updates:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE indicators_observation SET value = %s, numerator = %s, denominator = %s, "
                "status = %s, import_run_id = %s WHERE id = %s",
                updates,
            )
    gone = [pk for pk, _payload in stored.values()]
    for start in range(0, len(gone), 500):
        Observation.objects.filter(pk__in=gone[start : start + 500]).delete()
    result.added += len(inserts)
    result.changed += len(updates)
    result.removed += len(gone)
    if inserts or updates or gone:
        versioning.touch([indicator.pk])
