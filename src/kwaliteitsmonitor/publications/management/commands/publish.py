# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor publish``: build the next publication and make it live (or leave it a draft).

    kwaliteitsmonitor publish              # what changed since the live publication, then publish
    kwaliteitsmonitor publish --draft      # build a draft for staff to check; publish it later
    kwaliteitsmonitor publish --full       # protect and compute everything again
    kwaliteitsmonitor publish --draft-live # make the current draft live
    kwaliteitsmonitor publish --status     # the publications and what is waiting

Exit codes: 0 done (or nothing to do), 1 failed, 2 refused by the audit, 3 another build is running.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.publications import build as builder
from kwaliteitsmonitor.publications.models import Publication, State


class Command(BaseCommand):
    help = "Maak de volgende publicatie: beveiligen, controleren, uitkomsten berekenen en publiceren."

    def add_arguments(self, parser):
        parser.add_argument("--draft", action="store_true", help="alleen een concept maken, niet publiceren")
        parser.add_argument("--draft-live", action="store_true", help="het huidige concept publiceren")
        parser.add_argument("--full", action="store_true", help="alles opnieuw beveiligen en berekenen")
        parser.add_argument("--status", action="store_true", help="de publicaties en wat er wacht")
        parser.add_argument("--json", action="store_true", help="uitkomst als JSON")
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")

    def handle(self, *args, **options):
        if options["status"]:
            return self._status(options["json"])
        if options["draft_live"]:
            return self._draft_live(options["json"])
        bar: Any = None

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal bar
            if options["no_progress"] or options["json"]:
                return
            if bar is None or bar.desc != stage:
                if bar is not None:
                    bar.close()
                bar = tqdm(total=total or None, desc=stage, unit="", file=sys.stderr, leave=False)
            bar.total = total or None
            bar.n = done
            bar.refresh()

        try:
            publication = builder.build(
                actor="kwaliteitsmonitor publish", full=options["full"], publish=not options["draft"],
                progress=progress,
            )  # fmt: skip
        except builder.PublicationBusy as exc:
            raise CommandError(str(exc), returncode=3) from exc
        except builder.PublicationRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        finally:
            if bar is not None:
                bar.close()
        self._report(publication, options["json"])

    def _report(self, publication: Publication, as_json: bool) -> None:
        audit = (publication.audit or {}).get("totals", {})
        if as_json:
            self.stdout.write(json.dumps(_as_json(publication), ensure_ascii=False))
            return
        summary = publication.summary or {}
        what = {State.LIVE: "gepubliceerd", State.DRAFT: "klaar als concept"}.get(
            publication.state, publication.state
        )
        self.stdout.write(
            f"Publicatie {publication.number} {what}. Opnieuw beveiligd: "
            f"{format_number(summary.get('rebuilt', 0))} indicatoren; geheime cellen: "
            f"{format_number(audit.get('primary', 0))} primair, {format_number(audit.get('secondary', 0))} "
            f"secundair, {format_number(audit.get('carried', 0))} uit eerdere publicaties; "
            f"controle: {format_number(audit.get('recoverable', 0))} af te leiden cellen. "
            f"Klaar in {format_number(summary.get('seconds', 0), 1)} seconden."
        )

    def _draft_live(self, as_json: bool) -> None:
        draft = Publication.objects.filter(state=State.DRAFT).order_by("-number").first()
        if draft is None:
            raise CommandError("Er is geen concept om te publiceren.", returncode=1)
        builder.switch(draft)
        self._report(draft, as_json)

    def _status(self, as_json: bool) -> None:
        rows = [_as_json(p) for p in Publication.objects.order_by("-number")[:20]]
        waiting = builder.pending()
        if as_json:
            self.stdout.write(json.dumps({"publications": rows, "pending": waiting}, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['number']:>5}  {row['state_label']:<28} {row['published_at'] or row['created_at']}"
            )
        self.stdout.write("Wacht op publicatie: " + (", ".join(f"{k}" for k in waiting) or "niets"))


def _as_json(publication: Publication) -> dict[str, Any]:
    return {
        "number": publication.number,
        "state": publication.state,
        "state_label": publication.get_state_display(),
        "name": publication.name,
        "created_at": publication.created_at.isoformat() if publication.created_at else None,
        "published_at": publication.published_at.isoformat() if publication.published_at else None,
        "summary": publication.summary,
        "audit": (publication.audit or {}).get("totals", {}),
        "error": publication.error,
    }
