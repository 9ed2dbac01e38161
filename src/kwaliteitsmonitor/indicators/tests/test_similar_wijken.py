# SPDX-License-Identifier: EUPL-1.2
"""Wijken elsewhere that resemble this wijk: the same finder as for gemeenten, over wijken of other gemeenten."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications.insights import similar_areas
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

# (inwoners, 75+, 0-17, Wmo per 1.000) per wijk; WK000201 is almost a copy of WK000101, WK000202 of WK000102.
WIJKEN = {
    "GM0001": {
        "WK000101": (4000, 600, 700, 80.0),
        "WK000102": (9000, 500, 2300, 40.0),
        "WK000103": (2500, 200, 500, 55.0),
    },
    "GM0002": {
        "WK000201": (4100, 610, 690, 79.0),
        "WK000202": (8800, 520, 2250, 41.0),
        "WK000203": (1200, 300, 150, 95.0),
    },
    "GM0003": {"WK000301": (15000, 900, 3900, 30.0), "WK000302": (3000, 700, 300, 110.0)},
}


@pytest.fixture
def wijken():
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    for gm, wks in WIJKEN.items():
        parent = Area.objects.create(code=gm, name=f"Gemeente {gm}", level="GM", parent=nl)
        for wk in wks:
            Area.objects.create(code=wk, name=f"Wijk {wk}", level="WK", parent=parent)
    for code in ("bev_inwoners", "bev_75plus", "bev_0_17"):
        Indicator.objects.create(code=code, name=code, unit="count", provider="cbs")
    Indicator.objects.create(
        code="wmo_clienten_per_1000", name="Wmo per 1.000", unit="per_1000", provider="cbs"
    )
    records = []
    for wks in WIJKEN.values():
        for wk, (inw, old, young, wmo) in wks.items():
            records += [
                R("bev_inwoners", wk, "2024JJ00", float(inw)),
                R("bev_75plus", wk, "2024JJ00", float(old)),
                R("bev_0_17", wk, "2024JJ00", float(young)),
                R("wmo_clienten_per_1000", wk, "2024JJ00", wmo),
            ]
    load_observations(records, start_run("test", "wijken"))
    publish()


def test_matches_are_wijken_of_other_gemeenten_nearest_first(wijken):
    found = similar_areas(Area.objects.get(code="WK000101"), k=3)
    members = [m["area"] for m in found["matches"]]
    assert members[0] == "WK000201"  # the near copy
    assert not any(code.startswith("WK0001") for code in members)  # never its own gemeente's wijken
    assert len(members) == 3 and all(code.startswith("WK") for code in members)
    assert found["universe"] == 8  # standardised over all wijken, its own gemeente included
    assert found["matches"][0]["explanation"].startswith("Lijkt vooral op")


def test_api_answers_for_a_wijk_with_the_same_figures(client, wijken):
    api = client.get("/api/v1/areas/WK000102/similar?k=2").json()
    assert [m["area"] for m in api["matches"]] == [m["area"] for m in similar_areas(
        Area.objects.get(code="WK000102"), k=2)["matches"]]  # fmt: skip
    assert api["matches"][0]["area"] == "WK000202"
    assert client.get("/api/v1/areas/BU00010101/similar").status_code == 404


def test_staff_save_a_comparison_group_from_the_admin(admin_client, wijken):
    from kwaliteitsmonitor.areas.models import ComparisonGroup

    area = Area.objects.get(code="WK000101")
    response = admin_client.post(
        "/beheer/areas/area/", {"action": "save_similar_group", "_selected_action": [area.pk]}, follow=True
    )
    assert response.status_code == 200
    group = ComparisonGroup.objects.get(area=area)
    assert group.members[0] == "WK000201" and group.k == 10 and group.method_version
    assert "opgeslagen" in response.content.decode()
    assert admin_client.get(f"/beheer/areas/comparisongroup/{group.pk}/change/").status_code == 200
