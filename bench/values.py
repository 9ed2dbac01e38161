# SPDX-License-Identifier: EUPL-1.2
"""Deterministic observation values for a workload, as plain tuples (no Django, no database).

A row is ``(indicator, area, period, breakdown, value, numerator, denominator, ci_low, ci_high, n, status,
value_attribute)`` where indicator and area are codes, or database ids when the id maps are given.
Magnitudes follow the area's population: counts scale with it, rates carry numerator and denominator,
survey scores carry n and a 95% interval; small counts and small samples are suppressed (value None,
attribute ``.``) the way CBS delivers them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .plan import AreaPlan, IndicatorPlan, Spec, periods_for

Row = tuple[Any, ...]
_SUPPRESS_LEVELS = {"WK", "BU"}
_SURVEY_SD = 1.7
_AGE_OFFSET = {"": 0.0, "leeftijd=18-34": -0.3, "leeftijd=35-64": 0.0, "leeftijd=65+": 0.25}


def _status(spec: Spec, year: int) -> str:
    if year >= spec.last_year:
        return "voorlopig"
    if year == spec.last_year - 1:
        return "nader_voorlopig"
    return "definitief"


def _survey_n(level: str, population: int) -> int:
    if level == "NL":
        return 30_000
    if level in ("PV", "GG", "JZ", "CR"):
        return 4_000
    if level == "GM":
        return max(150, min(2_000, population // 40))
    return max(10, min(400, population // 60))


def observation_rows(
    spec: Spec,
    areas: list[AreaPlan],
    indicators: list[IndicatorPlan],
    years: Iterable[int] | None = None,
    *,
    indicator_ids: Mapping[str, Any] | None = None,
    area_ids: Mapping[str, Any] | None = None,
) -> Iterator[Row]:
    """All values of ``indicators`` for ``years`` (default: the workload's years), in a fixed order."""
    year_list = list(years) if years is not None else list(range(spec.first_year, spec.last_year + 1))
    first_bu_year = spec.last_year - spec.bu_years + 1
    by_level: dict[str, list[tuple[Any, int, int]]] = {}
    for index, area in enumerate(areas):
        key = area_ids[area.code] if area_ids is not None else area.code
        by_level.setdefault(area.level, []).append((key, area.population, index))
    shares = {ind.code: ind.share for ind in indicators}
    for ind in indicators:
        ind_key = indicator_ids[ind.code] if indicator_ids is not None else ind.code
        # Per-area character of this indicator: stable over the years.
        character = random.Random(spec.seed * 1_000 + ind.index)
        factor = [math.exp(character.gauss(0, 0.25)) for _ in areas]
        rng = random.Random(spec.seed * 1_000_003 + ind.index * 10_007 + year_list[0] * 31 + len(year_list))
        periods = [(year, periods_for(spec, ind, range(year, year + 1))) for year in year_list]
        for level in ind.levels:
            for area_key, population, index in by_level.get(level, []):
                f = 1.0 if ind.share == 1.0 else factor[index]
                for year, keys in periods:
                    if level == "BU" and year < first_bu_year:
                        continue
                    grown = population * 1.005 ** (year - spec.first_year)
                    yield from _values(spec, ind, shares, level, ind_key, area_key, grown, f, year, keys, rng)


def _values(
    spec: Spec,
    ind: IndicatorPlan,
    shares: Mapping[str, float],
    level: str,
    ind_key: Any,
    area_key: Any,
    population: float,
    f: float,
    year: int,
    keys: list[str],
    rng: random.Random,
) -> Iterator[Row]:
    status = _status(spec, year)
    small = level in _SUPPRESS_LEVELS
    if ind.family == "survey":
        base_n = _survey_n(level, int(population))
        for breakdown in ind.breakdowns:
            n = base_n if not breakdown else max(5, base_n // 3)
            if n < 30:
                yield (ind_key, area_key, keys[0], breakdown, None, None, None, None, None, n, status, ".")
                continue
            score = ind.mean + (f - 1.0) * 1.5 + _AGE_OFFSET[breakdown] + rng.gauss(0, 0.15)
            score = round(min(10.0, max(0.0, score)), 1)
            half = 1.96 * _SURVEY_SD / math.sqrt(n)
            low, high = round(max(0.0, score - half), 2), round(min(10.0, score + half), 2)
            yield (ind_key, area_key, keys[0], breakdown, score, None, None, low, high, n, status, "")
        return
    if ind.factor:  # a rate: numerator / denominator * factor
        share = shares.get(ind.numerator or "", ind.share) or ind.share
        numerator = round(population * share * f * (1 + 0.04 * rng.gauss(0, 1)))
        denominator = round(population)
        if (small and numerator < 5) or denominator <= 0:
            yield (ind_key, area_key, keys[0], "", None, None, denominator, None, None, None, status, ".")
            return
        value = round(numerator / denominator * ind.factor, ind.decimals)
        yield (
            ind_key,
            area_key,
            keys[0],
            "",
            value,
            float(numerator),
            float(denominator),
            None,
            None,
            None,
            status,
            "",
        )
        return
    count = round(population * ind.share * f * (1 + (0.03 * rng.gauss(0, 1) if ind.share != 1.0 else 0.0)))
    for i, key in enumerate(keys):  # the year, then half-years (which never add up to the year)
        value = count if i == 0 else round(count * 0.62 * (1 + 0.05 * rng.gauss(0, 1)))
        if small and value < 5:
            yield (ind_key, area_key, key, "", None, None, None, None, None, None, status, ".")
        else:
            yield (ind_key, area_key, key, "", float(value), None, None, None, None, None, status, "")
