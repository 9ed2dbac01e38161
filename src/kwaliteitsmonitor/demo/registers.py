# SPDX-License-Identifier: EUPL-1.2
"""Register figures of the demo: population, Wmo, jeugdhulp, police reports and a partner count.

Voorbeeldstad's counts are the sums of its buurten (or wijken), so every level agrees; other
gemeenten and Nederland get their own figures. Rates are always numerator / denominator × factor of
the stored counts. A year counts everyone helped at any moment in it: it is higher than each half-year.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from kwaliteitsmonitor.indicators.records import ObservationRecord

from .common import LAST_YEAR, MUNICIPALITY, NL, YEARS, figure_status, rng
from .places import Land, Place, apportion

# Share of the year's clients helped in the first and second half-year: most are helped in both.
_HALF_SHARE = {"wmo": (0.84, 0.85), "jeugd": (0.83, 0.85)}
# Jeugdhulp rose until 2021 and has been falling since (relative to 2018).
_YOUTH_CURVE = {2016: 0.93, 2017: 0.97, 2018: 1.0, 2019: 1.03, 2020: 1.02, 2021: 1.05, 2022: 1.04,
                2023: 1.0, 2024: 0.96, 2025: 0.93, 2026: 0.91}  # fmt: skip
# Police nuisance reports per 1.000 inhabitants, Nederland (up in the corona years).
_NUISANCE_NL = {2016: 33.0, 2017: 31.5, 2018: 30.0, 2019: 29.0, 2020: 38.5, 2021: 37.0, 2022: 31.5,
                2023: 30.5, 2024: 29.8, 2025: 29.0}  # fmt: skip
_URBAN_NUISANCE = {"1": 1.35, "2": 1.15, "3": 1.0, "4": 0.8, "5": 0.65}


def rec(indicator: str, area: str, period: str, value: float | None, **extra) -> ObservationRecord:
    return ObservationRecord(indicator, area, period, value, status=figure_status(period), **extra)


def population_records(land: Land) -> Iterator[ObservationRecord]:
    keys = {"bev_inwoners": None, "bev_0_17": "0_17", "bev_12_22": "12_22", "bev_75plus": "75plus"}
    for place in [land.nl, *land.municipalities, *land.wijken, *land.wijken_elsewhere, *land.buurten]:
        for year in YEARS:
            for code, age in keys.items():
                value = place.population[year] if age is None else place.ages[age][year]
                yield rec(code, place.code, f"{year}JJ00", float(value))
            adults = place.population[year] - place.ages["0_17"][year]
            yield rec("bev_18plus", place.code, f"{year}JJ00", float(adults))


# Share of the Wmo-clients with each kind of provision (a client can have more than one); more
# hulp bij het huishouden where more inhabitants are 75 or older.
_CATEGORY_SHARE = {"huishoudelijke_hulp": 0.30, "ondersteuning_thuis": 0.28, "hulpmiddelen": 0.55}


def category_records(
    land: Land, counts: dict[tuple[str, str], tuple[int, int]]
) -> Iterator[ObservationRecord]:
    """Wmo-clients per kind of provision, per year: for Nederland, every gemeente and Voorbeeldstad's
    buurten, with Voorbeeldstad's wijken and the gemeente itself the sums of their buurten."""
    leaves = [land.nl, *land.municipalities[1:], *land.buurten]
    for year in YEARS:
        period = f"{year}JJ00"
        for code, share in _CATEGORY_SHARE.items():
            made: dict[str, int] = {}
            for place in leaves:
                total = counts[place.code, period][0]
                old = place.ages["75plus"][year] / max(place.population[year], 1)
                weight = share * (1 + (2.5 * (old - 0.09) if code == "huishoudelijke_hulp" else 0.0))
                noise = math.exp(rng("wmo-soort", code, place.code, year).gauss(0.0, 0.05))
                made[place.code] = min(total, max(0, round(total * weight * noise)))
            for parent in [*land.wijken, land.home]:
                prefix = "BU" + parent.code[2:]
                made[parent.code] = sum(v for c, v in made.items() if c.startswith(prefix))
            for area, value in made.items():
                yield rec(f"wmo_{code}", area, period, float(value))


def wmo_rate(place: Place, year: int) -> float:
    """Expected Wmo-clients per 1.000 inhabitants in a year: more with more 75-plussers and more need."""
    known = min(year, LAST_YEAR)
    share_75 = place.ages["75plus"][known] / place.population[known]
    rate = 45.0 * (0.45 + 6 * share_75) * math.exp(0.22 * place.need) * (1 + 0.012 * (year - YEARS[0]))
    return rate * 1.35 if place.code == NL else rate


