# SPDX-License-Identifier: EUPL-1.2
"""Comparisons that mean what they say: each region kind in its own indeling for the period compared,
one figure per group (its own, from summed parts, or the median) named in its label and sentence, and
the same figure wherever the group is shown (docs/methods/vergelijken.md)."""

from __future__ import annotations

import json
import statistics

import pytest
from django.db.models import Q

from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level, MembershipKind
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications.insights_compare import (
    comparisons_for_indicators,
    group_options,
    group_series,
    indicator_comparisons,
)
from kwaliteitsmonitor.publications.queries import values_for_indicators
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

# GM0001 is the own gemeente. Provincie: in 2022 GM0003 is in Westland, in 2024 in Oostland. COROP
# only 2024, jeugdzorgregio and GGD-regio only 2023 (as the real region files are), grootteklasse 2021
# and 2023 with different classes.
MEMBERSHIPS = [
    (MembershipKind.PROVINCIE, 2022, {"GM0001": "PV01", "GM0002": "PV01", "GM0003": "PV01", "GM0004": "PV02"}),
    (MembershipKind.PROVINCIE, 2024, {"GM0001": "PV01", "GM0002": "PV01", "GM0003": "PV02", "GM0004": "PV02"}),
    (MembershipKind.COROP, 2024, {"GM0001": "CR01", "GM0002": "CR01", "GM0003": "CR01", "GM0004": "CR02"}),
    (MembershipKind.JEUGDREGIO, 2023, {"GM0001": "JZ01", "GM0002": "JZ01", "GM0003": "JZ02", "GM0004": "JZ01"}),
    (MembershipKind.GGDREGIO, 2023, {"GM0001": "GG01", "GM0002": "GG02", "GM0003": "GG01", "GM0004": "GG02"}),
    (MembershipKind.GROOTTEKLASSE, 2021, {"GM0001": "4", "GM0002": "4", "GM0003": "3", "GM0004": "5"}),
    (MembershipKind.GROOTTEKLASSE, 2023, {"GM0001": "5", "GM0002": "4", "GM0003": "3", "GM0004": "5"}),
]  # fmt: skip
NAMES = {"PV01": "Westland", "PV02": "Oostland", "CR01": "Kust", "CR02": "Heuvels", "JZ01": "West",
         "JZ02": "Oost", "GG01": "GGD West", "GG02": "GGD Oost"}  # fmt: skip
SCORE = {
    "2022JJ00": {"GM0001": 7.0, "GM0002": 6.0, "GM0003": 8.0, "GM0004": 9.0},
    "2024JJ00": {"GM0001": 7.5, "GM0002": 6.5, "GM0003": 8.5, "GM0004": 9.5},
}
# A rate with its parts in 2024: clients / inhabitants × 1.000.
PARTS = {"GM0001": (50, 1000), "GM0002": (120, 2000), "GM0003": (30, 1000), "GM0004": (400, 4000)}


def _load(records):
    """Load and publish (the comparisons read the publication)."""
    run = start_run("test", "comparison-groups")
    loaded = load_observations(records, run)
    assert loaded.ok, loaded.errors
    finish_run(run, loaded)
    publish()


@pytest.fixture
def world():
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    levels = {"PV": Level.PV, "CR": Level.CR, "JZ": Level.JZ, "GG": Level.GG}
    groups = {
        code: Area.objects.create(code=code, name=name, level=levels[code[:2]])
        for code, name in NAMES.items()
    }
    gemeenten = {
        code: Area.objects.create(code=code, name=f"Gemeente {code[-1]}", level=Level.GM, parent=nl)
        for code in ("GM0001", "GM0002", "GM0003", "GM0004")
    }
    for kind, year, members in MEMBERSHIPS:
        for code, group in members.items():
            AreaMembership.objects.create(
                area=gemeenten[code], kind=kind, year=year, group_code=group, group=groups.get(group)
            )
    Indicator.objects.create(code="score", name="Score", unit="score_0_10", decimals=1, provider="cbs")
    Indicator.objects.create(
        code="per1000", name="Cliënten per 1.000", unit="per_1000", decimals=1, provider="cbs"
    )
    records = [
        R("score", code, period, value) for period, values in SCORE.items() for code, value in values.items()
    ]
    records += [
        R("per1000", c, "2024JJ00", n / d * 1000, numerator=n, denominator=d) for c, (n, d) in PARTS.items()
    ]
    _load(records)
    return gemeenten["GM0001"]


def _rows(result):
    return {r["kind"]: r for r in result["comparisons"]}


