# SPDX-License-Identifier: EUPL-1.2
"""The migration from free-text report periods to ReportPeriod (agenda 0003–0005): dates by the documented
rule, else from the reports, else the day of the migration (and said so); an inspanning's own status moves
into a report only when no report has it; what it did is printed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("agenda", "0002_picture")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _old_world(apps):
    area = apps.get_model("areas", "Area").objects.create(code="GM0632", name="Woerden", level="GM")
    agenda = apps.get_model("agenda", "Agenda").objects.create(
        organisation="Woerden", area=area, start_year=2024, end_year=2027
    )
    theme = apps.get_model("agenda", "Theme").objects.create(agenda=agenda, slug="o", title="Opgave")
    goal = apps.get_model("agenda", "Goal").objects.create(theme=theme, slug="d", title="Doel")
    Effort = apps.get_model("agenda", "Effort")
    Progress = apps.get_model("agenda", "EffortProgress")

    def effort(title, own, *reports):
        made = Effort.objects.create(
            goal=goal, title=title, status=own[0], status_label=own[1], progress=own[2], explanation=own[3]
        )
        for period, status, progress, reported_on in reports:
            Progress.objects.create(
                effort=made, report_period=period, status=status, progress=progress, reported_on=reported_on
            )

    # Imported: the effort copied the last row of the file (the voorjaarsnota), not the latest period.
    effort(
        "Buurtkamers", ("in_progress", "", 40, ""),
        ("2025-najaarsnota", "done_on_track", 80, None), ("2025-voorjaarsnota", "in_progress", 40, None),
    )  # fmt: skip
    effort("Maatjes", ("no_data", "", None, ""), ("Voorjaarsnota 2025", "not_started", 0, None))
    # Typed in the beheer, no report at all.
    effort("Handwerk", ("in_progress", "Oranje", 10, "Zelf ingevuld"))
    # The old import allowed a status without a period; and a name the rule cannot read, with a date.
    effort("Zonder periode", ("done_on_track", "", None, ""), ("", "done_on_track", None, None))
    effort("Kwartaal", ("no_data", "", None, ""), ("Kwartaal drie", "in_progress", 50, dt.date(2025, 10, 1)))


def test_free_text_report_periods_become_dated_periods(capsys):
    _old_world(_migrate(BEFORE))
    apps = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ReportPeriod = apps.get_model("agenda", "ReportPeriod")
    Progress = apps.get_model("agenda", "EffortProgress")
    today = dt.date.today()
    assert sorted(ReportPeriod.objects.values_list("name", "slug", "kind", "date")) == sorted([
        ("Najaarsnota 2025", "2025-najaarsnota", "najaarsnota", dt.date(2025, 8, 31)),
        ("Voorjaarsnota 2025", "2025-voorjaarsnota", "voorjaarsnota", dt.date(2025, 3, 31)),
        ("Kwartaal drie", "kwartaal-drie", "other", dt.date(2025, 10, 1)),
        ("Zonder rapportageperiode", "zonder-rapportageperiode", "other", today),
        ("Stand bij invoering rapportageperioden", "stand-bij-invoering-rapportageperioden", "other", today),
    ])  # fmt: skip
    reports = {
        (r.effort.title, r.report_period.name): (r.status, r.status_label, r.progress, r.explanation)
        for r in Progress.objects.select_related("effort", "report_period")
    }
    assert reports == {
        ("Buurtkamers", "Najaarsnota 2025"): ("done_on_track", "", 80, ""),
        ("Buurtkamers", "Voorjaarsnota 2025"): ("in_progress", "", 40, ""),
        ("Maatjes", "Voorjaarsnota 2025"): ("not_started", "", 0, ""),  # two spellings, one period
        ("Handwerk", "Stand bij invoering rapportageperioden"): (
            "in_progress",
            "Oranje",
            10,
            "Zelf ingevuld",
        ),
        ("Zonder periode", "Zonder rapportageperiode"): ("done_on_track", "", None, ""),
        ("Kwartaal", "Kwartaal drie"): ("in_progress", "", 50, ""),
    }
    printed = capsys.readouterr().out
    assert (
        "'2025-najaarsnota' → Najaarsnota 2025 (peildatum 31-08-2025; regel voor de soort 'najaarsnota')"
        in printed
    )
    assert (
        "'Kwartaal drie' → Kwartaal drie (peildatum 01-10-2025; de datum van de laatste rapportage erin)"
        in printed
    )
    assert "datum onbekend" in printed and "'Handwerk': eigen status → rapportage" in printed