def youth_rate(place: Place, year: int) -> float:
    """Expected percentage of youth under 18 with jeugdhulp in a year."""
    base = 13.2 if place.code == NL else 11.2
    return base * math.exp(0.3 * place.need) * _YOUTH_CURVE[year]


def _noisy(expected: float, rnd) -> int:
    """A count around ``expected``: Poisson-like noise for small numbers, relative noise for large ones."""
    if expected < 400:
        return max(0, round(rnd.gauss(expected, math.sqrt(max(expected, 0.5)))))
    return round(expected * math.exp(rnd.gauss(0.0, max(0.004, 0.6 / math.sqrt(expected)))))


def _part(total: int, share: float, rnd) -> int:
    """The clients of one half-year out of the year's ``total``: never more than the year."""
    if total < 400:
        value = round(rnd.gauss(total * share, math.sqrt(total * share * (1 - share))))
    else:
        value = round(total * share * math.exp(rnd.gauss(0.0, 0.006)))
    return min(max(value, 0), total)


def _base(place: Place, year: int, age: str | None) -> int:
    known = min(year, LAST_YEAR)  # the next half-year uses the latest known population
    return place.population[known] if age is None else place.ages[age][known]


def leaf_counts(place: Place, topic: str) -> dict[str, int]:
    """Counts of one area for every half-year and year of ``topic`` ('wmo' or 'jeugd')."""
    rate_of, factor, age = (wmo_rate, 1000, None) if topic == "wmo" else (youth_rate, 100, "0_17")
    first, second = _HALF_SHARE[topic]
    counts: dict[str, int] = {}
    for year in [*YEARS, LAST_YEAR + 1]:
        rnd = rng(topic, place.code, year)
        total = _noisy(rate_of(place, year) * _base(place, year, age) / factor, rnd)
        counts[f"{year}HJ01"] = _part(total, first, rnd)
        if year <= LAST_YEAR:
            counts[f"{year}HJ02"] = _part(total, second, rnd)
            counts[f"{year}JJ00"] = total
    return counts


