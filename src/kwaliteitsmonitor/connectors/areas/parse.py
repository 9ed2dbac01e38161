# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of area files: GeoJSON, TopoJSON (WGS84 or RD), CSV/XLSX and "Gebieden in Nederland".

Level and year come from the file where it says them (codes like ``GM0363``, properties ``jaar``,
``jrstatcode``, ``metadata.year``, keys like ``BU_2014``, the file name), else from ``--level``/``--year``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kwaliteitsmonitor.analysis.vocabulary import size_class_for
from kwaliteitsmonitor.indicators.records import RecordError

from ..files import is_sentinel
from .geometry import checked_geometry, decode_topojson, first_coordinate, is_rd
from .records import (
    CODE,
    LEVELS,
    AreaParse,
    AreaRecord,
    MembershipRecord,
    is_pseudo,
    level_of,
    normalise_code,
    parent_of,
)

_NAME_KEYS = {
    "BU": ("buurtnaam", "bu_naam"),
    "WK": ("wijknaam", "wk_naam"),
    "GM": ("gemeentenaam", "gm_naam"),
}
_GENERIC_NAMES = ("statnaam", "naam", "name")
_YEAR_KEYS = ("jaar", "year")
_URBANITY_KEYS = ("stedelijkheid", "stedelijkheidadressenperkm2")
_POPULATION_KEYS = ("aantal_inwoners", "aantalinwoners", "inwoners")
REGION_KIND = {"JZ": "jeugdregio", "GG": "ggdregio", "PV": "provincie", "CR": "corop"}


@dataclass(frozen=True)
class AreaOptions:
    level: str = ""
    year: int | None = None


def year_from_name(name: str) -> int | None:
    match = re.search(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)", name)
    return int(match.group(1)) if match else None


def parse_json_areas(data: bytes, file: str, options: AreaOptions) -> AreaParse:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        row = getattr(exc, "lineno", None)
        return AreaParse(errors=(RecordError(f"geen geldige JSON: {exc}", file, row),))
    if not isinstance(document, dict):
        return AreaParse(errors=(RecordError("verwacht een GeoJSON- of TopoJSON-object", file),))
    if document.get("type") == "Topology":
        features = [f for group in decode_topojson(document).values() for f in group]
    elif document.get("type") == "FeatureCollection":
        features = list(document.get("features") or [])
    else:
        return AreaParse(errors=(RecordError("verwacht een FeatureCollection (GeoJSON) of Topology", file),))
    meta_year = (
        (document.get("metadata") or {}).get("year") if isinstance(document.get("metadata"), dict) else None
    )
    return _features(features, file, options, meta_year, _is_rd_crs(document))


def _is_rd_crs(document: Mapping[str, Any]) -> bool | None:
    name = str(((document.get("crs") or {}).get("properties") or {}).get("name", ""))
    if "28992" in name:
        return True
    return False if name else None


def _code_key(features: list[dict[str, Any]]) -> str | None:
    """The property holding the most specific CBS code (a buurt file also names its wijk and gemeente)."""
    best, best_rank = None, -1
    sample = [f.get("properties") or {} for f in features[:20]]
    for key in sample[0] if sample else {}:
        values = [normalise_code(p.get(key)) for p in sample]
        levels = {level_of(v) for v in values if v} - {""}
        if len(levels) == 1 and sum(1 for v in values if CODE.match(v)) >= 0.5 * len(values):
            rank = LEVELS.index(levels.pop())
            if rank > best_rank:
                best, best_rank = key, rank
    return best


