# SPDX-License-Identifier: EUPL-1.2
"""Survey figures of the demo: Monitor Sociale Kracht (per wijk and age group) and GGD eenzaamheid.

Each cell is a mean (or percentage) of ``n`` respondents with sampling noise and a 95% interval
(mean ± 1,96·sd/√n). Voorbeeldstad's cells are the n-weighted means of its wijk cells and every
total is the n-weighted mean of its age groups, so the levels agree. Small wijken give age cells
below 30 respondents, which the disclosure rule hides.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from kwaliteitsmonitor.indicators.records import ObservationRecord

from .common import AGE_GROUPS, GGD_WAVES, MUNICIPALITY, NL, SURVEY_WAVES, rng
from .places import Land, Place

COMPONENTS = [
    "dim_zelfredzaamheid", "dim_participatie", "dim_eenzaamheid", "dim_fin_zelfredzaamheid",
    "dim_sociale_samenhang", "dim_leefbaarheid", "dim_veiligheid",
]  # fmt: skip
TOTAL = "dim_sociale_kracht"
AWARENESS = "dim_bekendheid_voorzieningen"
# Score in 2022 for an average area (Woerden 2022 magnitudes), the weight of need, individual sd.
BASE = {
    "dim_zelfredzaamheid": (8.1, 0.35, 1.4), "dim_participatie": (7.8, 0.45, 1.6),
    "dim_eenzaamheid": (8.2, 0.3, 1.7), "dim_fin_zelfredzaamheid": (7.6, 0.7, 1.8),
    "dim_sociale_samenhang": (6.1, 0.3, 1.9), "dim_leefbaarheid": (6.7, 0.4, 1.6),
    "dim_veiligheid": (7.5, 0.3, 1.5), AWARENESS: (58.0, 3.0, 0.0),
}  # fmt: skip
# Change per wave relative to 2022 (corona dip in 2020, improvement in 2024).
WAVE = {
    "dim_zelfredzaamheid": (-0.05, 0.0, -0.1, 0.0, 0.2), "dim_participatie": (-0.1, 0.0, -0.4, 0.0, 0.25),
    "dim_eenzaamheid": (0.05, 0.05, -0.3, 0.0, 0.2), "dim_fin_zelfredzaamheid": (-0.1, 0.0, 0.05, 0.0, 0.2),
    "dim_sociale_samenhang": (-0.1, -0.05, 0.05, 0.0, 0.15), "dim_leefbaarheid": (0.0, 0.05, 0.0, 0.0, 0.2),
    "dim_veiligheid": (-0.1, -0.05, 0.05, 0.0, 0.2), AWARENESS: (-10.0, -6.0, -3.0, 0.0, -2.0),
}  # fmt: skip
AGE = {
    "dim_zelfredzaamheid": (0.2, 0.15, 0.0, -0.7), "dim_participatie": (0.3, 0.3, -0.1, -0.9),
    "dim_eenzaamheid": (-0.1, 0.1, 0.15, -0.45), "dim_fin_zelfredzaamheid": (-0.4, 0.0, 0.25, 0.2),
    "dim_sociale_samenhang": (-0.4, 0.0, 0.2, 0.3), "dim_leefbaarheid": (-0.1, 0.0, 0.05, 0.1),
    "dim_veiligheid": (0.1, 0.0, 0.0, -0.2), AWARENESS: (-12.0, 3.0, 5.0, -4.0),
}  # fmt: skip
AGE_MIX = (0.20, 0.30, 0.34, 0.16)  # older inhabitants respond more
_NEIGHBOURHOOD = {"dim_sociale_samenhang": 0, "dim_leefbaarheid": 1, "dim_veiligheid": 2}
_URBAN = {"1": -0.4, "2": -0.2, "3": 0.0, "4": 0.15, "5": 0.3, "": -0.1}


@dataclass(frozen=True)
class Cell:
    value: float
    n: int
    sd: float

    def record(self, indicator: str, area: str, wave: int, group: str, decimals: int) -> ObservationRecord:
        margin = 1.96 * self.sd / math.sqrt(self.n)
        return ObservationRecord(
            indicator, area, f"{wave}JJ00", round(self.value, decimals), breakdown=group,
            ci_low=round(self.value - margin, decimals), ci_high=round(self.value + margin, decimals),
            n=self.n, status="definitief",
        )  # fmt: skip


def weighted(cells: list[Cell]) -> Cell:
    n = sum(c.n for c in cells)
    value = sum(c.value * c.n for c in cells) / n
    return Cell(value, n, sum(c.sd * c.n for c in cells) / n)


def place_effect(place: Place, indicator: str) -> float:
    """How much better or worse than average an area scores, before sampling noise."""
    _, need_weight, _ = BASE[indicator]
    effect = -need_weight * place.need
    if indicator in _NEIGHBOURHOOD:
        if place.level in {"WK", "BU"}:
            effect += place.neighbourhood[_NEIGHBOURHOOD[indicator]]
        else:
            effect += _URBAN.get(place.urbanity, 0.0)
    if indicator == AWARENESS and place.level == "WK":
        effect += 6 * place.neighbourhood[0]  # villages know their local services
    if place.level == "GM":
        effect += rng("msk-offset", place.code, indicator).gauss(0.0, 4.0 if indicator == AWARENESS else 0.15)
    return effect


def respondents(place: Place, wave: int) -> list[int]:
    """Respondents per age group: about 2,8% of inhabitants in a wijk, 250–1.800 in a gemeente."""
    rnd = rng("respondents", place.code, wave)
    population = place.population[min(wave, 2025)]
    if place.code == NL:
        total = 24_000
    elif place.level == "WK":
        total = population * 0.028
    else:
        total = min(1_800, 250 + population * 0.022)
    return [max(4, round(total * share * rnd.uniform(0.8, 1.2))) for share in AGE_MIX]


def age_cells(place: Place, indicator: str, wave: int, ns: list[int]) -> list[Cell]:
    base, _, sd = BASE[indicator]
    index = SURVEY_WAVES.index(wave)
    mean = base + WAVE[indicator][index] + place_effect(place, indicator) + place.trend * (wave - 2022) / 2
    rnd = rng("msk", place.code, indicator, wave)
    cells = []
    for age_index, n in enumerate(ns):
        expected = mean + AGE[indicator][age_index]
        if indicator == AWARENESS:
            expected = min(max(expected, 5.0), 95.0)
            sd = math.sqrt(expected * (100 - expected))
        value = expected + rnd.gauss(0.0, sd / math.sqrt(n))
        cells.append(Cell(min(max(value, 0.0), 100.0 if indicator == AWARENESS else 10.0), n, sd))
    return cells


def msk_cells(land: Land) -> dict[tuple[str, str, int], list[Cell]]:
    """(area, indicator, wave) -> cells per age group, for all surveyed areas."""
    out: dict[tuple[str, str, int], list[Cell]] = {}
    for wave in SURVEY_WAVES:
        for place in [land.nl, *land.municipalities[1:], *land.wijken]:
            ns = respondents(place, wave)
            for indicator in [*COMPONENTS, AWARENESS]:
                out[place.code, indicator, wave] = age_cells(place, indicator, wave, ns)
            out[place.code, TOTAL, wave] = _total_cells([out[place.code, c, wave] for c in COMPONENTS])
        for indicator in [*COMPONENTS, AWARENESS, TOTAL]:
            per_wijk = [out[w.code, indicator, wave] for w in land.wijken]
            out[land.home.code, indicator, wave] = [weighted([c[i] for c in per_wijk]) for i in range(4)]
    return out


def _total_cells(components: list[list[Cell]]) -> list[Cell]:
    """The total score is the mean of the seven components; its spread is smaller (sd ≈ 0,9)."""
    count = len(components)
    return [Cell(sum(c[i].value for c in components) / count, components[0][i].n, 0.9) for i in range(4)]


def msk_records(land: Land) -> Iterator[ObservationRecord]:
    for (area, indicator, wave), cells in sorted(msk_cells(land).items()):
        decimals = 1 if indicator == AWARENESS else 2
        yield weighted(cells).record(indicator, area, wave, "", decimals)
        for group, cell in zip(AGE_GROUPS, cells, strict=True):
            yield cell.record(indicator, area, wave, f"leeftijd={group}", decimals)


# GGD: % (matig + sterk) eenzaam, Nederland, and respondents in Nederland per wave.
_LONELY_NL = {2016: (43.0, 457_000), 2020: (47.0, 540_000), 2022: (48.6, 365_000), 2024: (46.5, 410_000)}
_LONELY_URBAN = {"1": 4.0, "2": 2.0, "3": 0.0, "4": -1.5, "5": -2.5}


def lonely_records(land: Land) -> Iterator[ObservationRecord]:
    for wave in GGD_WAVES:
        nl_value, nl_n = _LONELY_NL[wave]
        yield _proportion(nl_value, nl_n).record("ggd_eenzaam", NL, wave, "", 1)
        for place in land.municipalities:
            rnd = rng("ggd", place.code, wave)
            n = round(min(3_500, 400 + place.population[min(wave, 2025)] * 0.015) * rnd.uniform(0.85, 1.15))
            expected = nl_value + _LONELY_URBAN[place.urbanity] + 3.0 * place.need + _lonely_offset(place)
            value = expected + rnd.gauss(0.0, math.sqrt(expected * (100 - expected) / n))
            yield _proportion(value, n).record("ggd_eenzaam", place.code, wave, "", 1)


def _lonely_offset(place: Place) -> float:
    """Voorbeeldstad is a little less lonely than Nederland, like most middle-sized gemeenten."""
    if place.code == MUNICIPALITY:
        return -3.0
    return rng("ggd-offset", place.code).gauss(0.0, 1.2)


def _proportion(value: float, n: int) -> Cell:
    return Cell(value, n, math.sqrt(value * (100 - value)))


def survey_records(land: Land) -> list[ObservationRecord]:
    return [*msk_records(land), *lonely_records(land)]
