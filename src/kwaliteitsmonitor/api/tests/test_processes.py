# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/process-monitors``: monitors, themes, rounds, statuses and answers per region, approved only."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK
from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db
SECRET = "Nog niet goedgekeurd"


@pytest.fixture
def m():
    world = small_monitor()
    eigen = world["regions"]["Eigenstad"]
    lifecycle.start(world["open"], eigen)
    SubThemeStatus.objects.filter(round=world["open"], region=eigen, sub_theme=world["subs"][0]).update(
        status=DONE_ON_TRACK, explanation=SECRET, carried_over=False
    )
    lifecycle.submit(lifecycle.submission(world["open"], eigen))
    return world


def test_monitors_with_the_dashboards_labels(m, api):
    data = api.get("/api/v1/process-monitors").json()
    assert [d["slug"] for d in data] == ["beschermd-thuis"]
    assert data[0]["labels"] == [
        {"status": "done_on_track", "label": "Gereed"}, {"status": "in_progress", "label": "In ontwikkeling"}
    ]  # fmt: skip


def test_a_submitted_round_is_in_no_answer(m, api):
    detail = api.get("/api/v1/process-monitors/beschermd-thuis").json()
    assert [t["name"] for t in detail["themes"]] == ["Wonen", "Zorg"]
    assert detail["themes"][0]["questions"] == [{"text": "Is de regiovisie vastgesteld?", "group": ""}]
    assert [r["slug"] for r in detail["rounds"]] == ["voorjaar-2026"]
    response = api.get("/api/v1/process-monitors/beschermd-thuis/rounds/najaar-2026")
    assert response.status_code == 404 and "geen goedgekeurde ronde" in response.json()["detail"]
    for path in ("/api/v1/process-monitors", "/api/v1/process-monitors/beschermd-thuis",
                 "/api/v1/process-monitors/beschermd-thuis/rounds/voorjaar-2026"):  # fmt: skip
        assert SECRET not in api.get(path).content.decode()


def test_an_approved_round_per_region(m, api):
    lifecycle.approve(lifecycle.submission(m["open"], m["regions"]["Eigenstad"]))
    data = api.get("/api/v1/process-monitors/beschermd-thuis/rounds/najaar-2026").json()
    assert data["round"]["approved_regions"] == 1
    (region,) = data["regions"]
    assert region["region"] == {"slug": "eigenstad", "name": "Eigenstad", "area": "GM0001"}
    assert region["statuses"][0] == {
        "theme": "Wonen", "sub_theme": "Woningen", "status": "done_on_track", "label": "Gereed",
        "explanation": SECRET,
    }  # fmt: skip
    assert region["answers"] == [
        {"theme": "Wonen", "question": "Is de regiovisie vastgesteld?", "answer": "nee"}
    ]
    earlier = api.get("/api/v1/process-monitors/beschermd-thuis/rounds/voorjaar-2026").json()
    assert [r["region"]["name"] for r in earlier["regions"]] == ["Anderdorp", "Eigenstad"]
    assert api.get("/api/v1/process-monitors/bestaat-niet").status_code == 404
