# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import process-round FILE --monitor SLUG --round SLUG [--approve] [--dry-run]``:
a round of a process monitor from a spreadsheet shaped like the VNG dashboards' tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.records import LoadResult

from ..areas.hook import LoadingConnector
from ..base import Options, ParseResult, RawSource
from ..files import add_option, read_bytes, read_table
from .load import load_process_round
from .parse import ProcessRoundParse, parse_process_round


class ProcessRoundConnector(LoadingConnector):
    description = "Ronde van een procesmonitor (CSV of XLSX, een rij per regio × subthema of vraag)"

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        add_option(parser, "--monitor", help="korte naam van de procesmonitor (bv. beschermd-thuis)")
        add_option(parser, "--round", help="korte naam van de ronde (bv. najaar-2026)")
        add_option(
            parser, "--approve", action="store_true",
            help="procesronde: de regio's meteen goedkeuren (standaard: ingediend, de adviseur beoordeelt)",
        )  # fmt: skip
        add_option(parser, "--sheet", help="werkblad van een XLSX-bestand (standaard: het eerste)")

    def fetch(self, source: str, options: Options) -> RawSource:
        return RawSource(label=source, parts={Path(source).name: (read_bytes(source),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        ((name, (data,)),) = raw.parts.items()
        return parse_process_round(read_table(data, name, sheet=options.get("sheet") or None))

    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        assert isinstance(parsed, ProcessRoundParse)
        return load_process_round(parsed, dict(options))
