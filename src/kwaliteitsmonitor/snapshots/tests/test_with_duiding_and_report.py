# SPDX-License-Identifier: EUPL-1.2
"""The three parts of the P&C cycle together: a frozen rapportage shows the duiding approved for its
publication (filled in when served), and the council report of that rapportage reads the frozen pages, so
a later edit changes neither."""

from __future__ import annotations

import datetime as dt

import pytest

from kwaliteitsmonitor.accounts.testing import make_user
from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.interpretation import sessions
from kwaliteitsmonitor.reports import document, generate
from kwaliteitsmonitor.snapshots import amend, freeze

pytestmark = pytest.mark.django_db

DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
STEPS = {
    "session_date": dt.date(2026, 11, 12),
    "participants": "Wethouder Zorg\nWijkteam Noord",
    "herkennen": "Minder inwoners voelen zich gesteund.",
    "verklaren": "Twee buurthuizen gingen dicht.",
    "waarderen": "Zorgelijk voor de kernen.",
    "verbeteren": "Een buurthuis weer open in 2027.",
}


def _snapshot():
    snapshot = freeze.freeze("Najaarsnota 2026", dt.date(2026, 11, 1))
    amend.make_public(snapshot)
    return snapshot


def _approved(world, snapshot, user):
    item = sessions.session(snapshot.publication, world["goal"], None)
    sessions.save(item, user, STEPS)
    sessions.submit(item)
    sessions.approve(item, user)
    return item


def test_a_frozen_doel_page_shows_the_duiding_once_it_is_approved(world, client):
    snapshot = _snapshot()
    editor = make_user("redactie", "beheerder")
    item = sessions.session(snapshot.publication, world["goal"], None)
    sessions.save(item, editor, STEPS)
    page = f"/rapportages/{snapshot.slug}{DOEL}"
    assert "Twee buurthuizen gingen dicht." not in client.get(page).content.decode()  # a concept: not shown
    sessions.submit(item)
    sessions.approve(item, editor)
    body = client.get(page).content.decode()
    assert "Twee buurthuizen gingen dicht." in body and "Een buurthuis weer open in 2027." in body
    assert "12 november 2026" in body  # dated and attributed, not the monitor's own judgement
    assert body.index("Twee buurthuizen") < body.index("</main>")


def test_the_report_of_a_rapportage_reads_its_frozen_pages_and_duiding(world):
    snapshot = _snapshot()
    _approved(world, snapshot, make_user("redactie", "beheerder"))
    title = Goal.objects.get(pk=world["goal"].pk).title
    Goal.objects.filter(pk=world["goal"].pk).update(title="Een later bedachte titel")

    publication = generate.find(snapshot.slug)  # the rapportage's slug names its publication
    assert publication == snapshot.publication
    report = document.collect(publication)
    assert report["cover"]["date"] == "2026-11-01" and report["cover"]["publication"] == "Najaarsnota 2026"
    [goal] = [g for t in report["themes"] for g in t["goals"] if g["title"] == title]
    assert "Een later bedachte titel" not in str(report)
    assert goal["duiding"]["interpretations"][0]["verklaren"] == "Twee buurthuizen gingen dicht."
    word = generate.make(publication, "docx")  # charts from the frozen files, else rendered
    assert word[:2] == b"PK" and generate.make(publication, "docx") == word
