# SPDX-License-Identifier: EUPL-1.2
"""Validation of a source (admin form and ``Source.clean``): Dutch messages per field."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from kwaliteitsmonitor.connectors.cbs_odata.config import parse_config
from kwaliteitsmonitor.connectors.registry import CONNECTORS

if TYPE_CHECKING:
    from .models import Source

TABLE_ID = re.compile(r"^[0-9]{4,5}[A-Za-z0-9]{1,5}$")


def validate_source(source: Source) -> None:
    from .models import Kind, safe_path

    errors: dict[str, list[str]] = {}
    if source.kind == Kind.CBS:
        if not TABLE_ID.match(source.table_id or ""):
            errors.setdefault("table_id", []).append(
                f"'{source.table_id}' is geen CBS-tabelnummer (zoals 85098NED)."
            )
        if source.config.strip():
            config, problems = parse_config(source.config, file="configuratie")
            errors.setdefault("config", []).extend(
                p.message + (f" ({p.column})" if p.column else "") for p in problems
            )
            if config.table and source.table_id and config.table.upper() != source.table_id.upper():
                errors.setdefault("config", []).append(
                    f"de configuratie hoort bij tabel {config.table}, niet bij {source.table_id}"
                )
    elif source.kind == Kind.FILE:
        try:
            safe_path(source.path)
        except ValidationError as exc:
            errors.setdefault("path", []).extend(exc.messages)
        if source.connector not in CONNECTORS or source.connector == "cbs":
            known = ", ".join(sorted(c for c in CONNECTORS if c != "cbs"))
            errors.setdefault("connector", []).append(
                f"onbekende bron-koppeling '{source.connector}'; kies uit {known}"
            )
    elif source.kind == Kind.MANUAL and source.expected_delivery is None:
        errors.setdefault("expected_delivery", []).append(
            "Geef de datum waarop de volgende levering verwacht wordt."
        )
    errors = {k: v for k, v in errors.items() if v}
    if errors:
        raise ValidationError(errors)
