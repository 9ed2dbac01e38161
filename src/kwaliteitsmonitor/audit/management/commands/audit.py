# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor audit verify``: check the hash chain of the audit log (exit 1 when broken)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kwaliteitsmonitor.audit import chain
from kwaliteitsmonitor.audit.models import Seal


class Command(BaseCommand):
    help = "Controleer het logboek: klopt de keten van hashes (niets veranderd, verwijderd of tussengevoegd)?"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: controleer de keten")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(chain.verify())
        if problems:
            for problem in problems[:50]:
                self.stderr.write(f"- {problem}")
            more = f" (en nog {len(problems) - 50})" if len(problems) > 50 else ""
            raise CommandError(f"Het logboek is niet intact: {len(problems)} probleem/problemen{more}.")
        count = Seal.objects.count()
        self.stdout.write(f"Het logboek is intact: {count} regels, de keten van hashes klopt.")
