# SPDX-License-Identifier: EUPL-1.2
"""Report periods in the beheer: Dutch labels, ordered by date; an inspanning's reports edited on the
inspanning, its status shown from the report of the latest period."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from kwaliteitsmonitor.agenda.models import EffortProgress, ReportPeriod
from kwaliteitsmonitor.agenda.periods import resolve_periods
from kwaliteitsmonitor.agenda.tests.test_pictures import make_agenda

pytestmark = pytest.mark.django_db


def test_report_periods_and_reports_in_the_beheer(admin_client):
    _theme, _goal, effort = make_agenda("GM9001", "zorg")
    periods = resolve_periods(["2025-najaarsnota", "2025-voorjaarsnota"]).found
    for slug, status in (("2025-najaarsnota", "done_on_track"), ("2025-voorjaarsnota", "not_started")):
        EffortProgress.objects.create(effort=effort, report_period=periods[slug], status=status)
    listing = html.unescape(admin_client.get("/beheer/agenda/reportperiod/").content.decode())
    assert "Rapportageperioden" in listing and "Peildatum" in listing and "Uiterste aanleverdatum" in listing
    assert listing.index("Voorjaarsnota 2025") < listing.index("Najaarsnota 2025")  # by date, not by name
    efforts = html.unescape(admin_client.get("/beheer/agenda/effort/").content.decode())
    assert "Gereed of op schema" in efforts and "Najaarsnota 2025" in efforts
    page = html.unescape(admin_client.get(f"/beheer/agenda/effort/{effort.pk}/change/").content.decode())
    assert "Voortgangsrapportages" in page and "Begroot (euro)" in page and "Gerealiseerd (euro)" in page
    form = {"name": "Voorjaarsnota 2026", "slug": "2026-voorjaarsnota", "kind": "voorjaarsnota",
            "date": "31-03-2026", "deadline": "15-04-2026"}  # fmt: skip
    response = admin_client.post("/beheer/agenda/reportperiod/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    made = ReportPeriod.objects.get(slug="2026-voorjaarsnota")
    assert (made.date, made.deadline) == (dt.date(2026, 3, 31), dt.date(2026, 4, 15))
