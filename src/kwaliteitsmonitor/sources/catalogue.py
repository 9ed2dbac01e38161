# SPDX-License-Identifier: EUPL-1.2
"""The cheap check: one CBS catalogue entry (v3 ``TableInfos``, v4 ``Properties``), not the data.

With ``KM_CBS_OFFLINE_DIR`` set, a table is read from ``<dir>/<table id>/`` (recorded responses:
``TableInfos.json`` or ``Properties.json`` next to the data files) instead of the internet: tests,
and installations without internet that receive CBS downloads by other means.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from kwaliteitsmonitor.connectors.base import InvalidInput, SourceUnavailable
from kwaliteitsmonitor.connectors.cbs_odata import client


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    modified: str
    frequency: str = ""
    reason: str = ""
    status: str = ""
    period: str = ""


def offline_dir(table_id: str) -> Path | None:
    """The folder of recorded responses for this table, when the operator configured one."""
    root = str(getattr(settings, "KM_CBS_OFFLINE_DIR", "") or "")
    if not root:
        return None
    return Path(root) / table_id


def entry_from(data: Any, where: str) -> CatalogueEntry:
    """The first record of a ``TableInfos`` response, or a v4 ``Properties`` object."""
    record = data
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        record = data["value"][0] if data["value"] else None
    elif isinstance(data, list):
        record = data[0] if data else None
    if not isinstance(record, dict) or not record.get("Modified"):
        raise SourceUnavailable(f"de CBS-catalogus gaf geen wijzigingsdatum (Modified) in {where}")
    return CatalogueEntry(
        modified=str(record["Modified"]),
        frequency=str(record.get("Frequency") or ""),
        reason=str(record.get("ReasonDelivery") or record.get("VersionReason") or ""),
        status=str(record.get("OutputStatus") or record.get("Status") or ""),
        period=str(record.get("Period") or record.get("TemporalCoverage") or ""),
    )


def read_entry(table_id: str, version: str = "v3") -> CatalogueEntry:
    """One small request (or one recorded file). Raises SourceUnavailable with a Dutch message."""
    folder = offline_dir(table_id)
    if folder is not None:
        for name in ("TableInfos.json", "Properties.json"):
            file = folder / name
            if file.is_file():
                try:
                    return entry_from(json.loads(file.read_bytes()), str(file))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise SourceUnavailable(f"{file} is geen geldige JSON ({exc})") from None
        raise SourceUnavailable(f"geen opgeslagen CBS-catalogus voor {table_id} in {folder}")
    if version == "v4":
        url = f"{client.V4_BASE}/{table_id}/Properties"
    else:
        url = f"{client.V3_FEED}/{table_id}/TableInfos?$format=json"
    try:
        body = client._get(url)
    except InvalidInput as exc:  # pragma: no cover - the URL is ours
        raise SourceUnavailable(str(exc)) from None
    return entry_from(client._json(body, url), url)
