# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor demo``: load the fictitious demo data (Voorbeeldstad) into the database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.demo.accounts import PASSWORD, RECOVERY_CODES, TOTP_KEY_BASE32, create_demo_accounts
from kwaliteitsmonitor.demo.generator import DemoRefused, DemoSummary, load_demo
from kwaliteitsmonitor.demo.store import foreign_data
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

        parser.add_argument(
            "--geen-accounts", action="store_true", dest="no_accounts",
            help="Maak geen demo-accounts voor de werkplek aan.",
        )  # fmt: skip

    def handle(self, *args, force: bool = False, no_accounts: bool = False, **options):
        started = time.monotonic()
        real_data = any(foreign_data().values())
        try:
            summary = load_demo(force=force)
        except DemoRefused as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(self.report(summary, time.monotonic() - started))
        if real_data and not no_accounts:
            self.stdout.write(
                "  Geen demo-accounts: de database bevat ook echte gegevens; een bekend wachtwoord zou daar "
                "een open deur zijn."
            )
        elif not no_accounts:
            self.stdout.write(accounts_report(create_demo_accounts()))
        # Last, so it is what a newcomer sees: where the site and the staff pages are, how to log in.
        start = "Start de site met `kwaliteitsmonitor serve` (make demo doet dat zelf); dan:"
        self.stdout.write("\n".join([start, *next_steps()]))

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


def accounts_report(accounts: list[tuple[str, str, str]]) -> str:
    lines = [
        "Demo-accounts voor de werkplek (/werkplek/), alleen voor deze fictieve demo:",
        *(f"  {name:<16} {role}{f' ({scope})' if scope else ''}" for name, role, scope in accounts),
        f"  Wachtwoord: {PASSWORD}",
        f"  Tweestapsverificatie: sleutel {TOTP_KEY_BASE32} in een authenticator-app (TOTP, 6 cijfers),",
        f"  of een herstelcode: {', '.join(RECOVERY_CODES)} (elk één keer per account).",
    ]
    return "\n".join(lines)
