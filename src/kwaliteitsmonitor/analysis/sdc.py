# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control on whole tables: secondary suppression and the attacker's audit.

A *table* holds every cell that any output can show of one protected quantity in one period: all area
levels, all breakdown families, totals included (RELIABILITY-SECURITY.md §1, ANCHORS-STAFF-CYCLE.md §8).
Cells are linked by *relations*: a total is the sum of its parts (``exact``), or at least that sum
(``exact=False``: the total also counts people without a wijk, say). The primary rule (0–7 persons,
min-n; :mod:`.disclosure`) marks the sensitive cells; this module decides which other cells must be
hidden so that no sensitive cell can be worked out from what is shown, and then checks that claim.

1. **Secondary suppression by linear dependence** (after Statistics Norway's GaussSuppression): with the
   shown cells treated as exactly known, a hidden cell is *determined* when every solution of the
   relations gives it the same value (its column lies outside the null space of the relations restricted
   to the hidden cells). While a sensitive cell is determined, one more shown cell of a relation it is in
   is hidden: the smallest, cells whose value an earlier publication already showed last, ties by key.
2. **Audit** (after sdcTable's ``attack``): for each hidden cell an attacker's linear programme finds the
   lowest and highest value consistent with everything shown — shown cells within their rounding
   interval, every earlier shown value of an unchanged cell, all relations, counts ≥ 0 — with SciPy's
   HiGHS. A primary cell must stay free over the whole secret class (0 to 7 persons), any other hidden
   cell over at least the rounding base. A cell that fails gets one more suppression and the audit runs
   again; what still fails is reported and the caller refuses to publish.

Deterministic: the same input gives the same pattern (sorted keys, fixed tie-breaks, no randomness), so a
publication that is built again reproduces itself exactly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

Key = tuple[str, str]  # (area, breakdown): opaque, sortable

PRIMARY = "primary"
CARRIED = "carried"
SECONDARY = "secondary"
UNKNOWN = "unknown"  # not known to us either (secret at the source, or no value delivered)
SENSITIVE = frozenset({PRIMARY, CARRIED})
_TOL = 1e-7
_MAX_DENSE = 4000  # cells per component for the dense null-space computation
_LINK_LIMIT = 60


@dataclass(frozen=True)
class CellIn:
    """One cell as the protection sees it."""

    value: float | None  # the unrounded count (for a rate: its numerator); None = unknown to us
    primary: bool = False  # secret by the primary rule
    carried: bool = False  # hidden in an earlier publication that is still readable
    known_before: float | None = None  # an earlier readable publication showed this very value as this


@dataclass(frozen=True)
class Relation:
    total: Key
    parts: tuple[Key, ...]
    exact: bool = True  # total == sum(parts); else total >= sum(parts)

    @property
    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Hidden:
    reason: str  # PRIMARY | CARRIED | SECONDARY | UNKNOWN
    protects: Key | None = None  # for SECONDARY: the cell this suppression protects


@dataclass(frozen=True)
class Interval:
    """What an attacker can derive about one hidden cell."""

    key: Key
    reason: str
    low: float
    high: float  # math.inf when unbounded
    required: str  # "class" (must span 0..class_upper) or "width" (at least the rounding base)
    ok: bool


@dataclass
class Protection:
    hidden: dict[Key, Hidden] = field(default_factory=dict)
    intervals: list[Interval] = field(default_factory=list)
    rounds: int = 0

    @property
    def failures(self) -> list[Interval]:
        return [i for i in self.intervals if not i.ok]

    def count(self, reason: str) -> int:
        return sum(1 for h in self.hidden.values() if h.reason == reason)


def relation_kind(total: float | None, parts: Sequence[float | None]) -> bool | None:
    """Whether the delivered figures make ``total`` the exact sum of ``parts`` (True), at least that sum
    (False), or neither (None: overlapping categories, or a value unknown to us)."""
    if total is None or any(p is None for p in parts):
        return None
    summed = math.fsum(p for p in parts if p is not None)
    tolerance = 1e-6 * max(1.0, abs(total))
    if abs(total - summed) <= tolerance:
        return True
    if total > summed:
        return False
    return None


def round_to(value: float, base: float) -> float:
    """Half away from zero, as :func:`.disclosure.round_to`."""
    if base <= 0:
        return value
    return float(math.floor(abs(value) / base + 0.5) * base * (1 if value >= 0 else -1))


# --- 1. secondary suppression -------------------------------------------------------------------------


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _components(
    hidden: Iterable[Key], relations: Sequence[Relation], *, via_shown: bool
) -> list[tuple[list[Key], list[Relation]]]:
    """Groups of hidden cells linked by relations, each with every relation that touches it; sorted, so
    the result is deterministic. With ``via_shown`` (the audit), shown cells link too, except through
    relations of more than ``_LINK_LIMIT`` cells (Nederland as the sum of all gemeenten): the rounding of
    that many shown cells leaves nothing to narrow, and such a relation is given to every group it
    touches instead, with the other groups' hidden cells as free variables."""
    hidden_set = set(hidden)
    union = _Union()
    touching = [r for r in relations if any(c in hidden_set for c in r.cells)]
    for relation in touching:
        if via_shown and len(relation.cells) <= _LINK_LIMIT:
            linked = list(relation.cells)
        else:
            linked = [c for c in relation.cells if c in hidden_set]
        for cell in linked[1:]:
            union.union(linked[0], cell)
    groups: dict[Key, tuple[list[Key], list[Relation]]] = {}
    for key in sorted(hidden_set):
        groups.setdefault(union.find(key), ([], []))[0].append(key)
    for relation in touching:
        roots = sorted({union.find(c) for c in relation.cells if c in hidden_set})
        for root in roots:
            groups[root][1].append(relation)
    return [groups[root] for root in sorted(groups)]


def _determined(hidden: list[Key], relations: Sequence[Relation]) -> set[Key]:
    """Hidden cells whose value follows from the exact relations when every shown cell is known."""
    if not relations:
        return set()
    index = {key: i for i, key in enumerate(hidden)}
    matrix = np.zeros((len(relations), len(hidden)))
    for row, relation in enumerate(relations):
        for sign, cell in ((1.0, relation.total), *((-1.0, p) for p in relation.parts)):
            if cell in index:
                matrix[row, index[cell]] += sign
    if len(hidden) > _MAX_DENSE:  # pragma: no cover - a table far beyond any municipality's
        raise ValueError(f"te grote samenhangende groep geheime cellen ({len(hidden)})")
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int(np.sum(singular > _TOL * max(1.0, float(singular[0]) if singular.size else 1.0)))
    null = vt[rank:]
    if null.shape[0] == 0:
        return set(hidden)
    free = np.linalg.norm(null, axis=0) > 1e-9
    return {key for key, i in index.items() if not free[i]}


def _candidate(
    target: Key,
    relations: Sequence[Relation],
    cells: Mapping[Key, CellIn],
    hidden: Mapping[Key, Hidden],
    burned: set[Key],
) -> Key | None:
    """The shown cell to hide next for ``target``: from its own relations first, then from the others
    in its group; values an earlier publication showed protect nothing and come last."""
    own = [r for r in relations if target in r.cells]
    for pool in (own, relations):
        options = sorted(
            {
                c
                for r in pool
                for c in r.cells
                if c not in hidden and c not in burned and cells[c].value is not None
            },
            key=lambda c: (cells[c].known_before is not None, cells[c].value, c),
        )
        if options:
            return options[0]
    return None


def suppress(
    cells: Mapping[Key, CellIn],
    relations: Sequence[Relation],
    hidden: dict[Key, Hidden] | None = None,
    burned: set[Key] | None = None,
) -> dict[Key, Hidden]:
    """Primary, carried and unknown cells, plus the secondary suppressions that leave every sensitive
    cell undetermined by the exact relations."""
    hidden = dict(hidden or {})
    burned = burned if burned is not None else set()
    for key in sorted(cells):
        cell = cells[key]
        if key in hidden:
            continue
        if cell.value is None:
            hidden[key] = Hidden(UNKNOWN)
        elif cell.primary:
            hidden[key] = Hidden(PRIMARY)
        elif cell.carried:
            hidden[key] = Hidden(CARRIED)
    exact = [r for r in relations if r.exact]
    for _ in range(len(cells) + 1):
        added = False
        # A hidden cell whose value an earlier publication showed is known all the same.
        unknowns = [k for k in hidden if k not in cells or cells[k].known_before is None]
        for members, touching in _components(unknowns, exact, via_shown=False):
            if not any(hidden[m].reason in SENSITIVE for m in members):
                continue
            determined = _determined(members, touching)
            exposed = [m for m in members if m in determined and hidden[m].reason in SENSITIVE]
            if not exposed:
                continue
            target = exposed[0]
            choice = _candidate(target, touching, cells, hidden, burned)
            if choice is None:  # pragma: no cover - every relation of the group is hidden already
                continue
            hidden[choice] = Hidden(SECONDARY, target)
            added = True
        if not added:
            break
    return hidden


# --- 2. the attacker's audit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Widths:
    base: float  # the rounding base of shown cells (5 for persons); 0 = shown exactly
    class_upper: float  # a primary cell must stay free over 0..class_upper (7 for persons)


def audit(
    cells: Mapping[Key, CellIn], relations: Sequence[Relation], hidden: Mapping[Key, Hidden], widths: Widths
) -> list[Interval]:
    """The feasible interval of every hidden cell we hid (not the ones unknown to us), component by
    component, from an attacker's linear programme over everything shown."""
    ours = [k for k, h in hidden.items() if h.reason != UNKNOWN]
    if not ours:
        return []
    intervals: list[Interval] = []
    for members, touching in _components(hidden, relations, via_shown=True):
        checked = [m for m in members if hidden[m].reason != UNKNOWN]
        if checked:
            intervals.extend(_attack(checked, touching, cells, hidden, widths))
    return sorted(intervals, key=lambda i: i.key)


def _bounds(
    key: Key, cells: Mapping[Key, CellIn], hidden: Mapping[Key, Hidden], half: float
) -> tuple[float, float | None]:
    cell = cells.get(key)
    if cell is not None and cell.known_before is not None:
        return (max(0.0, cell.known_before - half), cell.known_before + half)
    if key in hidden or cell is None or cell.value is None:
        return (0.0, None)
    shown = round_to(cell.value, 2 * half) if half else cell.value
    return (max(0.0, shown - half), shown + half)


def _attack(
    targets: list[Key],
    relations: Sequence[Relation],
    cells: Mapping[Key, CellIn],
    hidden: Mapping[Key, Hidden],
    widths: Widths,
) -> list[Interval]:
    variables = sorted({c for r in relations for c in r.cells} | set(targets))
    index = {key: i for i, key in enumerate(variables)}
    half = widths.base / 2
    bounds = [_bounds(key, cells, hidden, half) for key in variables]
    eq_rows: list[np.ndarray] = []
    ub_rows: list[np.ndarray] = []
    for relation in relations:
        row = np.zeros(len(variables))
        row[index[relation.total]] += 1.0
        for part in relation.parts:
            row[index[part]] -= 1.0
        (eq_rows if relation.exact else ub_rows).append(row if relation.exact else -row)
    a_eq = np.array(eq_rows) if eq_rows else None
    a_ub = np.array(ub_rows) if ub_rows else None
    b_eq = np.zeros(len(eq_rows)) if eq_rows else None
    b_ub = np.zeros(len(ub_rows)) if ub_rows else None
    out = []
    for key in targets:
        extremes = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(variables))
            c[index[key]] = sign
            found = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if found.status == 3:  # unbounded
                extremes.append(-math.inf if sign > 0 else math.inf)
            elif found.status == 0:
                extremes.append(sign * float(found.fun))
            else:  # infeasible: the figures contradict the relations; report the cell as unprotected
                extremes.append(math.nan)
        low, high = extremes
        reason = hidden[key].reason
        if math.isnan(low) or math.isnan(high):
            ok, required = False, "class" if reason == PRIMARY else "width"
        elif reason == PRIMARY:
            required = "class"
            ok = low <= _TOL and high >= widths.class_upper - 1e-6
        else:
            required = "width"
            ok = high - low >= widths.base - 1e-6
        out.append(Interval(key, reason, low, high, required, ok))
    return out


# --- both, with repair --------------------------------------------------------------------------------


def protect_table(
    cells: Mapping[Key, CellIn], relations: Sequence[Relation], widths: Widths, *, max_rounds: int = 25
) -> Protection:
    """Suppress, audit, and hide one more cell for each cell the audit finds exposed, until the audit
    passes or ``max_rounds`` is reached (the caller then refuses the table with :attr:`failures`).

    The first pass hides one cell at a time and shows again a secondary cell that turns out pinned itself
    (it protects nothing). Rounding can defeat that: when two rounded shown cells differ by less than the
    secret class, no single extra cell helps and every candidate is pinned in turn (two hidden buurten
    whose sum is the difference of a wijk and a third buurt, both rounded to 55). Only then a second pass
    starts again and keeps a pinned secondary cell, protecting it in its turn, so suppressions combine."""
    result = _repair(cells, relations, widths, max_rounds, combine=False)
    if result.failures:
        second = _repair(cells, relations, widths, max_rounds, combine=True)
        if len(second.failures) < len(result.failures):
            return second
    return result


def _repair(
    cells: Mapping[Key, CellIn],
    relations: Sequence[Relation],
    widths: Widths,
    max_rounds: int,
    *,
    combine: bool,
) -> Protection:
    burned: set[Key] = set()
    hidden = suppress(cells, relations, burned=burned)
    result = Protection(hidden)
    if not any(h.reason in SENSITIVE for h in hidden.values()):
        return result
    for round_number in range(1, max_rounds + 1):
        result.rounds = round_number
        result.intervals = audit(cells, relations, hidden, widths)
        failures = result.failures
        if not failures:
            break
        changed = False
        # A failing cell's own relations may hold no shown cell left to hide while the rounding of
        # shown cells further along its group still pins it: the relations of its whole group are the
        # next pool.
        group = {
            member: touching
            for members, touching in _components(hidden, relations, via_shown=False)
            for member in members
        }
        for failure in failures:
            if hidden[failure.key].reason == SECONDARY and not combine:
                continue  # a secondary cell is repaired through the cell it protects
            choice = _candidate(failure.key, group.get(failure.key, []), cells, hidden, burned)
            if choice is not None:
                hidden[choice] = Hidden(SECONDARY, failure.key)
                changed = True
        if not combine:
            useless = [f.key for f in failures if hidden[f.key].reason == SECONDARY]
            for key in useless:  # pinned anyway: it protects nothing; show it and never pick it again
                del hidden[key]
                burned.add(key)
                changed = True
        if not changed:
            break
        hidden = suppress(cells, relations, hidden, burned)
        result.hidden = hidden
    return result


def group_relations(
    totals: Mapping[Key, Sequence[Key]] | Sequence[tuple[Key, Sequence[Key]]],
    values: Mapping[Key, float | None],
) -> list[Relation]:
    """Relations from candidate groups (total → parts, or (total, parts) pairs when a total has several
    families of parts), kept only where the delivered figures are additive: exact sums as equalities,
    totals larger than their parts as inequalities."""
    out = []
    pairs = sorted(totals.items()) if isinstance(totals, Mapping) else sorted(totals)
    for total, group in pairs:
        parts = tuple(sorted(group))
        if len(parts) < 1 or total not in values:
            continue
        kind = relation_kind(values.get(total), [values.get(p) for p in parts])
        if kind is None:
            continue
        out.append(Relation(total, parts, exact=kind))
    return out


def information_loss(cells: Mapping[Key, CellIn], hidden: Mapping[Key, Hidden]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for h in hidden.values():
        counts[h.reason] += 1
    known = sum(1 for c in cells.values() if c.value is not None)
    ours = counts[PRIMARY] + counts[CARRIED] + counts[SECONDARY]
    return {
        "cells": float(known),
        "primary": float(counts[PRIMARY]),
        "carried": float(counts[CARRIED]),
        "secondary": float(counts[SECONDARY]),
        "hidden_pct": round(100.0 * ours / known, 3) if known else 0.0,
        "secondary_per_primary": round(counts[SECONDARY] / counts[PRIMARY], 3) if counts[PRIMARY] else 0.0,
    }
