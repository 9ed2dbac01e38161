# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import cbs <table id | directory> [--config cbs.yaml] [--create-areas]``."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kwaliteitsmonitor.connectors.base import Connector, InvalidInput, Options, ParseResult, RawSource

from .client import fetch_live, read_directory
from .parse import CONFIG_PART, parse_cbs

_TABLE_ID = re.compile(r"^[0-9]{5}[A-Za-z]{3}$|^[0-9]{4,5}[A-Za-z0-9]{1,5}$")


class CbsConnector(Connector[RawSource]):
    description = "CBS StatLine (OData v3 en v4): een tabelnummer of een map met opgeslagen antwoorden"

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--config", help="YAML: welke CBS-onderwerpen welke indicatoren vullen")
        parser.add_argument(
            "--create-areas",
            action="store_true",
            help="maak gebieden die nog niet bestaan aan uit de codelijst van de bron",
        )
        parser.add_argument(
            "--cbs-api", choices=["v3", "v4"], help="CBS-API voor live ophalen (standaard v3)"
        )

    def fetch(self, source: str, options: Options) -> RawSource:
        path = Path(source)
        if path.is_dir():
            raw = RawSource(label=source, parts=read_directory(path))
        elif _TABLE_ID.match(source) and not path.exists():
            raw = fetch_live(source, version=str(options.get("cbs_api") or "v3"))
        else:
            raise InvalidInput(f"'{source}' is geen map met CBS-antwoorden en geen CBS-tabelnummer")
        config = options.get("config")
        if config:
            config_path = Path(str(config))
            if not config_path.is_file():
                raise InvalidInput(f"configuratiebestand '{config}' bestaat niet")
            raw = RawSource(
                raw.label, {**raw.parts, CONFIG_PART: (config_path.read_bytes(),)}, raw.retrieved_live
            )
        return raw

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        config = options.get("config")
        return parse_cbs(raw.parts, config_file=Path(str(config)).name if config else "config")
