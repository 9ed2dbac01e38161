# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor report <slug|nummer> --format pdf|docx --output FILE``: the council report of a
publication (docs/rapport.md). Progress on stderr. Exit codes: 0 written, 2 refused (no such or no
readable publication, unknown format), 1 the file could not be written."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.reports import generate
from kwaliteitsmonitor.reports.document import ReportRefused


class Command(BaseCommand):
    help = "Maak de raadsrapportage (PDF of Word) van een publicatie."

    def add_arguments(self, parser):
        parser.add_argument("publication", help="korte naam (slug) of nummer van de publicatie")
        parser.add_argument("--format", choices=sorted(generate.FORMATS), required=True, help="pdf of docx")
        parser.add_argument("--output", required=True, help="het bestand dat gemaakt wordt")
        parser.add_argument("--no-progress", action="store_true", help="geen voortgang op stderr")

    def handle(self, *args, **options):
        target = Path(options["output"])
        if not target.parent.is_dir():
            raise CommandError(f"--output: de map {target.parent} bestaat niet.", returncode=2)
        try:
            publication = generate.find(options["publication"])

            def progress(done: int, total: int, stage: str) -> None:
                if not options["no_progress"]:
                    sys.stderr.write(f"[{done}/{total}] {stage}\n")

            data = generate.make(publication, options["format"], progress)
        except ReportRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        try:
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        except OSError as exc:
            raise CommandError(
                f"--output: {target} kan niet worden geschreven ({exc}).", returncode=1
            ) from exc
        self.stdout.write(f"Raadsrapportage geschreven: {target} ({len(data):,} bytes)".replace(",", "."))
