# SPDX-License-Identifier: EUPL-1.2
"""The shared load step: all-or-nothing, idempotent, revisions kept."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator, Observation, ObservationRevision
from kwaliteitsmonitor.indicators.records import ObservationRecord as R

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM", parent=nl)
    Area.objects.create(code="WK000101", name="Centrum", level="WK", parent=gm)
    Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    return gm


def _dump():
    return sorted(
        Observation.objects.values_list(
            "indicator__code", "area__code", "period", "breakdown", "value", "status"
        )
    )


def _load(records, **kwargs):
    run = start_run("test", "geheugen")
    result = load_observations(records, run, **kwargs)
    finish_run(run, result)
    return result, run


def test_first_load_adds_and_identical_reload_writes_nothing(world):
    records = [
        R("wmo_clienten", "GM0001", "2023JJ00", 120.0, status="definitief"),
        R("wmo_clienten", "WK000101", "2023JJ00", 40.0, status="definitief"),
        R("wmo_clienten", "GM0001", "2024HJ01", 80.0, status="voorlopig"),
    ]
    result, run = _load(records)
    assert (result.added, result.changed, result.unchanged) == (3, 0, 0)
    assert Observation.objects.filter(import_run=run).count() == 3

    before = _dump()
    again, run2 = _load(records)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)
    assert _dump() == before
    assert not Observation.objects.filter(import_run=run2).exists()


def test_changed_value_keeps_its_predecessor_as_revision(world):
    _first, run1 = _load([R("wmo_clienten", "GM0001", "2024HJ01", 80.0, status="voorlopig")])
    second, run2 = _load([R("wmo_clienten", "GM0001", "2024HJ01", 85.0, status="definitief")])
    assert (second.added, second.changed) == (0, 1)
    obs = Observation.objects.get()
    assert (obs.value, obs.status, obs.revision_count, obs.import_run_id) == (85.0, "definitief", 1, run2.pk)
    revision = ObservationRevision.objects.get(observation=obs)
    assert (revision.value, revision.status, revision.import_run_id, revision.superseded_by_id) == (
        80.0,
        "voorlopig",
        run1.pk,
        run2.pk,
    )


def test_status_change_alone_is_a_revision(world):
    _load([R("wmo_clienten", "GM0001", "2024HJ01", 80.0, status="voorlopig")])
    result, _ = _load([R("wmo_clienten", "GM0001", "2024HJ01", 80.0, status="definitief")])
    assert result.changed == 1
    assert ObservationRevision.objects.get().status == "voorlopig"


def test_one_bad_record_rejects_the_whole_batch(world):
    _load([R("wmo_clienten", "GM0001", "2023JJ00", 120.0)])
    before = _dump()
    records = [
        R("wmo_clienten", "GM0001", "2023JJ00", 999.0, file="x.csv", row=2),
        R("wmo_clienten", "GM9999", "2023JJ00", 1.0, file="x.csv", row=3, column="gebied"),
        R("onbekend", "GM0001", "2023JJ00", 1.0, file="x.csv", row=4, column="indicator"),
        R("wmo_clienten", "WK000101", "2023XX00", 1.0, file="x.csv", row=5),
    ]
    result, run = _load(records)
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert "x.csv, rij 3, kolom gebied: onbekend gebied 'GM9999'" in messages
    assert "x.csv, rij 4, kolom indicator: onbekende indicator 'onbekend'" in messages
    assert any("rij 5" in m and "geen geldige periode" in m for m in messages)
    assert run.status == "invalid"
    assert _dump() == before


def test_duplicate_keys_are_reported_with_both_rows(world):
    records = [
        R("wmo_clienten", "GM0001", "2023JJ00", 1.0, file="d.csv", row=2),
        R("wmo_clienten", "GM0001", "2023JJ00", 2.0, file="d.csv", row=7),
    ]
    result, _ = _load(records)
    assert [str(e) for e in result.errors] == [
        "d.csv, rij 7: dubbele waarde voor wmo_clienten / GM0001 / 2023JJ00 (ook in rij 2)"
    ]
    assert not Observation.objects.exists()


def test_dry_run_reports_but_writes_nothing(world):
    _load([R("wmo_clienten", "GM0001", "2023JJ00", 120.0)])
    before = _dump()
    result = load_observations(
        [R("wmo_clienten", "GM0001", "2023JJ00", 125.0), R("wmo_clienten", "GM0001", "2024JJ00", 130.0)],
        None,
        dry_run=True,
    )
    assert (result.added, result.changed, result.unchanged) == (1, 1, 0)
    assert _dump() == before
    assert not ObservationRevision.objects.exists()


def test_breakdowns_are_separate_values(world):
    result, _ = _load(
        [
            R("wmo_clienten", "GM0001", "2023JJ00", 100.0),
            R("wmo_clienten", "GM0001", "2023JJ00", 60.0, breakdown="leeftijd=75+"),
        ]
    )
    assert result.added == 2
    assert set(Observation.objects.values_list("breakdown", flat=True)) == {"", "leeftijd=75+"}


def test_earlier_published_values_are_protected_like_any_value(world):
    from kwaliteitsmonitor.publications.queries import earlier_versions
    from kwaliteitsmonitor.publications.testing import publish

    _load([R("wmo_clienten", "GM0001", "2024HJ01", 82.0, status="voorlopig")])
    _load([R("wmo_clienten", "WK000101", "2024HJ01", 5.0, status="voorlopig")])
    publish()
    _load([R("wmo_clienten", "GM0001", "2024HJ01", 86.0, status="definitief")])
    _load([R("wmo_clienten", "WK000101", "2024HJ01", 9.0, status="definitief")])
    publish()
    history = {h["area"]: h for h in earlier_versions(Indicator.objects.get(), ["GM0001", "WK000101"])}
    assert (history["GM0001"]["value"], history["GM0001"]["status"]) == (80.0, "voorlopig")  # 82 rounded to 5
    assert (
        history["WK000101"]["value"] is None and history["WK000101"]["value_attribute"] == "."
    )  # 5 is secret
    assert history["GM0001"]["period_label"] == "1e halfjaar 2024"
