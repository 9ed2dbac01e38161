# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 6: the wijken dashboard puts wijken of other gemeenten, chosen in the form, side by side."""

from __future__ import annotations

import html

import pytest

from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(world):
    other = Area.objects.get(code="GM9002")
    for i, name in enumerate(["Oost", "West"], start=1):
        Area.objects.create(code=f"WK9002{i:02d}", name=name, level=Level.WK, parent=other)
    run = start_run("test", "elders")
    records = [
        ObservationRecord("participatie", "WK900201", "2024JJ00", 9.1, status="voorlopig"),
        ObservationRecord("participatie", "WK900202", "2024JJ00", 5.0, status="voorlopig"),
        ObservationRecord("wmo-clienten", "WK900201", "2024JJ00", 40, status="definitief"),
    ]
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)
    publish()
    return world


def test_wijken_of_another_gemeente_chosen_in_the_form(elsewhere, client):
    plain = client.get("/wijken.json", {"indicator": "participatie"}).json()
    assert [g["code"] for g in plain["other_gemeenten"]] == ["GM9002"]
    assert [e["name"] for e in plain["comparison"]["wijken"]] == ["Noord", "Centrum", "Zuid"]
    data = client.get("/wijken.json", {"indicator": "participatie", "gemeente": "GM9002"}).json()
    assert data["chosen_gemeenten"] == [{"code": "GM9002", "name": "Vergelijk 2"}]
    wijken = data["comparison"]["wijken"]
    assert [(e["name"], e["rank_text"]) for e in wijken] == [
        ("Oost (Vergelijk 2)", "1 van 5"), ("Noord", "2 van 5"), ("Centrum", "3 van 5"),
        ("Zuid", "4 van 5"), ("West (Vergelijk 2)", "5 van 5"),
    ]  # fmt: skip
    assert data["comparison"]["table"]["rows"][0]["header"] == "Oost (Vergelijk 2)"
    # the map keeps to the gemeente's own wijken
    assert {r["header"] for r in data["comparison"]["map"]["table"]["rows"]} == {"Noord", "Centrum", "Zuid"}
    body = html.unescape(
        client.get("/wijken/", {"indicator": "participatie", "gemeente": "GM9002"}).content.decode()
    )
    assert '<option value="GM9002" selected>Vergelijk 2</option>' in body
    assert "Met de wijken van Vergelijk 2 ernaast" in body


def test_counts_are_not_put_side_by_side(elsewhere, client):
    data = client.get("/wijken.json", {"indicator": "wmo-clienten", "gemeente": "GM9002"}).json()
    assert data["other_gemeenten"] == [] and data["chosen_gemeenten"] == []
    assert any("aantallen van wijken in gemeenten van verschillende grootte" in n for n in data["notices"])


def test_unknown_or_too_many_gemeenten_are_a_message(elsewhere, client):
    data = client.get("/wijken.json", {"indicator": "participatie", "gemeente": "GM9002,GM0000"}).json()
    assert [g["code"] for g in data["chosen_gemeenten"]] == ["GM9002"]
    assert any("GM0000" in n for n in data["notices"])
