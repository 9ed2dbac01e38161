# SPDX-License-Identifier: EUPL-1.2
"""Shared constants and the deterministic random source of the demo generator.

Every random draw comes from :func:`rng`, seeded from a fixed seed and a name (CRC-32, not
``hash()``, which Python randomises per process), so the demo writes the same content on every run.
"""

from __future__ import annotations

import random
import zlib

SEED = 20230101
FIRST_YEAR = 2016
LAST_YEAR = 2025
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
SURVEY_WAVES = [2016, 2018, 2020, 2022, 2024]
GGD_WAVES = [2016, 2020, 2022, 2024]
NEXT_HALF_YEAR = f"{LAST_YEAR + 1}HJ01"  # published as voorlopig, the year itself is not yet complete
AGE_GROUPS = ["16-34", "35-54", "55-74", "75+"]

CONNECTOR = "demo"
ACTOR = "kwaliteitsmonitor demo"
NOTE = "fictieve demogegevens"
SOURCE_PREFIX = "Fictief, naar het model van"

NL = "NL00"
MUNICIPALITY = "GM9001"
MUNICIPALITY_NAME = "Voorbeeldstad"
# Area codes in these ranges are never given out by CBS; they mark the fictitious demo areas.
DEMO_PREFIXES = ("PV9", "CR9", "JZ9", "GG9", "GM9", "WK9", "BU9")


def rng(*parts: object) -> random.Random:
    """A random generator of its own for every named part of the demo."""
    key = "|".join(str(p) for p in (SEED, *parts))
    return random.Random(zlib.crc32(key.encode("utf-8")))


def figure_status(period: str) -> str:
    """CBS practice: the latest year voorlopig, the one before nader voorlopig, older definitief."""
    year = int(period[:4])
    if year >= LAST_YEAR:
        return "voorlopig"
    if year == LAST_YEAR - 1:
        return "nader_voorlopig"
    return "definitief"


def year_key(year: int) -> str:
    return f"{year}JJ00"


def half_year_periods() -> list[str]:
    """All periods of a half-year-and-year indicator: H1, H2 and the year, plus the next H1."""
    periods = []
    for year in YEARS:
        periods += [f"{year}HJ01", f"{year}HJ02", year_key(year)]
    return [*periods, NEXT_HALF_YEAR]


def is_demo_code(code: str) -> bool:
    return code.startswith(DEMO_PREFIXES)


# The demo's report periods are its own (fictitious, removed with the demo): "Najaarsnota 2025 (fictief)".
DEMO_PERIOD_PREFIX = "demo-"
