# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor recompute [--indicator CODE ...] [--dry-run] [--json]``: recompute computed values.

Imports, definition changes and area changes recompute what they affect themselves
(``indicators.recompute``); this command does it on demand: every computed value from scratch, or those of
the named indicators and of everything made from them. An identical recompute writes nothing. The run is
recorded as an import run (connector ``recompute``) so that it is traceable and pages are refreshed.

Exit codes: 0 done (or nothing to change), 2 invalid input (unknown indicator; nothing written), 1 other
failure. ``--json`` prints one object: ``{"status", "dry_run", "added", "changed", "removed", "unchanged",
"indicators", "notes", "errors"}``.
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.indicators.derive import DeriveResult
from kwaliteitsmonitor.indicators.load import finish_run, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.recompute import recompute_all
from kwaliteitsmonitor.indicators.records import LoadResult


class _DryRun(Exception):
    pass


class Command(BaseCommand):  # type: ignore[misc]
    help = "Bereken de berekende waarden opnieuw (uit teller en noemer, en uit onderliggende gebieden)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--indicator", action="append", metavar="CODE",
            help="alleen deze indicator en wat ervan wordt berekend (mag vaker)",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="laat zien wat er zou veranderen")
        parser.add_argument("--json", action="store_true", help="print één JSON-object met de samenvatting")

    def handle(self, *args: Any, **opts: Any) -> None:
        codes: list[str] | None = opts["indicator"]
        as_json, dry_run = opts["json"], opts["dry_run"]
        unknown = sorted(set(codes or ()) - set(Indicator.objects.values_list("code", flat=True)))
        if unknown:
            self._refuse(as_json, [f"onbekende indicator '{code}'" for code in unknown])
        bar = None if as_json else tqdm(desc="herberekenen", unit=" indicator", file=sys.stderr, disable=None)
        try:
            result = self._run(codes, dry_run, bar)
        except Exception as exc:  # the database, not the input
            if as_json:
                self.stdout.write(json.dumps({"status": "failed", "errors": [str(exc)]}, ensure_ascii=False))
            raise CommandError(f"herberekenen mislukt: {type(exc).__name__}: {exc}", returncode=1) from exc
        finally:
            if bar is not None:
                bar.close()
        if as_json:
            self.stdout.write(json.dumps(_as_json(result, dry_run), ensure_ascii=False))
        else:
            self._report(result, dry_run)

    def _run(self, codes: list[str] | None, dry_run: bool, bar: Any) -> DeriveResult:
        def progress(code: str, index: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.set_postfix_str(code, refresh=False)
                bar.update(1)

        result = DeriveResult()
        try:
            with transaction.atomic():
                run = None if dry_run else start_run("recompute", _source(codes), actor=_system_user())
                result = recompute_all(codes, run=run, progress=progress)
                if run is not None:
                    run.notes = result.note()
                    counts = LoadResult(
                        added=result.added,
                        changed=result.changed + result.removed,
                        unchanged=result.unchanged,
                    )
                    finish_run(run, counts, status="ok")
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return result

    def _refuse(self, as_json: bool, errors: list[str]) -> None:
        if as_json:
            self.stdout.write(json.dumps({"status": "invalid", "errors": errors}, ensure_ascii=False))
        for error in errors:
            self.stderr.write(f"  {error}")
        raise CommandError("ongeldige invoer, er is niets herberekend", returncode=2)

    def _report(self, result: DeriveResult, dry_run: bool) -> None:
        for note in result.notes:
            self.stderr.write(f"  let op: {note}")
        counts = (
            f"{_n(result.added)} nieuw, {_n(result.changed)} gewijzigd, {_n(result.removed)} vervallen, "
            f"{_n(result.unchanged)} ongewijzigd; {_n(len(set(result.indicators)))} indicatoren"
        )
        if dry_run:
            self.stdout.write(f"Proefrun, er is niets opgeslagen. Herberekenen zou geven: {counts}.")
        elif not result.written:
            self.stdout.write(f"Niets gewijzigd: alle berekende waarden klopten al ({counts}).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Klaar: {counts}."))


def _as_json(result: DeriveResult, dry_run: bool) -> dict[str, Any]:
    return {
        "status": "ok",
        "dry_run": dry_run,
        "added": result.added,
        "changed": result.changed,
        "removed": result.removed,
        "unchanged": result.unchanged,
        "indicators": sorted(set(result.indicators)),
        "notes": result.notes,
        "errors": [],
    }


def _source(codes: list[str] | None) -> str:
    return "berekende waarden: " + (", ".join(codes) if codes else "alle")


def _n(value: int) -> str:
    return format_number(value)


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
