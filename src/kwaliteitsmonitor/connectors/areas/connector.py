# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import areas <file|directory> [--level GM] [--year 2024]``.

A file is GeoJSON, TopoJSON (WGS84 or RD New), CSV or XLSX; a directory holds either several such files
(imported together, e.g. all gemeente vintages) or the saved OData responses of "Gebieden in Nederland".
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from kwaliteitsmonitor.indicators import recompute
from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.records import LoadResult

from ..base import InvalidInput, Options, ParseResult, RawSource
from ..files import add_option, is_xlsx, read_bytes, read_table
from .hook import LoadingConnector
from .load import load_areas
from .parse import AreaOptions, parse_json_areas
from .records import LEVELS, AreaParse
from .tables import parse_area_table, parse_gebieden

_SUFFIXES = (".geojson", ".json", ".topojson", ".csv", ".xlsx")


class AreaConnector(LoadingConnector):
    description = (
        "Gebieden: gemeenten, wijken, buurten en regio's met grenzen per jaar (GeoJSON, TopoJSON, CSV)"
    )

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        add_option(
            parser, "--level", choices=LEVELS, help="niveau als het bestand kale nummers bevat (bv. GM)"
        )
        add_option(parser, "--year", type=int, help="jaar van de indeling als het bestand het niet zegt")

    def fetch(self, source: str, options: Options) -> RawSource:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
            if not files:
                raise InvalidInput(f"map '{source}' bevat geen gebiedsbestanden")
            return RawSource(label=source, parts={p.name: (read_bytes(p),) for p in files})
        return RawSource(label=source, parts={path.name: (read_bytes(path),)})

    def parse(self, raw: RawSource, options: Options) -> ParseResult:
        opts = AreaOptions(level=str(options.get("level") or ""), year=options.get("year"))
        parts = {name: chunks[0] for name, chunks in raw.parts.items()}
        if "DataProperties.json" in parts:
            return parse_gebieden(parts, Path(raw.label).name, opts)
        results = [_parse_file(name, data, opts) for name, data in sorted(parts.items())]
        return _combine(results)

    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        assert isinstance(parsed, AreaParse)
        result, counts = load_areas(parsed)
        if not result.errors and _hierarchy_changed(counts.counts):
            # Computed values follow the area hierarchy (indicators.recompute; in the import's transaction).
            recompute.changed(areas=True)
        return result, [counts.summary(), *counts.warnings]


def _hierarchy_changed(counts: dict[str, list[int]]) -> bool:
    """New or changed areas (parent, validity, pseudo) or memberships; not names or boundaries alone."""
    return any(counts[kind][0] or counts[kind][1] for kind in ("area", "membership") if kind in counts)


def _parse_file(name: str, data: bytes, options: AreaOptions) -> AreaParse:
    if name.lower().endswith((".geojson", ".json", ".topojson")) and not is_xlsx(data):
        return parse_json_areas(data, name, options)
    return parse_area_table(read_table(data, name), options)


def _combine(results: list[AreaParse]) -> AreaParse:
    if len(results) == 1:
        return results[0]
    merged = AreaParse()
    for result in results:
        merged = dataclasses.replace(
            merged,
            errors=(*merged.errors, *result.errors),
            warnings=(*merged.warnings, *result.warnings),
            vintages=(*merged.vintages, *result.vintages),
            memberships=(*merged.memberships, *result.memberships),
            locate_members=tuple(sorted({*merged.locate_members, *result.locate_members})),
        )
    return merged
