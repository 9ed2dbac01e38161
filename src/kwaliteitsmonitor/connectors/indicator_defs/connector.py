# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import indicators <indicatoren.yaml|.csv|.xlsx>``.

The definitions go through the pipeline's shared step (``indicators.definitions``), like the ones a
tabular or CBS import brings, so a dry run shows the same preview.
"""

from __future__ import annotations

from pathlib import Path

from ..base import Connector, Options, ParseResult, RawSource
from ..files import read_bytes, read_table
from .parse import parse_definitions, rows_from_table, rows_from_yaml


class IndicatorDefinitionConnector(Connector[RawSource]):
    description = (
        "Indicatordefinities (YAML, CSV of XLSX): code, naam, eenheid, soort bron, teller/noemer, ..."
    )

    def fetch(self, source: str, options: Options) -> RawSource:
        return RawSource(label=source, parts={Path(source).name: (read_bytes(source),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        ((name, (data,)),) = raw.parts.items()
        if name.lower().endswith((".yaml", ".yml")):
            rows, errors = rows_from_yaml(data, name)
        else:
            rows, errors = rows_from_table(read_table(data, name))
        parsed = parse_definitions(rows, name)
        if errors:
            return ParseResult(errors=(*errors, *parsed.errors))
        return parsed
