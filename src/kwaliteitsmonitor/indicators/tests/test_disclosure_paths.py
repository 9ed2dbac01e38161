# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control in the one protect stage, and on the output paths that use it (API, pages)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.queries import protect_rows, values
from kwaliteitsmonitor.indicators.records import ObservationRecord as R


def _row(area: str, value: float | None, breakdown: str = "", numerator=None, denominator=None) -> dict:
    return {
        "area__code": area, "area__name": area, "area__level": area[:2], "period": "2024JJ00",
        "breakdown": breakdown, "value": value, "numerator": numerator, "denominator": denominator,
        "ci_low": None, "ci_high": None, "n": None, "status": "definitief", "value_attribute": "",
        "revision_count": 0,
    }  # fmt: skip


OWN_COUNT = Indicator(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")


def test_one_small_wijk_takes_the_smallest_other_wijk_with_it():
    rows = [_row("GM0001", 195.0)] + [
        _row(f"WK0001{i:02d}", v) for i, v in enumerate([3.0, 40.0, 52.0, 100.0], start=1)
    ]
    out = {r.area: r for r in protect_rows(OWN_COUNT, rows)}
    assert out["GM0001"].value == 195.0
    assert out["WK000101"].secret and out["WK000101"].value is None
    # 195 − (52 + 100) would give away 43 = 3 + 40: the 40 is hidden as well
    assert out["WK000102"].secret and out["WK000102"].value is None
    assert "niet uit het totaal" in out["WK000102"].disclosure_note
    assert (out["WK000103"].value, out["WK000104"].value) == (50.0, 100.0)


def test_age_groups_of_one_total_are_protected_together():
    rows = [
        _row("GM0001", 120.0),
        _row("GM0001", 5.0, "leeftijd=0-17"),
        _row("GM0001", 45.0, "leeftijd=18-64"),
        _row("GM0001", 70.0, "leeftijd=65+"),
    ]
    out = {r.breakdown: r for r in protect_rows(OWN_COUNT, rows)}
    assert out["leeftijd=0-17"].secret and out["leeftijd=18-64"].secret
    assert out["leeftijd=65+"].value == 70.0 and out[""].value == 120.0


def test_rates_follow_their_numerators():
    rate = Indicator(code="wmo_per_1000", name="per 1.000", unit="per_1000", provider="own", factor=1000)
    rows = [
        _row("WK000101", 4 / 900 * 1000, numerator=4.0, denominator=900.0),
        _row("WK000102", 61 / 1200 * 1000, numerator=61.0, denominator=1200.0),
        _row("WK000103", 90 / 1500 * 1000, numerator=90.0, denominator=1500.0),
    ]
    out = {r.area: r for r in protect_rows(rate, rows)}
    assert out["WK000101"].secret and out["WK000102"].secret
    # shown rate recomputed from rounded counts: 90 / 1500 × 1000
    assert out["WK000103"].value == pytest.approx(60.0) and out["WK000103"].numerator == 90.0


def test_figures_published_by_cbs_are_shown_as_published():
    cbs = Indicator(code="cbs_x", name="CBS", unit="count", provider="cbs")
    out = protect_rows(cbs, [_row("WK000101", 3.0), _row("WK000102", 0.0)])
    assert [r.value for r in out] == [3.0, 0.0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=9))
def test_no_secret_part_is_recoverable_from_the_total(parts):
    rows = [_row("GM0001", float(sum(parts)))] + [
        _row(f"WK0001{i:02d}", float(v)) for i, v in enumerate(parts, start=1)
    ]
    out = protect_rows(OWN_COUNT, rows)
    wijken = [r for r in out if r.area.startswith("WK")]
    for r in out:
        if not r.secret:
            assert r.value is not None and r.value % 5 == 0  # every published count is a multiple of 5
            assert not 1 <= r.value <= 7  # never a small count
            assert r.value != 0  # a 0 is secret, never shown as 0
    assert sum(r.secret for r in wijken) != 1  # a single secret part would be total − the rest


@pytest.mark.django_db
def test_api_and_page_never_show_the_secret_parts(client):
    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    for i, name in enumerate(["Noord", "Oost", "Zuid", "West"], start=1):
        Area.objects.create(code=f"WK0001{i:02d}", name=name, level="WK", parent=gm)
    ind = Indicator.objects.create(
        code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own", area_levels=["GM", "WK"]
    )
    records = [R("wmo_clienten", "GM0001", "2024JJ00", 233.0)] + [
        R("wmo_clienten", f"WK0001{i:02d}", "2024JJ00", v) for i, v in enumerate([3.0, 41.0, 88.0, 101.0], 1)
    ]
    load_observations(records, start_run("test", "geheugen"))

    shown = {r.area: r.value for r in values(ind)}
    assert shown == {"GM0001": 235.0, "WK000101": None, "WK000102": None, "WK000103": 90.0, "WK000104": 100.0}

    api = client.get("/api/v1/indicators/wmo_clienten/values").json()["results"]
    assert {v["area"]: v["value"] for v in api} == shown
    assert all(v["value_attribute"] == "." for v in api if v["value"] is None)


@pytest.mark.django_db
def test_indicator_page_marks_revised_figures_and_shows_their_history(client):
    from kwaliteitsmonitor.agenda.models import Agenda

    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    Agenda.objects.create(organisation="Gemeente Testdorp", area=gm, start_year=2023, end_year=2027)
    Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    load_observations(
        [R("wmo_clienten", "GM0001", "2024HJ01", 1212.0, status="voorlopig")], start_run("a", "x")
    )
    load_observations(
        [R("wmo_clienten", "GM0001", "2024HJ01", 1243.0, status="definitief")], start_run("b", "y")
    )
    body = client.get("/indicator/wmo_clienten/").content.decode()
    assert "(herzien)" in body
    assert "Eerdere cijfers (herzieningen)" in body
    assert "1.210" in body and "voorlopig" in body  # the earlier figure, rounded to 5 like any other
    assert "1.212" not in body and "1.243" not in body
    data = client.get("/indicator/wmo_clienten.json").json()
    assert [(r["period"], r["value"], r["status"]) for r in data["revisions"]] == [
        ("2024HJ01", 1210.0, "voorlopig")
    ]
