# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor remind [--dry-run] [--json] [--date JJJJ-MM-DD]``: reminder e-mails before the
deadline of the open report period (docs/duiding.md). Safe to run daily from cron: nothing is sent twice."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.formats import date_format

from kwaliteitsmonitor.interpretation import reminders


class Command(BaseCommand):
    help = "Stuur herinneringen voor inspanningen zonder rapportage in de open rapportageperiode."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Laat zien wie een herinnering krijgt; verstuur niets."
        )
        parser.add_argument("--json", action="store_true", help="Uitkomst als JSON.")
        parser.add_argument("--date", help="Doe alsof het deze dag is (JJJJ-MM-DD); om te testen.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date: '{options['date']}' is geen datum als 2026-03-31.") from exc
        result, failed = reminders.send(today, dry_run=options["dry_run"])
        period = result.period
        report = {
            "date": today.isoformat(),
            "period": period.name if period else None,
            "deadline": period.deadline.isoformat() if period and period.deadline else None,
            "days_before": result.days_before,
            "dry_run": options["dry_run"],
            "sent" if not options["dry_run"] else "would_send": [
                {"user": m.user.get_username(), "email": m.user.email, "efforts": len(m.efforts)}
                for m in result.mails
                if m.user.get_username() not in failed
            ],
            "already_sent": result.already_sent,
            "without_email": result.without_email,
            "failed": failed,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._text(report, today))
        if failed:
            raise CommandError(
                f"Versturen mislukt voor: {', '.join(failed)} (wordt de volgende keer opnieuw geprobeerd)."
            )

    def _text(self, report: dict[str, Any], today: date) -> str:
        if report["period"] is None:
            return "Geen open rapportageperiode met een uiterste aanleverdatum; niets te doen."
        if report["days_before"] is None:
            return f"{report['period']}: nog geen herinnering aan de beurt."
        sent = report.get("sent", report.get("would_send", []))
        verb = "Zou herinneren" if report["dry_run"] else "Herinnerd"
        lines = [
            f"{report['period']} (uiterlijk {date_format(date.fromisoformat(report['deadline']), 'j F Y')}): "
            f"{verb}: {len(sent)}; eerder al: {report['already_sent']}."
        ]
        lines += [f"  {row['user']} <{row['email']}>: {row['efforts']} inspanning(en)" for row in sent]
        if report["without_email"]:
            lines.append("Zonder e-mailadres (geen herinnering): " + ", ".join(report["without_email"]))
        return "\n".join(lines)
