# SPDX-License-Identifier: EUPL-1.2
"""The ``goal-tree`` connector: the DOMAIN.md §8 contract, idempotency, progress per period, errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kwaliteitsmonitor.agenda.models import Agenda, Effort, EffortProgress, Goal, Result, Theme
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.tabular.tests.xlsx import write_xlsx
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import Indicator

pytestmark = pytest.mark.django_db

HEADER = "node_id;parent_id;level;title;description;owner;start_date;end_date;report_period;status;status_label_source;progress_pct;explanation;indicator_ids;target_value;target_year\n"
ROWS = (
    "O1;;opgave;Iedereen doet mee;;;;;;;;;;;;\n"
    "D1;O1;doel;Minder eenzaamheid;;;;;;;;;;;;\n"
    "R1;D1;resultaat;Eenzaamheid 65+ daalt;;;;;;;;;;eenzaam;40;2027\n"
    "I1;R1;inspanning;Buurtkamers;;Wethouder Zorg;2024-01-01;31-12-2027;2025-burap1;;Oranje;40;Vertraagd;;;\n"
    "I1;R1;inspanning;Buurtkamers;;Wethouder Zorg;2024-01-01;31-12-2027;2025-jaarstukken;;Groen;75;Op schema;;;\n"
    "I2;D1;actie;Maatjesproject;;;;;2025-burap1;;Op koers;;;;;\n"
)
OPTIONS = {"organisation": "Gemeente Woerden", "area": "GM0632", "start_year": 2024, "end_year": 2027}


@pytest.fixture(autouse=True)
def _base():
    Area.objects.create(code="GM0632", name="Woerden", level="GM")
    # Lower is better: the resultaat "daalt" takes its direction from the indicator's polarity.
    Indicator.objects.create(code="eenzaam", name="Eenzaamheid 65+", unit="pct", polarity="lower_is_better")


def _run(tmp_path, text, name="boom.csv", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_import("goal-tree", str(path), options={**OPTIONS, **options})


def test_tree_and_progress_idempotent(tmp_path):
    first = _run(tmp_path, HEADER + ROWS)
    assert first.status == "ok", first.result.errors
    assert (Theme.objects.count(), Goal.objects.count(), Result.objects.count(), Effort.objects.count()) == (
        1,
        1,
        1,
        2,
    )
    result = Result.objects.get(external_id="R1")
    assert (result.target_value, result.target_year, [i.code for i in result.indicators.all()]) == (
        40,
        2027,
        ["eenzaam"],
    )
    assert result.direction == "decrease"
    kamers = Effort.objects.get(external_id="I1")
    assert (kamers.result, kamers.goal.external_id, kamers.owner) == (result, "D1", "Wethouder Zorg")
    latest = kamers.latest_report()  # the jaarstukken (31 December) come after burap 1 (30 April)
    assert (latest.report_period.name, latest.status, latest.status_label, latest.progress) == (
        "Jaarstukken 2025",
        "done_on_track",
        "Groen",
        75,
    )
    burap = EffortProgress.objects.get(effort=kamers, report_period__slug="2025-burap1")
    assert (burap.status, burap.report_period.name) == ("in_progress", "Burap 1 2025")
    assert first.result.added == 1 + 1 + 1 + 2 + 3
    before = database_dump()
    second = _run(tmp_path, HEADER + ROWS)
    assert (second.result.added, second.result.changed, second.result.unchanged) == (0, 0, 8)
    after = database_dump()
    after.pop("indicators_importrun"), before.pop("indicators_importrun")
    assert after == before
    third = _run(tmp_path, HEADER + ROWS.replace("Maatjesproject", "Maatjes en buddies"))
    assert (third.result.added, third.result.changed) == (0, 1)
    assert Agenda.objects.count() == 1


def test_xlsx_goal_tree(tmp_path):
    rows = [line.split(";") for line in (HEADER + ROWS).strip().split("\n")]
    write_xlsx(tmp_path / "boom.xlsx", rows)
    outcome = run_import("goal-tree", str(tmp_path / "boom.xlsx"), options=OPTIONS)
    assert outcome.status == "ok", outcome.result.errors
    assert Effort.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda t: t.replace("Oranje", "Paars"), (5, "status_label_source"), "onbekende status 'Paars'"),
        (lambda t: t.replace(";doel;", ";wens;"), (3, "level"), "onbekend niveau"),
        (lambda t: t.replace("D1;O1;", "D1;O9;"), (3, "parent_id"), "ontbreekt"),
        (lambda t: t.replace("I2;D1;", "I2;O1;"), (7, "parent_id"), "kan niet onder"),
        (lambda t: t.replace(";40;Vertraagd", ";veertig;Vertraagd"), (5, "progress_pct"), "geen getal"),
        (lambda t: t.replace(";75;", ";175;"), (6, "progress_pct"), "niet tussen 0 en 100"),
        (
            lambda t: t.replace("31-12-2027;2025-burap1", "31-13-2027;2025-burap1"),
            (5, "end_date"),
            "geen datum",
        ),
        (lambda t: t.replace(";eenzaam;", ";onbekend;"), (4, "indicator_ids"), "onbekende indicator"),
        (lambda t: t.replace("2025-jaarstukken", "2025-burap1"), (6, "report_period"), "dubbel"),
        (lambda t: t.replace("node_id", "id"), (1, "node_id"), "verplichte kolom"),
    ],
)
def test_invalid_goal_trees_exit_2_and_write_nothing(tmp_path, change, where, message):
    _run(tmp_path, HEADER + ROWS, "ok.csv")
    before = database_dump()
    outcome = _run(tmp_path, change(HEADER + ROWS))
    assert outcome.exit_code == 2
    errors = outcome.result.errors
    assert any((e.file, e.row, e.column) == ("boom.csv", *where) for e in errors), errors
    assert any(message in e.message for e in errors), errors
    assert database_dump() == before


def test_agenda_options_are_required(tmp_path):
    path = tmp_path / "boom.csv"
    path.write_text(HEADER + ROWS)
    outcome = run_import("goal-tree", str(path), options={})
    assert outcome.exit_code == 2
    assert "--agenda" in outcome.result.errors[0].message
    assert not Agenda.objects.exists()


def test_through_the_import_command(tmp_path):
    path = tmp_path / "boom.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    args = [
        "import",
        "goal-tree",
        str(path),
        "--json",
        "--organisation",
        "Gemeente Woerden",
        "--area",
        "GM0632",
    ]
    args += ["--start-year", "2024", "--end-year", "2027"]
    out = StringIO()
    call_command(*args, stdout=out)
    assert json.loads(out.getvalue())["added"] == 8
    out = StringIO()
    call_command(*args, stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (0, 0, 8)
