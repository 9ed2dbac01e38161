# SPDX-License-Identifier: EUPL-1.2
"""Service-use forecast: shrunk rates × population forecast, trend term, backtest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.forecast import (
    ForecastError,
    Usage,
    backtest_users,
    estimate_prior_strength,
    forecast_users,
    shrunk_rates,
)

NATIONAL = [
    Usage(year, band, users, pop)
    for year in (2023, 2024)
    for band, users, pop in [("75+", 100_000, 1_000_000), ("18-74", 20_000, 1_000_000)]
]
LOCAL = [
    Usage(2023, "75+", 30, 200),
    Usage(2024, "75+", 34, 200),
    Usage(2023, "18-74", 10, 1000),
    Usage(2024, "18-74", 10, 1000),
]
POPULATION = {y: {"75+": 200.0 + 20 * (y - 2024), "18-74": 1000.0} for y in range(2025, 2030)}


def test_shrunk_rates_worked_by_hand() -> None:
    # 75+: local (30 + 34) / (200 + 200) = 0,16; national 200.000 / 2.000.000 = 0,1;
    #      n = 400 person-years, k = 400 → w = 0,5 → 0,5 × 0,16 + 0,5 × 0,1 = 0,13
    # 18-74: local 20 / 2.000 = 0,01; national 0,02; w = 2.000 / 2.400 = 0,8333 → 0,011667
    rates = {r.age_band: r for r in shrunk_rates(LOCAL, NATIONAL, (2023, 2024), k=400)}
    assert rates["75+"].weight == pytest.approx(0.5)
    assert rates["75+"].rate == pytest.approx(0.13)
    assert rates["18-74"].rate == pytest.approx(2000 / 2400 * 0.01 + 400 / 2400 * 0.02)


def test_forecast_worked_by_hand() -> None:
    # 2025: 0,13 × 220 + 0,011667 × 1.000 = 28,6 + 11,667 = 40,267
    result = forecast_users(LOCAL, NATIONAL, POPULATION, k=400, backtest_years=0)
    assert result.years == (2025, 2026, 2027, 2028, 2029)
    assert result.users[0] == pytest.approx(0.13 * 220 + (2000 / 2400 * 0.01 + 400 / 2400 * 0.02) * 1000)
    assert result.by_age["75+"][4] == pytest.approx(0.13 * 300)  # 2029: 200 + 5 × 20 = 300 inhabitants 75+
    assert result.base_years == (2023, 2024) and result.k == 400
    assert result.population[2025]["75+"] == 220


def test_prior_strength_worked_by_hand() -> None:
    # rates 0,1; 0,2; 0,3 on 100 each: m = 0,2; s² = (100 × 0,01 + 0 + 100 × 0,01) / 300 = 0,006667;
    # τ² = 0,006667 − 0,2 / 100 = 0,004667; k = 0,2 / 0,004667 = 42,857
    assert estimate_prior_strength([(10, 100), (20, 100), (30, 100)]) == pytest.approx(
        0.2 / (2 / 300 - 0.002)
    )
    # no more spread than chance → None (shrink fully)
    assert estimate_prior_strength([(20, 100), (20, 100), (21, 100)]) is None


def test_missing_population_forecast_is_refused() -> None:
    with pytest.raises(ForecastError, match="2029"):
        forecast_users(LOCAL, NATIONAL, {y: POPULATION[y] for y in range(2025, 2029)}, backtest_years=0)


def _synthetic(trend: float = 0.0, seed: int = 0) -> tuple[list[Usage], list[Usage]]:
    """A gemeente of ~50.000 ageing over 2015–2024, Poisson users, rates rising by ``trend`` a year."""
    rng = np.random.default_rng(seed)
    bands = {"0-17": 0.004, "18-64": 0.015, "65-74": 0.06, "75+": 0.30}
    local, national = [], []
    for year in range(2015, 2025):
        pops = {
            "0-17": 10_000,
            "18-64": 30_000,
            "65-74": 6000 + 150 * (year - 2015),
            "75+": 4000 + 200 * (year - 2015),
        }
        for band, rate in bands.items():
            r = rate * (1 + trend * (year - 2015))
            local.append(Usage(year, band, float(rng.poisson(r * pops[band])), float(pops[band])))
            national.append(Usage(year, band, rate * 1_000_000, 1_000_000.0))
    return local, national


def test_backtest_on_a_realistic_synthetic_series() -> None:
    local, national = _synthetic()
    population = {
        y: {"0-17": 10_000.0, "18-64": 30_000.0, "65-74": 7500.0, "75+": 6000.0 + 200 * (y - 2024)}
        for y in range(2025, 2030)
    }
    result = forecast_users(local, national, population, backtest_years=3)
    assert result.backtest is not None
    assert result.backtest.cutoff == 2021 and result.backtest.years == (2022, 2023, 2024)
    # constant rates, Poisson noise on ~1.900 users: a few percent at most
    assert result.backtest.mape is not None and result.backtest.mape < 5
    # the forecast grows with the number of 75-plussers
    assert result.users[-1] > result.users[0]


def test_trend_term_picks_up_rising_rates() -> None:
    local, national = _synthetic(trend=0.04, seed=3)
    flat = backtest_users(local, national, 2021, trend=False)
    trended = backtest_users(local, national, 2021, trend=True)
    assert trended.mape is not None and flat.mape is not None
    assert trended.mape < flat.mape


@settings(deadline=None)
@given(
    st.floats(min_value=1, max_value=1e6),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)
def test_shrunk_rate_lies_between_local_and_national(k: float, own: float, nat: float) -> None:
    local = [Usage(2024, "a", own * 500, 500)]
    national = [Usage(2024, "a", nat * 1e6, 1e6)]
    rate = shrunk_rates(local, national, (2024,), k)[0]
    assert min(own, nat) - 1e-12 <= rate.rate <= max(own, nat) + 1e-12
    assert 0 < rate.weight < 1
