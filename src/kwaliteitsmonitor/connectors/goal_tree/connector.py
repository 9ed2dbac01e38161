# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import goal-tree <doelenboom.csv|.xlsx> (--agenda ID | --organisation ... --area GM0632
--start-year 2024 --end-year 2027)``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.records import LoadResult

from ..areas.hook import LoadingConnector
from ..base import Options, ParseResult, RawSource
from ..files import add_option, read_bytes, read_table
from .load import load_goal_tree
from .parse import GoalTreeParse, parse_goal_tree


class GoalTreeConnector(LoadingConnector):
    description = "Doelenboom en voortgang van inspanningen (CSV of XLSX, DOMAIN.md §8)"

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        add_option(parser, "--agenda", type=int, help="id van de agenda om bij te werken")
        add_option(parser, "--organisation", help="organisatie van een nieuwe agenda")
        add_option(parser, "--area", help="gebiedscode van een nieuwe agenda (bv. GM0632)")
        add_option(parser, "--start-year", type=int, help="beginjaar van een nieuwe agenda")
        add_option(parser, "--end-year", type=int, help="eindjaar van een nieuwe agenda")
        add_option(parser, "--sheet", help="werkblad van een XLSX-bestand (standaard: het eerste)")

    def fetch(self, source: str, options: Options) -> RawSource:
        return RawSource(label=source, parts={Path(source).name: (read_bytes(source),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        ((name, (data,)),) = raw.parts.items()
        return parse_goal_tree(read_table(data, name, sheet=options.get("sheet") or None))

    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        assert isinstance(parsed, GoalTreeParse)
        return load_goal_tree(parsed, dict(options))
