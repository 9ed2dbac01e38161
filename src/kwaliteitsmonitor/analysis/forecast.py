# SPDX-License-Identifier: EUPL-1.2
"""Forecast of service use (Wmo voorspelmodel baseline, DOMAIN.md §5.2), "bij ongewijzigd beleid".

Per category (totaal, hulp bij het huishouden, ondersteuning thuis, ...) the caller calls
:func:`forecast_users` once:

    users[t] = Σ_age  rate[age] × population_forecast[age, t]  × trend[t]

* ``rate[age]``: the local usage rate over the last ``base_years`` observed years, users / population
  summed over those years, **shrunk towards the national rate** with the empirical-Bayes weight
  ``w = n / (n + k)``, ``n`` = the local population of the age band over those years (person-years, the
  exposure of a Poisson–gamma model) and ``k`` = the prior strength in person-years:
  ``rate = w × local + (1 − w) × national``. Small areas and thin age bands lean on the national rate;
  large ones keep their own. ``k`` is given, or estimated by :func:`estimate_prior_strength` from the
  spread of rates over comparable areas (Marshall's method of moments), or :data:`DEFAULT_K`.
* ``trend`` (optional): a linear term on the ratio observed / expected over the observed years
  (expected = shrunk rates × observed population), fitted by least squares and anchored at 1 in the
  last base year: ``trend[t] = max(0, 1 + b × (t − last))``. Without it rates stay constant.
* Horizon: 5 years after the last observed year.
* Backtest (:func:`backtest_users`): fit on the years up to ``cutoff``, predict the later observed
  years with their *observed* population (so it measures the rate model, not the population forecast),
  MAPE in %. The result carries its inputs so a page can show them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

DEFAULT_K = 2000.0  # person-years: a band with 2.000 inhabitants-years is weighted half own, half national
HORIZON = 5
METHOD_VERSION = "forecast-1"


class ForecastError(ValueError):
    pass


@dataclass(frozen=True)
class Usage:
    """Users and population of one age band in one year (the area's own, or the national figure)."""

    year: int
    age_band: str
    users: float
    population: float


@dataclass(frozen=True)
class BandRate:
    age_band: str
    local: float | None
    national: float
    exposure: float  # local person-years over the base years (n)
    weight: float  # w = n / (n + k)
    rate: float  # shrunk


@dataclass(frozen=True)
class Backtest:
    cutoff: int
    years: tuple[int, ...]
    actual: tuple[float, ...]
    predicted: tuple[float, ...]
    mape: float | None


@dataclass(frozen=True)
class Forecast:
    category: str
    years: tuple[int, ...]
    users: tuple[float, ...]  # unrounded: protect before publishing (counts of persons)
    by_age: Mapping[str, tuple[float, ...]]
    rates: tuple[BandRate, ...]
    base_years: tuple[int, ...]
    k: float
    trend_slope: float | None
    population: Mapping[int, Mapping[str, float]]  # the forecast population used
    method_version: str = METHOD_VERSION
    backtest: Backtest | None = None


def shrunk_rates(
    local: Sequence[Usage], national: Sequence[Usage], base_years: Sequence[int], k: float
) -> tuple[BandRate, ...]:
    """Usage rate per age band over ``base_years``, shrunk towards the national rate."""
    bands = sorted({u.age_band for u in national if u.year in base_years})
    result = []
    for band in bands:
        nat_users, nat_pop = _sum(national, band, base_years)
        if nat_pop <= 0:
            raise ForecastError(f"Geen landelijke bevolking voor leeftijdsgroep {band}")
        nat = nat_users / nat_pop
        users, pop = _sum(local, band, base_years)
        own = users / pop if pop > 0 else None
        w = pop / (pop + k) if pop > 0 else 0.0
        result.append(BandRate(band, own, nat, pop, w, w * (own or 0.0) + (1 - w) * nat))
    return tuple(result)


def estimate_prior_strength(areas: Sequence[tuple[float, float]]) -> float | None:
    """Marshall's method-of-moments ``k`` from (users, population) of comparable areas.

    Overall rate ``m = Σ users / Σ pop``; weighted variance of the area rates
    ``s² = Σ pop (r − m)² / Σ pop``; between-area variance ``τ² = s² − m / mean(pop)``. With a gamma prior
    of mean ``m`` and variance ``τ²`` the prior strength is ``k = m / τ²`` person-years. None when the
    areas vary no more than chance (``τ² ≤ 0``: shrink fully) or there are fewer than 3.
    """
    usable = [(u, p) for u, p in areas if p > 0]
    if len(usable) < 3:
        return None
    users = np.array([u for u, _ in usable], dtype=float)
    pop = np.array([p for _, p in usable], dtype=float)
    m = users.sum() / pop.sum()
    s2 = float(np.sum(pop * (users / pop - m) ** 2) / pop.sum())
    tau2 = s2 - m / pop.mean()
    return float(m / tau2) if tau2 > 0 and m > 0 else None


def forecast_users(
    local: Sequence[Usage],
    national: Sequence[Usage],
    population_forecast: Mapping[int, Mapping[str, float]],
    *,
    category: str = "totaal",
    base_years: int = 2,
    k: float | None = None,
    trend: bool = False,
    horizon: int = HORIZON,
    backtest_years: int = 2,
) -> Forecast:
    """Users per year for ``horizon`` years after the last observed year (method in the module docstring).

    ``backtest_years`` > 0 adds a backtest holding out that many of the last observed years.
    """
    observed = sorted({u.year for u in local})
    if not observed:
        raise ForecastError("Geen waargenomen gebruik voor dit gebied")
    base = tuple(observed[-base_years:])
    strength = k if k is not None else DEFAULT_K
    rates = shrunk_rates(local, national, base, strength)
    slope = _trend_slope(local, rates, observed, base[-1]) if trend else None
    years = tuple(range(base[-1] + 1, base[-1] + 1 + horizon))
    missing = [y for y in years if y not in population_forecast]
    if missing:
        raise ForecastError(f"Bevolkingsprognose ontbreekt voor {', '.join(map(str, missing))}")
    by_age = {r.age_band: tuple(_project_band(r, population_forecast, years, slope, base[-1])) for r in rates}
    users = tuple(float(sum(v[i] for v in by_age.values())) for i in range(len(years)))
    result = Forecast(
        category, years, users, by_age, rates, base, strength, slope,
        {y: dict(population_forecast[y]) for y in years},
    )  # fmt: skip
    if backtest_years > 0 and len(observed) > base_years + backtest_years - 1:
        cutoff = observed[-backtest_years - 1]
        bt = backtest_users(local, national, cutoff, base_years=base_years, k=strength, trend=trend)
        result = replace(result, backtest=bt)
    return result


def backtest_users(
    local: Sequence[Usage],
    national: Sequence[Usage],
    cutoff: int,
    *,
    base_years: int = 2,
    k: float = DEFAULT_K,
    trend: bool = False,
) -> Backtest:
    """Fit on years ≤ ``cutoff``, predict the later observed years with their observed population."""
    train = [u for u in local if u.year <= cutoff]
    later = sorted({u.year for u in local if u.year > cutoff})
    if not train or not later:
        raise ForecastError("Een terugtoets vraagt jaren voor en na het afkappunt")
    population = {y: {u.age_band: u.population for u in local if u.year == y} for y in later}
    horizon = later[-1] - cutoff
    full = {y: population.get(y, {}) for y in range(cutoff + 1, cutoff + 1 + horizon)}
    fit = forecast_users(train, national, full, base_years=base_years, k=k, trend=trend, horizon=horizon,
                         backtest_years=0)  # fmt: skip
    predicted = tuple(fit.users[y - cutoff - 1] for y in later)
    actual = tuple(float(sum(u.users for u in local if u.year == y)) for y in later)
    errors = [abs(p - a) / a for p, a in zip(predicted, actual, strict=True) if a]
    mape = float(np.mean(errors) * 100) if len(errors) == len(actual) else None
    return Backtest(cutoff, tuple(later), actual, predicted, mape)


def _sum(rows: Sequence[Usage], band: str, years: Sequence[int]) -> tuple[float, float]:
    chosen = [u for u in rows if u.age_band == band and u.year in years]
    return float(sum(u.users for u in chosen)), float(sum(u.population for u in chosen))


def _project_band(
    rate: BandRate,
    population: Mapping[int, Mapping[str, float]],
    years: Sequence[int],
    slope: float | None,
    last: int,
) -> list[float]:
    result = []
    for year in years:
        factor = max(0.0, 1 + slope * (year - last)) if slope is not None else 1.0
        result.append(rate.rate * population[year].get(rate.age_band, 0.0) * factor)
    return result


def _trend_slope(
    local: Sequence[Usage], rates: Sequence[BandRate], years: Sequence[int], last: int
) -> float | None:
    """Least-squares slope of (observed / expected − 1) on (year − last), through 0 at the last year."""
    by_band = {r.age_band: r.rate for r in rates}
    xs, ys = [], []
    for year in years:
        rows = [u for u in local if u.year == year]
        expected = sum(by_band.get(u.age_band, 0.0) * u.population for u in rows)
        if expected > 0:
            xs.append(year - last)
            ys.append(sum(u.users for u in rows) / expected - 1)
    x, y = np.array(xs, dtype=float), np.array(ys, dtype=float)
    if len(x) < 3 or not np.any(x):
        return None
    return float(np.sum(x * y) / np.sum(x * x))
