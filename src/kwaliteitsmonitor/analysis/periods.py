# SPDX-License-Identifier: EUPL-1.2
"""CBS period keys: ``2024JJ00`` (year), ``2024HJ01``/``2024HJ02`` (half-year), ``2024KW03`` (quarter),
``2024MM11`` (month). A plain year (``2024``) is accepted as input and means ``2024JJ00``.

Half-years never add up to years: counts are "during the period", so a year is not H1 + H2
(DOMAIN.md §1.4). Nothing here aggregates over periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

_PERIOD = re.compile(r"^(?P<year>\d{4})(?P<kind>JJ|HJ|KW|MM)(?P<num>\d{2})$")
KIND_ORDER = {"JJ": 0, "HJ": 1, "KW": 2, "MM": 3}
KIND_NAMES = {"JJ": "year", "HJ": "halfyear", "KW": "quarter", "MM": "month"}
_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


class PeriodError(ValueError):
    """A period key that does not follow the CBS grammar."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # JJ, HJ, KW, MM
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}{self.kind}{self.number:02d}"

    @property
    def type(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def label(self) -> str:
        """Dutch label as StatLine shows it."""
        if self.kind == "JJ":
            return str(self.year)
        if self.kind == "HJ":
            return f"{self.number}e halfjaar {self.year}"
        if self.kind == "KW":
            return f"{self.number}e kwartaal {self.year}"
        return f"{_MONTHS[self.number - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        if self.kind == "JJ":
            return str(self.year)
        if self.kind == "HJ":
            return f"{self.year}-H{self.number}"
        if self.kind == "KW":
            return f"{self.year}-K{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def midpoint(self) -> float:
        """Decimal year at the middle of the period, for trends over mixed period lengths."""
        if self.kind == "JJ":
            return self.year + 0.5
        if self.kind == "HJ":
            return self.year + (0.25 if self.number == 1 else 0.75)
        if self.kind == "KW":
            return self.year + (self.number - 0.5) / 4
        return self.year + (self.number - 0.5) / 12

    def __str__(self) -> str:
        return self.key


@lru_cache(maxsize=4096)
def parse_period(text: str | int) -> Period:
    """Parse a CBS period key or a plain year. Raises :class:`PeriodError` with a Dutch message."""
    raw = str(text).strip().upper()
    if re.fullmatch(r"\d{4}", raw):
        return Period(int(raw), "JJ", 0)
    match = _PERIOD.match(raw)
    if not match:
        raise PeriodError(
            f"'{text}' is geen geldige periode; gebruik een jaartal (2024) of een CBS-periode "
            "(2024JJ00, 2024HJ01, 2024KW01, 2024MM01)"
        )
    year, kind, num = int(match["year"]), match["kind"], int(match["num"])
    limits = {"JJ": (0, 0), "HJ": (1, 2), "KW": (1, 4), "MM": (1, 12)}
    low, high = limits[kind]
    if not low <= num <= high:
        raise PeriodError(f"'{text}' is geen geldige periode: volgnummer {num:02d} bestaat niet voor {kind}")
    return Period(year, kind, num)


def dutch_date(value: date | datetime | None) -> str:
    """A date the Dutch way, as every page writes it: ``1 juni 2026`` ("" for none)."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def normalise_period(text: str | int) -> str:
    return parse_period(text).key


@lru_cache(maxsize=4096)
def period_label(key: str) -> str:
    try:
        return parse_period(key).label
    except PeriodError:
        return key


@lru_cache(maxsize=4096)
def period_sort_key(key: str) -> tuple[float, int]:
    """Chronological order by the middle of the period (a year sorts between its H1 and H2)."""
    p = parse_period(key)
    return (p.midpoint, KIND_ORDER[p.kind])


def same_type(keys: list[str], kind: str) -> list[str]:
    """Keep only periods of one kind (``JJ`` or ``HJ``), sorted: a series never mixes them."""
    return sorted((k for k in keys if parse_period(k).kind == kind), key=period_sort_key)