def _features(
    features: list[dict[str, Any]], file: str, options: AreaOptions, meta_year: object, rd_crs: bool | None
) -> AreaParse:
    if not features:
        return AreaParse(errors=(RecordError("het bestand bevat geen gebieden", file),))
    key = _code_key(features) or _fallback_key(features, options)
    if key is None:
        message = "geen kolom met gebiedscodes (GM…, WK…, BU…) gevonden; geef --level op bij kale nummers"
        return AreaParse(errors=(RecordError(message, file, None, "statcode"),))
    file_year, errors = _file_year(features, file, options, meta_year)
    rd = is_rd(first_coordinate(features[0].get("geometry"))) if rd_crs is None else rd_crs
    vintages, memberships, seen, repaired = [], [], dict[tuple[str, int], int](), []
    for number, feature in enumerate(features, start=1):
        props = {k.lower(): v for k, v in (feature.get("properties") or {}).items()}
        code = normalise_code(props.get(key.lower()), options.level)
        year = _feature_year(props) or file_year
        if not CODE.match(code):
            errors.append(RecordError(f"'{code}' is geen CBS-gebiedscode", file, number, key))
            continue
        if year is None:
            continue  # reported once by _file_year
        if (code, year) in seen:
            errors.append(
                RecordError(
                    f"{code} staat dubbel in {year} (ook object {seen[code, year]})", file, number, key
                )
            )
            continue
        seen[code, year] = number
        level = level_of(code)
        name = _name(props, level) or code
        parent = _parent(props, level) or parent_of(code)
        geometry, fixed = checked_geometry(feature.get("geometry"), level, rd=rd)
        if fixed:
            repaired.append(f"{code} ({name}, {year})")
        pseudo = is_pseudo(code, name, props.get("water"))
        vintages.append(AreaRecord(code, name, level, year, parent, geometry, pseudo, file, number))
        if level == "GM" and not pseudo:
            memberships.extend(_property_memberships(props, code, year, file, number))
    region_years = {(REGION_KIND[v.level], v.year) for v in vintages if v.level in REGION_KIND}
    warnings = ("coördinaten in RD New (EPSG:28992), omgerekend naar WGS84",) if rd else ()
    warnings += tuple(
        f"{file}: ongeldige grens van {area} hersteld "
        "(zelfdoorsnijding of rakende ringen; shapely make_valid)"
        for area in repaired
    )
    return AreaParse(
        errors=tuple(errors[:1000]),
        warnings=warnings,
        vintages=tuple(vintages),
        memberships=tuple(memberships),
        locate_members=tuple(sorted(region_years)),
    )


def _fallback_key(features: list[dict[str, Any]], options: AreaOptions) -> str | None:
    if not options.level:
        return None
    props = features[0].get("properties") or {}
    for key in ("statcode", "code", "id", f"{options.level.lower()}_code"):
        for actual in props:
            if actual.lower() == key:
                return str(actual)
    return None


def _file_year(
    features: list[dict[str, Any]], file: str, options: AreaOptions, meta_year: object
) -> tuple[int | None, list[RecordError]]:
    props = {k.lower(): v for k, v in (features[0].get("properties") or {}).items()}
    stated = _feature_year(props) or _int(meta_year) or _year_in_keys(props)
    if stated and options.year and stated != options.year:
        message = f"het bestand zegt jaar {stated}, --year zegt {options.year}"
        return None, [RecordError(message, file, None, "jaar")]
    year = stated or options.year or year_from_name(file)
    if year is None:
        return None, [
            RecordError(
                "het jaar van de indeling staat niet in het bestand: geef --year op", file, None, "jaar"
            )
        ]
    return year, []


def _feature_year(props: Mapping[str, Any]) -> int | None:
    for key in _YEAR_KEYS:
        if (value := _int(props.get(key))) and 1900 < value < 2100:
            return value
    match = re.match(r"^(\d{4})[A-Z]{2}", str(props.get("jrstatcode") or ""))
    return int(match.group(1)) if match else None


def _year_in_keys(props: Mapping[str, Any]) -> int | None:
    """Keys like ``BU_2014``/``GM_2014`` (CBS wijk- en buurtkaart) carry the year of the indeling."""
    years = {int(m.group(1)) for k in props if (m := re.match(r"^(?:bu|wk|gm)_?(\d{4})$", k))}
    return years.pop() if len(years) == 1 else None


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None


def _name(props: Mapping[str, Any], level: str) -> str:
    for key in (*_NAME_KEYS.get(level, ()), *_GENERIC_NAMES):
        if props.get(key):
            return str(props[key]).strip()
    return ""


def _parent(props: Mapping[str, Any], level: str) -> str:
    parent_level = {"BU": "WK", "WK": "GM"}.get(level)
    if not parent_level:
        return ""
    for key in (f"{parent_level.lower()}code", f"{parent_level.lower()}_code"):
        code = normalise_code(props.get(key), parent_level)
        if level_of(code) == parent_level:
            return code
    for value in props.values():  # e.g. WK_2014: "WK019310"
        code = normalise_code(value) if isinstance(value, str) else ""
        if level_of(code) == parent_level:
            return code
    return ""


def _property_memberships(
    props: Mapping[str, Any], code: str, year: int, file: str, row: int
) -> list[MembershipRecord]:
    found = []
    for key in _URBANITY_KEYS:
        value = _int(props.get(key))
        if value is not None and 1 <= value <= 5:
            found.append(MembershipRecord(code, "stedelijkheid", year, str(value), file=file, row=row))
            break
    for key in _POPULATION_KEYS:
        value = props.get(key)
        if isinstance(value, int | float) and value >= 0 and not is_sentinel(float(value)):
            found.append(
                MembershipRecord(code, "grootteklasse", year, size_class_for(value), file=file, row=row)
            )
            break
    return found
