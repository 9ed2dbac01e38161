# SPDX-License-Identifier: EUPL-1.2
"""Migration 0006: an inspanning's free-text partner becomes a link to an organisation, names kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("agenda", "0005_report_period_finish"), ("areas", "0002_comparison_group")]
AFTER = [("agenda", "0006_organisation")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_partner_names_become_organisations_and_back():
    old = _migrate(BEFORE)
    Area = old.get_model("areas", "Area")
    area = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    Agenda, Theme, Goal, Effort = (old.get_model("agenda", m) for m in ("Agenda", "Theme", "Goal", "Effort"))
    agenda = Agenda.objects.create(organisation="Testdorp", area_id=area.pk, start_year=2024, end_year=2027)
    goal = Goal.objects.create(
        theme=Theme.objects.create(agenda=agenda, slug="t", title="T"), slug="g", title="G"
    )
    for title, partner in (("a", "Welzijn Testdorp"), ("b", " Welzijn Testdorp "), ("c", "GGD"), ("d", "")):
        Effort.objects.create(goal=goal, title=title, partner=partner)
    try:
        new = _migrate(AFTER)
        Organisation = new.get_model("agenda", "Organisation")
        assert sorted(Organisation.objects.values_list("name", flat=True)) == ["GGD", "Welzijn Testdorp"]
        links = dict(new.get_model("agenda", "Effort").objects.values_list("title", "partner__name"))
        assert links == {"a": "Welzijn Testdorp", "b": "Welzijn Testdorp", "c": "GGD", "d": None}
        back = _migrate(BEFORE)
        names = dict(back.get_model("agenda", "Effort").objects.values_list("title", "partner"))
        assert names == {"a": "Welzijn Testdorp", "b": "Welzijn Testdorp", "c": "GGD", "d": ""}
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
