# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import indicators <indicatoren.yaml|.csv|.xlsx>``."""

from __future__ import annotations

from pathlib import Path

from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.records import LoadResult

from ..areas.hook import LoadingConnector
from ..base import Options, ParseResult, RawSource
from ..files import read_bytes, read_table
from .load import load_definitions
from .parse import DefinitionParse, parse_definitions, rows_from_table, rows_from_yaml


class IndicatorDefinitionConnector(LoadingConnector):
    description = "Indicatordefinities (YAML, CSV of XLSX): code, naam, eenheid, richting, teller/noemer"

    def fetch(self, source: str, options: Options) -> RawSource:
        return RawSource(label=source, parts={Path(source).name: (read_bytes(source),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        ((name, (data,)),) = raw.parts.items()
        if name.lower().endswith((".yaml", ".yml")):
            rows, errors = rows_from_yaml(data, name)
        else:
            rows, errors = rows_from_table(read_table(data, name))
        if errors:
            return DefinitionParse(errors=tuple(errors))
        return parse_definitions(rows, name)

    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        assert isinstance(parsed, DefinitionParse)
        return load_definitions(parsed), []
