# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import <connector> <source> [--dry-run] [--json] [options]``.

Exit codes: 0 imported (or nothing to change), 2 invalid input (nothing written), 1 other failure.
``--json`` prints exactly one object on stdout:
``{"status", "added", "changed", "unchanged", "rejected", "errors": [{"file", "row", "column", "message"}]}``
with status ``ok`` or ``invalid`` (``failed`` for exit code 1); a dry run adds ``"indicators"``: per
indicator the definition that will be used and a few values as delivered and as published.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kwaliteitsmonitor.connectors.pipeline import ImportOutcome, Progress, run_import
from kwaliteitsmonitor.connectors.preview_text import preview_lines
from kwaliteitsmonitor.connectors.registry import CONNECTORS, connector_class

_COMMON = {"verbosity", "settings", "pythonpath", "traceback", "no_color", "force_color", "skip_checks"}
_PROGRESS_FROM = 20_000  # values; smaller imports finish before a bar is useful


class Command(BaseCommand):  # type: ignore[misc]
    help = "Importeer gegevens via een bron-koppeling (" + ", ".join(sorted(CONNECTORS)) + ")."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("connector", help="bron-koppeling: " + ", ".join(sorted(CONNECTORS)))
        parser.add_argument("source", help="tabelnummer, bestand of map")
        parser.add_argument(
            "--dry-run", action="store_true", help="laat zien wat er zou veranderen, schrijf niets"
        )
        parser.add_argument("--json", action="store_true", help="print één JSON-object met de samenvatting")
        parser.add_argument(
            "--actor", default="", help="wie de import uitvoert (standaard: de systeemgebruiker)"
        )
        for name in sorted(CONNECTORS):
            group = parser.add_argument_group(f"opties voor '{name}'")
            # An option with the same name (and meaning) may already be there from another connector.
            with contextlib.suppress(argparse.ArgumentError):
                connector_class(name).add_arguments(group)

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json: bool = opts["json"]
        connector_options = {
            k: v
            for k, v in opts.items()
            if k not in _COMMON | {"connector", "source", "dry_run", "json", "actor"}
            and v not in (None, False)
        }
        bars: list[Any] = []
        outcome = run_import(
            opts["connector"],
            opts["source"],
            options=connector_options,
            dry_run=opts["dry_run"],
            actor=opts["actor"] or _system_user(),
            progress=None if as_json else (lambda total: _progress_bar(total, bars)),
        )
        for bar in bars:
            bar.close()
        if as_json:
            self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
        else:
            self._report(outcome)
        if outcome.exit_code:
            reason = (
                "ongeldige invoer, er is niets opgeslagen" if outcome.exit_code == 2 else "import mislukt"
            )
            if outcome.status == "failed" and outcome.result.errors:
                reason = f"import mislukt, er is niets opgeslagen: {outcome.result.errors[0].message}"
            raise CommandError(reason, returncode=outcome.exit_code)

    def _report(self, outcome: ImportOutcome) -> None:
        r = outcome.result
        if outcome.status == "failed":
            return  # one line: the CommandError names the reason
        for error in r.errors[:200]:
            self.stderr.write(f"  {error}")
        if len(r.errors) > 200:
            self.stderr.write(f"  … en nog {len(r.errors) - 200} fouten")
        for warning in outcome.warnings:
            self.stderr.write(f"  let op: {warning}")
        counts = (
            f"{r.added} toegevoegd, {r.changed} gewijzigd, {r.unchanged} ongewijzigd, {r.rejected} afgewezen"
        )
        if outcome.status != "ok":
            self.stderr.write(f"Import afgewezen: {len(r.errors)} fout(en). {counts}.")
            return
        extra = _extra(outcome)
        if outcome.dry_run:
            for line in preview_lines(outcome.preview):
                self.stdout.write(line)
            self.stdout.write(f"Proefrun, er is niets opgeslagen. Deze import zou geven: {counts}{extra}.")
        elif outcome.nothing_changed:
            self.stdout.write(f"Niets gewijzigd: alle waarden stonden er al zo ({counts}).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Klaar: {counts}{extra} (importrun {outcome.run_id})."))


def _extra(outcome: ImportOutcome) -> str:
    parts = []
    if outcome.indicators_created:
        parts.append(f"{outcome.indicators_created} nieuwe indicatoren")
    if outcome.indicators_updated:
        parts.append(f"{outcome.indicators_updated} indicatoren bijgewerkt")
    if outcome.areas_created:
        parts.append(f"{outcome.areas_created} nieuwe gebieden")
    return "; " + ", ".join(parts) if parts else ""


def _progress_bar(total: int, bars: list[Any]) -> Progress | None:
    if total < _PROGRESS_FROM:
        return None
    bar = tqdm(total=total, file=sys.stderr, unit=" waarden", desc="opslaan", disable=None)
    bars.append(bar)
    return bar.update  # type: ignore[no-any-return]


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
