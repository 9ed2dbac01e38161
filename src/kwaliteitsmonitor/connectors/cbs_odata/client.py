# SPDX-License-Identifier: EUPL-1.2
"""I/O only: read a directory of saved CBS responses, or download a table live.

Live downloads use the bulk **ODataFeed** of v3 (``https://opendata.cbs.nl/ODataFeed/odata/<id>``), not
``ODataApi``: ODataApi refuses any result over 10,000 records ("query returns more than 10000 records"),
so whole tables come from the feed, page by page, following ``odata.nextLink`` until it is absent.
v4 (``https://datasets.cbs.nl/odata/v1/CBS/<id>``) pages with ``@odata.nextLink``. The live path needs
internet and is not exercised by the test suite.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from kwaliteitsmonitor.connectors.base import InvalidInput, RawSource, SourceUnavailable

from .odata import PART_NAME

V3_FEED = "https://opendata.cbs.nl/ODataFeed/odata"
V4_BASE = "https://datasets.cbs.nl/odata/v1/CBS"
MAX_FILE_BYTES = 2 * 1024**3
_V3_SKIP = {"TypedDataSet", "CategoryGroups"}  # the untyped set keeps the symbols; groups are unused
_TIMEOUT = 120


def read_directory(path: Path) -> dict[str, tuple[bytes, ...]]:
    """``TableInfos.json``, ``DataProperties.json``, ``TypedDataSet.json``, ``TypedDataSet.2.json``, ..."""
    if not path.is_dir():
        raise InvalidInput(f"map '{path}' bestaat niet")
    parts: dict[str, tuple[bytes, ...]] = {}
    for file in sorted(path.iterdir()):
        if file.is_file() and PART_NAME.match(file.name):
            if file.stat().st_size > MAX_FILE_BYTES:
                raise InvalidInput(f"{file.name} is groter dan 2 GB")
            parts[file.name] = (file.read_bytes(),)
    if not parts:
        raise InvalidInput(
            f"map '{path}' bevat geen CBS-bestanden (TableInfos.json, DataProperties.json, ...)"
        )
    return parts


def fetch_live(table_id: str, *, version: str = "v3", base_url: str = "") -> RawSource:
    """Download every entity set of a table (metadata, code lists, data), all pages."""
    base = (base_url or (V4_BASE if version == "v4" else V3_FEED)).rstrip("/") + f"/{table_id}"
    service = _get_json(f"{base}?$format=json" if version == "v3" else base)
    parts: dict[str, tuple[bytes, ...]] = {}
    for entry in service.get("value", []):
        name = str(entry.get("name") or "")
        if not name or (version == "v3" and name in _V3_SKIP):
            continue
        url = str(entry.get("url") or f"{base}/{name}")
        if not url.startswith("http"):
            url = f"{base}/{url}"
        pages = _all_pages(url + ("?$format=json" if version == "v3" else ""))
        for number, page in enumerate(pages, start=1):
            parts[f"{name}.json" if number == 1 else f"{name}.{number}.json"] = (page,)
    return RawSource(label=table_id, parts=parts, retrieved_live=True)


def _all_pages(url: str) -> list[bytes]:
    pages: list[bytes] = []
    next_url: str | None = url
    while next_url:
        body = _get(next_url)
        pages.append(body)
        data = _json(body, next_url)
        next_url = (
            (data.get("odata.nextLink") or data.get("@odata.nextLink")) if isinstance(data, dict) else None
        )
    return pages


def _get_json(url: str) -> dict[str, Any]:
    data = _json(_get(url), url)
    return data if isinstance(data, dict) else {"value": data}


def _json(body: bytes, url: str) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceUnavailable(
            f"CBS gaf geen geldige JSON op {url} ({exc.msg if hasattr(exc, 'msg') else exc})"
        ) from None


def _get(url: str) -> bytes:
    if not url.startswith("https://") and not url.startswith("http://"):
        raise InvalidInput(f"geen http(s)-adres: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:  # noqa: S310
            body: bytes = response.read()
    except urllib.error.HTTPError as exc:
        raise SourceUnavailable(f"CBS antwoordde {exc.code} {exc.reason} op {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceUnavailable(
            f"CBS is niet bereikbaar ({reason}); controleer de internetverbinding of importeer een map met "
            "opgeslagen antwoorden"
        ) from None
    return body
