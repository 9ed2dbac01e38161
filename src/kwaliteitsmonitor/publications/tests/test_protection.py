# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control decided once per publication, on whole tables, and what every output reads."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications.models import PublishedValue, Reason
from kwaliteitsmonitor.publications.queries import values
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


def _gemeente(wijken: int = 4, code: str = "GM0001") -> Area:
    nl = Area.objects.get_or_create(code="NL00", defaults={"name": "Nederland", "level": "NL"})[0]
    gm = Area.objects.create(code=code, name="Testdorp", level="GM", parent=nl)
    for i in range(1, wijken + 1):
        Area.objects.create(code=f"WK{code[2:]}{i:02d}", name=f"Wijk {i}", level="WK", parent=gm)
    return gm


def _load(code: str, values_by_area: dict[str, float | None], period: str = "2024JJ00", **extra) -> None:
    records = [R(code, area, period, value, **extra) for area, value in values_by_area.items()]
    load_observations(records, start_run("test", "geheugen"))


def _count(code: str = "wmo_clienten", provider: str = "own") -> Indicator:
    return Indicator.objects.create(code=code, name="Wmo-cliënten", unit="count", provider=provider)


def test_one_small_wijk_takes_the_smallest_other_wijk_with_it():
    _gemeente()
    ind = _count()
    _load(
        "wmo_clienten",
        {"GM0001": 195.0, "WK000101": 3.0, "WK000102": 40.0, "WK000103": 52.0, "WK000104": 100.0},
    )
    publish()
    out = {r.area: r for r in values(ind)}
    assert out["GM0001"].value == 195.0
    assert out["WK000101"].secret and out["WK000101"].value is None
    assert out["WK000102"].secret and out["WK000102"].value is None  # 195 − 52 − 100 would give 43 = 3 + 40
    assert (out["WK000103"].value, out["WK000104"].value) == (50.0, 100.0)
    stored = {v.area.code: v for v in PublishedValue.objects.filter(indicator=ind).select_related("area")}
    assert stored["WK000101"].reason == Reason.PRIMARY
    assert stored["WK000102"].reason == Reason.SECONDARY and stored["WK000102"].protects == "WK000101"
    # The public note does not say which of the two is the small one.
    assert out["WK000101"].disclosure_note == out["WK000102"].disclosure_note


def test_age_groups_of_one_total_are_protected_together():
    _gemeente(0)
    ind = _count()
    load_observations(
        [
            R("wmo_clienten", "GM0001", "2024JJ00", 120.0),
            R("wmo_clienten", "GM0001", "2024JJ00", 5.0, breakdown="leeftijd=0-17"),
            R("wmo_clienten", "GM0001", "2024JJ00", 45.0, breakdown="leeftijd=18-64"),
            R("wmo_clienten", "GM0001", "2024JJ00", 70.0, breakdown="leeftijd=65+"),
        ],
        start_run("test", "geheugen"),
    )
    publish()
    out = {r.breakdown: r for r in values(ind)}
    assert out["leeftijd=0-17"].secret and out["leeftijd=18-64"].secret
    assert out["leeftijd=65+"].value == 70.0 and out[""].value == 120.0


def test_a_rate_shares_the_table_of_its_numerator():
    _gemeente(3)
    count = _count()
    inhabitants = _count("inwoners", provider="cbs")
    rate = Indicator.objects.create(
        code="wmo_per_1000", name="per 1.000", unit="per_1000", provider="own", factor=1000,
        numerator=count, denominator=inhabitants,
    )  # fmt: skip
    counts = {"GM0001": 155.0, "WK000101": 4.0, "WK000102": 61.0, "WK000103": 90.0}
    people = {"GM0001": 3600.0, "WK000101": 900.0, "WK000102": 1200.0, "WK000103": 1500.0}
    _load("wmo_clienten", counts)
    _load("inwoners", people)
    load_observations(
        [
            R(
                "wmo_per_1000",
                a,
                "2024JJ00",
                counts[a] / people[a] * 1000,
                numerator=counts[a],
                denominator=people[a],
            )
            for a in counts
        ],
        start_run("test", "geheugen"),
    )
    publish()
    out = {r.area: r for r in values(rate)}
    counted = {r.area: r for r in values(count)}
    assert out["WK000101"].secret and out["WK000102"].secret
    assert counted["WK000101"].secret and counted["WK000102"].secret  # the same cells in both tables
    # The shown rate is recomputed from the rounded counts: 90 / 1500 × 1000.
    assert out["WK000103"].value == pytest.approx(60.0) and out["WK000103"].numerator == 90.0


