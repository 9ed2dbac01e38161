# SPDX-License-Identifier: EUPL-1.2
"""Typed records of the area connector: an area as one vintage describes it, and a membership. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base import ParseResult

LEVELS = ("NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU")
CODE = re.compile(
    r"^(?:NL\d{2}|PV\d{2}|CR\d{2}|JZ\d{2}|GG\d{4}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$", re.ASCII
)
# Padding of bare numbers per level (corop.generated.csv has "0632" and "17").
PAD = {"GM": 4, "WK": 6, "BU": 8, "PV": 2, "CR": 2, "JZ": 2, "GG": 4}
KIND_PREFIX = {"provincie": "PV", "corop": "CR", "jeugdregio": "JZ", "ggdregio": "GG"}
_WATER = re.compile(r"\bwater\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AreaRecord:
    code: str
    name: str
    level: str
    year: int
    parent_code: str = ""
    geometry: str = ""  # GeoJSON text, WGS84, simplified; "" when the source has no boundary
    is_pseudo: bool = False
    source: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    area_code: str  # a gemeente
    kind: str  # MembershipKind value
    year: int
    group_code: str
    group_name: str = ""
    file: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class AreaParse(ParseResult):
    """What the area connector parses: vintages of areas, memberships, and whether members of the region
    layer(s) in this file must be found by location (a boundary file without member lists)."""

    vintages: tuple[AreaRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    locate_members: tuple[tuple[str, int], ...] = ()  # (membership kind, year)


def normalise_code(raw: object, level: str = "") -> str:
    """``GM0632`` stays; ``632`` or ``0632`` with level GM becomes ``GM0632``; CBS padding is stripped."""
    text = str(raw).strip().upper() if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if CODE.match(text) or not text:
        return text
    if level in PAD and text.isdigit() and len(text) <= PAD[level]:
        return f"{level}{int(text):0{PAD[level]}d}"
    return text


def level_of(code: str) -> str:
    return code[:2] if CODE.match(code) else ""


def parent_of(code: str) -> str:
    """The administrative parent a CBS code embeds: BU06320101 → WK063201 → GM0632."""
    level = level_of(code)
    if level == "BU":
        return "WK" + code[2:8]
    if level == "WK":
        return "GM" + code[2:6]
    return ""


def is_pseudo(code: str, name: str, water_flag: object = None) -> bool:
    """Water pseudo-wijken/-buurten (``WKxxxx99`` "Groot water") and "Buitenland" (GM0998)."""
    if name.strip().casefold() == "buitenland" or code == "GM0998":
        return True
    if str(water_flag or "").strip().upper() in {"JA", "TRUE", "1", "YES"}:
        return True
    level = level_of(code)
    pseudo_code = (level == "WK" and code.endswith("99")) or (level == "BU" and code.endswith("9999"))
    return pseudo_code and bool(_WATER.search(name))
