# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor restore FILE``: put a backup back (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.ops.backup import BackupError, restore
from kwaliteitsmonitor.ops.progress import ProgressLine


class Command(BaseCommand):
    help = (
        "Zet een back-up uit BESTAND terug. Weigert een database met gegevens tenzij --force; "
        "maakt daarna alle caches ongeldig."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="BESTAND", help="een back-up van 'kwaliteitsmonitor backup'")
        parser.add_argument(
            "--force", action="store_true", help="ook als de database al gegevens bevat (die gaan verloren)"
        )

    def handle(self, *args, **options):
        source = Path(options["file"])
        line = ProgressLine(self.stdout, "terugzetten")
        try:
            restore(source, line, force=options["force"])
        except BackupError as exc:
            line.end()
            raise CommandError(str(exc)) from exc
        line.end()
        self.stdout.write(
            f"Teruggezet uit {source}. De paginacache is gewist; start 'kwaliteitsmonitor serve' opnieuw "
            "als die draaide, en draai 'kwaliteitsmonitor migrate' als de back-up van een oudere versie is."
        )
