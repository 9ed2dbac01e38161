# SPDX-License-Identifier: EUPL-1.2
"""Computed values for areas without a value of their own: counts summed, rates from summed numerators
and denominators, only when complete, never over a secret, replaced by a delivered value, idempotent,
and read through the one protection stage (pages and API)."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.areas.models import Area, AreaMembership
from kwaliteitsmonitor.indicators.derive import derive_computed_values
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator, Observation, ObservationRevision
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications.queries import values
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM", parent=nl)
    other = Area.objects.create(code="GM0002", name="Buurdorp", level="GM", parent=nl)
    region = Area.objects.create(code="JZ01", name="Jeugdregio Test", level="JZ")
    for member in (gm, other):
        AreaMembership.objects.create(
            area=member, kind="jeugdregio", year=2020, group_code="JZ01", group=region
        )
    w1 = Area.objects.create(code="WK000101", name="Centrum", level="WK", parent=gm)
    Area.objects.create(code="WK000102", name="Noord", level="WK", parent=gm)
    Area.objects.create(code="WK000103", name="Water", level="WK", parent=gm, is_pseudo=True)
    Area.objects.create(code="BU00010101", name="Oud", level="BU", parent=w1)
    Area.objects.create(code="BU00010102", name="Nieuw", level="BU", parent=w1)
    Area.objects.create(code="WK000199", name="Opgeheven", level="WK", parent=gm, valid_to=2019)
    Indicator.objects.create(
        code="bezoekers", name="Bezoekers", unit="count", provider="partner", disclosure="round:5"
    )
    young = Indicator.objects.create(code="jongeren", name="Jongeren", unit="count", provider="cbs")
    helped = Indicator.objects.create(
        code="jeugdhulp", name="Jongeren met jeugdhulp", unit="count", provider="own"
    )
    Indicator.objects.create(
        code="jeugdhulp_pct", name="Jeugdhulp %", unit="pct", decimals=1, provider="own",
        numerator=helped, denominator=young, factor=100, disclosure="none",
    )  # fmt: skip
    Indicator.objects.create(
        code="eenzaam", name="Eenzaam", unit="pct", count_method="survey", provider="survey"
    )
    return gm


def _load(records):
    run = start_run("test", "geheugen")
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)
    derived = derive_computed_values({r.indicator for r in records}, {r.period for r in records}, run)
    return result, derived


def _computed():
    return sorted(
        Observation.objects.filter(is_computed=True).values_list(
            "indicator__code", "area__code", "period", "value", "numerator", "denominator"
        )
    )


def test_counts_are_summed_bottom_up_buurt_wijk_gemeente_region(world):
    _load(
        [
            R("bezoekers", "BU00010101", "2024JJ00", 30.0),
            R("bezoekers", "BU00010102", "2024JJ00", 12.0),
            R("bezoekers", "WK000102", "2024JJ00", 101.0),
            R("bezoekers", "GM0002", "2024JJ00", 400.0),
        ]
    )
    # Centrum = 30 + 12 = 42 (its buurten); Testdorp = 42 + 101 = 143 (the water wijk has no value and
    # is a pseudo-area; the wijk that ended in 2019 does not count in 2024); the jeugdregio = 143 + 400.
    assert _computed() == [
        ("bezoekers", "GM0001", "2024JJ00", 143.0, None, None),
        ("bezoekers", "JZ01", "2024JJ00", 543.0, None, None),
        ("bezoekers", "WK000101", "2024JJ00", 42.0, None, None),
    ]
    # Nederland is never computed from gemeenten.
    assert not Observation.objects.filter(area__code="NL00").exists()


def test_rates_come_from_summed_numerators_and_denominators_never_averaged(world):
    _load(
        [
            R("jeugdhulp_pct", "WK000101", "2024JJ00", 10.0, numerator=10.0, denominator=100.0),
            R("jeugdhulp_pct", "WK000102", "2024JJ00", 30.0, numerator=90.0, denominator=300.0),
        ]
    )
    # (10 + 90) / (100 + 300) × 100 = 25,0 — not the mean of the rates (20,0).
    gemeente = Observation.objects.get(area__code="GM0001", indicator__code="jeugdhulp_pct")
    assert gemeente.is_computed
    assert (gemeente.value, gemeente.numerator, gemeente.denominator) == (25.0, 100.0, 400.0)


def test_incomplete_secret_survey_and_half_year_are_not_computed(world):
    _load(
        [
            # Only one of the two wijken with a value: no total (an incomplete sum is no total).
            R("bezoekers", "WK000101", "2023JJ00", 50.0),
            # Both wijken, but one kept secret by the source: computing would reveal it.
            R("bezoekers", "WK000101", "2022JJ00", 50.0),
            R("bezoekers", "WK000102", "2022JJ00", None, value_attribute="."),
            # CBS publishes every level itself: a gemeente total it did not publish is not made up.
            R("jongeren", "WK000101", "2024JJ00", 100.0),
            R("jongeren", "WK000102", "2024JJ00", 300.0),
            # Survey figures are never aggregated.
            R("eenzaam", "WK000101", "2024JJ00", 40.0, n=200),
            R("eenzaam", "WK000102", "2024JJ00", 30.0, n=150),
            # Half-years: each half on its own; never a year from two halves.
            R("bezoekers", "WK000101", "2024HJ01", 5.0),
            R("bezoekers", "WK000102", "2024HJ01", 6.0),
            R("bezoekers", "WK000101", "2024HJ02", 7.0),
            R("bezoekers", "WK000102", "2024HJ02", 8.0),
        ]
    )
    assert [(c[1], c[2], c[3]) for c in _computed()] == [
        ("GM0001", "2024HJ01", 11.0),
        ("GM0001", "2024HJ02", 15.0),
    ]
    assert not Observation.objects.filter(area__code="GM0001", period="2024JJ00").exists()


def test_an_own_value_is_never_overwritten_and_replaces_a_computed_one_without_revision(world):
    _load([R("bezoekers", "WK000101", "2024JJ00", 40.0), R("bezoekers", "WK000102", "2024JJ00", 60.0)])
    assert Observation.objects.get(area__code="GM0001").value == 100.0
    # The partner now delivers its own total (not the sum: someone visiting in two wijken counts once).
    result, _derived = _load([R("bezoekers", "GM0001", "2024JJ00", 95.0)])
    assert (result.added, result.changed) == (1, 0)
    gemeente = Observation.objects.get(area__code="GM0001")
    assert (gemeente.value, gemeente.is_computed, gemeente.revision_count) == (95.0, False, 0)
    assert not ObservationRevision.objects.exists()
    # Later wijk changes do not touch the delivered total.
    _load([R("bezoekers", "WK000101", "2024JJ00", 45.0)])
    assert Observation.objects.get(area__code="GM0001").value == 95.0


def test_recomputed_when_a_part_changes_removed_when_a_part_goes_and_idempotent(world):
    _load([R("bezoekers", "WK000101", "2024JJ00", 40.0), R("bezoekers", "WK000102", "2024JJ00", 60.0)])
    _result, derived = _load([R("bezoekers", "WK000101", "2024JJ00", 41.0)])
    # The gemeente only: the jeugdregio also needs Buurdorp, which has no value.
    assert (derived.added, derived.changed, derived.removed) == (0, 1, 0)
    assert Observation.objects.get(area__code="GM0001").value == 101.0
    # Identical: nothing written.
    again = derive_computed_values(["bezoekers"], ["2024JJ00"])
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 1)
    # A part that can no longer be used (now secret at the source) makes the totals go.
    _result, derived = _load([R("bezoekers", "WK000102", "2024JJ00", None, value_attribute=".")])
    assert derived.removed == 1
    assert not Observation.objects.filter(is_computed=True).exists()


def test_computed_values_are_protected_and_marked_when_read(world):
    _load([R("bezoekers", "WK000101", "2024JJ00", 41.0), R("bezoekers", "WK000102", "2024JJ00", 62.0)])
    publish()
    indicator = Indicator.objects.get(code="bezoekers")
    (row,) = values(indicator, areas=["GM0001"])
    # Computed from the unrounded parts (103), then protected: rounded to fives (round:5).
    assert (row.value, row.computed) == (105.0, True)
    (wijk,) = values(indicator, areas=["WK000101"])
    assert (wijk.value, wijk.computed) == (40.0, False)


def test_api_and_indicator_page_say_computed(world, client):
    _load([R("bezoekers", "WK000101", "2024JJ00", 40.0), R("bezoekers", "WK000102", "2024JJ00", 60.0)])
    publish()
    body = client.get("/api/v1/indicators/bezoekers/values", {"area": "GM0001"}).json()
    (item,) = body["results"]
    assert (item["value"], item["computed"]) == (100.0, True)
    wijk = client.get("/api/v1/indicators/bezoekers/values", {"area": "WK000101"}).json()["results"]
    assert wijk[0]["computed"] is False


def test_demo_gemeente_total_of_the_partner_count_is_computed_and_shown(client):
    from kwaliteitsmonitor.demo.generator import load_demo

    load_demo()
    rows = Observation.objects.filter(indicator__code="prt_bezoekers_ontmoetingsplaatsen", period="2025JJ00")
    wijken = rows.filter(area__level="WK", area__parent__code="GM9001", is_computed=False)
    gemeente = rows.get(area__code="GM9001")
    assert wijken.count() == 8
    assert gemeente.is_computed
    assert gemeente.value == sum(w.value for w in wijken)
    page = client.get("/indicator/prt_bezoekers_ontmoetingsplaatsen/").content.decode()
    assert "(berekend)" in page
    assert "geen eigen cijfer" in page
