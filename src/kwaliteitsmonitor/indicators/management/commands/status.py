# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor status``: what is in the database, in Dutch; ``--json`` for scripts and CI."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import (
    ImportRun,
    ImportStatus,
    Indicator,
    Observation,
    ObservationRevision,
)


def collect() -> dict[str, Any]:
    """Counts of what the monitor holds. Keys are stable: scripts read them."""
    per_level = dict(Area.objects.order_by().values_list("level").annotate(n=Count("id")))
    last = ImportRun.objects.order_by("-started_at", "-id").first()
    return {
        "areas": sum(per_level.values()),
        "areas_per_level": {level: per_level.get(level, 0) for level in Level.values},
        "indicators": Indicator.objects.count(),
        "indicators_published": Indicator.objects.filter(is_published=True).count(),
        "observations": Observation.objects.count(),
        "observation_revisions": ObservationRevision.objects.count(),
        "import_runs": ImportRun.objects.count(),
        "last_import_run": _run(last) if last else None,
        "database": connection.vendor,
    }


def _run(run: ImportRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "connector": run.connector,
        "source": run.source,
        "status": run.status,
        "dry_run": run.dry_run,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "added": run.added,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
    }


def _n(value: int) -> str:
    return format_number(value)


def render_text(data: dict[str, Any]) -> str:
    labels = dict(Level.choices)
    levels = ", ".join(f"{labels[lv].lower()} {_n(n)}" for lv, n in data["areas_per_level"].items() if n)
    rows = [
        ("Gebieden", _n(data["areas"]) + (f" ({levels})" if levels else "")),
        ("Indicatoren", f"{_n(data['indicators'])} ({_n(data['indicators_published'])} gepubliceerd)"),
        (
            "Waarden",
            f"{_n(data['observations'])} ({_n(data['observation_revisions'])} eerdere waarden bewaard)",
        ),
        ("Importruns", _n(data["import_runs"])),
        ("Laatste import", _describe_run(data["last_import_run"])),
    ]
    lines = [f"Kwaliteitsmonitor – inhoud van de database ({data['database']})"]
    lines += [f"{label + ':':<16}{text}" for label, text in rows]
    return "\n".join(lines)


def _describe_run(run: dict[str, Any] | None) -> str:
    if run is None:
        return "nog geen"
    started = timezone.localtime(datetime.fromisoformat(run["started_at"]))
    status = dict(ImportStatus.choices).get(run["status"], run["status"]).lower()
    counts = (
        f"toegevoegd {_n(run['added'])}, gewijzigd {_n(run['changed'])}, "
        f"ongewijzigd {_n(run['unchanged'])}, afgewezen {_n(run['rejected'])}"
    )
    trial = ", proefrun" if run["dry_run"] else ""
    return f"{run['connector']} {run['source']} op {started:%d-%m-%Y %H:%M}: {status}{trial} ({counts})"


class Command(BaseCommand):
    help = "Toont hoeveel gebieden, indicatoren, waarden en importruns er in de database staan."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", dest="as_json", help="Uitvoer als JSON.")

    def handle(self, *args: Any, as_json: bool = False, **options: Any) -> None:
        data = collect()
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(data))
