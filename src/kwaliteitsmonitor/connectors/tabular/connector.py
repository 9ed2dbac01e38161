# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import tabular <file.csv|file.xlsx> [--period 2024] [--dictionary ...] ...``."""

from __future__ import annotations

import argparse
from pathlib import Path

from kwaliteitsmonitor.connectors.base import Connector, Options, ParseResult, RawSource

from ..files import add_option, read_bytes, read_table
from .columns import TabularOptions
from .dictionary import parse_dictionary
from .parse import parse_table

DATA, DICTIONARY = "data", "dictionary"


class TabularConnector(Connector[RawSource]):
    description = "Spreadsheet (CSV of XLSX), sjabloon 'lang' of 'breed', of de eigenschappen van een GeoJSON"

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        add_option(
            parser,
            "--layout",
            choices=["auto", "long", "wide"],
            help="sjabloon (standaard: herkend aan de kolommen)",
        )
        add_option(
            parser, "--period", help="periode van alle waarden (2024 of 2024JJ00) als er geen kolom 'jaar' is"
        )
        add_option(parser, "--area-column", help="kolom met de gebiedscode (sjabloon breed)")
        add_option(parser, "--area-format", help="maak de gebiedscode van de celwaarde, bv. 'BU0193{}0'")
        add_option(
            parser, "--dictionary", help="woordenboek (CSV/XLSX): kolomnaam → naam, eenheid, definitie"
        )
        add_option(
            parser, "--create-areas", action="store_true", help="maak gebieden die nog niet bestaan aan"
        )
        add_option(parser, "--create-indicators", action="store_true", help="maak onbekende indicatoren aan")
        add_option(parser, "--indicator-prefix", help="voorvoegsel voor de codes van aangemaakte indicatoren")
        add_option(
            parser, "--decimal", choices=[",", "."], help="decimaalteken (standaard: herkend per kolom)"
        )
        add_option(parser, "--encoding", help="tekenset van een CSV-bestand (standaard: herkend)")
        add_option(parser, "--sheet", help="werkblad van een XLSX-bestand (standaard: het eerste)")
        add_option(
            parser, "--rename", action="append", help="hernoem een kolom: 'okt-19=10-19' (herhaalbaar)"
        )
        add_option(parser, "--ignore-columns", action="append", help="kolommen om over te slaan, met komma's")
        add_option(
            parser,
            "--columns",
            action="append",
            help="alleen deze kolommen met waarden, met komma's (sjabloon breed; handig bij een GeoJSON met "
            "veel eigenschappen)",
        )
        add_option(
            parser,
            "--provider",
            action="append",
            help="soort bron van nieuwe indicatoren: cbs (al beveiligd), own, partner of survey; voor alle "
            "kolommen, of per kolom 'KOLOM=own' (herhaalbaar). Verplicht bij --create-indicators, tenzij "
            "een woordenboek het zegt",
        )
        add_option(
            parser,
            "--unit",
            action="append",
            help="eenheid van nieuwe indicatoren (count, pct, per_1000, score_0_10, mean, ...); voor alle "
            "kolommen, of per kolom 'KOLOM=pct' (herhaalbaar). Verplicht bij --create-indicators, tenzij "
            "een woordenboek het zegt",
        )
        add_option(
            parser,
            "--decimals",
            action="append",
            help="decimalen van nieuwe indicatoren, voor alle of per kolom 'KOLOM=1' (standaard: zoveel als "
            "de geleverde getallen hebben)",
        )
        add_option(
            parser,
            "--set",
            action="append",
            help="elk ander veld van de indicatordefinitie: 'VELD=WAARDE' of 'KOLOM:VELD=WAARDE', bv. "
            "'--set polarity=lower_is_better' (herhaalbaar; velden: zie docs/import/indicators.md)",
        )

    def fetch(self, source: str, options: Options) -> RawSource:
        parts = {DATA: (read_bytes(source),)}
        if options.get("dictionary"):
            parts[DICTIONARY] = (read_bytes(str(options["dictionary"])),)
        return RawSource(label=source, parts=parts)

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        opts = TabularOptions.from_options(options)
        table = read_table(
            raw.parts[DATA][0], Path(raw.label).name, encoding=opts.encoding or None, sheet=opts.sheet or None
        )
        dictionary = None
        if DICTIONARY in raw.parts:
            name = Path(str(options.get("dictionary"))).name
            dictionary, errors = parse_dictionary(read_table(raw.parts[DICTIONARY][0], name))
            if errors:
                return ParseResult(errors=tuple(errors))
        return parse_table(table, opts, dictionary)
