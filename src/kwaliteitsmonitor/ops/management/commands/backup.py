# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor backup FILE``: an online backup of the whole database (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.ops.backup import BackupError, backup
from kwaliteitsmonitor.ops.progress import ProgressLine


class Command(BaseCommand):
    help = (
        "Maak een back-up van de database in BESTAND, terwijl de monitor draait "
        "(SQLite: online backup; PostgreSQL: pg_dump -Fc)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="BESTAND", help="waar de back-up komt (wordt overschreven)")

    def handle(self, *args, **options):
        target = Path(options["file"])
        line = ProgressLine(self.stdout, "back-up")
        try:
            size = backup(target, line)
        except BackupError as exc:
            line.end()
            raise CommandError(str(exc)) from exc
        line.end()
        megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
        self.stdout.write(f"Back-up klaar: {target} ({megabytes} MB)")
