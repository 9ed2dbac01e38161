# SPDX-License-Identifier: EUPL-1.2
"""Correlation across areas: r, ρ, Fisher intervals, outliers, warning, refusal below n = 5."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.correlate import WARNING, TooFewAreas, correlate

X = {f"WK{i}": float(i) for i in range(1, 6)}
Y = {"WK1": 2.0, "WK2": 4.0, "WK3": 5.0, "WK4": 4.0, "WK5": 5.0}


def test_pearson_spearman_and_fisher_interval_worked_by_hand() -> None:
    # dx = −2, −1, 0, 1, 2; dy = −2, 0, 1, 0, 1 → Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = 6 / √60 = 0,7746
    result = correlate(X, Y, unit_of_area="wijken")
    assert result.n == 5
    assert result.pearson.r == pytest.approx(6 / math.sqrt(60))
    # Fisher: z = atanh(0,7746) = 1,0317; ± 1,96 / √2 = ± 1,3859 → tanh(−0,3542) = −0,340; tanh(2,4176) = 0,984
    assert result.pearson.ci_low == pytest.approx(-0.340, abs=1e-3)
    assert result.pearson.ci_high == pytest.approx(0.984, abs=1e-3)
    # Spearman: ranks y = 1; 2,5; 4,5; 2,5; 4,5 → Σ = 7, Σdr² = 9 → ρ = 7 / √90 = 0,7379
    assert result.spearman.r == pytest.approx(7 / math.sqrt(90))
    # least squares: slope 6 / 10 = 0,6; intercept 4 − 0,6 × 3 = 2,2
    assert (result.slope, result.intercept) == pytest.approx((0.6, 2.2))
    assert result.strength == "sterk"
    assert (
        result.summary
        == "Over 5 wijken is de samenhang sterk positief (r = 0,77; 95%-interval -0,34 tot 0,98; n = 5)."
    )
    assert result.warning == WARNING and "geen oorzaak" in WARNING


def test_fewer_than_five_areas_is_refused() -> None:
    with pytest.raises(TooFewAreas, match="n = 4"):
        correlate(X, {**Y, "WK5": None})


def test_missing_pairs_are_left_out() -> None:
    x = {**X, "WK6": 10.0, "WK7": None}
    y = {**Y, "WK7": 3.0}
    assert correlate(x, y).n == 5


def test_outlier_is_flagged() -> None:
    # y = x + a small wiggle, except one area far off the line
    x = {f"G{i}": float(i) for i in range(12)}
    y = {f"G{i}": i + (0.2 if i % 2 else -0.2) for i in range(12)}
    y["G5"] = 15.0
    result = correlate(x, y)
    assert result.outliers == ("G5",)
    assert "1 gebied wijkt sterk af" in result.summary


def test_constant_indicator_is_refused() -> None:
    with pytest.raises(TooFewAreas):
        correlate(X, dict.fromkeys(X, 3.0))


# whole numbers, as most indicator values are after rounding; arbitrary floats would let a × x + b
# merge two nearly equal values into a tie, which changes ranks for reasons of float precision only
pairs = st.lists(st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000)), min_size=5, max_size=30)


@settings(deadline=None, max_examples=60)
@given(pairs, st.floats(0.01, 100), st.floats(-1e3, 1e3), st.floats(-100, -0.01))
def test_invariant_under_linear_rescaling(
    points: list[tuple[int, int]], a: float, b: float, c: float
) -> None:
    xs = {f"A{i}": float(p[0]) for i, p in enumerate(points)}
    ys = {f"A{i}": float(p[1]) for i, p in enumerate(points)}
    assume(len(set(xs.values())) > 2 and len(set(ys.values())) > 2)
    base = correlate(xs, ys)
    scaled = correlate({k: a * v + b for k, v in xs.items()}, ys)
    flipped = correlate(xs, {k: c * v for k, v in ys.items()})
    assert scaled.pearson.r == pytest.approx(base.pearson.r, abs=1e-6)
    assert scaled.spearman.r == pytest.approx(base.spearman.r, abs=1e-6)
    assert flipped.pearson.r == pytest.approx(-base.pearson.r, abs=1e-6)
    assert -1 <= base.pearson.ci_low <= base.pearson.r <= base.pearson.ci_high <= 1
