# SPDX-License-Identifier: EUPL-1.2
"""An ImportRun never stays "running" after its process ended (issue 15): the next start marks it failed."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from kwaliteitsmonitor.indicators import runs
from kwaliteitsmonitor.indicators.load import start_run
from kwaliteitsmonitor.indicators.models import ImportRun, ImportStatus

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _run(process: str, heartbeat_age: dt.timedelta = dt.timedelta()) -> ImportRun:
    return ImportRun.objects.create(
        connector="tabular", source="x.csv", process=process, heartbeat=timezone.now() - heartbeat_age
    )


def test_a_run_records_its_process():
    run = start_run("tabular", "x.csv")
    assert run.process == runs.process_identity() and run.heartbeat is not None


def test_runs_whose_process_ended_are_marked_failed():
    here = socket.gethostname()
    dead = _run(f"{here}:{_dead_pid()}")
    alive = _run(runs.process_identity())
    elsewhere_recent = _run("een-andere-server:12")
    elsewhere_silent = _run("een-andere-server:13", dt.timedelta(hours=7))
    finished = _run(f"{here}:{_dead_pid()}")
    ImportRun.objects.filter(pk=finished.pk).update(status=ImportStatus.OK)

    assert sorted(runs.recover()) == sorted([dead.pk, elsewhere_silent.pk])
    for run in (dead, elsewhere_silent):
        run.refresh_from_db()
        assert run.status == ImportStatus.FAILED and run.finished_at is not None
        assert "Afgebroken" in run.errors[-1]["message"]
    for run, status in ((alive, "running"), (elsewhere_recent, "running"), (finished, "ok")):
        run.refresh_from_db()
        assert run.status == status
    assert runs.recover() == []  # once


def test_an_import_marks_crashed_runs_first(tmp_path):
    from kwaliteitsmonitor.areas.models import Area, Level
    from kwaliteitsmonitor.connectors.pipeline import run_import
    from kwaliteitsmonitor.indicators.models import Indicator

    Area.objects.create(code="GM0001", name="Gemeente", level=Level.GM)
    Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
    crashed = _run(f"{socket.gethostname()}:{_dead_pid()}")
    source = tmp_path / "w.csv"
    source.write_text("indicator;gebied;periode;waarde\ninwoners;GM0001;2024;100\n", encoding="utf-8")
    assert run_import("tabular", str(source)).status == "ok"
    crashed.refresh_from_db()
    assert crashed.status == ImportStatus.FAILED
    assert not ImportRun.objects.filter(status=ImportStatus.RUNNING).exists()