def test_each_region_kind_uses_its_own_indeling_for_the_period(world):
    score = Indicator.objects.get(code="score")
    rows = _rows(indicator_comparisons(score, world, "2022JJ00", peer_group={}))
    # Jeugdzorgregio and GGD-regio (indeling 2023) stay, next to COROP (indeling 2024).
    assert list(rows) == ["nederland", "provincie", "corop", "jeugdzorgregio", "ggd_regio", "grootteklasse"]
    # Provincie Westland in 2022 still holds GM0003: median of 7,0, 6,0 and 8,0 = 7,0.
    assert rows["provincie"]["label"] == "Provincie Westland (mediaan van 3 gemeenten, indeling 2022)"
    assert (rows["provincie"]["reference"], rows["provincie"]["membership_year"]) == (7.0, 2022)
    # No indeling of 2022 or earlier: the earliest later one, and the label says so.
    assert rows["jeugdzorgregio"]["label"] == (
        "Jeugdzorgregio West (mediaan van 3 gemeenten, indeling 2023 (geen indeling van 2022 of eerder))"
    )
    assert rows["jeugdzorgregio"]["reference"] == 7.0  # median of 7,0, 6,0 and 9,0
    assert rows["ggd_regio"]["reference"] == 7.5  # GG01: 7,0 and 8,0
    assert rows["corop"]["membership_year"] == 2024
    # Grootteklasse: the 2021 indeling (class 4: GM0001 and GM0002), not the 2023 one.
    assert rows["grootteklasse"]["name"] == "gemeenten met 20.000 tot 50.000 inwoners"
    assert rows["grootteklasse"]["label"].endswith("(mediaan van 2 gemeenten, indeling 2021)")
    assert rows["grootteklasse"]["reference"] == 6.5


def test_a_later_period_takes_the_later_indeling(world):
    score = Indicator.objects.get(code="score")
    rows = _rows(indicator_comparisons(score, world, "2024JJ00", peer_group={}))
    assert rows["provincie"]["label"] == "Provincie Westland (mediaan van 2 gemeenten, indeling 2024)"
    assert rows["provincie"]["reference"] == 7.0  # 7,5 and 6,5
    assert rows["jeugdzorgregio"]["label"].endswith("indeling 2023)")  # 2023 is the latest up to 2024
    assert rows["grootteklasse"]["name"] == "gemeenten met 50.000 tot 100.000 inwoners"  # indeling 2023
    assert rows["grootteklasse"]["reference"] == 8.5  # 7,5 and 9,5


def test_batched_comparisons_take_the_indeling_of_each_indicators_own_period(world):
    _load([R("score", "GM0001", "2025JJ00", 7.7)])  # only the own gemeente has 2025: no group figure
    old = Indicator.objects.create(code="oud", name="Oud", unit="pct", decimals=1, provider="cbs")
    _load([R("oud", code, "2022JJ00", v) for code, v in SCORE["2022JJ00"].items()])
    found = comparisons_for_indicators([old, Indicator.objects.get(code="per1000")], world, peer_group={})
    assert _rows(found["oud"])["provincie"]["membership_year"] == 2022
    assert _rows(found["per1000"])["provincie"]["membership_year"] == 2024
    assert found["oud"]["membership_years"]["grootteklasse"] == 2021
    assert found == {
        i.code: indicator_comparisons(i, world, peer_group={})
        for i in Indicator.objects.filter(code__in=["oud", "per1000"])
    }


def test_a_rate_with_its_parts_is_the_groups_own_rate_everywhere(world):
    rate = Indicator.objects.get(code="per1000")
    rows = _rows(indicator_comparisons(rate, world, "2024JJ00", peer_group={}))
    # Provincie Westland 2024 = GM0001 and GM0002: (50 + 120) / (1.000 + 2.000) × 1.000 = 56,7 (the
    # median of 50,0 and 60,0 would be 55,0).
    westland = rows["provincie"]
    assert westland["reference_text"] == "56,7" and westland["statistic"] == "som"
    assert westland["label"] == (
        "Provincie Westland (opgetelde tellers en noemers van 2 gemeenten, indeling 2024)"
    )
    assert "(uit opgetelde tellers en noemers: 56,7)" in westland["text"]
    # Nederland has no figure of its own: the rate of all four, 600 / 8.000 × 1.000 = 75,0.
    assert rows["nederland"]["reference"] == pytest.approx(75.0)
    assert rows["nederland"]["label"] == "Nederland (opgetelde tellers en noemers van 4 gemeenten)"
    # Vergelijken draws the very same figure for the very same group.
    option = next(o for o in group_options() if o["id"] == "provincie:PV01")
    members = values_for_indicators([rate], Q(area__code__in=option["members"], breakdown=""))
    point = next(p for p in group_series(rate, option, members["per1000"]) if p["period"] == "2024JJ00")
    assert (point["value"], point["method"]) == (westland["reference"], "som")


