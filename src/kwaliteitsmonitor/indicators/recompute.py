# SPDX-License-Identifier: EUPL-1.2
"""Keeping computed values current: the one domain function every write path calls (issue 9).

A computed value (``derive.py``) depends on its inputs (the values of the indicator itself and of its
numerator and denominator), its definition (unit, provider, count method, numerator, denominator, factor,
target group, disclosure rule) and the area hierarchy (parents, validity, memberships). Every write path
that changes one of these calls :func:`changed` **inside its own transaction**, so a stale computed value
never outlives the change that made it stale:

=================================  ===================================================================
write path                         call
=================================  ===================================================================
import pipeline (all connectors)   ``changed(values={code: periods})`` after loading observations,
                                   inside :func:`collect` so an import recomputes once, at its end
indicator definitions              ``changed(definitions=..., created=...)`` (``connectors/upsert.py``,
                                   ``connectors/indicator_defs``, the admin's indicator save)
areas, vintages, memberships       ``changed(areas=True)`` (``connectors/areas``, ``create_areas`` in
                                   ``connectors/upsert.py``, the admin's area and membership saves and
                                   deletes)
on demand                          :func:`recompute_all` (``kwaliteitsmonitor recompute``)
=================================  ===================================================================

What is recomputed (:func:`plan`): the changed indicators that are derivable, every indicator made from
them (rates whose numerator or denominator they are, and so on), for the changed periods (all periods for a
definition change); after an area change every derivable indicator. An indicator whose definition changed
and that is no longer derivable loses its computed values. Parts always come before what is made from them;
indicators in a cycle (a rate that is, through others, its own part) are not computed, and said so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from kwaliteitsmonitor.analysis import formulas

from .derive import Context, DeriveResult, derivable, derive_indicator
from .models import ImportRun, Indicator, Observation

Periods = set[str] | None  # None: all periods
Progress = Callable[[str, int, int], None]  # indicator code, index (1-based), total


@dataclass
class Changes:
    values: dict[str, Periods] = field(default_factory=dict)  # indicator code → changed periods
    definitions: set[str] = field(default_factory=set)  # changed definitions (stale values possible)
    created: set[str] = field(default_factory=set)  # new definitions (no computed values yet)
    areas: bool = False

    def add(
        self,
        values: Mapping[str, Iterable[str] | None] | None = None,
        definitions: Iterable[str] = (),
        created: Iterable[str] = (),
        areas: bool = False,
    ) -> None:
        for code, periods in (values or {}).items():
            self.values[code] = _union(self.values.get(code, set()), periods)
        self.definitions.update(definitions)
        self.created.update(created)
        self.areas = self.areas or areas

    def take(self) -> Changes:
        """What was gathered so far; this object starts empty again."""
        taken = Changes(self.values, self.definitions, self.created, self.areas)
        self.values, self.definitions, self.created, self.areas = {}, set(), set(), False
        return taken

    def __bool__(self) -> bool:
        return bool(self.values or self.definitions or self.created or self.areas)


def _union(current: Periods, more: Iterable[str] | None) -> Periods:
    if current is None or more is None:
        return None
    return current | set(more)


_pending: ContextVar[Changes | None] = ContextVar("recompute_pending", default=None)


def changed(
    *,
    values: Mapping[str, Iterable[str] | None] | None = None,
    definitions: Iterable[str] = (),
    created: Iterable[str] = (),
    areas: bool = False,
    run: ImportRun | None = None,
) -> DeriveResult:
    """Something computed values depend on changed: recompute them now, in the caller's transaction, or
    at the end of the surrounding :func:`collect` block (then the result is empty here)."""
    pending = _pending.get()
    if pending is not None:
        pending.add(values, definitions, created, areas)
        return DeriveResult()
    changes = Changes()
    changes.add(values, definitions, created, areas)
    return recompute(changes, run=run)


class Collected:
    """The changes gathered in a :func:`collect` block; :meth:`flush` recomputes them."""

    def __init__(self, changes: Changes) -> None:
        self.changes = changes

    def flush(self, run: ImportRun | None = None) -> DeriveResult:
        return recompute(self.changes.take(), run=run)

    def discard(self) -> None:
        """Drop what was gathered (a dry run that is rolled back anyway)."""
        self.changes.take()


@contextmanager
def collect() -> Iterator[Collected]:
    """Gather :func:`changed` calls (an import: definitions, then values) and recompute once: at
    :meth:`Collected.flush`, or when the block ends without an exception. Nested blocks join the outer."""
    outer = _pending.get()
    if outer is not None:
        yield Collected(outer)
        return
    changes = Changes()
    token = _pending.set(changes)
    try:
        yield Collected(changes)
    finally:
        _pending.reset(token)
    if changes:
        recompute(changes.take())


def recompute(
    changes: Changes, *, run: ImportRun | None = None, progress: Progress | None = None
) -> DeriveResult:
    ctx = Context(run=run)
    if not changes:
        return ctx.result
    steps = plan(changes, ctx.result.notes)
    with transaction.atomic():
        for index, (indicator, periods) in enumerate(steps, start=1):
            if progress:
                progress(indicator.code, index, len(steps))
            derive_indicator(indicator, sorted(periods) if periods is not None else None, ctx)
    return ctx.result


def recompute_all(
    codes: Iterable[str] | None = None, *, run: ImportRun | None = None, progress: Progress | None = None
) -> DeriveResult:
    """Recompute from scratch: these indicators (and what is made from them), or every derivable one and
    every one that still has computed values."""
    changes = Changes()
    if codes is not None:
        changes.add(definitions=codes)
    else:
        stale = Observation.objects.filter(is_computed=True).values_list("indicator__code", flat=True)
        changes.add(definitions={*stale.distinct().order_by()}, areas=True)
    return recompute(changes, run=run, progress=progress)


def plan(changes: Changes, notes: list[str]) -> list[tuple[Indicator, Periods]]:
    """The indicators to recompute, parts first, each with its periods."""
    indicators = {i.code: i for i in Indicator.objects.select_related("numerator", "denominator")}
    parts = {
        code: [p.code for p in (i.numerator, i.denominator) if p is not None]
        for code, i in indicators.items()
        if i.is_rate
    }
    seeds: dict[str, Periods] = {}
    for code, periods in changes.values.items():
        seeds[code] = _union(seeds.get(code, set()), periods)
    for code in changes.definitions | changes.created:
        seeds[code] = None
    if changes.areas:
        seeds |= {code: None for code, i in indicators.items() if derivable(i)}
    reach = _with_dependants(seeds, parts)
    wanted = {
        code: periods
        for code, periods in reach.items()
        if code in indicators and (derivable(indicators[code]) or code in changes.definitions)
    }
    order, cyclic = formulas.dependency_order({code: parts.get(code, []) for code in wanted})
    if cyclic:
        notes.append(
            "niet berekend, want teller of noemer hangt (via andere indicatoren) van de indicator zelf af: "
            + ", ".join(cyclic)
        )
    return [(indicators[code], wanted[code]) for code in order]


def _with_dependants(seeds: dict[str, Periods], parts: dict[str, list[str]]) -> dict[str, Periods]:
    """The seeds and every indicator made from them, transitively, with the union of their periods."""
    made_from: dict[str, set[str]] = {}
    for code, its_parts in parts.items():
        for part in its_parts:
            made_from.setdefault(part, set()).add(code)
    reach: dict[str, Periods] = {}
    queue = list(seeds.items())
    while queue:
        code, periods = queue.pop()
        if code in reach:
            merged = _union(reach[code], periods)
            if merged == reach[code]:
                continue
        else:
            merged = None if periods is None else set(periods)
        reach[code] = merged
        queue.extend((user, merged) for user in made_from.get(code, ()))
    return reach
