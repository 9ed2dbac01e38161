# SPDX-License-Identifier: EUPL-1.2
"""Column names of the two spreadsheet templates (English and Dutch) and the options of a tabular import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..files import Table, normalise_header

LONG: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicatorcode", "indicator_code"),
    "area": ("area", "gebied", "gebiedscode", "regio", "regiocode"),
    "period": ("period", "periode", "jaar", "year"),
    "breakdown": ("breakdown", "uitsplitsing"),
    "value": ("value", "waarde"),
    "numerator": ("numerator", "teller"),
    "denominator": ("denominator", "noemer"),
    "ci_low": ("ci_low", "ondergrens"),
    "ci_high": ("ci_high", "bovengrens"),
    "n": ("n", "aantal_waarnemingen"),
    "status": ("status",),
    "source": ("source", "bron"),
}
LONG_REQUIRED = ("indicator", "area", "period", "value")
WIDE_AREA = (
    "area",
    "gebied",
    "gebiedscode",
    "code",
    "statcode",
    "regiocode",
    "buurtcode",
    "wijkcode",
    "gemeentecode",
    "geoitem",
)  # fmt: skip  (the most specific code first: a buurt file also names its wijk and gemeente)
WIDE_PERIOD = ("period", "periode", "jaar", "year")
LABEL_COLUMNS = {
    "naam",
    "name",
    "gebiedsnaam",
    "gemeentenaam",
    "wijknaam",
    "buurtnaam",
    "omschrijving",
    "statnaam",
}

STATUS = {
    "": "",
    "voorlopig": "voorlopig",
    "*": "voorlopig",
    "nader voorlopig": "nader_voorlopig",
    "nader_voorlopig": "nader_voorlopig",
    "**": "nader_voorlopig",
    "definitief": "definitief",
}


@dataclass(frozen=True)
class TabularOptions:
    layout: str = "auto"  # auto | long | wide
    period: str = ""
    area_column: str = ""
    area_format: str = ""
    indicator_prefix: str = ""
    create_indicators: bool = False
    create_areas: bool = False
    decimal: str = ""
    sheet: str = ""
    encoding: str = ""
    rename: Mapping[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    columns: tuple[str, ...] = ()  # --columns: only these value columns
    # Indicator contract fields from --unit/--provider/--decimals/--set: for every new indicator, and per
    # column (header or indicator code); errors name the option.
    definition_all: Mapping[str, str] = field(default_factory=dict)
    definition_per_column: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    option_errors: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> TabularOptions:
        renames = {}
        for item in _as_list(options.get("rename")):
            old, _, new = str(item).partition("=")
            renames[old.strip()] = new.strip()
        ignore = {
            normalise_header(name)
            for item in _as_list(options.get("ignore_columns"))
            for name in str(item).split(",")
        }
        return cls(
            layout=str(options.get("layout") or "auto"),
            period=str(options.get("period") or ""),
            area_column=str(options.get("area_column") or ""),
            area_format=str(options.get("area_format") or ""),
            indicator_prefix=str(options.get("indicator_prefix") or ""),
            create_indicators=bool(options.get("create_indicators")),
            create_areas=bool(options.get("create_areas")),
            decimal=str(options.get("decimal") or ""),
            sheet=str(options.get("sheet") or ""),
            encoding=str(options.get("encoding") or ""),
            rename=renames,
            ignore=frozenset(ignore),
            columns=tuple(
                name.strip()
                for item in _as_list(options.get("columns"))
                for name in str(item).split(",")
                if name.strip()
            ),
            **definition_options(options),
        )


DEFINITION_OPTIONS = {"unit": "unit", "provider": "provider", "decimals": "decimals"}


def definition_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """``--unit pct`` (all) or ``--unit 'wmo_per_1000=per_1000'`` (one column), the same for
    ``--provider`` and ``--decimals``, and ``--set [KOLOM:]VELD=WAARDE`` for any other field."""
    every: dict[str, str] = {}
    per_column: dict[str, dict[str, str]] = {}
    errors: list[str] = []
    for option, name in DEFINITION_OPTIONS.items():
        for item in _as_list(options.get(option)):
            column, _, value = str(item).rpartition("=")
            target = per_column.setdefault(column.strip(), {}) if column.strip() else every
            target[name] = value.strip()
    for item in _as_list(options.get("set")):
        left, equals, value = str(item).partition("=")
        column, _, name = left.rpartition(":")
        if not equals or not name.strip():
            errors.append(f"--set '{item}': schrijf VELD=WAARDE of KOLOM:VELD=WAARDE")
            continue
        target = per_column.setdefault(column.strip(), {}) if column.strip() else every
        target[name.strip().lower()] = value.strip()
    return {"definition_all": every, "definition_per_column": per_column, "option_errors": tuple(errors)}


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def locate(table: Table, aliases: tuple[str, ...]) -> int | None:
    for alias in aliases:
        index = table.column(alias)
        if index is not None:
            return index
    return None


def long_columns(table: Table) -> dict[str, int]:
    return {name: index for name, aliases in LONG.items() if (index := locate(table, aliases)) is not None}


def looks_long(table: Table) -> bool:
    return locate(table, LONG["indicator"]) is not None
