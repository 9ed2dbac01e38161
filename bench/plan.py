# SPDX-License-Identifier: EUPL-1.2
"""The shape of a benchmark workload, computed without a database: areas and indicators.

Everything is derived from fixed seeds with ``random.Random`` (whose float stream is stable across Python
versions), so two runs give the same codes, names, populations and indicator definitions.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

# Bump when the generated data change in any way; a database holding another version is regenerated.
GENERATOR_VERSION = "1"

AGE_GROUPS = ("leeftijd=18-34", "leeftijd=35-64", "leeftijd=65+")
_PREFIXES = [
    "Aal",
    "Bre",
    "Dor",
    "Eem",
    "Gel",
    "Hol",
    "Kam",
    "Lin",
    "Mol",
    "Oos",
    "Ren",
    "Sta",
    "Ter",
    "Vel",
    "Wes",
    "Zui",
    "Ber",
    "Har",
    "Leu",
    "Nij",
    "Rij",
    "Sche",
    "Ulf",
    "Wou",
    "Ach",
    "Bor",
]
_SUFFIXES = [
    "dam",
    "dorp",
    "veen",
    "wijk",
    "horst",
    "broek",
    "hoven",
    "meer",
    "stein",
    "zande",
    "loo",
    "burg",
    "huizen",
]


@dataclass(frozen=True)
class Spec:
    name: str
    seed: int
    n_pv: int
    n_cr: int
    n_jz: int
    n_gg: int
    n_gm: int
    wijken: int  # total number of wijken
    buurten: int  # total number of buurten
    detail_only_main: bool  # small: only the main gemeente has wijken and buurten
    n_kwb: int  # indicators at every level (buurt only in the last ``bu_years`` years)
    n_regional: int  # NL, regions, GM and WK, yearly
    n_halfyear: int  # NL, JZ, GM and WK, years and half-years
    n_survey: int  # NL, GG, GM and WK, with age-group breakdowns, n and CI
    first_year: int = 2015
    years: int = 10
    bu_years: int = 7

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    @property
    def batch_year(self) -> int:
        """The year the load benchmark imports: one past the workload, so it starts absent."""
        return self.last_year + 1

    @property
    def n_indicators(self) -> int:
        return self.n_kwb + self.n_regional + self.n_halfyear + self.n_survey


SPECS = {
    "national": Spec(
        "national",
        seed=20_250_101,
        n_pv=12,
        n_cr=40,
        n_jz=42,
        n_gg=25,
        n_gm=342,
        wijken=3_450,
        buurten=14_200,
        detail_only_main=False,
        n_kwb=100,
        n_regional=30,
        n_halfyear=10,
        n_survey=10,
    ),
    "small": Spec(
        "small",
        seed=20_250_102,
        n_pv=3,
        n_cr=4,
        n_jz=4,
        n_gg=3,
        n_gm=41,
        wijken=8,
        buurten=30,
        detail_only_main=True,
        n_kwb=30,
        n_regional=10,
        n_halfyear=5,
        n_survey=5,
    ),
    "tiny": Spec(
        "tiny",
        seed=7,
        n_pv=1,
        n_cr=1,
        n_jz=1,
        n_gg=1,
        n_gm=3,
        wijken=3,
        buurten=6,
        detail_only_main=True,
        n_kwb=5,
        n_regional=1,
        n_halfyear=1,
        n_survey=1,
        first_year=2022,
        years=3,
        bu_years=2,
    ),
}


@dataclass
class AreaPlan:
    code: str
    name: str
    level: str
    parent: str | None
    population: int
    groups: dict[str, str] = field(default_factory=dict)  # membership kind -> group code / class
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # lon0, lat0, lon1, lat1


@dataclass(frozen=True)
class IndicatorPlan:
    index: int
    code: str
    name: str
    family: str  # kwb | regional | halfyear | survey
    unit: str
    decimals: int
    levels: tuple[str, ...]
    period_type: str = "year"
    numerator: str | None = None
    denominator: str | None = None
    factor: float | None = None
    share: float = 0.0  # counts: expected count per inhabitant
    mean: float = 0.0  # scores: expected score
    polarity: str = "neutral"
    nature: str = "fact"
    count_method: str = "during_period"
    provider: str = "cbs"
    breakdowns: tuple[str, ...] = ("",)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(_PREFIXES) + rng.choice(["", "en", "er", "e"]) + rng.choice(_SUFFIXES)
        if name not in used:
            used.add(name)
            return name


def _split(
    box: tuple[float, float, float, float], parts: int, index: int
) -> tuple[float, float, float, float]:
    """The ``index``-th cell of a near-square grid of ``parts`` cells inside ``box``."""
    cols = max(1, math.ceil(math.sqrt(parts)))
    rows = math.ceil(parts / cols)
    lon0, lat0, lon1, lat1 = box
    col, row = index % cols, index // cols
    w, h = (lon1 - lon0) / cols, (lat1 - lat0) / rows
    return (lon0 + col * w, lat0 + row * h, lon0 + (col + 1) * w, lat0 + (row + 1) * h)


def _detail_counts(spec: Spec, rng: random.Random) -> list[int]:
    """Number of wijken per gemeente (index 0 is the main gemeente)."""
    if spec.detail_only_main:
        return [spec.wijken] + [0] * (spec.n_gm - 1)
    weights = [rng.lognormvariate(0, 0.9) for _ in range(spec.n_gm)]
    total = sum(weights)
    counts = [max(1, min(99, round(w / total * spec.wijken))) for w in weights]
    # The main gemeente (index 0) is a mid-sized one, like the municipalities that run a monitor.
    counts[0] = 12
    return counts


def _buurt_counts(spec: Spec, rng: random.Random, n_wijken: int) -> list[int]:
    if spec.detail_only_main:
        base, extra = divmod(spec.buurten, max(1, n_wijken))
        return [base + (1 if i < extra else 0) for i in range(n_wijken)]
    mean = spec.buurten / spec.wijken
    sigma = 0.6
    mu = math.log(mean) - sigma * sigma / 2
    return [max(1, min(99, round(rng.lognormvariate(mu, sigma)))) for _ in range(n_wijken)]


def plan_areas(spec: Spec) -> list[AreaPlan]:
    """All areas of the workload, parents before children, deterministic."""
    rng = random.Random(spec.seed)
    used: set[str] = set()
    regions = {
        "provincie": [f"PV{20 + i}" for i in range(spec.n_pv)],
        "corop": [f"CR{i + 1:02d}" for i in range(spec.n_cr)],
        "jeugdregio": [f"JZ{i + 1:02d}" for i in range(spec.n_jz)],
        "ggdregio": [f"GG{3001 + i}" for i in range(spec.n_gg)],
    }
    level_of = {"provincie": "PV", "corop": "CR", "jeugdregio": "JZ", "ggdregio": "GG"}
    gm_numbers = sorted(rng.sample(range(1, 2000), spec.n_gm))
    main_pick = rng.randrange(spec.n_gm)
    gm_numbers.insert(0, gm_numbers.pop(main_pick))  # the main gemeente first, any code
    wijk_counts = _detail_counts(spec, rng)

    gemeenten: list[AreaPlan] = []
    details: list[AreaPlan] = []
    grid = math.ceil(math.sqrt(spec.n_gm))
    nl_box = (3.4, 50.8, 7.1, 53.4)
    for i, number in enumerate(gm_numbers):
        gm4 = f"{number:04d}"
        box = _split(nl_box, grid * grid, (number * 7919) % (grid * grid))
        name = "Proefstad" if i == 0 else _name(rng, used)
        groups = {
            kind: codes[(i + rng.randrange(len(codes))) % len(codes)] for kind, codes in regions.items()
        }
        if i < max(len(c) for c in regions.values()):  # every region gets members
            groups = {kind: codes[i % len(codes)] for kind, codes in regions.items()}
        gm = AreaPlan(f"GM{gm4}", name, "GM", "NL00", 0, groups, box)
        population = 0
        n_wk = wijk_counts[i]
        for w, n_bu in enumerate(_buurt_counts(spec, rng, n_wk)):
            wk_box = _split(box, n_wk, w)
            wk = AreaPlan(f"WK{gm4}{w:02d}", f"{name} wijk {w + 1}", "WK", gm.code, 0, box=wk_box)
            buurten = []
            for b in range(n_bu):
                pop = max(20, round(rng.lognormvariate(math.log(1_100), 0.7)))
                bu_box = _split(wk_box, n_bu, b)
                buurten.append(
                    AreaPlan(
                        f"BU{gm4}{w:02d}{b:02d}", f"{wk.name} buurt {b + 1}", "BU", wk.code, pop, box=bu_box
                    )
                )
            wk.population = sum(b.population for b in buurten)
            population += wk.population
            details.extend([wk, *buurten])
        gm.population = population or max(2_000, round(rng.lognormvariate(math.log(35_000), 0.8)))
        gm.groups["stedelijkheid"] = str(min(5, max(1, 6 - round(math.log10(gm.population) - 2.6) * 2)))
        gm.groups["grootteklasse"] = str(min(9, max(1, round(math.log2(max(gm.population, 1) / 2_500)))))
        gemeenten.append(gm)

    nl = AreaPlan("NL00", "Nederland", "NL", None, sum(g.population for g in gemeenten), box=nl_box)
    region_areas = []
    for kind, codes in regions.items():
        for code in codes:
            pop = sum(g.population for g in gemeenten if g.groups[kind] == code)
            label = {
                "provincie": "Provincie",
                "corop": "COROP",
                "jeugdregio": "Jeugdregio",
                "ggdregio": "GGD",
            }[kind]
            region_areas.append(AreaPlan(code, f"{label} {code[2:]}", level_of[kind], None, pop))
    return [nl, *region_areas, *gemeenten, *details]


def plan_indicators(spec: Spec) -> list[IndicatorPlan]:
    """The indicator set: KWB-like counts and rates, regional rates, half-year counts, survey scores."""
    rng = random.Random(spec.seed + 1)
    all_levels = ("NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU")
    regional = ("NL", "PV", "CR", "JZ", "GG", "GM", "WK")
    plans: list[IndicatorPlan] = []
    pop_code = "kwb-000-inwoners"
    count_codes: list[str] = []
    for i in range(spec.n_kwb):
        if i == 0:
            plans.append(
                IndicatorPlan(0, pop_code, "Aantal inwoners", "kwb", "count", 0, all_levels, share=1.0)
            )
            count_codes.append(pop_code)
        elif i % 5 in (1, 3) or len(count_codes) < 3:
            code = f"kwb-{i:03d}-aantal"
            share = rng.choice([0.002, 0.01, 0.03, 0.08, 0.2, 0.45])
            plans.append(
                IndicatorPlan(i, code, f"Kerncijfer {i} (aantal)", "kwb", "count", 0, all_levels, share=share)
            )
            count_codes.append(code)
        else:
            num = rng.choice(count_codes[1:])
            unit, factor = rng.choice([("pct", 100.0), ("per_1000", 1000.0)])
            plans.append(
                IndicatorPlan(
                    i,
                    f"kwb-{i:03d}-{unit.replace('_', '')}",
                    f"Kerncijfer {i} ({unit})",
                    "kwb",
                    unit,
                    1,
                    all_levels,
                    numerator=num,
                    denominator=pop_code,
                    factor=factor,
                    polarity=rng.choice(["higher_is_better", "lower_is_better", "neutral"]),
                )
            )
    base = spec.n_kwb
    for j in range(spec.n_regional):
        plans.append(
            IndicatorPlan(
                base + j,
                f"reg-{j:03d}-per1000",
                f"Regionale indicator {j} (per 1.000)",
                "regional",
                "per_1000",
                1,
                regional,
                share=rng.choice([0.005, 0.02, 0.06]),
                factor=1000.0,
                polarity="lower_is_better",
                provider=rng.choice(["cbs", "partner"]),
            )
        )
    base += spec.n_regional
    for j in range(spec.n_halfyear):
        plans.append(
            IndicatorPlan(
                base + j,
                f"hj-{j:03d}-clienten",
                f"Cliënten voorziening {j} (aantal)",
                "halfyear",
                "count",
                0,
                ("NL", "JZ", "GM", "WK"),
                period_type="year_halfyear",
                share=rng.choice([0.01, 0.04, 0.07]),
                provider="own",
            )
        )
    base += spec.n_halfyear
    for j in range(spec.n_survey):
        plans.append(
            IndicatorPlan(
                base + j,
                f"enq-{j:03d}-score",
                f"Belevingsscore {j} (0-10)",
                "survey",
                "score_0_10",
                1,
                ("NL", "GG", "GM", "WK"),
                mean=rng.uniform(5.8, 7.9),
                polarity="higher_is_better",
                nature="perception",
                count_method="survey",
                provider="survey",
                breakdowns=("", *AGE_GROUPS),
            )
        )
    return plans


def periods_for(spec: Spec, plan: IndicatorPlan, years: range | None = None) -> list[str]:
    keys = []
    for year in years if years is not None else range(spec.first_year, spec.last_year + 1):
        keys.append(f"{year}JJ00")
        if plan.period_type == "year_halfyear":
            keys.extend([f"{year}HJ01", f"{year}HJ02"])
    return keys


def expected_observations(spec: Spec, areas: list[AreaPlan], indicators: list[IndicatorPlan]) -> int:
    """How many observations the generator writes (for checks and the marker)."""
    per_level: dict[str, int] = {}
    for a in areas:
        per_level[a.level] = per_level.get(a.level, 0) + 1
    total = 0
    for ind in indicators:
        periods = len(periods_for(spec, ind))
        for level in ind.levels:
            n = per_level.get(level, 0) * periods * len(ind.breakdowns)
            if level == "BU":
                n = n * min(spec.bu_years, spec.years) // spec.years
            total += n
    return total
