# SPDX-License-Identifier: EUPL-1.2
"""Projection to a target year with a band; method choice; backtests on realistic synthetic series."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.projection import (
    ProjectionError,
    backtest,
    choose_method,
    project,
    project_series,
)


def test_theil_sen_worked_by_hand() -> None:
    # points (0; 1), (1; 2), (2; 3,2). Pairwise slopes 1, 1,1 and 1,2 → median slope 1,1.
    # Intercept = median(y − 1,1x) = median(1; 0,9; 1,0) = 1,0: at x = 3 the value is 1 + 3,3 = 4,3.
    result = project([0, 1, 2], [1, 2, 3.2], 3.0, method="theil_sen")
    assert result.value == pytest.approx(4.3)
    assert result.slope == pytest.approx(1.1)
    # residuals around y = 1,0 + 1,1x: 0; −0,1; 0. MAD scale 0; RMS = √(0,01 / (3 − 2)) = 0,1.
    # noise = t(0,90; df 1) × 0,1 × √(1 + 1/3) = 3,07768 × 0,1 × 1,15470 = 0,35538
    # slope interval (80 %) for 3 points: [1,0; 1,2] → ±0,1 × lever (3 − median x 1 = 2) = ±0,2
    # half-width = √(0,35538² + 0,2²) = 0,40779
    noise = 3.0776835 * 0.1 * math.sqrt(4 / 3)
    half = math.hypot(noise, 0.2)
    assert half == pytest.approx(0.40779, abs=1e-5)
    assert result.low == pytest.approx(4.3 - half)
    assert result.high == pytest.approx(4.3 + half)


def test_measurement_uncertainty_widens_the_band_in_quadrature() -> None:
    base = project([0, 1, 2], [1, 2, 3.2], 3.0, method="theil_sen")
    wide = project([0, 1, 2], [1, 2, 3.2], 3.0, method="theil_sen", measurement=0.3)
    assert wide.high - wide.value == pytest.approx(math.hypot(base.high - base.value, 0.3))


def test_outlier_does_not_tip_the_robust_trend() -> None:
    # a straight line 10, 11, ..., 17 with one wild value: the slope stays 1
    values = [10.0 + i for i in range(8)]
    values[3] = 40.0
    result = project(list(range(8)), values, 10.0, method="theil_sen")
    assert result.slope == pytest.approx(1.0)
    assert result.value == pytest.approx(20.0)


def test_too_few_points_and_target_in_the_past_are_refused() -> None:
    with pytest.raises(ProjectionError, match="minstens 3"):
        project([2020.5, 2021.5], [1, 2], 2027.5)
    with pytest.raises(ProjectionError, match="doeljaar"):
        project([2020.5, 2021.5, 2022.5], [1, 2, 3], 2021.5)


def test_project_series_uses_period_midpoints_and_refuses_mixed_periods() -> None:
    result = project_series([("2019", 1.0), ("2020JJ00", 2.0), ("2021", 3.0)], 2024, method="theil_sen")
    assert result.target_time == 2024.5
    assert result.value == pytest.approx(6.0)  # slope 1, intercept median(y − x): 3 + 1 × (2024,5 − 2021,5)
    with pytest.raises(ProjectionError, match="halfjaren"):
        project_series([("2019", 1.0), ("2020HJ01", 2.0), ("2021", 3.0)], 2024)


def test_short_or_irregular_series_use_theil_sen() -> None:
    assert choose_method([2019.5, 2020.5, 2021.5, 2022.5], [1, 2, 3, 4])[0] == "theil_sen"
    irregular = [2010.5, 2012.5, 2013.5, 2014.5, 2016.5, 2017.5, 2018.5, 2019.5, 2020.5]
    assert choose_method(irregular, list(range(9)))[0] == "theil_sen"


def _wmo_like(seed: int, n: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """Wmo clients per 1.000: growth that slows (ageing, then policy), survey-free register noise."""
    rng = np.random.default_rng(seed)
    years = np.arange(2012, 2012 + n) + 0.5
    t = years - years[0]
    level = 48 + 3.0 * t - 0.09 * t**2
    return years, level + rng.normal(0, 1.2, n)


def test_backtest_on_a_realistic_synthetic_series() -> None:
    years, values = _wmo_like(7)
    result = backtest(years, values, holdout=3)
    assert result.holdout == 3 and len(result.predicted) == 3
    # manual MAE and MAPE from the returned predictions
    errors = [abs(p - a) for p, a in zip(result.predicted, result.actual, strict=True)]
    assert result.mae == pytest.approx(sum(errors) / 3)
    assert result.mape == pytest.approx(
        sum(e / a for e, a in zip(errors, result.actual, strict=True)) / 3 * 100
    )
    # a one-to-three year ahead error of a few percent on a level near 75 per 1.000
    assert result.mape is not None and result.mape < 8


def test_auto_method_reports_its_reason() -> None:
    years, values = _wmo_like(3, n=12)
    fit = project(years, values, 2027.5)
    assert fit.method in {"theil_sen", "holt_damped"}
    assert "metingen" in fit.reason


def test_band_coverage_is_honest_on_a_linear_series() -> None:
    # fit on 10 years, predict 2 years ahead: the 80 % band should hold about 80 % of realised values
    covered = 0
    trials = 150
    for seed in range(trials):
        rng = np.random.default_rng(seed)
        years = np.arange(2012, 2024) + 0.5
        values = 50 + 1.5 * (years - 2012) + rng.normal(0, 1.2, 12)
        fit = project(years[:-2], values[:-2], float(years[-1]), method="theil_sen")
        covered += fit.contains(float(values[-1]))
    assert 0.7 <= covered / trials <= 0.95


def test_auto_choice_keeps_coverage_on_a_slowing_series() -> None:
    # On a curving (slowing) series a straight line overshoots: Theil–Sen alone covers ~40 % here.
    # The automatic choice switches to the damped trend where that backtests better (~70 %).
    covered = sum(
        project(y[:-2], v[:-2], float(y[-1])).contains(float(v[-1]))
        for y, v in (_wmo_like(seed, n=12) for seed in range(12))
    )
    assert covered / 12 >= 0.5


def test_backtest_needs_enough_points() -> None:
    with pytest.raises(ProjectionError):
        backtest([1, 2, 3, 4], [1, 2, 3, 4], holdout=2)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False), min_size=3, max_size=12),
    st.integers(min_value=1, max_value=8),
)
def test_band_contains_the_point_forecast(values: list[float], ahead: int) -> None:
    times = [2010.5 + i for i in range(len(values))]
    result = project(times, values, times[-1] + ahead, method="theil_sen", measurement=0.0)
    assert result.low <= result.value <= result.high


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_holt_band_contains_the_point_forecast(seed: int) -> None:
    years, values = _wmo_like(seed, n=10)
    result = project(years, values, 2026.5, method="holt_damped")
    assert result.low <= result.value <= result.high
