# SPDX-License-Identifier: EUPL-1.2
"""Status of a resultaat against its streefwaarde, with the reasoning in plain Dutch.

Statuses (machine code → label): ``achieved`` "behaald", ``on_track`` "op koers", ``off_track`` "niet op
koers", ``no_reliable_signal`` "geen betrouwbaar signaal", ``insufficient_data`` "onvoldoende gegevens".
Uncertainty decides: when the data cannot tell, the status says so instead of forcing a colour.

Goal region: ``increase`` → value ≥ target; ``decrease`` → value ≤ target; ``maintain`` → within
target ± tolerance (default 5 % of the target). An interval is *in* the goal region when it lies wholly
inside it, *out* when it lies wholly outside, and *unclear* otherwise.

Interval of a measurement: its confidence interval (survey figures) when given; otherwise, when ``n``
is given, a Poisson interval ``value × (1 ± 1,96 / √n)`` (``n`` = the count the figure rests on);
otherwise the value itself (a complete registration).

Rules, applied in this order (``Status.rule`` names the rule that decided):

R1  Usable points: a value, not secret, and of one period kind (that of the latest point; a series
    never mixes years and half-years). The baseline counts as a point. None → ``insufficient_data``.
R2  The latest point rests on fewer than ``min_n`` persons or respondents → ``no_reliable_signal``.
R3  ``maintain``: judged on the latest interval: in → ``achieved`` once the target year is measured,
    else ``on_track``; out → ``off_track``; unclear → ``no_reliable_signal``.
R4  The latest interval is in the goal region → ``achieved``. Its value is in the goal region but
    the interval is unclear → ``no_reliable_signal``.
R5  The target year has been measured (latest point in or after the target year): out →
    ``off_track``, unclear → ``no_reliable_signal``.
R6  Fewer than ``min_points`` usable points (default 3) → ``insufficient_data``: no trend from two points.
R7  Project the series to the target year (:mod:`.projection`, band at ``level``, default 80 %, widened by
    the latest measurement's uncertainty). Band out of the goal region → ``off_track``; band unclear
    (the target lies inside it) → ``no_reliable_signal``; band in the goal region → R8.
R8  Evidence of change: when the first and the latest point both have a confidence interval and these
    intervals overlap, the improvement still needed is not shown by the data → ``no_reliable_signal``;
    otherwise → ``on_track``. (Claiming progress needs a real change; "niet op koers" does not.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .periods import Period, parse_period
from .projection import Projection, project
from .units import format_number

ACHIEVED = "achieved"
ON_TRACK = "on_track"
OFF_TRACK = "off_track"
NO_RELIABLE_SIGNAL = "no_reliable_signal"
INSUFFICIENT_DATA = "insufficient_data"
LABELS = {
    ACHIEVED: "behaald",
    ON_TRACK: "op koers",
    OFF_TRACK: "niet op koers",
    NO_RELIABLE_SIGNAL: "geen betrouwbaar signaal",
    INSUFFICIENT_DATA: "onvoldoende gegevens",
}
DIRECTIONS = ("increase", "decrease", "maintain")
DEFAULT_MIN_N = 20
DEFAULT_MIN_POINTS = 3
Z95 = 1.959964

IN, OUT, UNCLEAR = "in", "out", "unclear"


class StatusError(ValueError):
    pass


@dataclass(frozen=True)
class Point:
    period: str | int  # CBS period key or year
    value: float | None
    ci_low: float | None = None  # 95 % interval (survey figures)
    ci_high: float | None = None
    n: int | None = None  # respondents, or the count the figure rests on
    secret: bool = False


@dataclass(frozen=True)
class Target:
    value: float
    year: int
    direction: str  # increase | decrease | maintain
    tolerance: float | None = None  # maintain: allowed deviation (default 5 % of the target)


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    reasoning: str  # plain Dutch
    rule: str  # R1..R8: the rule that decided
    points_used: int
    latest_period: str | None = None
    projection: Projection | None = None


@dataclass(frozen=True)
class _Obs:
    period: Period
    value: float
    low: float
    high: float
    n: int | None
    has_ci: bool


def assess(
    series: Sequence[Point],
    target: Target,
    current_year: int,
    *,
    baseline: Point | None = None,
    min_n: int = DEFAULT_MIN_N,
    min_points: int = DEFAULT_MIN_POINTS,
    level: float = 0.80,
    decimals: int = 1,
) -> Status:
    """The status of a resultaat; rules R1–R8 in the module docstring."""
    if target.direction not in DIRECTIONS:
        raise StatusError(f"Onbekende richting '{target.direction}'; kies uit {', '.join(DIRECTIONS)}")
    obs = _usable([*([baseline] if baseline else []), *series])
    text = _Text(target, decimals)
    if not obs:
        return _status(INSUFFICIENT_DATA, "R1", "Er is nog geen openbare meting van deze indicator.", obs)
    latest = obs[-1]
    if latest.n is not None and latest.n < min_n:
        reason = (
            f"De laatste meting ({latest.period.short_label}) berust op {latest.n} personen of respondenten, "
            f"minder dan {min_n}: daarmee is geen betrouwbare uitspraak te doen."
        )
        return _status(NO_RELIABLE_SIGNAL, "R2", reason, obs)
    region = _classify(latest.low, latest.high, target)
    measured = latest.period.year >= target.year
    if target.direction == "maintain":
        return _maintain(obs, region, measured, text)
    if region == IN:
        return _status(ACHIEVED, "R4", text.latest(latest, "haalt de streefwaarde") + ".", obs)
    if _classify(latest.value, latest.value, target) == IN:
        reason = (
            text.latest(latest, "haalt de streefwaarde") + text.interval(latest) + ", dus nog niet zeker."
        )
        return _status(NO_RELIABLE_SIGNAL, "R4", reason, obs)
    if measured:
        return _judge_measured(obs, region, text)
    if len(obs) < min_points:
        labels = ", ".join(o.period.short_label for o in obs)
        reason = (
            f"Er {'is' if len(obs) == 1 else 'zijn'} {len(obs)} meting{'' if len(obs) == 1 else 'en'} "
            f"({labels}); voor een trend zijn er minstens {min_points} nodig. "
            + text.latest(latest, "")
            + text.goal()
        )
        return _status(INSUFFICIENT_DATA, "R6", reason, obs)
    return _project(obs, target, level, text, current_year)


def _maintain(obs: list[_Obs], region: str, measured: bool, text: _Text) -> Status:
    latest = obs[-1]
    if region == IN:
        code = ACHIEVED if measured else ON_TRACK
        return _status(
            code, "R3", text.latest(latest, "ligt binnen de marge rond de streefwaarde") + ".", obs
        )
    if region == OUT:
        return _status(
            OFF_TRACK, "R3", text.latest(latest, "ligt buiten de marge rond de streefwaarde") + ".", obs
        )
    reason = (
        (
            text.latest(latest, "ligt binnen de marge rond de streefwaarde")
            if _classify(latest.value, latest.value, text.target) == IN
            else text.latest(latest, "ligt buiten de marge rond de streefwaarde")
        )
        + text.interval(latest)
        + ", dus niet zeker."
    )
    return _status(NO_RELIABLE_SIGNAL, "R3", reason, obs)


def _judge_measured(obs: list[_Obs], region: str, text: _Text) -> Status:
    latest = obs[-1]
    if region == OUT:
        return _status(OFF_TRACK, "R5", text.latest(latest, "haalt de streefwaarde niet") + ".", obs)
    reason = text.latest(latest, "haalt de streefwaarde niet") + text.interval(latest) + ", dus niet zeker."
    return _status(NO_RELIABLE_SIGNAL, "R5", reason, obs)


def _project(obs: list[_Obs], target: Target, level: float, text: _Text, current_year: int) -> Status:
    latest = obs[-1]
    scale = _z(level) / Z95
    measurement = max(latest.value - latest.low, latest.high - latest.value) * scale
    proj = project([o.period.midpoint for o in obs], [o.value for o in obs], target.year + 0.5, level=level,
                   measurement=measurement)  # fmt: skip
    base = text.projection(obs, proj)
    if current_year > target.year:
        base = f"De meting over {target.year} is er nog niet. " + base
    region = _classify(proj.low, proj.high, target)
    if region == OUT:
        return _status(
            OFF_TRACK, "R7", base + " Ook de gunstige kant van de bandbreedte haalt die niet.", obs, proj
        )
    if region == UNCLEAR:
        reason = (
            base + " De streefwaarde valt binnen de bandbreedte: de gegevens laten nog geen conclusie toe."
        )
        return _status(NO_RELIABLE_SIGNAL, "R7", reason, obs, proj)
    first = obs[0]
    if first.has_ci and latest.has_ci and first.low <= latest.high and latest.low <= first.high:
        reason = base + (
            f" Maar de betrouwbaarheidsintervallen van {first.period.short_label} en "
            f"{latest.period.short_label} overlappen: de verbetering is nog niet aangetoond."
        )
        return _status(NO_RELIABLE_SIGNAL, "R8", reason, obs, proj)
    return _status(ON_TRACK, "R8", base + " Ook de ongunstige kant van de bandbreedte haalt die.", obs, proj)


def _usable(points: Sequence[Point]) -> list[_Obs]:
    result: dict[Period, _Obs] = {}
    for p in points:
        if p.value is None or p.secret or (isinstance(p.value, float) and math.isnan(p.value)):
            continue
        period = parse_period(p.period)
        low, high, has_ci = _interval(p)
        result[period] = _Obs(period, float(p.value), low, high, p.n, has_ci)
    ordered = sorted(result.values(), key=lambda o: (o.period.midpoint, o.period.kind))
    if not ordered:
        return []
    kind = ordered[-1].period.kind
    return [o for o in ordered if o.period.kind == kind]


def _interval(p: Point) -> tuple[float, float, bool]:
    value = float(p.value or 0.0)
    if p.ci_low is not None and p.ci_high is not None:
        return min(p.ci_low, value), max(p.ci_high, value), True
    if p.n is not None and p.n > 0:
        half = abs(value) * Z95 / math.sqrt(p.n)
        return value - half, value + half, False
    return value, value, False


def _classify(low: float, high: float, target: Target) -> str:
    if target.direction == "increase":
        lo_goal, hi_goal = target.value, math.inf
    elif target.direction == "decrease":
        lo_goal, hi_goal = -math.inf, target.value
    else:
        tol = target.tolerance if target.tolerance is not None else 0.05 * abs(target.value)
        lo_goal, hi_goal = target.value - tol, target.value + tol
    if lo_goal <= low and high <= hi_goal:
        return IN
    if high < lo_goal or low > hi_goal:
        return OUT
    return UNCLEAR


def _z(level: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + level / 2))


def _status(code: str, rule: str, reason: str, obs: list[_Obs], proj: Projection | None = None) -> Status:
    latest = obs[-1].period.key if obs else None
    return Status(code, LABELS[code], reason, rule, len(obs), latest, proj)


class _Text:
    """Dutch sentence parts with Dutch number formatting."""

    def __init__(self, target: Target, decimals: int) -> None:
        self.target = target
        self.decimals = decimals

    def num(self, value: float) -> str:
        return format_number(value, self.decimals)

    def goal(self) -> str:
        return f" De streefwaarde is {self.num(self.target.value)} in {self.target.year}."

    def latest(self, obs: _Obs, verb: str) -> str:
        sentence = f"De laatste meting ({obs.period.short_label}) is {self.num(obs.value)}"
        if verb:
            sentence += f" en {verb} ({self.num(self.target.value)})"
        return sentence + ("" if verb else ".")

    def interval(self, obs: _Obs) -> str:
        word = "het betrouwbaarheidsinterval" if obs.has_ci else "de onzekerheidsmarge"
        return f", maar {word} loopt van {self.num(obs.low)} tot {self.num(obs.high)}"

    def projection(self, obs: list[_Obs], proj: Projection) -> str:
        first, last = obs[0].period.short_label, obs[-1].period.short_label
        return (
            f"Op basis van de trend {first}–{last} komt de waarde in {self.target.year} uit op "
            f"{self.num(proj.value)} (bandbreedte {self.num(proj.low)}–{self.num(proj.high)}); "
            f"de streefwaarde is {self.num(self.target.value)}."
        )
