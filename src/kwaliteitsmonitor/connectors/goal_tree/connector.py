# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import goal-tree <doelenboom.csv|.xlsx> (--agenda ID | --organisation ... --area GM0632
--start-year 2024 --end-year 2027) [--beelden WERKBLAD] [--partial]``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.records import LoadResult

from ..areas.hook import LoadingConnector
from ..base import Options, ParseResult, RawSource
from ..files import add_option, fail, is_xlsx, read_bytes, read_table
from .load import load_goal_tree
from .parse import GoalTreeParse, parse_goal_tree, parse_picture_parts


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
        add_option(
            parser, "--partial", action="store_true",
            help="doelenboom: het bestand is een deel van de agenda (knopen die er niet in staan, worden "
            "niet gemeld); ouders mogen altijd al in de agenda staan",
        )  # fmt: skip
        add_option(
            parser, "--beelden", metavar="WERKBLAD",
            help="werkblad van hetzelfde XLSX-bestand met de onderdelen van beelden per opgave",
        )  # fmt: skip

    def fetch(self, source: str, options: Options) -> RawSource:
        return RawSource(label=source, parts={Path(source).name: (read_bytes(source),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        ((name, (data,)),) = raw.parts.items()
        tree = parse_goal_tree(read_table(data, name, sheet=options.get("sheet") or None))
        sheet = options.get("beelden")
        if not sheet:
            return tree
        if not is_xlsx(data):
            raise fail("--beelden leest een werkblad: geef de doelenboom als Excel-bestand (XLSX)", name)
        parts, errors = parse_picture_parts(read_table(data, name, sheet=sheet))
        return replace(tree, picture_parts=parts, errors=(*tree.errors, *errors))

    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        assert isinstance(parsed, GoalTreeParse)
        return load_goal_tree(parsed, dict(options))
