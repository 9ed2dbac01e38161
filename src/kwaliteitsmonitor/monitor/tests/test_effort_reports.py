# SPDX-License-Identifier: EUPL-1.2
"""An inspanning shows its latest report, chosen by the report period's date (never by its name), on
every page that shows it: doel (HTML and JSON), opgave and beeld."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from kwaliteitsmonitor.agenda.models import (
    EffortProgress,
    Picture,
    PictureItem,
    PictureItemKind,
    ReportPeriod,
)

pytestmark = pytest.mark.django_db

OPGAVE = "/opgave/inrichting-sociaal-domein/"
DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"


@pytest.fixture
def autumn(world):
    """A later report: "2025-najaarsnota" sorts before "2025-voorjaarsnota" by name, after it by date."""
    effort = world["goal"].efforts.get()
    period = ReportPeriod.objects.create(
        name="2025-najaarsnota", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 8, 31)
    )
    EffortProgress.objects.create(
        effort=effort, report_period=period, status="done_on_track", progress=80,
        explanation="Alle wijken hebben een verbinder.", budget=125000, realisation=81000,
    )  # fmt: skip
    picture = Picture.objects.create(theme=world["theme"])
    PictureItem.objects.create(
        picture=picture, kind=PictureItemKind.INTERVENTION, title="Buurtverbinders", effort=effort
    )
    return effort


def test_doel_shows_the_report_of_the_latest_period_by_date(autumn, client):
    body = html.unescape(client.get(DOEL).content.decode())
    assert 'value="80"' in body and 'value="40"' not in body
    assert "Alle wijken hebben een verbinder." in body and "Loopt volgens plan." not in body
    assert "2025-najaarsnota" in body
    assert "€ 125.000 begroot, € 81.000 gerealiseerd; volgens 2025-najaarsnota" in body
    (effort,) = client.get(DOEL.rstrip("/") + ".json").json()["efforts"]
    assert (effort["status"], effort["progress"]) == ("done_on_track", 80)
    assert effort["latest_report"]["period"] == "2025-najaarsnota"
    assert effort["latest_report"]["period_date"] == "2025-08-31"
    assert (effort["latest_report"]["budget"], effort["latest_report"]["realisation"]) == (125000, 81000)


def test_opgave_and_beeld_count_the_same_latest_status(autumn, client):
    body = html.unescape(client.get(OPGAVE).content.decode())
    assert "1 × gereed of op schema" in body and "in uitvoering" not in body
    beeld = client.get(OPGAVE + "beeld.json").json()
    efforts = [i["effort"] for i in beeld["chain"][0]["items"] if i["effort"]]
    assert [(e["status"], e["progress"]) for e in efforts] == [("done_on_track", 80)]


def test_moving_a_period_date_changes_what_is_latest(autumn, client):
    ReportPeriod.objects.filter(slug="2025-najaarsnota").update(date=dt.date(2025, 1, 31))
    (effort,) = client.get(DOEL.rstrip("/") + ".json").json()["efforts"]
    assert (effort["status"], effort["progress"], effort["latest_report"]["period"]) == (
        "in_progress", 40, "Voorjaarsnota 2025"
    )  # fmt: skip
