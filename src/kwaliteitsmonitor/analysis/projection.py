# SPDX-License-Identifier: EUPL-1.2
"""Projection of a series to a target year, with an uncertainty band (method: docs/methods/projection.md).

Time axis: every observation sits at the middle of its period (``Period.midpoint``: a year at
``year + 0.5``); a target year ``T`` is projected at ``T + 0.5``. A series never mixes half-years and
years (the caller passes one kind; :func:`project_series` refuses a mix).

Methods

``theil_sen``  Robust linear trend: the Theil–Sen slope (median of all pairwise slopes,
               ``scipy.stats.theilslopes``), intercept the median of ``value − slope · time``; one
               outlier cannot tip or shift it.
               Band at the target: two independent parts added in quadrature,
               (a) the spread of a new observation around the line: ``t(level, n − 2) · s · √(1 + 1/n)``,
               where ``s`` is the larger of the robust residual scale (1,4826 · MAD) and the root mean
               square residual with ``n − 2`` degrees of freedom (so an outlier widens the band rather
               than being hidden: robust point, conservative band);
               (b) the uncertainty of the slope: the Theil–Sen slope interval at the same level, times
               the distance from the target to the median time (the point the line pivots on); lower
               and upper side separately, so the band is asymmetric when the slope interval is.
               Deterministic: the same series always gives the same band (no bootstrap noise on a page).
``holt_damped`` Damped additive-trend exponential smoothing (ETS(A,Ad,N), statsmodels ``ETSModel``),
               only for regularly spaced series of at least :data:`MIN_POINTS_HOLT` points. Band: the
               analytic prediction interval of the innovations model,
               ``σ² (1 + Σ_{j<h} (α + β(φ + … + φ^j))²)``. That interval ignores parameter
               uncertainty, so each side is at least as wide as the Theil–Sen band's side would be.

Choice (``method="auto"``): Theil–Sen, unless the series is regular and long enough for Holt and the
damped model has a clearly lower backtest error (MAE on the last :func:`default_holdout` points below
90 % of Theil–Sen's). Ties and short series go to the simpler, more explainable Theil–Sen.

Measurement uncertainty (survey intervals, Poisson noise of small counts) can be passed as a half-width
at the band's level; it is added in quadrature on both sides, since the value in the target year will
also be measured with that error.

Fewer than :data:`MIN_POINTS` points: :class:`ProjectionError` (no trend from two points).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .periods import parse_period
from .units import format_number

MIN_POINTS = 3
MIN_POINTS_HOLT = 8
DEFAULT_LEVEL = 0.80
METHOD_VERSION = "projection-1"
METHODS = ("auto", "theil_sen", "holt_damped")


class ProjectionError(ValueError):
    """Too few or unusable points; the message is Dutch."""


@dataclass(frozen=True)
class Projection:
    method: str
    target_time: float
    value: float
    low: float
    high: float
    level: float
    slope: float | None  # per year (Theil–Sen) or last smoothed trend (Holt)
    n_points: int
    first_time: float
    last_time: float
    reason: str  # Dutch: why this method
    version: str = METHOD_VERSION

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Backtest:
    method: str
    holdout: int
    times: tuple[float, ...]
    actual: tuple[float, ...]
    predicted: tuple[float, ...]
    mae: float
    mape: float | None  # None when an actual value is 0
    covered: int  # actual values inside the band


def project(
    times: Sequence[float] | np.ndarray,
    values: Sequence[float] | np.ndarray,
    target_time: float,
    *,
    method: str = "auto",
    level: float = DEFAULT_LEVEL,
    measurement: float = 0.0,
) -> Projection:
    """Project ``values`` (at decimal ``times``) to ``target_time`` with a band at ``level``."""
    x, y = _clean(times, values)
    if target_time <= x[-1]:
        raise ProjectionError("Het doeljaar ligt niet na de laatste meting; er valt niets te projecteren.")
    if method not in METHODS:
        raise ProjectionError(f"Onbekende methode '{method}'; kies uit {', '.join(METHODS)}")
    chosen, reason = (method, "Methode opgegeven.") if method != "auto" else choose_method(x, y)
    if chosen == "holt_damped":
        result = _holt(x, y, target_time, level, reason)
    else:
        result = _theil_sen(x, y, target_time, level, reason)
    return _widen(result, measurement)


def project_series(points: Sequence[tuple[str, float]], target_year: int, **options: object) -> Projection:
    """Project (period key, value) pairs to the middle of ``target_year``."""
    kinds = {parse_period(p).kind for p, _ in points}
    if len(kinds) > 1:
        raise ProjectionError("Een reeks mengt geen jaren en halfjaren; kies één soort periode.")
    times = [parse_period(p).midpoint for p, _ in points]
    return project(times, [v for _, v in points], target_year + 0.5, **options)  # type: ignore[arg-type]


def default_holdout(n: int) -> int:
    """Points held out in a backtest: a quarter of the series, at least 1, at most 3."""
    return max(1, min(3, n // 4))


def choose_method(
    times: Sequence[float] | np.ndarray, values: Sequence[float] | np.ndarray
) -> tuple[str, str]:
    """The method for this series and the reason, in Dutch (rule in the module docstring)."""
    x, y = _clean(times, values)
    if len(x) < MIN_POINTS_HOLT or not _regular(x):
        return "theil_sen", (
            f"Robuuste trend (Theil–Sen): de reeks heeft {len(x)} metingen; demping vraagt er minstens "
            f"{MIN_POINTS_HOLT} met vaste tussenpozen."
        )
    k = default_holdout(len(x))
    ts = backtest(x, y, holdout=k, method="theil_sen").mae
    holt = backtest(x, y, holdout=k, method="holt_damped").mae
    if holt < 0.9 * ts:
        return "holt_damped", (
            f"Gedempte trend (Holt): voorspelde de laatste {k} metingen beter (gemiddelde afwijking "
            f"{_fmt(holt)} tegen {_fmt(ts)} voor de robuuste trend)."
        )
    return "theil_sen", (
        f"Robuuste trend (Theil–Sen): voorspelde de laatste {k} metingen even goed of beter dan een "
        f"gedempte trend (gemiddelde afwijking {_fmt(ts)} tegen {_fmt(holt)})."
    )


def backtest(
    times: Sequence[float] | np.ndarray,
    values: Sequence[float] | np.ndarray,
    *,
    holdout: int | None = None,
    method: str = "auto",
    level: float = DEFAULT_LEVEL,
) -> Backtest:
    """Fit on all but the last ``holdout`` points, predict those, report MAE and MAPE (in %)."""
    x, y = _clean(times, values)
    k = holdout if holdout is not None else default_holdout(len(x))
    if k < 1 or len(x) - k < MIN_POINTS:
        raise ProjectionError(
            f"Een terugtoets met {k} achtergehouden metingen vraagt minstens {k + MIN_POINTS} metingen."
        )
    fit_x, fit_y = x[:-k], y[:-k]
    if method == "auto":
        method = choose_method(fit_x, fit_y)[0]  # chosen once, on the training part only
    if method == "holt_damped" and (len(fit_x) < MIN_POINTS_HOLT - 2 or not _regular(fit_x)):
        method = "theil_sen"
    preds = [project(fit_x, fit_y, t, method=method, level=level) for t in x[-k:]]
    actual = y[-k:]
    predicted = np.array([p.value for p in preds])
    errors = np.abs(predicted - actual)
    mape = float(np.mean(errors / np.abs(actual)) * 100) if np.all(actual != 0) else None
    covered = int(sum(p.contains(float(a)) for p, a in zip(preds, actual, strict=True)))
    return Backtest(
        preds[0].method, k, tuple(x[-k:].tolist()), tuple(actual.tolist()), tuple(predicted.tolist()),
        float(np.mean(errors)), mape, covered,
    )  # fmt: skip


def _clean(
    times: Sequence[float] | np.ndarray, values: Sequence[float] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    if x.shape != y.shape:
        raise ProjectionError("Tijden en waarden zijn niet even lang.")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    if len(np.unique(x)) < MIN_POINTS:
        raise ProjectionError(
            f"Te weinig metingen voor een trend: {len(np.unique(x))}; er zijn er minstens {MIN_POINTS} nodig."
        )
    return x, y


def _regular(x: np.ndarray) -> bool:
    steps = np.diff(x)
    return bool(np.all(steps > 0) and np.allclose(steps, steps[0], rtol=0.01))


def _theil_sen(x: np.ndarray, y: np.ndarray, target: float, level: float, reason: str) -> Projection:
    n = len(x)
    fit = stats.theilslopes(y, x, alpha=level, method="joint")
    slope, intercept = float(fit.slope), float(fit.intercept)
    point = intercept + slope * target
    residuals = y - (intercept + slope * x)
    mad_scale = 1.4826 * float(np.median(np.abs(residuals - np.median(residuals))))
    rms = math.sqrt(float(np.sum(residuals**2)) / max(n - 2, 1))
    scale = max(mad_scale, rms)
    quantile = float(stats.t.ppf(0.5 + level / 2, max(n - 2, 1)))
    noise = quantile * scale * math.sqrt(1 + 1 / n)
    lever = target - float(np.median(x))
    down = (slope - float(fit.low_slope)) * lever
    up = (float(fit.high_slope) - slope) * lever
    low = point - math.hypot(noise, max(down, 0.0))
    high = point + math.hypot(noise, max(up, 0.0))
    return Projection(
        "theil_sen", target, point, low, high, level, slope, n, float(x[0]), float(x[-1]), reason
    )


def _holt(x: np.ndarray, y: np.ndarray, target: float, level: float, reason: str) -> Projection:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # heavy import, only when used

    step = float(np.median(np.diff(x)))
    horizon = max(1, round((target - x[-1]) / step))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short series; the backtest judges the fit
        fit = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
    forecast = np.asarray(fit.forecast(horizon), dtype=float)
    alpha, beta, phi = float(fit.smoothing_level), float(fit.smoothing_trend), float(fit.damping_trend)
    cumulative = [sum(phi**i for i in range(1, j + 1)) for j in range(1, horizon)]
    variance = float(fit.mse) * (1 + sum((alpha + beta * c) ** 2 for c in cumulative))
    half = float(stats.norm.ppf(0.5 + level / 2)) * math.sqrt(variance)
    point = float(forecast[-1])
    trend = float(forecast[-1] - forecast[-2]) / step if horizon > 1 else None
    # The analytic interval ignores parameter uncertainty: never narrower than the robust trend's band.
    robust = _theil_sen(x, y, target, level, reason)
    low = point - max(half, robust.value - robust.low)
    high = point + max(half, robust.high - robust.value)
    return Projection(
        "holt_damped", target, point, low, high, level, trend, len(x), float(x[0]), float(x[-1]), reason
    )


def _widen(result: Projection, measurement: float) -> Projection:
    if measurement <= 0:
        return result
    low = result.value - math.hypot(result.value - result.low, measurement)
    high = result.value + math.hypot(result.high - result.value, measurement)
    return Projection(
        result.method, result.target_time, result.value, low, high, result.level, result.slope,
        result.n_points, result.first_time, result.last_time, result.reason, result.version,
    )  # fmt: skip


def _fmt(value: float) -> str:
    return format_number(value, 2)
