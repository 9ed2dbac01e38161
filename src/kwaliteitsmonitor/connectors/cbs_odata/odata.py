# SPDX-License-Identifier: EUPL-1.2
"""Pure decoding of saved or fetched OData responses into entity sets of rows, with paging checks.

A part is named like a file: ``TypedDataSet.json``, ``TypedDataSet.2.json`` (page 2), ... Its content is
a raw OData response (``{"value": [...], "odata.nextLink": ...}``; v4 spells it ``@odata.nextLink``), a
bare list of rows, a list of such responses (pages), or a singleton object (v4 ``Properties``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kwaliteitsmonitor.indicators.records import RecordError

PART_NAME = re.compile(r"^(?P<set>[A-Za-z][A-Za-z0-9_]*)(?:\.(?P<page>\d+))?\.json$")
_SKIP = re.compile(r"skip=(\d+)", re.IGNORECASE)

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    file: str
    rows: tuple[Row, ...]
    next_link: str = ""


EntitySets = dict[str, list[Page]]


def decode_parts(parts: Mapping[str, tuple[bytes, ...]]) -> tuple[EntitySets, list[RecordError]]:
    """Group the named parts into entity sets (pages in order) and check that no page is missing."""
    numbered: dict[str, list[tuple[int, list[Page]]]] = {}
    errors: list[RecordError] = []
    for name, chunks in parts.items():
        match = PART_NAME.match(name)
        if not match:
            continue
        pages: list[Page] = []
        for index, chunk in enumerate(chunks):
            label = name if len(chunks) == 1 else f"{name}[{index + 1}]"
            try:
                pages.extend(_pages(label, json.loads(chunk.decode("utf-8-sig"))))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                errors.append(RecordError(f"geen geldige JSON: {exc}", label))
            except ValueError as exc:
                errors.append(RecordError(str(exc), label))
        numbered.setdefault(match["set"], []).append((int(match["page"] or 1), pages))
    sets: EntitySets = {}
    for entity, numbered_pages in numbered.items():
        sets[entity] = [
            page for _number, pages in sorted(numbered_pages, key=lambda p: p[0]) for page in pages
        ]
        errors.extend(check_paging(sets[entity]))
    return sets, errors


def _pages(label: str, data: Any) -> list[Page]:
    if isinstance(data, dict):
        if "value" in data:
            return [_page(label, data)]
        return [Page(label, (data,))]  # a singleton such as v4 Properties
    if isinstance(data, list):
        if data and all(isinstance(item, dict) and isinstance(item.get("value"), list) for item in data):
            return [_page(f"{label}[{i + 1}]", item) for i, item in enumerate(data)]
        if all(isinstance(item, dict) for item in data):
            return [Page(label, tuple(data))]
    raise ValueError('verwacht een OData-antwoord ({"value": [...]}) of een lijst met rijen')


def _page(label: str, data: dict[str, Any]) -> Page:
    rows = data["value"]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("'value' moet een lijst met rijen zijn")
    link = data.get("odata.nextLink") or data.get("@odata.nextLink") or ""
    return Page(label, tuple(rows), str(link))


def check_paging(pages: list[Page]) -> list[RecordError]:
    """A page that announces a next page must be followed by it, starting at the announced offset."""
    errors = []
    for index, page in enumerate(pages):
        if not page.next_link:
            continue
        if index + 1 == len(pages):
            errors.append(
                RecordError(
                    "onvolledige download: deze pagina verwijst met nextLink naar een volgende pagina "
                    f"({page.next_link}) die ontbreekt",
                    page.file,
                )
            )
            continue
        skip = _SKIP.search(page.next_link)
        following = pages[index + 1]
        first_id = following.rows[0].get("ID", following.rows[0].get("Id")) if following.rows else None
        if skip and isinstance(first_id, int) and first_id != int(skip.group(1)):
            errors.append(
                RecordError(
                    f"pagina's sluiten niet aan: verwacht rij-ID {skip.group(1)}, gevonden {first_id}",
                    following.file,
                    1,
                )
            )
    return errors


def iter_rows(pages: list[Page]) -> Iterator[tuple[str, int, Row]]:
    """(file, row number within that file starting at 1, row)."""
    for page in pages:
        for number, row in enumerate(page.rows, start=1):
            yield page.file, number, row


def all_rows(sets: EntitySets, entity: str) -> list[Row]:
    return [row for page in sets.get(entity, []) for row in page.rows]
