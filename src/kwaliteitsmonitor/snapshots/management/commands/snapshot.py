# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor snapshot``: freeze the live publication as a named rapportage, or list them.

    kwaliteitsmonitor snapshot create --name "Najaarsnota 2026" [--date 2026-11-01] [--json]
    kwaliteitsmonitor snapshot list [--json]
    kwaliteitsmonitor snapshot public <slug>

Exit codes: 0 done, 1 refused or failed (message in Dutch on stderr).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from kwaliteitsmonitor.snapshots import freeze
from kwaliteitsmonitor.snapshots.models import Snapshot, Stage


def _row(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "slug": snapshot.slug,
        "name": snapshot.name,
        "as_of": snapshot.as_of.isoformat(),
        "stage": snapshot.stage,
        "publication": snapshot.publication.number,
        "pages": snapshot.done,
        "url": freeze.base_url(snapshot.slug),
        "previous": snapshot.previous.slug if snapshot.previous else None,
    }


class Command(BaseCommand):
    help = "Rapportages: de gepubliceerde monitor bevriezen onder een naam, of de rapportages tonen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="de gepubliceerde monitor bevriezen")
        create.add_argument("--name", required=True, help="naam, bijvoorbeeld 'Najaarsnota 2026'")
        create.add_argument("--date", default="", help="stand van (JJJJ-MM-DD; standaard vandaag)")
        create.add_argument("--slug", default="", help="korte naam voor het adres (standaard uit de naam)")
        create.add_argument(
            "--ondanks-concept", dest="ignore_draft", action="store_true",
            help="ook bevriezen als er een nieuwer, ongepubliceerd concept is",
        )  # fmt: skip
        create.add_argument("--json", action="store_true", help="uitkomst als JSON")
        create.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")
        listing = sub.add_parser("list", help="de rapportages")
        listing.add_argument("--json", action="store_true", help="uitkomst als JSON")
        public = sub.add_parser("public", help="een rapportage in voorinzage openbaar maken")
        public.add_argument("slug")
        public.add_argument("--json", action="store_true", help="uitkomst als JSON")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        as_of = None
        if options["date"]:
            try:
                as_of = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date: '{options['date']}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-01."
                ) from None
        bar: Any = None

        def progress(done: int, total: int, path: str) -> None:
            nonlocal bar
            if options["no_progress"] or options["json"]:
                return
            if bar is None:
                bar = tqdm(desc="bevriezen", unit=" pagina's", file=sys.stderr, leave=False)
            bar.total, bar.n = total, done
            bar.refresh()

        try:
            snapshot = freeze.freeze(
                options["name"], as_of, slug=options["slug"], ignore_draft=options["ignore_draft"],
                progress=progress,
            )  # fmt: skip
        except freeze.FreezeRefused as exc:
            raise CommandError(str(exc)) from None
        finally:
            if bar is not None:
                bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(_row(snapshot), ensure_ascii=False))
        else:
            self.stdout.write(
                f"Rapportage '{snapshot.name}' bevroren: {snapshot.done} pagina's uit publicatie "
                f"{snapshot.publication.number}, in voorinzage op {freeze.base_url(snapshot.slug)}"
            )

    def _list(self, options: dict[str, Any]) -> None:
        rows = [_row(s) for s in Snapshot.objects.select_related("publication", "previous")]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['slug']}\t{row['as_of']}\t{row['stage']}\tpublicatie {row['publication']}"
            )

    def _public(self, options: dict[str, Any]) -> None:
        snapshot = Snapshot.objects.filter(slug=options["slug"]).first()
        if snapshot is None:
            raise CommandError(f"Er is geen rapportage met de korte naam '{options['slug']}'.")
        if snapshot.stage != Stage.PRERELEASE:
            raise CommandError(
                f"Rapportage '{snapshot.name}' is niet in voorinzage ({snapshot.get_stage_display()})."
            )
        snapshot.stage, snapshot.made_public_at = Stage.PUBLIC, timezone.now()
        snapshot.save(update_fields=["stage", "made_public_at"])
        self.stdout.write(
            json.dumps(_row(snapshot)) if options["json"] else f"Rapportage '{snapshot.name}' is openbaar."
        )
