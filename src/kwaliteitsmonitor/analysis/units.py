# SPDX-License-Identifier: EUPL-1.2
"""Units of measure and Dutch number formatting (``8,2``, ``1.000``, ``12,5%``)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    label: str  # Dutch, as shown after a value
    long_label: str
    additive: bool  # may values be summed over areas?
    rate_factor: float | None = None  # for rates: the factor (100, 1000, 10000)


UNITS: dict[str, Unit] = {
    u.code: u
    for u in [
        Unit("count", "", "aantal", additive=True),
        Unit("pct", "%", "percentage", additive=False, rate_factor=100),
        Unit("per_100", "per 100", "aantal per 100", additive=False, rate_factor=100),
        Unit("per_1000", "per 1.000", "aantal per 1.000", additive=False, rate_factor=1000),
        Unit("per_10000", "per 10.000", "aantal per 10.000", additive=False, rate_factor=10000),
        Unit("score_0_10", "", "score (0–10)", additive=False),
        Unit("mean", "", "gemiddelde", additive=False),
        Unit("euro", "euro", "bedrag in euro", additive=True),
        Unit("euro_1000", "× € 1.000", "bedrag in 1.000 euro", additive=True),
        Unit("days", "dagen", "aantal dagen", additive=False),
        Unit("index", "", "index", additive=False),
        Unit("ratio", "", "verhouding", additive=False),
        Unit("text", "", "tekst", additive=False),
    ]
}
UNIT_CHOICES = [(u.code, u.long_label) for u in UNITS.values()]


def unit(code: str) -> Unit:
    return UNITS.get(code, Unit(code, code, code, additive=False))


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Format the Dutch way: thousands with a dot, decimals with a comma. ``None`` gives ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:,.{max(decimals, 0)}f}"
    text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    if text.startswith("-") and set(text[1:]) <= {"0", ",", "."}:
        text = text[1:]  # no "-0,0"
    return text


def format_delivered(value: float | int) -> str:
    """A number as it was delivered, with all its decimals, the Dutch way (for messages about input):
    ``1.200``, ``-3``, ``8,25``."""
    if float(value).is_integer():
        return format_number(value, 0)
    return repr(float(value)).replace(".", ",")


def format_value(value: float | int | None, unit_code: str, decimals: int = 0) -> str:
    """A value with its unit, e.g. ``12,5%``, ``57 per 1.000``, ``€ 1.200``, ``7,8``."""
    if value is None:
        return ""
    number = format_number(value, decimals)
    if unit_code == "pct":
        return f"{number}%"
    if unit_code == "euro":
        return f"€ {number}"
    label = unit(unit_code).label
    return f"{number} {label}".strip()


def parse_dutch_number(text: str) -> float:
    """Parse ``1.234,5``, ``1234,5``, ``1,234.5``, ``1234.5``, ``12,5%``. Raises ValueError."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if raw.startswith("€"):
        raw = raw[1:]
    if not raw:
        raise ValueError("leeg")
    has_comma, has_dot = "," in raw, "." in raw
    if has_comma and has_dot:
        if raw.rfind(",") > raw.rfind("."):  # 1.234,5
            raw = raw.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            raw = raw.replace(",", "")
    elif has_comma:
        # "1,234,567" has thousands separators; "1234,5" a decimal comma
        raw = raw.replace(",", "") if raw.count(",") > 1 else raw.replace(",", ".")
    elif has_dot and raw.count(".") > 1:  # 1.234.567
        raw = raw.replace(".", "")
    elif has_dot:
        whole, frac = raw.split(".")
        # "1.000" in a Dutch file is a thousand, not one: three digits after a single dot and a
        # whole part of 1–3 digits is read as a thousands separator.
        if len(frac) == 3 and 1 <= len(whole.lstrip("-")) <= 3 and whole.lstrip("-") != "0":
            raw = whole + frac
    value = float(raw)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("geen eindig getal")
    return value
