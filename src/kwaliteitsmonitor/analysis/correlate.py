# SPDX-License-Identifier: EUPL-1.2
"""Data discovery: how two indicators go together across areas (wijken or gemeenten).

* Pairs: areas with a value for both indicators (secret or missing values are left out by the caller
  passing None). Fewer than :data:`MIN_N` pairs → :class:`TooFewAreas` with a Dutch message.
* Pearson ``r`` and Spearman ``ρ`` with two-sided p-values (scipy), and 95 % intervals via Fisher's z:
  ``tanh(atanh(r) ± 1,96 / √(n − 3))``; for Spearman the standard error is ``√(1,06 / (n − 3))``
  (Fieller, Hartley & Pearson).
* Scatter points with the least-squares line ``y = a + b x``; outliers are points whose externally
  studentised residual ``e_i / (s_(i) √(1 − h_ii))`` exceeds :data:`OUTLIER_LIMIT` (2,5) in absolute
  value, where ``h_ii`` is the leverage and ``s_(i)`` the residual standard deviation without point i.
  A point with leverage 1 (alone at its x) cannot be judged and is never flagged.
* Strength words for |r|: < 0,1 "geen", < 0,3 "zwak", < 0,5 "matig", otherwise "sterk".
* Every result carries the warning that correlation is not causation, and that a pattern across
  areas says nothing about individual inhabitants (ecological fallacy).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .units import format_number

MIN_N = 5
OUTLIER_LIMIT = 2.5
LARGE = 1e9  # studentised residual reported when the other points lie exactly on a line
Z95 = 1.959964
WARNING = (
    "Samenhang is geen oorzaak: dat twee indicatoren samen op- of aflopen, betekent niet dat de een de "
    "ander veroorzaakt. Beide kunnen samenhangen met een derde kenmerk, zoals leeftijdsopbouw, inkomen of "
    "stedelijkheid. En een samenhang tussen gebieden zegt niets over individuele inwoners."
)


class TooFewAreas(ValueError):
    """Fewer than MIN_N areas with both values; the message is Dutch."""


@dataclass(frozen=True)
class ScatterPoint:
    area: str
    x: float
    y: float
    fitted: float
    residual: float
    studentized: float
    outlier: bool


@dataclass(frozen=True)
class Coefficient:
    r: float
    p_value: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class Correlation:
    n: int
    pearson: Coefficient
    spearman: Coefficient
    slope: float
    intercept: float
    points: tuple[ScatterPoint, ...]
    strength: str  # geen | zwak | matig | sterk
    summary: str  # Dutch
    warning: str = WARNING

    @property
    def outliers(self) -> tuple[str, ...]:
        return tuple(p.area for p in self.points if p.outlier)


def correlate(
    x: Mapping[str, float | None], y: Mapping[str, float | None], *, unit_of_area: str = "gebieden"
) -> Correlation:
    """Correlate two indicators over the areas both have a value for."""
    areas = sorted(a for a in x if a in y and _finite(x[a]) and _finite(y[a]))
    n = len(areas)
    if n < MIN_N:
        raise TooFewAreas(
            f"Te weinig {unit_of_area} met een waarde voor beide indicatoren (n = {n}); voor een samenhang "
            f"zijn er minstens {MIN_N} nodig."
        )
    xs = np.array([x[a] for a in areas], dtype=float)
    ys = np.array([y[a] for a in areas], dtype=float)
    if np.ptp(xs) == 0 or np.ptp(ys) == 0:
        raise TooFewAreas(
            "Een van de indicatoren is in alle gebieden gelijk; er valt geen samenhang te berekenen."
        )
    pr = stats.pearsonr(xs, ys)
    sr = stats.spearmanr(xs, ys)
    pearson = Coefficient(float(pr.statistic), float(pr.pvalue), *_fisher_ci(float(pr.statistic), n, 1.0))
    spearman = Coefficient(float(sr.statistic), float(sr.pvalue), *_fisher_ci(float(sr.statistic), n, 1.06))
    slope, intercept, points = _fit(areas, xs, ys)
    strength = _strength(pearson.r)
    summary = _summary(pearson, n, strength, unit_of_area, sum(p.outlier for p in points))
    return Correlation(n, pearson, spearman, slope, intercept, points, strength, summary)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _fisher_ci(r: float, n: int, variance: float) -> tuple[float, float]:
    if n <= 3:
        return -1.0, 1.0
    z = math.atanh(max(min(r, 1 - 1e-12), -1 + 1e-12))
    half = Z95 * math.sqrt(variance / (n - 3))
    # with |r| (nearly) 1 the rounding of tanh must not leave r itself outside its own interval
    return min(math.tanh(z - half), r), max(math.tanh(z + half), r)


def _fit(areas: list[str], xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, tuple[ScatterPoint, ...]]:
    n = len(xs)
    design = np.column_stack([np.ones(n), xs])
    coef, *_ = np.linalg.lstsq(design, ys, rcond=None)
    fitted = design @ coef
    resid = ys - fitted
    leverage = 1 / n + (xs - xs.mean()) ** 2 / np.sum((xs - xs.mean()) ** 2)
    sse = float(np.sum(resid**2))
    points = []
    for i, area in enumerate(areas):
        # residual variance without point i: (SSE − e_i² / (1 − h_ii)) / (n − 3)
        s2_i = (sse - resid[i] ** 2 / max(1 - leverage[i], 1e-12)) / (n - 3)
        t = _studentized(float(resid[i]), float(s2_i), float(leverage[i]), sse)
        points.append(
            ScatterPoint(area, float(xs[i]), float(ys[i]), float(fitted[i]), float(resid[i]), t,
                         abs(t) > OUTLIER_LIMIT)
        )  # fmt: skip
    return float(coef[1]), float(coef[0]), tuple(points)


def _studentized(resid: float, s2_i: float, leverage: float, sse: float) -> float:
    tiny = 1e-12 * max(sse, 1e-300)
    if 1 - leverage < 1e-9:
        return 0.0  # the only point at its x: the line passes through it, it cannot be judged
    if s2_i > tiny:
        return resid / math.sqrt(s2_i * (1 - leverage))
    # all other points lie exactly on a line: any residual is infinitely unusual (kept finite for JSON)
    return math.copysign(LARGE, resid) if resid * resid > tiny else 0.0


def _strength(r: float) -> str:
    size = abs(r)
    if size < 0.1:
        return "geen"
    if size < 0.3:
        return "zwak"
    if size < 0.5:
        return "matig"
    return "sterk"


def _summary(p: Coefficient, n: int, strength: str, unit_of_area: str, outliers: int) -> str:
    if strength == "geen":
        text = f"Over {n} {unit_of_area} is er nauwelijks samenhang"
    else:
        text = f"Over {n} {unit_of_area} is de samenhang {strength} {'positief' if p.r > 0 else 'negatief'}"
    text += (
        f" (r = {format_number(p.r, 2)}; 95%-interval {format_number(p.ci_low, 2)} tot "
        f"{format_number(p.ci_high, 2)}; n = {n})."
    )
    if outliers:
        text += f" {outliers} {'gebied wijkt' if outliers == 1 else 'gebieden wijken'} sterk af van de lijn."
    return text
