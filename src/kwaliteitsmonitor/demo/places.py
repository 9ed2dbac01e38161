# SPDX-License-Identifier: EUPL-1.2
"""The demo areas as plain objects (no database): codes, names, populations, profiles and shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from shapely.geometry import Polygon

from . import geometry
from .common import MUNICIPALITY, MUNICIPALITY_NAME, NL, YEARS, rng
from .names import COROPS, GGD_REGIONS, MUNICIPALITY_NAMES, PROVINCES, WIJKEN, YOUTH_REGIONS, WijkProfile

AGE_COUNTS = ("0_17", "12_22", "75plus")
_HOME_CELL = (3, 2)  # grid column and row of Voorbeeldstad: in the middle of the land
_SWITCH_YEAR = 2022  # one gemeente moves to another jeugdregio in this year


@dataclass
class Place:
    code: str
    name: str
    level: str
    parent_code: str = ""
    need: float = 0.0  # −1 well off … +1 much need
    urbanity: str = "3"
    neighbourhood: tuple[float, float, float] = (0.0, 0.0, 0.0)
    trend: float = 0.0
    shape: Polygon | None = None
    population: dict[int, int] = field(default_factory=dict)
    ages: dict[str, dict[int, int]] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # membership kind -> group code
    region_changes: dict[int, dict[str, str]] = field(default_factory=dict)  # from year: kind -> code

    def region_in(self, kind: str, year: int) -> str:
        code = self.regions[kind]
        for since, changes in sorted(self.region_changes.items()):
            if year >= since and kind in changes:
                code = changes[kind]
        return code


@dataclass
class Land:
    nl: Place
    regions: list[Place]
    municipalities: list[Place]  # Voorbeeldstad first
    wijken: list[Place]  # of Voorbeeldstad
    buurten: list[Place]
    wijken_elsewhere: list[Place] = field(default_factory=list)  # of a few other gemeenten

    @property
    def home(self) -> Place:
        return self.municipalities[0]

    @property
    def all(self) -> list[Place]:
        return [
            self.nl,
            *self.regions,
            *self.municipalities,
            *self.wijken,
            *self.wijken_elsewhere,
            *self.buurten,
        ]

    def children(self, place: Place) -> list[Place]:
        return [
            p for p in (*self.wijken, *self.wijken_elsewhere, *self.buurten) if p.parent_code == place.code
        ]


def fill_population(place: Place, base: int, growth: float, shares: dict[str, float], aging: float) -> None:
    """Population per year with a steady growth; the 75+ share grows with ``aging`` a year."""
    for year in YEARS:
        t = year - YEARS[0]
        total = round(base * (1 + growth) ** t)
        place.population[year] = total
        trends = {"0_17": 0.995**t, "12_22": 1.0, "75plus": (1 + aging) ** t}
        for key in AGE_COUNTS:
            place.ages.setdefault(key, {})[year] = round(total * shares[key] * trends[key])


def sum_children(place: Place, children: list[Place]) -> None:
    for year in YEARS:
        place.population[year] = sum(c.population[year] for c in children)
        for key in AGE_COUNTS:
            place.ages.setdefault(key, {})[year] = sum(c.ages[key][year] for c in children)


def urbanity_for(population: int, rnd) -> str:
    if population >= 150_000:
        return rnd.choice("12")
    if population >= 50_000:
        return rnd.choice("23")
    if population >= 20_000:
        return rnd.choice("34")
    return rnd.choice("45")


def build_nl() -> Place:
    nl = Place(NL, "Nederland", "NL", need=0.0, urbanity="")
    fill_population(nl, 16_979_120, 0.0062, {"0_17": 0.200, "12_22": 0.129, "75plus": 0.0805}, 0.027)
    return nl


def build_regions() -> list[Place]:
    regions = [Place(code, name, "PV") for code, name in PROVINCES]
    regions += [Place(code, name, "CR", parent_code=pv) for code, name, pv in COROPS]
    regions += [Place(code, name, "JZ") for code, name in YOUTH_REGIONS]
    regions += [Place(code, name, "GG") for code, name in GGD_REGIONS]
    return regions


def region_codes(column: int, row: int) -> dict[str, str]:
    """Provinces are bands of grid columns; the other regions follow from them."""
    provincie = "PV91" if column <= 1 else "PV92" if column <= 4 else "PV93"
    corop = {"PV91": "CR91" if row >= 3 else "CR92", "PV92": "CR93", "PV93": "CR94"}[provincie]
    youth = "JZ91" if column <= 1 else "JZ92" if column <= 3 else "JZ93"
    ggd = "GG9001" if column <= 2 else "GG9002"
    return {"provincie": provincie, "corop": corop, "jeugdregio": youth, "ggdregio": ggd}


def municipality_population(index: int, rnd) -> int:
    """Varied sizes between 5.000 and 250.000, most between 15.000 and 60.000."""
    fixed = {0: 236_400, 1: 5_350, 2: 128_900, 3: 8_200, 4: 84_700}
    if index in fixed:
        return fixed[index]
    value = math.exp(rnd.gauss(math.log(30_000), 0.75))
    return int(min(max(value, 5_600), 180_000))


def build_municipality(code: str, name: str, index: int, cell: Polygon, column: int, row: int) -> Place:
    rnd = rng("gemeente", code)
    base = municipality_population(index, rnd)
    small = base < 20_000
    place = Place(code, name, "GM", parent_code=NL, need=max(-1.0, min(1.0, rnd.gauss(0.0, 0.4))), shape=cell)
    place.urbanity = urbanity_for(base, rnd)
    shares = {
        "0_17": rnd.uniform(0.19, 0.23) if small else rnd.uniform(0.17, 0.21),
        "12_22": rnd.uniform(0.12, 0.14),
        "75plus": rnd.uniform(0.085, 0.115) if small else rnd.uniform(0.065, 0.095),
    }
    fill_population(place, base, rnd.uniform(-0.003, 0.012), shares, rnd.uniform(0.02, 0.035))
    place.regions = region_codes(column, row)
    return place


def build_home(cell: Place | Polygon) -> tuple[Place, list[Place], list[Place]]:
    """Voorbeeldstad with its wijken and buurten; the gemeente is the sum of its buurten."""
    home = Place(MUNICIPALITY, MUNICIPALITY_NAME, "GM", parent_code=NL, need=0.0, urbanity="3", shape=cell)
    home.regions = region_codes(*_HOME_CELL)
    shapes = geometry.tessellate(cell, len(WIJKEN), rng("wijken"), centre=True)
    wijken, buurten = [], []
    for number, (profile, shape) in enumerate(zip(WIJKEN, shapes, strict=True), start=1):
        wijk, children = build_wijk(home, number, profile, shape)
        wijken.append(wijk)
        buurten += children
    sum_children(home, wijken)
    return home, wijken, buurten


def build_wijk(home: Place, number: int, profile: WijkProfile, shape: Polygon) -> tuple[Place, list[Place]]:
    code = f"WK{home.code[2:]}{number:02d}"
    wijk = Place(code, profile.name, "WK", home.code, profile.need, home.urbanity, profile.neighbourhood,
                 profile.trend, shape)  # fmt: skip
    rnd = rng("buurten", code)
    shapes = geometry.tessellate(shape, len(profile.buurten), rnd)
    buurten = []
    for index, ((name, base), cell) in enumerate(zip(profile.buurten, shapes, strict=True), start=1):
        buurt = Place(f"BU{code[2:]}{index:02d}", name, "BU", code, profile.need + rnd.uniform(-0.15, 0.15),
                      home.urbanity, profile.neighbourhood, profile.trend, cell)  # fmt: skip
        shares = {
            "0_17": profile.share_0_17 * rnd.uniform(0.9, 1.1),
            "12_22": profile.share_12_22 * rnd.uniform(0.9, 1.1),
            "75plus": profile.share_75 * rnd.uniform(0.85, 1.15),
        }
        fill_population(buurt, base, profile.growth + rnd.uniform(-0.002, 0.002), shares, 0.03)
        buurten.append(buurt)
    sum_children(wijk, buurten)
    return wijk, buurten


def build_land() -> Land:
    seeds = geometry.grid_seeds(rng("land"))
    cells = geometry.relax([point for _, _, point in seeds], geometry.land(), steps=1)
    municipalities: list[Place] = []
    names = iter(MUNICIPALITY_NAMES)
    home_parts: tuple[Place, list[Place], list[Place]] | None = None
    others = []
    for (column, row, _), cell in zip(seeds, cells, strict=True):
        if (column, row) == _HOME_CELL:
            home_parts = build_home(cell)
            continue
        code = f"GM{9002 + len(others)}"
        others.append(build_municipality(code, next(names), len(others), cell, column, row))
    assert home_parts is not None
    home, wijken, buurten = home_parts
    municipalities = [home, *others]
    _switch_one_youth_region(others)
    elsewhere = [w for p in others if p.code in HOSTS for w in build_wijken_elsewhere(p)]
    return Land(build_nl(), build_regions(), municipalities, wijken, buurten, elsewhere)


def _switch_one_youth_region(municipalities: list[Place]) -> None:
    """One gemeente moved from Jeugdregio Duinkust to Jeugdregio Kleigouw in 2022."""
    regions = ("JZ93", "PV92")
    mover = next(p for p in municipalities if (p.regions["jeugdregio"], p.regions["provincie"]) == regions)
    mover.regions["jeugdregio"] = "JZ92"
    mover.region_changes[_SWITCH_YEAR] = {"jeugdregio": "JZ93"}


# Gemeenten that also have wijken (so that "wijken elders die op deze wijk lijken" has answers), and the
# wijk profiles they draw from: name, relative size, need offset, factor on the share of 0-17 and of 75+.
HOSTS = ("GM9004", "GM9006", "GM9007", "GM9009", "GM9010", "GM9012")
ELSEWHERE_PROFILES = [
    ("Centrum", 0.8, 0.15, 0.62, 1.25),
    ("Stationskwartier", 0.9, 0.35, 0.8, 0.75),
    ("Bloemenbuurt", 1.0, 0.7, 1.15, 0.9),
    ("Parkwijk", 1.0, -0.3, 0.8, 1.7),
    ("De Akkers", 1.3, -0.6, 1.45, 0.3),
    ("Oude Dorp", 0.6, -0.3, 1.0, 1.3),
    ("Bosrand", 0.7, -0.5, 0.95, 1.5),
    ("Schepenwijk", 1.1, 0.4, 1.05, 1.1),
    ("Buitengebied", 0.4, -0.2, 1.05, 0.95),
    ("Havenkwartier", 0.9, 0.1, 0.7, 0.7),
]


def apportion(total: int, weights: list[float]) -> list[int]:
    """``total`` divided in proportion to ``weights`` in whole numbers that add up to it exactly
    (largest remainder; ties go to the first)."""
    exact = [total * w / sum(weights) for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def build_wijken_elsewhere(host: Place) -> list[Place]:
    """Wijken of another gemeente: its own population (total and per age group, every year) divided over
    them, so they add up to the gemeente exactly and the gemeente's own figures stay as they are."""
    rnd = rng("wijken elders", host.code)
    count = min(max(round(host.population[YEARS[0]] / 10_000), 3), len(ELSEWHERE_PROFILES))
    profiles = [ELSEWHERE_PROFILES[0], *rnd.sample(ELSEWHERE_PROFILES[1:], count - 1)]
    assert host.shape is not None
    shapes = geometry.tessellate(host.shape, count, rnd, centre=True)
    wijken = []
    for number, ((name, _, need, _, _), shape) in enumerate(zip(profiles, shapes, strict=True), start=1):
        need = max(-1.0, min(1.0, host.need + need))
        wijken.append(
            Place(f"WK{host.code[2:]}{number:02d}", name, "WK", host.code, need, host.urbanity, shape=shape)
        )
    sizes = [size * rnd.uniform(0.8, 1.25) for _, size, _, _, _ in profiles]
    factors = {
        "0_17": [p[3] for p in profiles],
        "12_22": [math.sqrt(p[3]) for p in profiles],
        "75plus": [p[4] for p in profiles],
    }
    for year in YEARS:
        for wijk, part in zip(wijken, apportion(host.population[year], sizes), strict=True):
            wijk.population[year] = part
        for key in AGE_COUNTS:
            weights = [s * f for s, f in zip(sizes, factors[key], strict=True)]
            for wijk, part in zip(wijken, apportion(host.ages[key][year], weights), strict=True):
                wijk.ages.setdefault(key, {})[year] = part
    return wijken
