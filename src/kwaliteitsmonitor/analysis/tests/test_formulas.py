# SPDX-License-Identifier: EUPL-1.2
"""Indicator formulas, aggregation over areas, and disclosure after aggregation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.disclosure import Rule, protect, suppress_complements
from kwaliteitsmonitor.analysis.formulas import (
    COUNT,
    RATE,
    SURVEY,
    Aggregate,
    FormulaError,
    NotAggregable,
    Part,
    aggregate,
    aggregate_hierarchy,
    aggregate_periods,
    factor_for,
    kind_for,
    protect_aggregate,
    protect_breakdown,
    rate,
    rates_for,
)

PERSONS = Rule("cbs-persons")


def test_rate_per_1000_of_target_group() -> None:
    # Wmo per 1.000 inhabitants of 75+: 1.234 clients / 5.678 inhabitants 75+ × 1.000 = 217,33...
    assert rate(1234, 5678, 1000) == pytest.approx(217.3300458)
    # jeugdhulp as % of under-18s: 97 / 1.000 × 100 = 9,7
    assert rate(97, 1000, 100) == pytest.approx(9.7)


def test_rate_without_denominator_is_missing_not_zero() -> None:
    assert rate(5, 0, 100) is None
    assert rate(None, 10, 100) is None
    with pytest.raises(FormulaError):
        rate(-1, 10, 100)


def test_rates_for_uses_the_denominator_indicator_given() -> None:
    # jeugdreclassering: % of 12–22 year olds. A: 12 / 2.400 × 100 = 0,5; B has no denominator.
    result = rates_for({"A": 12, "B": 3}, {"A": 2400}, factor_for("pct"), "2024JJ00")
    assert result["A"].value == pytest.approx(0.5)
    assert result["B"].value is None


def test_kind_and_factor() -> None:
    assert kind_for("count") == COUNT
    assert kind_for("per_1000") == RATE
    assert kind_for("pct", "survey") == SURVEY
    assert factor_for("per_10000") == 10000
    with pytest.raises(FormulaError):
        factor_for("score_0_10")


def test_rate_aggregate_is_recomputed_from_sums_not_averaged() -> None:
    # wijk A: 10 / 100 × 1000 = 100 ‰; wijk B: 90 / 900 × 1000 = 100... use unequal rates:
    # A: 10 / 100 = 100 ‰, B: 10 / 900 = 11,1 ‰. Mean of rates = 55,6 ‰ (wrong);
    # from sums: 20 / 1.000 × 1000 = 20 ‰ (right).
    parts = [Part("A", "2024JJ00", 100.0, 10, 100), Part("B", "2024JJ00", 11.11, 10, 900)]
    result = aggregate(parts, RATE, area="G", factor=1000)
    assert result.value == pytest.approx(20.0)
    assert (result.numerator, result.denominator) == (20, 1000)
    assert result.computed and result.complete


def test_count_aggregate_with_missing_child_is_marked_incomplete() -> None:
    # 12 + 30 = 42 from 2 of 3 wijken
    parts = [Part("A", "2024JJ00", 12), Part("B", "2024JJ00", 30), Part("C", "2024JJ00", None)]
    result = aggregate(parts, COUNT, area="G")
    assert result.value == 42
    assert (result.parts_used, result.parts_expected, result.complete) == (2, 3, False)
    assert "2 van de 3" in result.note and "hoger" in result.note


def test_half_years_never_add_up_to_a_year() -> None:
    with pytest.raises(NotAggregable, match="Halfjaren"):
        aggregate_periods(["2024HJ01", "2024HJ02"], COUNT)
    with pytest.raises(NotAggregable):
        aggregate([Part("A", "2024HJ01", 5), Part("A", "2024HJ02", 6)], COUNT)


def test_survey_figures_are_not_aggregated() -> None:
    with pytest.raises(NotAggregable, match="enquête"):
        aggregate([Part("A", "2022JJ00", 7.8)], SURVEY)
    result = aggregate_hierarchy({"G": ["A", "B"]}, {"A": Part("A", "2022JJ00", 7.8)}, SURVEY)
    assert result["G"].value is None and not result["G"].aggregable


def test_hierarchy_own_value_wins_and_parent_is_computed_bottom_up() -> None:
    # region R = gemeenten G1 (own value 100) + G2 (no own value: wijken 20 + 35 = 55) = 155
    tree = {"R": ["G1", "G2"], "G2": ["W1", "W2"]}
    own = {
        "G1": Part("G1", "2024JJ00", 100),
        "W1": Part("W1", "2024JJ00", 20),
        "W2": Part("W2", "2024JJ00", 35),
    }
    result = aggregate_hierarchy(tree, own, COUNT, period="2024JJ00")
    assert not result["G1"].computed
    assert result["G2"].value == 55 and result["G2"].computed
    assert result["R"].value == 155 and result["R"].complete


def test_hierarchy_incompleteness_propagates_upwards() -> None:
    tree = {"R": ["G1", "G2"], "G2": ["W1", "W2"]}
    own = {"G1": Part("G1", "2024JJ00", 100), "W1": Part("W1", "2024JJ00", 20)}
    result = aggregate_hierarchy(tree, own, COUNT, period="2024JJ00")
    assert result["G2"].value == 20 and not result["G2"].complete
    assert result["R"].value == 120 and not result["R"].complete


def test_protect_after_aggregation_uses_unrounded_parts() -> None:
    # parts 3 + 3 + 3 are each secret, but their sum 9 is computed unrounded and rounds to 10.
    # (Summing the published, rounded parts would be impossible: they are secret.)
    agg = aggregate([Part(a, "2024JJ00", 3) for a in "ABC"], COUNT)
    assert protect_aggregate(agg, PERSONS).value == 10
    # rate: 12 / 1.003 × 1000; protected from rounded counts 10 / 1.005 × 1000 = 9,95...
    agg_rate = Aggregate("G", "2024JJ00", RATE, 12 / 1003 * 1000, 12, 1003)
    shown = protect_aggregate(agg_rate, PERSONS, factor=1000)
    assert shown.value == pytest.approx(10 / 1005 * 1000)


def test_breakdown_suppresses_a_complement() -> None:
    # parts 4 (secret), 20, 50; total 74 → 75 shown. 75 − 20 − 50 = 5 would reveal the 4,
    # so the smallest other part (20) is suppressed too.
    parts = [Aggregate(a, "2024JJ00", COUNT, v) for a, v in zip("ABC", [4, 20, 50], strict=True)]
    total = Aggregate("G", "2024JJ00", COUNT, 74)
    shown_total, shown_parts = protect_breakdown(total, parts, PERSONS)
    assert shown_total.value == 75
    assert [p.value for p in shown_parts] == [None, None, 50]


def test_cyclic_hierarchy_is_refused() -> None:
    with pytest.raises(FormulaError):
        aggregate_hierarchy({"A": ["B"], "B": ["A"]}, {}, COUNT)


# --- properties -------------------------------------------------------------------------------------

counts = st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=12)


@settings(deadline=None)
@given(counts)
def test_count_aggregate_is_sum_of_children(values: list[int]) -> None:
    parts = [Part(f"W{i}", "2024JJ00", v) for i, v in enumerate(values)]
    assert aggregate(parts, COUNT).value == sum(values)


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 5000)), min_size=1, max_size=12))
def test_rate_aggregate_equals_rate_of_sums(pairs: list[tuple[int, int]]) -> None:
    parts = [Part(f"W{i}", "2024JJ00", n / d * 1000, n, d) for i, (n, d) in enumerate(pairs)]
    result = aggregate(parts, RATE, factor=1000).value
    assert result is not None
    assert result == pytest.approx(sum(n for n, _ in pairs) / sum(d for _, d in pairs) * 1000)
    # and it lies between the smallest and largest part (a weighted mean, never outside)
    rates = [n / d * 1000 for n, d in pairs]
    assert min(rates) - 1e-9 <= result <= max(rates) + 1e-9


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=100_000))
def test_published_person_counts_are_never_small_and_multiples_of_five(value: int) -> None:
    shown = protect(value, PERSONS)
    if shown.shown:
        assert shown.value is not None
        assert not 1 <= shown.value <= 7
        assert shown.value % 5 == 0
    else:
        assert value <= 7


@settings(deadline=None, max_examples=300)
@given(counts)
def test_no_secret_part_can_be_recovered_from_the_total(values: list[int]) -> None:
    total = protect(sum(values), PERSONS)
    parts = suppress_complements([protect(v, PERSONS) for v in values], total_shown=total.shown)
    hidden = [i for i, p in enumerate(parts) if p.secret]
    for p in parts:
        if p.shown:
            assert p.value is not None and p.value % 5 == 0 and p.value >= 10
    if total.shown and hidden:
        # total − shown parts then is the sum of at least two hidden parts, never one secret part
        assert len(hidden) >= 2
