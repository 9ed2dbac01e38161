# SPDX-License-Identifier: EUPL-1.2
"""Whole-table disclosure control: secondary suppression and the attacker's audit (analysis.sdc)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis import sdc
from kwaliteitsmonitor.analysis.sdc import CellIn, Relation, Widths

PERSONS = Widths(base=5, class_upper=7)


def k(area: str, breakdown: str = "") -> sdc.Key:
    return (area, breakdown)


def table(values: Mapping[sdc.Key, float | None]) -> dict[sdc.Key, CellIn]:
    return {key: CellIn(v, primary=v is not None and 0 <= v <= 7) for key, v in values.items()}


def heemskerk() -> tuple[dict[sdc.Key, CellIn], list[Relation]]:
    """A gemeente and four wijken, one of them with 5 persons."""
    values = {k("GM"): 1915.0, k("W1"): 5.0, k("W2"): 1855.0, k("W3"): 30.0, k("W4"): 25.0}
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2"), k("W3"), k("W4")]}, values)
    return table(values), relations


def test_a_single_secret_part_is_recoverable_from_the_total_so_one_more_part_is_hidden() -> None:
    cells, relations = heemskerk()
    result = sdc.protect_table(cells, relations, PERSONS)
    assert result.hidden[k("W1")].reason == sdc.PRIMARY
    assert result.hidden[k("W4")] == sdc.Hidden(sdc.SECONDARY, k("W1"))  # the smallest other part
    assert set(result.hidden) == {k("W1"), k("W4")}
    assert result.failures == []
    primary = next(i for i in result.intervals if i.key == k("W1"))
    assert primary.low == 0 and primary.high >= 7


def test_rounding_alone_can_leave_a_secret_cell_exposed() -> None:
    # 1 person in W1: total 61 and W2 60 are shown as 60 and 60, so W1 lies in 0..5, not all of 0..7.
    values = {k("GM"): 61.0, k("W1"): 1.0, k("W2"): 60.0}
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2")]}, values)
    (exposed,) = sdc.audit(table(values), relations, {k("W1"): sdc.Hidden(sdc.PRIMARY)}, PERSONS)
    assert not exposed.ok
    assert (exposed.low, exposed.high) == (0.0, 5.0)
    # With four shown parts the rounding of each leaves 0..15: the audit alone would accept it, but the
    # suppression treats shown cells as exact and still hides a second part (see above).
    cells, relations = heemskerk()
    (interval,) = sdc.audit(cells, relations, {k("W1"): sdc.Hidden(sdc.PRIMARY)}, PERSONS)
    assert interval.ok and interval.high == 15.0


def test_a_determined_cell_is_found_through_a_chain_of_relations() -> None:
    # GM = W1 + W2; W1 = B1 + B2. B1 is secret; W1 and GM shown, B2 shown: B1 = W1 - B2.
    values = {k("GM"): 300.0, k("W1"): 103.0, k("W2"): 197.0, k("B1"): 3.0, k("B2"): 100.0}
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2")], k("W1"): [k("B1"), k("B2")]}, values)
    result = sdc.protect_table(table(values), relations, PERSONS)
    # Hiding B2 alone is not enough: W1 is shown, so B1 + B2 is known, but neither on its own.
    assert result.hidden[k("B2")].reason == sdc.SECONDARY
    assert result.failures == []


def test_two_dimensional_table_needs_a_rectangle_of_suppressions() -> None:
    # Two wijken × two age groups with all margins shown: one secret interior cell forces three more.
    values = {
        k("GM"): 400.0, k("GM", "l=a"): 200.0, k("GM", "l=b"): 200.0,
        k("W1"): 200.0, k("W1", "l=a"): 4.0, k("W1", "l=b"): 196.0,
        k("W2"): 200.0, k("W2", "l=a"): 196.0, k("W2", "l=b"): 4.0 + 0.0,
    }  # fmt: skip
    values[k("W2", "l=b")] = 4.0
    values[k("W2")] = 200.0
    groups = {
        k("GM"): [k("W1"), k("W2")],
        k("GM", "l=a"): [k("W1", "l=a"), k("W2", "l=a")],
        k("GM", "l=b"): [k("W1", "l=b"), k("W2", "l=b")],
        k("W1"): [k("W1", "l=a"), k("W1", "l=b")],
        k("W2"): [k("W2", "l=a"), k("W2", "l=b")],
    }
    relations = sdc.group_relations(groups, values)
    assert all(r.exact for r in relations)
    result = sdc.protect_table(table(values), relations, PERSONS)
    assert result.failures == []
    for key, hidden in result.hidden.items():
        if hidden.reason == sdc.PRIMARY:
            interval = next(i for i in result.intervals if i.key == key)
            assert interval.low == 0 and interval.high >= 7


def test_a_value_shown_in_an_earlier_publication_protects_nothing() -> None:
    values = {k("GM"): 125.0, k("W1"): 5.0, k("W2"): 60.0, k("W3"): 60.0}
    cells = table(values)
    cells[k("W2")] = CellIn(60.0, known_before=60.0)
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2"), k("W3")]}, values)
    result = sdc.protect_table(cells, relations, PERSONS)
    assert result.hidden[k("W3")].reason == sdc.SECONDARY  # not W2, which everyone already saw
    assert k("W2") not in result.hidden
    assert result.failures == []


def test_when_every_candidate_was_shown_before_the_audit_refuses() -> None:
    values = {k("GM"): 61.0, k("W1"): 1.0, k("W2"): 60.0}
    cells = table(values)
    cells[k("W2")] = CellIn(60.0, known_before=60.0)
    cells[k("GM")] = CellIn(61.0, known_before=60.0)
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2")]}, values)
    result = sdc.protect_table(cells, relations, PERSONS)
    assert [f.key for f in result.failures] == [k("W1")]


def test_a_cell_unknown_to_us_protects_its_siblings() -> None:
    values = {k("GM"): 100.0, k("W1"): 5.0, k("W2"): None, k("W3"): 60.0}
    relations = [Relation(k("GM"), (k("W1"), k("W2"), k("W3")), exact=True)]
    result = sdc.protect_table(table(values), relations, PERSONS)
    assert result.hidden[k("W2")].reason == sdc.UNKNOWN
    assert result.count(sdc.SECONDARY) == 0
    assert result.failures == []


def test_relations_follow_the_delivered_figures() -> None:
    assert sdc.relation_kind(10.0, [4.0, 6.0]) is True
    assert sdc.relation_kind(12.0, [4.0, 6.0]) is False  # people without a wijk: at least the sum
    assert sdc.relation_kind(8.0, [4.0, 6.0]) is None  # overlapping categories: no relation
    assert sdc.relation_kind(10.0, [4.0, None]) is None


def test_an_inequality_still_bounds_the_attacker() -> None:
    # GM counts 3 people without a wijk, so GM >= W1 + W2 only; W2 is secret (4), W1 shown.
    values = {k("GM"): 103.0, k("W1"): 96.0, k("W2"): 4.0}
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2")]}, values)
    assert relations == [Relation(k("GM"), (k("W1"), k("W2")), exact=False)]
    result = sdc.protect_table(table(values), relations, PERSONS)
    # Not determined, but GM - W1 bounds W2 from above at about 12: still covers 0..7.
    assert result.failures == []
    (interval,) = [i for i in result.intervals if i.key == k("W2")]
    assert interval.low == 0 and 7 <= interval.high < 20


def test_same_input_same_pattern_whatever_the_order() -> None:
    cells, relations = heemskerk()
    first = sdc.protect_table(cells, relations, PERSONS).hidden
    for permutation in itertools.permutations(sorted(cells)):
        shuffled = {key: cells[key] for key in permutation}
        assert sdc.protect_table(shuffled, list(reversed(relations)), PERSONS).hidden == first


def test_information_loss_counts_our_suppressions() -> None:
    cells, relations = heemskerk()
    result = sdc.protect_table(cells, relations, PERSONS)
    loss = sdc.information_loss(cells, result.hidden)
    assert loss == {
        "cells": 5.0, "primary": 1.0, "carried": 0.0, "secondary": 1.0, "hidden_pct": 40.0,
        "secondary_per_primary": 1.0,
    }  # fmt: skip


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[sdc.Key, float], list[Relation]]:
    """A gemeente with wijken and buurten and an optional split by age, every total the exact sum of its
    parts, with many small cells."""
    ages = ("l=j", "l=o") if draw(st.booleans()) else ()
    shape = [draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 4)))]  # buurten per wijk
    small_or_not = st.one_of(st.integers(0, 9), st.integers(10, 200))
    leaves = {
        (f"B{w}{b}", age): float(draw(small_or_not))
        for w, buurten in enumerate(shape)
        for b in range(buurten)
        for age in ages or ("",)
    }
    parents = {f"B{w}{b}": f"W{w}" for w, buurten in enumerate(shape) for b in range(buurten)}
    parents |= {f"W{w}": "GM" for w in range(len(shape))}
    values: dict[sdc.Key, float] = dict(leaves)
    groups: dict[sdc.Key, list[sdc.Key]] = {}
    for (area, age), value in leaves.items():
        if ages:  # the buurt's total over the age groups
            values[(area, "")] = values.get((area, ""), 0.0) + value
            groups.setdefault((area, ""), []).append((area, age))
        for breakdown in {age, ""}:
            child, up = area, parents[area]
            while up:
                values[(up, breakdown)] = values.get((up, breakdown), 0.0) + value
                if (child, breakdown) not in groups.get((up, breakdown), []):
                    groups.setdefault((up, breakdown), []).append((child, breakdown))
                child, up = up, parents.get(up, "")
    for area in {a for a, _ in values}:
        if ages and area[0] != "B":
            groups[(area, "")] = groups.get((area, ""), [])
            groups.setdefault(("family", area), [(area, age) for age in ages])
    relations = sdc.group_relations({g: p for g, p in groups.items() if g[0] != "family"}, values)
    families = {(g[1], ""): p for g, p in groups.items() if g[0] == "family"}
    relations += sdc.group_relations(families, values)
    return values, relations


@settings(max_examples=60, deadline=None)
@given(trees())
def test_property_no_secret_cell_can_be_narrowed_below_its_class(
    example: tuple[dict[sdc.Key, float], list[Relation]],
) -> None:
    values, relations = example
    cells = table(values)
    result = sdc.protect_table(cells, relations, PERSONS)
    assert result.failures == []
    for key, cell in cells.items():
        if cell.primary:
            assert result.hidden[key].reason == sdc.PRIMARY
    # Independent of the audit: no primary cell is determined by the exact relations.
    exact = [r for r in relations if r.exact]
    hidden = sorted(result.hidden)
    touching = [r for r in exact if any(c in result.hidden for c in r.cells)]
    determined = sdc._determined(hidden, touching)
    assert not [key for key in determined if result.hidden[key].reason == sdc.PRIMARY]


def test_secret_cells_pinned_by_two_rounded_shown_cells_get_suppressions_that_combine() -> None:
    """Found by the property test: two secret buurten whose young add up to W0 minus B02, both 57 and
    both shown as 55, so their sum is at most 5 and a 0 is pinned below the class of 0 to 7. No single
    extra suppression helps (each one is pinned in turn and shown again); they must combine."""
    leaves = {"B00": (0.0, 0.0), "B01": (0.0, 4.0), "B02": (57.0, 132.0)}
    values: dict[sdc.Key, float] = {}
    for buurt, (young, old) in leaves.items():
        values |= {k(buurt, "l=j"): young, k(buurt, "l=o"): old, k(buurt): young + old}
    for area in ("W0", "GM"):
        for age in ("l=j", "l=o", ""):
            values[k(area, age)] = sum(values[k(b, age)] for b in leaves)
    groups = [(k(b), [k(b, "l=j"), k(b, "l=o")]) for b in ("B00", "B01", "B02", "W0", "GM")]
    groups += [(k("W0", age), [k(b, age) for b in leaves]) for age in ("l=j", "l=o", "")]
    groups += [(k("GM", age), [k("W0", age)]) for age in ("l=j", "l=o", "")]
    relations = sdc.group_relations(groups, values)
    cells = table(values)

    result = sdc.protect_table(cells, relations, PERSONS)

    assert result.failures == []
    for key in (k("B00", "l=j"), k("B01", "l=j")):
        (interval,) = [i for i in result.intervals if i.key == key]
        assert interval.low == 0 and interval.high >= 7
    assert {key for key, h in result.hidden.items() if h.reason == sdc.PRIMARY} == {
        key for key, cell in cells.items() if cell.primary
    }


@pytest.mark.parametrize("value", [0.0, 3.0, 7.0])
def test_a_secret_total_with_shown_parts_gets_a_part_hidden(value: float) -> None:
    values = {k("GM"): value, k("W1"): value, k("W2"): 0.0}
    relations = sdc.group_relations({k("GM"): [k("W1"), k("W2")]}, values)
    result = sdc.protect_table(table(values), relations, PERSONS)
    assert result.failures == []