def test_a_rate_with_a_raw_value_is_computed_from_its_rounded_counts():
    """3,29 % of 1.155 would give back the exact 38; the published rate comes from 40 / 1.155."""
    _gemeente(0)
    pct = Indicator.objects.create(code="aandeel", name="Aandeel", unit="pct", provider="own")
    _load("aandeel", {"GM0001": 3.29}, numerator=38.0, denominator=1155.0)
    publish()
    (row,) = values(pct)
    assert row.numerator == 40.0 and row.denominator == 1155.0
    assert row.value == pytest.approx(40 / 1155 * 100)
    assert "afgerond op vijftallen" in row.disclosure_note


def test_a_rate_without_its_counts_is_not_published_under_a_rule_that_needs_them():
    """The import refuses such a row (indicators.contract); a value stored before that rule, or written
    outside the load step, is still never published raw."""
    from kwaliteitsmonitor.indicators import versioning
    from kwaliteitsmonitor.indicators.models import Observation

    gm = _gemeente(0)
    pct = Indicator.objects.create(code="aandeel", name="Aandeel", unit="pct", provider="own")
    Observation.objects.create(indicator=pct, area=gm, period="2024JJ00", value=3.29)
    versioning.touch([pct.pk])
    publish()
    (row,) = values(pct)
    assert row.secret and row.value is None
    assert PublishedValue.objects.get(indicator=pct).reason == Reason.UNPROTECTABLE


def test_figures_published_by_cbs_are_shown_as_published():
    _gemeente(2)
    cbs = _count("cbs_x", provider="cbs")
    _load("cbs_x", {"WK000101": 3.0, "WK000102": 0.0})
    publish()
    assert [r.value for r in values(cbs)] == [3.0, 0.0]


def test_every_selection_reads_the_same_decision(client):
    """The secret complement of a small wijk stays secret when asked for alone, by breakdown or by page."""
    _gemeente()
    _count()
    _load(
        "wmo_clienten",
        {"GM0001": 1915.0, "WK000101": 5.0, "WK000102": 1855.0, "WK000103": 30.0, "WK000104": 25.0},
    )
    publish()
    full = {
        v["area"]: v["value"] for v in client.get("/api/v1/indicators/wmo_clienten/values").json()["results"]
    }
    assert full["WK000101"] is None and full["WK000104"] is None
    alone = client.get("/api/v1/indicators/wmo_clienten/values?area=WK000104").json()["results"]
    assert [v["value"] for v in alone] == [None]
    paged = []
    for page in (1, 2, 3):
        got = client.get(f"/api/v1/indicators/wmo_clienten/values?page_size=2&page={page}").json()["results"]
        paged.extend((v["area"], v["value"]) for v in got)
    assert dict(paged) == full


def test_nothing_is_shown_before_the_first_publication(client):
    _gemeente(0)
    ind = _count()
    _load("wmo_clienten", {"GM0001": 120.0})
    assert values(ind) == []
    assert client.get("/api/v1/indicators/wmo_clienten/values").json()["results"] == []
    publish()
    assert [r.value for r in values(ind)] == [120.0]


def test_each_family_of_parts_is_its_own_relation():
    """A gemeente is the sum of its wijken, of its age groups and of its sexes: three relations, never
    one over their union (which adds up to three times the total and would be dropped as not additive)."""
    from kwaliteitsmonitor.publications.tables import Hierarchy, candidate_groups

    hierarchy = Hierarchy()
    for pk, code, level, parent in (
        (1, "GM0001", "GM", None),
        (2, "WK000101", "WK", 1),
        (3, "WK000102", "WK", 1),
    ):
        hierarchy.code[pk], hierarchy.level[pk], hierarchy.valid[pk] = code, level, (None, None)
        if parent:
            hierarchy.parent[pk] = parent
    breakdowns = ["", "leeftijd=0-17", "leeftijd=18+", "geslacht=man", "geslacht=vrouw"]
    keys = [(1, b) for b in breakdowns] + [(2, ""), (3, "")]
    groups = candidate_groups(keys, 2024, hierarchy)
    assert sorted(groups) == [
        (("GM0001", ""), [("GM0001", "geslacht=man"), ("GM0001", "geslacht=vrouw")]),
        (("GM0001", ""), [("GM0001", "leeftijd=0-17"), ("GM0001", "leeftijd=18+")]),
        (("GM0001", ""), [("WK000101", ""), ("WK000102", "")]),
    ]
