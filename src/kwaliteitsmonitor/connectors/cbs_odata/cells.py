# SPDX-License-Identifier: EUPL-1.2
"""Pure helpers for CBS cells, keys, periods, statuses, units and area codes (DOMAIN.md §1.4, §1.5)."""

from __future__ import annotations

import math
import re
from typing import Any

# Cell symbols (StatLine "verklaring van symbolen"): never numbers. Blank = logically impossible → skipped.
SYMBOLS = frozenset({".", "x", "*", "**", "-", "?"})
SKIP = None  # a cell that can logically not occur: no record at all

CellValue = tuple[float | None, str]  # (value, value_attribute)

_STATUS = {"voorlopig": "voorlopig", "nader voorlopig": "nader_voorlopig", "definitief": "definitief"}
_V4_SKIP = {"impossible"}
_NUMERIC_SUFFIX = re.compile(r"^(?P<base>.+)_\d+$")


def strip_key(key: Any) -> str:
    """Dimension keys are right-padded with spaces in v3 (``'GM0363    '``, ``'1 '``)."""
    return str(key).strip() if key is not None else ""


def key_base(key: str) -> str:
    """``WmoClientenRelatief_101`` → ``WmoClientenRelatief``: stable across the yearly tables."""
    match = _NUMERIC_SUFFIX.match(key.strip())
    return match["base"] if match else key.strip()


def period_status(status: Any) -> str:
    """Map a Perioden ``Status`` to ours. Total: anything unknown or empty maps to ``""``."""
    if not isinstance(status, str):
        return ""
    return _STATUS.get(" ".join(status.split()).casefold(), "")


def read_v3_cell(raw: Any) -> CellValue | None:
    """A TypedDataSet or UntypedDataSet cell. Returns ``SKIP`` (None) for a blank cell.

    Raises ValueError with a Dutch message for text that is neither a number nor a CBS symbol.
    """
    if raw is None:
        return (None, ".")  # typed null: unknown, suppressed or not applicable; never 0
    if isinstance(raw, bool):
        raise ValueError(f"geen getal: {raw!r}")
    if isinstance(raw, int | float):
        return (_finite(float(raw), raw), "")
    text = str(raw).strip()
    if not text:
        return SKIP
    if text in SYMBOLS:
        return (None, text)
    try:
        value = float(text)  # CBS untyped values use a decimal point and no thousands separators
    except ValueError:
        raise ValueError(f"geen getal en geen CBS-teken: '{text}'") from None
    return (_finite(value, text), "")


def read_v4_cell(value: Any, attribute: Any) -> CellValue | None:
    """A v4 Observation: ``Value`` plus ``ValueAttribute`` (``None`` = a normal value)."""
    attr = strip_key(attribute)
    if attr.casefold() in _V4_SKIP:
        return SKIP
    if attr and attr != "None":
        return (None, ".") if value is None else (_number(value), attr[:12])
    if value is None:
        return (None, ".")
    return (_number(value), "")


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"geen getal: {value!r}")
    try:
        return _finite(float(value), value)
    except ValueError:
        raise ValueError(f"geen getal: '{value}'") from None


def _finite(value: float, raw: Any) -> float:
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"geen eindig getal: '{raw}'")
    return value


def region_code(key: Any) -> str:
    """Strip padding; CBS names the Netherlands ``NL01`` in RegioS and ``NL00`` in KWB: we use NL00."""
    code = strip_key(key).upper()
    return "NL00" if code == "NL01" else code


def area_level(code: str) -> str:
    return "NL" if code.startswith("NL") else code[:2]


def area_parent(code: str) -> str:
    prefix = code[:2]
    if prefix == "GM":
        return "NL00"
    if prefix == "WK" and len(code) >= 6:
        return "GM" + code[2:6]
    if prefix == "BU" and len(code) >= 8:
        return "WK" + code[2:8]
    return ""


_UNITS = [
    (re.compile(r"^aantal$|^personen$|^huishoudens$|^aantal personen$"), "count"),
    (re.compile(r"^%|^procent"), "pct"),
    (re.compile(r"^per 1[ .]?000(\b|$)"), "per_1000"),
    (re.compile(r"^per 10[ .]?000(\b|$)"), "per_10000"),
    (re.compile(r"^per 100(\b|$)"), "per_100"),
    (re.compile(r"^(x )?1[ .]?000 euro$"), "euro_1000"),
    (re.compile(r"^euro$|^€$"), "euro"),
    (re.compile(r"^dagen$"), "days"),
    (re.compile(r"^index"), "index"),
    (re.compile(r"^rapportcijfer|^score"), "score_0_10"),
]


def map_unit(label: str, presentation: str = "") -> str:
    """Our unit code for a CBS unit text; where nothing fits, a count (absolute) or a mean (relative)."""
    text = " ".join((label or "").split()).casefold()
    for pattern, code in _UNITS:
        if pattern.search(text):
            return code
    return "mean" if presentation.casefold() == "relative" or text.startswith("per ") else "count"
