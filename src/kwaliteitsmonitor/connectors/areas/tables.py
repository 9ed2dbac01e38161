# SPDX-License-Identifier: EUPL-1.2
"""Areas and memberships from a table: a CSV/XLSX (e.g. ``corop.generated.csv``) or the CBS table
"Gebieden in Nederland" (saved OData responses: ``DataProperties.json`` + ``TypedDataSet.json``).

In a table, every row names a gemeente (or wijk/buurt) and optionally the groups it belongs to. Several
rows per gemeente (one per woonplaats) are fine as long as they agree. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kwaliteitsmonitor.indicators.records import RecordError

from ..files import Table, cell_text, normalise_header
from .parse import AreaOptions, year_from_name
from .records import (
    CODE,
    KIND_PREFIX,
    AreaParse,
    AreaRecord,
    MembershipRecord,
    is_pseudo,
    level_of,
    normalise_code,
)
from .records import parent_of as code_parent

_CODE_COLUMNS = (
    "code",
    "gebiedscode",
    "statcode",
    "buurtcode",
    "wijkcode",
    "gemeentecode",
    "gm_code",
    "regiocode",
)
_NAME_COLUMNS = ("naam", "name", "statnaam", "buurtnaam", "wijknaam", "gemeentenaam", "gemeente")
_YEAR_COLUMNS = ("jaar", "year")
# membership kind → (code column names, name column names)
_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "corop": (("corop_gebiedcode", "coropcode", "corop_code", "corop"), ("corop_gebied", "coropnaam")),
    "provincie": (("provinciecode", "provincie_code"), ("provincie", "provincienaam")),
    "jeugdregio": (
        ("jeugdregiocode", "jeugdzorgregiocode", "jeugdregio_code"),
        ("jeugdregio", "jeugdzorgregio"),
    ),
    "ggdregio": (("ggdregiocode", "ggd_regiocode", "ggdcode"), ("ggdregio", "ggd_regio")),
    "stedelijkheid": (("stedelijkheid", "stedelijkheidsklasse"), ()),
    "grootteklasse": (("grootteklasse", "gemeentegrootte", "gemeentegrootteklasse"), ()),
}
# "Gebieden in Nederland": topic group titles (lower case, start) → membership kind or the gemeente itself.
_GIN_GROUPS = {
    "gemeente": "gemeente",
    "corop-gebied": "corop",
    "provincie": "provincie",
    "jeugdregio": "jeugdregio",
    "ggd-regio": "ggdregio",
    "gemeentegrootte": "grootteklasse",
    "stedelijkheid": "stedelijkheid",
}


def _find(table: Table, names: tuple[str, ...]) -> int | None:
    for name in names:
        if (index := table.column(name)) is not None:
            return index
    return None


def parse_area_table(table: Table, options: AreaOptions) -> AreaParse:
    code_at = _find(table, _CODE_COLUMNS)
    if code_at is None:
        return AreaParse(
            errors=(
                RecordError(
                    "kolom met gebiedscodes ontbreekt (code, gemeentecode, ...)", table.file, 1, "code"
                ),
            )
        )
    name_at, year_at = _find(table, _NAME_COLUMNS), _find(table, _YEAR_COLUMNS)
    groups = {
        kind: (code_index, _find(table, names))
        for kind, (codes, names) in _GROUPS.items()
        if (code_index := _find(table, codes)) is not None
    }
    year = options.year or year_from_name(table.file)
    if year is None and year_at is None:
        return AreaParse(
            errors=(RecordError("het jaar staat niet in het bestand: geef --year op", table.file, 1, "jaar"),)
        )
    rows = [
        (number, {"code": cells[code_at], "name": cells[name_at] if name_at is not None else None,
                  "year": cells[year_at] if year_at is not None else year,
                  **{kind: (cells[c], cells[n] if n is not None else None)
                     for kind, (c, n) in groups.items()}})
        for number, cells in table.rows
    ]  # fmt: skip
    header = {"code": table.header[code_at], **{kind: table.header[c] for kind, (c, _n) in groups.items()}}
    return _collect(rows, table.file, options, header)


def _collect(
    rows: list[tuple[int, dict[str, Any]]], file: str, options: AreaOptions, header: Mapping[str, str]
) -> AreaParse:
    errors: list[RecordError] = []
    vintages: dict[tuple[str, int], AreaRecord] = {}
    groups: dict[tuple[str, int], AreaRecord] = {}
    members: dict[tuple[str, str, int], MembershipRecord] = {}
    for number, row in rows:
        code = normalise_code(row["code"], options.level or "GM")
        year = _year(row["year"])
        if not CODE.match(code) or year is None:
            bad = header["code"] if not CODE.match(code) else "jaar"
            errors.append(
                RecordError(f"ongeldige gebiedscode of jaar: '{cell_text(row['code'])}'", file, number, bad)
            )
            continue
        name = cell_text(row["name"]) or code
        vintages.setdefault(
            (code, year),
            AreaRecord(
                code, name, level_of(code), year, code_parent(code), "", is_pseudo(code, name), file, number
            ),
        )
        for kind in KIND_PREFIX.keys() | {"stedelijkheid", "grootteklasse"}:
            if kind not in row or row[kind][0] is None:
                continue
            record = _membership(kind, row[kind], code, year, file, number)
            if record is None:
                errors.append(
                    RecordError(
                        f"ongeldige code '{cell_text(row[kind][0])}'", file, number, header.get(kind, kind)
                    )
                )
                continue
            earlier = members.setdefault((code, kind, year), record)
            if earlier.group_code != record.group_code:
                message = (
                    f"{code} hoort in {year} al bij {earlier.group_code} (rij {earlier.row}), "
                    f"hier bij {record.group_code}"
                )
                errors.append(RecordError(message, file, number, header.get(kind, kind)))
            if kind in KIND_PREFIX:
                name_of_group = record.group_name or record.group_code
                groups.setdefault(
                    (record.group_code, year),
                    AreaRecord(
                        record.group_code, name_of_group, KIND_PREFIX[kind], year, "", "", False, file, number
                    ),
                )
    return AreaParse(
        errors=tuple(errors[:1000]),
        vintages=(*groups.values(), *vintages.values()),
        memberships=tuple(members.values()),
    )  # fmt: skip


def _year(value: object) -> int | None:
    text = cell_text(value)  # type: ignore[arg-type]
    return int(text[:4]) if text[:4].isdigit() else None


def _membership(
    kind: str, cells: tuple[object, object], code: str, year: int, file: str, row: int
) -> MembershipRecord | None:
    raw, name = cell_text(cells[0]), cell_text(cells[1])  # type: ignore[arg-type]
    if kind in KIND_PREFIX:
        group = normalise_code(raw, KIND_PREFIX[kind])
        if level_of(group) != KIND_PREFIX[kind]:
            return None
        return MembershipRecord(code, kind, year, group, name, file, row)
    digits = raw.split()[0] if raw else ""
    limit = 5 if kind == "stedelijkheid" else 8
    if not (digits.isdigit() and 1 <= int(digits) <= limit):
        return None
    return MembershipRecord(code, kind, year, str(int(digits)), file=file, row=row)


# --- Gebieden in Nederland (CBS 85067NED and its yearly successors) ---------------------------------


def parse_gebieden(parts: Mapping[str, bytes], label: str, options: AreaOptions) -> AreaParse:
    try:
        properties = _odata_list(parts["DataProperties.json"])
        rows = _odata_list(parts.get("TypedDataSet.json") or parts["UntypedDataSet.json"])
    except (KeyError, ValueError) as exc:
        return AreaParse(
            errors=(RecordError(f"'Gebieden in Nederland' onvolledig of onleesbaar: {exc}", label),)
        )
    keys = _gebieden_keys(properties)
    if "gemeente" not in keys:
        return AreaParse(
            errors=(
                RecordError(
                    "geen onderwerpgroep 'Gemeente' met een 'Code' in DataProperties", "DataProperties.json"
                ),
            )
        )
    year = options.year or year_from_name(label) or _table_year(parts)
    if year is None:
        return AreaParse(
            errors=(RecordError("het jaar van de indeling is onbekend: geef --year op", label, None, "jaar"),)
        )
    code_key, name_key = keys["gemeente"]
    table_rows = [
        (number, {"code": row.get(code_key), "name": row.get(name_key), "year": year,
                  **{kind: (row.get(c), row.get(n) if n else None)
                     for kind, (c, n) in keys.items() if kind != "gemeente"}})
        for number, row in enumerate(rows, start=1)
    ]  # fmt: skip
    header = {"code": code_key, **{kind: c for kind, (c, _n) in keys.items()}}
    return _collect(table_rows, "TypedDataSet.json", options, header)


def _odata_list(data: bytes) -> list[dict[str, Any]]:
    document = json.loads(data.decode("utf-8-sig"))
    value = document.get("value") if isinstance(document, dict) else document
    if not isinstance(value, list):
        raise ValueError("verwacht een lijst of {'value': [...]}")
    return value


def _gebieden_keys(properties: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Resolve ``Code_n``/``Naam_m`` by the title of their topic group, never by the numeric suffix."""
    groups = {
        p.get("ID"): str(p.get("Title", "")).strip().lower()
        for p in properties
        if p.get("Type") == "TopicGroup"
    }
    found: dict[str, dict[str, str]] = {}
    for prop in properties:
        group_title = groups.get(prop.get("ParentID"), "")
        kind = next((k for title, k in _GIN_GROUPS.items() if group_title.startswith(title)), None)
        if (
            kind is None
            or prop.get("Type") != "Topic"
            or (kind in found and "code" in found[kind] and "name" in found[kind])
        ):
            continue
        title = str(prop.get("Title", "")).strip().lower()
        slot = (
            "code"
            if title.startswith("code")
            else "name"
            if title.startswith(("naam", "omschrijving"))
            else ""
        )
        if slot:
            found.setdefault(kind, {}).setdefault(slot, str(prop["Key"]))
    return {kind: (keys["code"], keys.get("name", "")) for kind, keys in found.items() if "code" in keys}


def _table_year(parts: Mapping[str, bytes]) -> int | None:
    if "TableInfos.json" not in parts:
        return None
    infos = _odata_list(parts["TableInfos.json"])
    text = " ".join(str(infos[0].get(k, "")) for k in ("Title", "Period")) if infos else ""
    return year_from_name(normalise_header(text))
