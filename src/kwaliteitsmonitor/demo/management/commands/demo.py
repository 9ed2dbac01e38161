# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor demo``: load the fictitious demo data (Voorbeeldstad) into the database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.demo.generator import DemoRefused, DemoSummary, load_demo
from kwaliteitsmonitor.ops.welcome import next_steps

LEVEL_NAMES = {
    "NL": "land", "PV": "provincies", "CR": "COROP-gebieden", "JZ": "jeugdregio's", "GG": "GGD-regio's",
    "GM": "gemeenten", "WK": "wijken", "BU": "buurten",
}  # fmt: skip


class Command(BaseCommand):
    help = (
        "Laad fictieve demogegevens: de gemeente Voorbeeldstad met wijken en buurten, ruim 40 andere "
        "bedachte gemeenten, indicatoren met waarden en een Maatschappelijke Agenda. Een eerdere demo "
        "wordt vervangen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Laad de demo ook als de database al eigen (niet-fictieve) agenda's of gebieden bevat.",
        )  # fmt: skip

    def handle(self, *args, force: bool = False, **options):
        started = time.monotonic()
        try:
            summary = load_demo(force=force)
        except DemoRefused as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(self.report(summary, time.monotonic() - started))

    def report(self, summary: DemoSummary, seconds: float) -> str:
        n = format_number
        areas = ", ".join(f"{n(count)} {LEVEL_NAMES[lvl]}" for lvl, count in summary.areas.items() if count)
        agenda = ", ".join(f"{n(count)} {what}" for what, count in summary.agenda.items())
        lines = [
            "Fictieve demogegevens geladen (Voorbeeldstad bestaat niet; alle cijfers zijn bedacht).",
            f"  Gebieden: {areas}",
            f"  Gebiedsjaargangen: {n(summary.vintages)}; lidmaatschappen: {n(summary.memberships)}",
            f"  Indicatoren: {n(summary.indicators)}; waarden: {n(summary.observations)}; "
            f"herziene waarden: {n(summary.revisions)}",
            f"  Agenda: {agenda}",
            _published(),
            f"  Klaar in {n(seconds, 1)} seconden.",
            "Start de site met `kwaliteitsmonitor serve` (make demo doet dat zelf); dan:",
            *next_steps(),
        ]
        return "\n".join(lines)


def _published() -> str:
    from kwaliteitsmonitor.publications.models import Publication, State

    live = Publication.objects.filter(state=State.LIVE).first()
    if live is None:
        return "  Nog niet gepubliceerd: `kwaliteitsmonitor publish` zet de cijfers op de website."
    return (
        f"  Gepubliceerd: publicatie {live.number} staat live "
        f"(de eerdere, voorlopige cijfers in publicatie {live.number - 1})."
    )
