# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor refresh --due | --list [--json] | --source NAAM [--force]``.

``--due`` (for cron or a systemd timer) runs every source whose next check has come, each as its own
import run, all-or-nothing per source, and publishes afterwards when ``KM_AUTO_PUBLISH`` is on.
``--queue`` hands that pass to the background worker instead (``--loop``: and every later pass).
Exit code 1 when a source failed.
``--list --json`` prints one JSON list: per source its kind, last run, outcome, next run and freshness.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kwaliteitsmonitor.sources.models import Source
from kwaliteitsmonitor.sources.refresh import PassResult, SourceResult, refresh_due, refresh_source


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def listing(today: Any = None) -> list[dict[str, Any]]:
    rows = []
    for source in Source.objects.select_related("last_run").prefetch_related("indicators").order_by("name"):
        judged = source.freshness(today)
        run = source.last_run
        rows.append(
            {
                "name": source.name,
                "kind": source.kind,
                "active": source.active,
                "indicators": sorted(i.code for i in source.indicators.all()),
                "last_checked_at": _iso(source.last_checked_at),
                "last_run": (
                    {"id": run.pk, "status": run.status, "finished_at": _iso(run.finished_at)}
                    if run
                    else None
                ),
                "outcome": source.last_outcome or None,
                "message": source.last_message,
                "retrieved_at": _iso(source.retrieved_at),
                "next_run_at": _iso(source.next_run_at),
                "due": source.is_due(),
                "freshness": judged.state,
                "freshness_label": judged.label,
                "next_expected": _iso(judged.next_expected),
                "explanation": judged.explanation,
            }
        )
    return rows


class Command(BaseCommand):  # type: ignore[misc]
    help = "Ververs bronnen volgens hun planning, of toon de bronnen met hun laatste run en actualiteit."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument(
            "--due", action="store_true", help="ververs elke bron waarvan de controle aan de beurt is"
        )
        what.add_argument("--list", action="store_true", help="toon de bronnen")
        what.add_argument("--source", metavar="NAAM", help="ververs deze ene bron nu")
        parser.add_argument(
            "--force", action="store_true", help="met --source: ook ophalen als niets veranderde"
        )
        parser.add_argument("--queue", action="store_true", help="met --due: laat de worker het doen")
        parser.add_argument(
            "--loop",
            action="store_true",
            help="met --queue: de worker zet daarna steeds zelf de volgende ronde klaar (geen cron nodig)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["list"]:
            self._list(opts["json"])
            return
        if opts["queue"]:
            from kwaliteitsmonitor.sources.tasks import refresh_due_sources

            refresh_due_sources.enqueue(loop=opts["loop"])
            extra = "; daarna plant de worker elke volgende ronde zelf" if opts["loop"] else ""
            self.stdout.write(f"Verversing in de wachtrij gezet voor de worker{extra}.")
            return
        if opts["source"]:
            source = Source.objects.filter(name=opts["source"]).first()
            if source is None:
                raise CommandError(f"bron '{opts['source']}' bestaat niet (zie refresh --list)")
            result = PassResult([refresh_source(source, force=opts["force"])])
        else:
            result = refresh_due()
        self._report(result, opts["json"])
        if result.failed:
            raise CommandError(f"{result.failed} bron(nen) mislukt; de gegevens daarvan zijn ongewijzigd")

    def _list(self, as_json: bool) -> None:
        rows = listing(timezone.localdate())
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("Er zijn nog geen bronnen geregistreerd.")
        for row in rows:
            self.stdout.write(
                f"{row['name']} ({row['kind']}): {row['freshness_label']}; laatste uitkomst "
                f"{row['outcome'] or 'nog niet uitgevoerd'}; volgende controle {row['next_run_at'] or 'nu'}"
            )

    def _report(self, result: PassResult, as_json: bool) -> None:
        if as_json:
            payload = {
                "sources": [s.as_dict() for s in result.sources],
                "published": result.published,
                "publish_message": result.publish_message,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        if not result.sources:
            self.stdout.write("Geen bron aan de beurt.")
        for item in result.sources:
            self._line(item)
        if result.publish_message:
            self.stdout.write(result.publish_message)

    def _line(self, item: SourceResult) -> None:
        text = f"{item.source}: {item.outcome}. {item.message}"
        self.stdout.write(self.style.ERROR(text) if item.outcome == "mislukt" else text)