def register_counts(land: Land, topic: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(area, period) -> (count, denominator); Voorbeeldstad and its wijken are sums of buurten."""
    age = None if topic == "wmo" else "0_17"
    counts = {p.code: leaf_counts(p, topic) for p in [land.nl, *land.municipalities[1:], *land.buurten]}
    for parent in [*land.wijken, land.home]:
        children = [c for c in land.buurten if c.code.startswith("BU" + parent.code[2:])]
        counts[parent.code] = {k: sum(counts[c.code][k] for c in children) for k in counts[children[0].code]}
    counts |= _split_over_wijken(land, topic, counts)
    places = {p.code: p for p in land.all}
    return {
        (code, period): (count, _base(places[code], int(period[:4]), age))
        for code, by_period in counts.items()
        for period, count in by_period.items()
    }


def _split_over_wijken(
    land: Land, topic: str, counts: dict[str, dict[str, int]]
) -> dict[str, dict[str, int]]:
    """The wijken elsewhere: their gemeente's count of each year divided over them in proportion to their
    expected number (rate × inhabitants, a little noise per year), so they add up to it exactly. Years
    only: they are there for the similar-wijken finder, which compares years (and the demo stays fast)."""
    rate_of, factor, age = (wmo_rate, 1000, None) if topic == "wmo" else (youth_rate, 100, "0_17")
    out: dict[str, dict[str, int]] = {}
    for host in land.municipalities[1:]:
        wijken = land.children(host)
        if not wijken:
            continue
        for period, total in counts[host.code].items():
            if period[4:6] != "JJ":
                continue
            year = int(period[:4])
            weights = [
                rate_of(w, year)
                * _base(w, year, age)
                / factor
                * math.exp(rng(topic, w.code, year).gauss(0.0, 0.08))
                for w in wijken
            ]
            for wijk, part in zip(wijken, apportion(total, weights), strict=True):
                out.setdefault(wijk.code, {})[period] = part
    return out


def rate_records(counts, count_code: str, rate_code: str, factor: float) -> Iterator[ObservationRecord]:
    for (area, period), (count, base) in sorted(counts.items()):
        yield rec(count_code, area, period, float(count))
        rate = round(count / base * factor, 3)
        yield rec(rate_code, area, period, rate, numerator=float(count), denominator=float(base))


def nuisance_records(land: Land) -> Iterator[ObservationRecord]:
    """Police reports: counts per wijk add up to Voorbeeldstad; a focused approach works since 2022."""
    for year in YEARS:
        period = f"{year}JJ00"
        reports = {}
        for place in [land.nl, *land.municipalities[1:], *land.wijken]:
            noise = math.exp(rng("overlast", place.code, year).gauss(0.0, 0.01 if place.code == NL else 0.05))
            rate = _NUISANCE_NL[year] * _nuisance_factor(place, year) * noise
            reports[place.code] = round(rate * place.population[year] / 1000)
        reports[MUNICIPALITY] = sum(reports[w.code] for w in land.wijken)
        for place in [land.nl, *land.municipalities, *land.wijken]:
            count, base = reports[place.code], place.population[year]
            yield rec("pol_overlast_per_1000", place.code, period, round(count / base * 1000, 3),
                      numerator=float(count), denominator=float(base))  # fmt: skip


def _nuisance_factor(place: Place, year: int) -> float:
    if place.code == NL:
        return 1.0
    factor = _URBAN_NUISANCE.get(place.urbanity, 1.0) * math.exp(0.35 * place.need)
    if place.level == "WK":
        factor *= {"Binnenstad": 1.8, "Buitengebied en De Poort": 0.5}.get(place.name, 0.9)
        if year >= 2022:  # the wijkaanpak in Voorbeeldstad lowers nuisance, most in the wijk with most need
            factor *= (1 - 0.03 - 0.04 * max(place.need, 0)) ** (year - 2021)
    return factor


def processing_time_records(land: Land) -> Iterator[ObservationRecord]:
    """Wmo doorlooptijd (own registration, half-years from 2019): a steady improvement after the
    new work process of 2019, with little noise: the demo's example of a resultaat that is op koers."""
    for year in YEARS:
        if year < 2019:
            continue
        for half in (1, 2):
            t = year + (half - 1) / 2 - 2019
            days = 63.0 - 3.2 * t + rng("doorlooptijd", year, half).gauss(0.0, 0.4)
            yield rec("wmo_doorlooptijd_dagen", land.home.code, f"{year}HJ0{half}", round(days, 1))


def partner_records(land: Land) -> Iterator[ObservationRecord]:
    """The welzijnsorganisatie started registering visitors in 2025, per wijk where they live: one year,
    too little for a trend. It delivers no gemeente total: the monitor computes it from the wijken."""
    for wijk in land.children(land.home):
        if wijk.level == "WK":
            visitors = wijk.population[LAST_YEAR] * 0.041 * (1 + 0.35 * wijk.need)
            yield rec(
                "prt_bezoekers_ontmoetingsplaatsen", wijk.code, f"{LAST_YEAR}JJ00", float(round(visitors))
            )


def register_records(land: Land) -> list[ObservationRecord]:
    records = list(population_records(land))
    wmo = register_counts(land, "wmo")
    records += rate_records(wmo, "wmo_clienten", "wmo_clienten_per_1000", 1000)
    records += category_records(land, wmo)
    records += rate_records(register_counts(land, "jeugd"), "jeugd_jeugdhulp", "jeugd_jeugdhulp_pct", 100)
    records += nuisance_records(land)
    records += partner_records(land)
    records += processing_time_records(land)
    return records


# Figures published earlier with another value: (indicator, area, period, factor on the count, status then).
EARLIER = [
    ("wmo_clienten", MUNICIPALITY, "2023JJ00", 0.97, "voorlopig"),
    ("wmo_clienten", MUNICIPALITY, "2024HJ01", 0.98, "voorlopig"),
    ("wmo_clienten", NL, "2023JJ00", 0.985, "voorlopig"),
    ("jeugd_jeugdhulp", MUNICIPALITY, "2022JJ00", 1.04, "definitief"),
    ("jeugd_jeugdhulp", NL, "2022JJ00", 1.02, "definitief"),
]
_RATES = {"wmo_clienten": ("wmo_clienten_per_1000", 1000), "jeugd_jeugdhulp": ("jeugd_jeugdhulp_pct", 100)}


def earlier_records(final: list[ObservationRecord]) -> list[ObservationRecord]:
    """The earlier publication of a handful of figures; loading the final ones later revises them."""
    by_key = {r.key: r for r in final}
    out = []
    for code, area, period, factor, status in EARLIER:
        count = round(by_key[code, area, period, ""].value * factor)
        rate_code, scale = _RATES[code]
        base = by_key[rate_code, area, period, ""].denominator
        out.append(ObservationRecord(code, area, period, float(count), status=status))
        out.append(ObservationRecord(rate_code, area, period, round(count / base * scale, 3),
                                     numerator=float(count), denominator=base, status=status))  # fmt: skip
    return out
