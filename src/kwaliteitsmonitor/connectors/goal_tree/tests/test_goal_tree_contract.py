# SPDX-License-Identifier: EUPL-1.2
"""The goal tree's direction, nulmeting, costs, report periods, partial files and full re-imports (issue 9,
item 3): never a direction assumed, every mistake named by file, row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kwaliteitsmonitor.agenda.models import Effort, EffortProgress, Goal, ReportPeriod, Result, Theme
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.insights import result_status

pytestmark = pytest.mark.django_db

OPTIONS = {"organisation": "Gemeente Woerden", "area": "GM0632", "start_year": 2024, "end_year": 2027}
COLUMNS = (
    "node_id", "parent_id", "level", "title", "indicator_ids", "target_value", "target_year", "direction",
    "baseline_value", "baseline_period", "report_period", "status", "progress_pct", "budget", "realisation",
)  # fmt: skip
BASE = [
    {"node_id": "O1", "level": "opgave", "title": "Zorg dichtbij"},
    {"node_id": "D1", "parent_id": "O1", "level": "doel", "title": "Minder zware zorg"},
]


@pytest.fixture(autouse=True)
def _base():
    Area.objects.create(code="GM0632", name="Woerden", level="GM")
    Indicator.objects.create(
        code="wmo_per1000", name="Wmo-cliënten per 1.000 inwoners", unit="per_1000",
        polarity="lower_is_better",
    )  # fmt: skip
    Indicator.objects.create(code="neutraal", name="Aantal meldingen", unit="count", polarity="neutral")
    Indicator.objects.create(
        code="tevreden", name="Tevredenheid", unit="score_0_10", polarity="higher_is_better"
    )


def _csv(rows):
    lines = [";".join(COLUMNS)]
    lines += [";".join(str(row.get(c, "")) for c in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def _run(tmp_path, rows, name="boom.csv", **options):
    path = tmp_path / name
    path.write_text(_csv(rows), encoding="utf-8")
    return run_import("goal-tree", str(path), options={**OPTIONS, **options})


def _result(**fields):
    return {"node_id": "R1", "parent_id": "D1", "level": "resultaat", "title": "Minder Wmo", **fields}


def test_lower_is_better_target_is_not_achieved_above_it(tmp_path):
    """Wmo per 1.000, target 55 (lower is better): 57 is not "behaald". The file says no direction; the
    indicator's polarity gives it. Before, the import set none and the default "stijgen" read 57 ≥ 55 as
    behaald."""
    run = start_run("test", "geheugen")
    records = [ObservationRecord("wmo_per1000", "GM0632", f"{y}JJ00", v) for y, v in ((2022, 59), (2023, 57))]
    finish_run(run, load_observations(records, run))
    outcome = _run(tmp_path, [*BASE, _result(indicator_ids="wmo_per1000", target_value=55, target_year=2027)])
    assert outcome.status == "ok", outcome.result.errors
    result = Result.objects.get(external_id="R1")
    assert result.direction == "decrease"
    status = result_status(result, year=2024)
    assert status["code"] != "achieved"
    assert "behaald" not in status["label"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        # Stijgen for a lower-is-better indicator: a conflict, never silently one of the two.
        (_result(indicator_ids="wmo_per1000", target_value=55, target_year=2027, direction="stijgen"),
         "direction", "botst met de polariteit"),
        (_result(indicator_ids="tevreden", target_value=8, target_year=2027, direction="dalen"),
         "direction", "botst met de polariteit"),
        # A target without any direction (neutral indicator, no column value): asked, not assumed.
        (_result(indicator_ids="neutraal", target_value=10, target_year=2027), "direction", "zonder richting"),
        (_result(target_value=10, target_year=2027), "direction", "koppel een indicator"),
        (_result(direction="omhoogjes"), "direction", "onbekende richting"),
        (_result(baseline_value=60), "baseline_period", "zonder periode"),
        (_result(baseline_value=60, baseline_period="vorig jaar"), "baseline_period", "geen geldige periode"),
        ({"node_id": "D2", "parent_id": "O1", "level": "doel", "title": "X", "direction": "dalen"},
         "direction", "hoort bij een resultaat"),
        ({"node_id": "D2", "parent_id": "O1", "level": "doel", "title": "X", "budget": "100"},
         "budget", "hoort bij een inspanning"),
        ({"node_id": "I1", "parent_id": "D1", "level": "inspanning", "title": "X", "report_period": "2025-burap1",
          "realisation": "-5"}, "realisation", "negatief"),
        ({"node_id": "I1", "parent_id": "D1", "level": "inspanning", "title": "X", "status": "Groen"},
         "report_period", "zonder rapportageperiode"),
        ({"node_id": "I1", "parent_id": "D1", "level": "inspanning", "title": "X", "report_period": "Q3 2025",
          "status": "Groen"}, "report_period", "onbekende rapportageperiode 'Q3 2025'"),
        ({"node_id": "I1", "parent_id": "X9", "level": "inspanning", "title": "X"}, "parent_id",
         "ontbreekt in het bestand en in de agenda"),
    ],
)  # fmt: skip
def test_bad_rows_are_named_and_nothing_is_written(tmp_path, row, column, message):
    ok = _run(tmp_path, BASE, "ok.csv")
    assert ok.status == "ok", ok.result.errors
    before = database_dump()
    outcome = _run(tmp_path, [*BASE, row])
    assert outcome.exit_code == 2
    errors = outcome.result.errors
    assert any((e.file, e.row, e.column) == ("boom.csv", 4, column) for e in errors), errors
    assert any(message in e.message for e in errors), errors
    assert database_dump() == before


def test_direction_baseline_and_costs_are_stored(tmp_path):
    effort = {"node_id": "I1", "parent_id": "R1", "level": "inspanning", "title": "Wijkteam aan de voorkant"}
    rows = [
        *BASE,
        _result(indicator_ids="neutraal", target_value=40, target_year=2027, direction="dalen",
                baseline_value="61,5", baseline_period="2022"),
        {**effort, "report_period": "2025-voorjaarsnota", "status": "Oranje", "budget": "€ 120.000",
         "realisation": "30000"},
        {**effort, "report_period": "2025-najaarsnota", "status": "Groen", "budget": "125000,50",
         "realisation": "81.000"},
    ]  # fmt: skip
    outcome = _run(tmp_path, rows)
    assert outcome.status == "ok", outcome.result.errors
    result = Result.objects.get(external_id="R1")
    assert (result.direction, result.baseline_value, result.baseline_period) == ("decrease", 61.5, "2022JJ00")
    latest = Effort.objects.get(external_id="I1").latest_report()
    assert latest.report_period.slug == "2025-najaarsnota"
    assert (latest.budget, latest.realisation) == (Decimal("125000.50"), Decimal("81000.00"))
    spring = EffortProgress.objects.get(report_period__slug="2025-voorjaarsnota")
    assert (spring.budget, spring.realisation) == (Decimal("120000.00"), Decimal("30000.00"))
    # Identical re-import: nothing changes.
    again = _run(tmp_path, rows)
    assert (again.result.added, again.result.changed) == (0, 0)


def test_a_file_without_the_new_columns_keeps_what_staff_entered(tmp_path):
    _run(tmp_path, [*BASE, _result(indicator_ids="wmo_per1000", baseline_value=61, baseline_period="2022")])
    path = tmp_path / "oud.csv"
    path.write_text(
        "node_id;parent_id;level;title;indicator_ids\nO1;;opgave;Zorg dichtbij;\n"
        "D1;O1;doel;Minder zware zorg;\nR1;D1;resultaat;Minder Wmo;wmo_per1000\n",
        encoding="utf-8",
    )
    outcome = run_import("goal-tree", str(path), options=OPTIONS)
    assert outcome.status == "ok", outcome.result.errors
    result = Result.objects.get(external_id="R1")
    assert (result.baseline_value, result.baseline_period, result.direction) == (61, "2022JJ00", "decrease")


def test_report_periods_are_found_created_by_rule_and_reported(tmp_path):
    staff_made = ReportPeriod.objects.create(
        name="Voorjaarsnota 2026", slug="voorjaarsnota-2026", kind="voorjaarsnota", date=dt.date(2026, 4, 15)
    )
    effort = {"node_id": "I1", "parent_id": "D1", "level": "inspanning", "title": "Buurtkamers"}
    rows = [
        *BASE,
        {**effort, "report_period": "2026-voorjaarsnota", "status": "Groen"},
        {**effort, "report_period": "2e burap 2025", "status": "Oranje"},
    ]
    outcome = _run(tmp_path, rows)
    assert outcome.status == "ok", outcome.result.errors
    reports = EffortProgress.objects.filter(effort__external_id="I1")
    assert {r.report_period for r in reports} >= {staff_made}
    burap = ReportPeriod.objects.get(slug="2025-burap2")
    assert (burap.name, burap.kind, burap.date) == ("Burap 2 2025", "burap", dt.date(2025, 8, 31))
    assert any("'Burap 2 2025' aangemaakt (peildatum 31 augustus 2025" in w for w in outcome.warnings)
    assert ReportPeriod.objects.count() == 2  # the staff-made voorjaarsnota was found, not duplicated


def test_partial_file_refers_to_nodes_in_the_agenda_and_full_reimport_reports_missing(tmp_path):
    full = [*BASE, _result(indicator_ids="wmo_per1000"), {"node_id": "D2", "parent_id": "O1", "level": "doel",
                                                          "title": "Meer meedoen"}]  # fmt: skip
    assert _run(tmp_path, full).status == "ok"
    # A partial file: only a new inspanning under R1, which is not in the file but in the agenda.
    part = [{"node_id": "I9", "parent_id": "R1", "level": "inspanning", "title": "Nieuw project",
             "report_period": "2025-jaarstukken", "status": "Op koers"}]  # fmt: skip
    outcome = _run(tmp_path, part, partial=True)
    assert outcome.status == "ok", outcome.result.errors
    effort = Effort.objects.get(external_id="I9")
    assert (effort.result.external_id, effort.goal.external_id) == ("R1", "D1")
    assert not any("niet in dit bestand" in w for w in outcome.warnings)
    # A full re-import without D2 and I9: both are named, neither is deleted.
    outcome = _run(tmp_path, [*BASE, _result(indicator_ids="wmo_per1000")])
    assert outcome.status == "ok", outcome.result.errors
    (note,) = [w for w in outcome.warnings if "niet in dit bestand" in w]
    assert note.startswith("2 knopen staan in de agenda")
    assert "een doel 'Meer meedoen' (D2)" in note and "een inspanning 'Nieuw project' (I9)" in note
    assert Goal.objects.filter(external_id="D2").exists() and Effort.objects.filter(external_id="I9").exists()
    assert Theme.objects.count() == 1