def test_a_published_figure_of_the_region_is_its_figure_and_says_so(world):
    _load([R("score", "PV01", "2024JJ00", 7.1), R("score", "NL00", "2024JJ00", 7.4)])
    score = Indicator.objects.get(code="score")
    rows = _rows(indicator_comparisons(score, world, "2024JJ00", peer_group={}))
    assert (rows["provincie"]["reference"], rows["provincie"]["statistic"]) == (7.1, "gepubliceerd")
    assert rows["provincie"]["label"] == "Provincie Westland (gepubliceerd cijfer, indeling 2024)"
    assert rows["provincie"]["text"].startswith("0,4 hoger dan provincie Westland (gepubliceerd cijfer: 7,1)")
    assert (rows["nederland"]["reference"], rows["nederland"]["label"]) == (
        7.4,
        "Nederland (gepubliceerd cijfer)",
    )
    # A class has no figure of its own: the median of its gemeenten, named so.
    assert rows["grootteklasse"]["statistic"] == "mediaan"


def test_secret_or_missing_members_do_not_count_and_the_label_says_how_many(world):
    _load([R("score", "GM0002", "2024JJ00", None, value_attribute=".")])
    score = Indicator.objects.get(code="score")
    rows = _rows(indicator_comparisons(score, world, "2024JJ00", peer_group={}))
    # Westland 2024 = GM0001 (7,5) and GM0002 (no figure): the median of one of the two.
    assert (
        rows["provincie"]["label"] == "Provincie Westland (mediaan van 1 van de 2 gemeenten, indeling 2024)"
    )
    assert (rows["provincie"]["used"], rows["provincie"]["expected"]) == (1, 2)


@pytest.mark.shared_data
def test_real_regions_jeugdzorgregio_and_ggd_regio_stay_next_to_corop(shared_data):
    """Woerden's Wmo per 1.000 of KWB 2022 (57) next to its COROP (indeling 2024), jeugdzorgregio and
    GGD-regio (indeling 2023) from the real region files; medians checked against the file itself."""
    for source, options in [
        (shared_data / "kwb-geojson" / "gemeenten_2023.geojson", {}),
        (shared_data / "regions" / "jeugdregio_2023.topojson", {}),
        (shared_data / "regions" / "ggdregio_2023.topojson", {}),
        (shared_data / "regions" / "corop.generated.csv", {"year": 2024}),
    ]:
        outcome = run_import("areas", str(source), options=options)
        assert outcome.status == "ok", outcome.result.errors
    features = json.loads((shared_data / "kwb-geojson" / "gemeenten_2022.geojson").read_text())["features"]
    wmo = {f["properties"]["gemeentecode"]: f["properties"].get("wmo_per_1000") for f in features}
    known = set(Area.objects.filter(level=Level.GM).values_list("code", flat=True))
    indicator = Indicator.objects.create(
        code="wmo_per_1000", name="Wmo-cliënten per 1.000 inwoners", unit="per_1000", provider="cbs"
    )
    _load(
        [
            R(indicator.code, code, "2022JJ00", float(v))
            for code, v in wmo.items()
            if v is not None and code in known
        ]
    )
    woerden = Area.objects.get(code="GM0632")
    result = indicator_comparisons(indicator, woerden, peer_group={})
    rows = _rows(result)
    assert result["own"]["text"] == "57"
    assert {"corop", "jeugdzorgregio", "ggd_regio"} <= set(rows)
    for kind, code, year in [
        ("corop", "CR17", 2024),
        ("jeugdzorgregio", "JZ19", 2023),
        ("ggd_regio", "GG2514", 2023),
    ]:
        row = rows[kind]
        members = AreaMembership.objects.filter(group_code=code, year=year).values_list(
            "area__code", flat=True
        )
        values = [wmo[m] for m in members if wmo.get(m) is not None]
        assert (row["code"], row["membership_year"], row["statistic"]) == (code, year, "mediaan")
        assert row["reference"] == statistics.median(values)
        assert row["used"] == len(values) and row["expected"] == len(members)
        assert f"indeling {year} (geen indeling van 2022 of eerder)" in row["label"]
    assert rows["jeugdzorgregio"]["name"] == "jeugdzorgregio Utrecht West"
