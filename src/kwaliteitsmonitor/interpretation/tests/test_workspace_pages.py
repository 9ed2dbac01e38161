# SPDX-License-Identifier: EUPL-1.2
"""The workspace pages for report periods, duiding, verbeteracties and raadsvragen, through the client."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format

from kwaliteitsmonitor.accounts.testing import login_verified
from kwaliteitsmonitor.agenda.models import Effort, ReportPeriod
from kwaliteitsmonitor.interpretation.models import Action, Interpretation, Question, SessionState

STEPS = {
    "duiding-session_date": "12-5-2026",
    "duiding-participants": "Wethouder Zorg",
    "duiding-herkennen": "Meer cliënten.",
    "duiding-verklaren": "Vergrijzing.",
    "duiding-waarderen": "Zorgelijk.",
    "duiding-verbeteren": "Preventie.",
}


def _session_url(world, goal="own"):
    return reverse("workspace:duiding_session", args=[world.draft.number, world.goals[goal].pk])


def test_report_period_form_takes_dutch_dates_and_says_what_is_wrong(world, client):
    login_verified(client, world.users["redacteur"])
    url = reverse("workspace:period_new")
    response = client.post(
        url,
        {"name": "Najaarsnota 2026", "kind": "najaarsnota", "date": "1-10-2026", "deadline": "31-10-2026"},
    )
    assert response.status_code == 302
    made = ReportPeriod.objects.get(name="Najaarsnota 2026")
    assert (made.slug, made.date, made.deadline) == (
        "najaarsnota-2026",
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 31),
    )
    listing = client.get(reverse("workspace:periods")).content.decode()
    assert "1 oktober 2026" in listing and "31 oktober 2026" in listing
    response = client.post(url, {"name": "Najaarsnota 2026", "kind": "najaarsnota", "date": "31-13-2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Er is al een rapportageperiode met deze naam." in page
        and "Vul een datum in, bijvoorbeeld 31-3-2026." in page
    )
    assert ReportPeriod.objects.count() == 2


def test_redacteur_writes_submits_and_approves_a_session_with_an_action(world, client):
    login_verified(client, world.users["redacteur"])
    url = _session_url(world)
    assert client.post(url, {**STEPS, "save": "1"}).status_code == 302
    item = Interpretation.objects.get(goal=world.goals["own"], indicator=None)
    assert item.session_date == dt.date(2026, 5, 12) and item.state == SessionState.CONCEPT
    response = client.post(url, {"actie-title": "Spreekuur", "actie-owner": "Wijkteam", "actie-due_date": "1-9-2026",
                                 "actie-new_effort": "on", "add_action": "1"})  # fmt: skip
    assert response.status_code == 302
    assert Effort.objects.filter(goal=world.goals["own"], title="Spreekuur").exists()
    missing = client.post(
        url, {"actie-title": "Zonder", "actie-owner": "X", "actie-due_date": "1-9-2026", "add_action": "1"}
    )
    assert "Kies een bestaande inspanning óf vink een nieuwe inspanning aan." in missing.content.decode()
    client.post(url, {"submit": "1"})
    client.post(url, {"approve": "1"})
    item.refresh_from_db()
    assert item.state == SessionState.APPROVED and item.approved_by == world.users["redacteur"]
    page = client.get(url).content.decode()
    assert "Opslaan als concept" not in page and "Meer cliënten." in page  # read-only once approved


def test_redacteur_of_another_gemeente_cannot_write(world, client):
    login_verified(client, world.users["redacteur_other"])
    assert client.post(_session_url(world), {**STEPS, "save": "1"}).status_code == 403
    assert not Interpretation.objects.exists()
    overview = client.get(
        reverse("workspace:duiding_publication", args=[world.draft.number])
    ).content.decode()
    assert "Thuis wonen other" in overview and "Thuis wonen own" not in overview


def test_raadslid_reads_approved_duiding_only(world, client):
    writer, reader = client, type(client)()
    login_verified(writer, world.users["redacteur"])
    writer.post(_session_url(world), {**STEPS, "save": "1"})
    login_verified(reader, world.users["raadslid"])
    page = reader.get(_session_url(world)).content.decode()
    assert "Meer cliënten." not in page and "nog geen goedgekeurde duiding" in page
    assert reader.post(_session_url(world), {**STEPS, "save": "1"}).status_code == 403
    writer.post(_session_url(world), {"submit": "1"})
    writer.post(_session_url(world), {"approve": "1"})
    assert "Meer cliënten." in reader.get(_session_url(world)).content.decode()


def test_question_asked_answered_and_seen_by_its_asker_only(world, client):
    raadslid, redacteur, other = client, type(client)(), type(client)()
    login_verified(raadslid, world.users["raadslid"])
    url = reverse("workspace:question_new", args=[world.draft.number, world.goals["own"].pk])
    response = raadslid.post(f"{url}?indicator={world.indicator.pk}", {"kind": "technisch", "question": "Waarom meer?",
                                                                         "indicator": world.indicator.pk})  # fmt: skip
    assert response.status_code == 302
    asked = Question.objects.get()
    assert asked.indicator == world.indicator and asked.asked_by == world.users["raadslid"]
    deadline = date_format(asked.deadline, "j F Y")  # Dutch: "14 december 2026"
    assert f"het antwoord volgt uiterlijk {deadline}" in raadslid.get(response["Location"]).content.decode()
    empty = raadslid.post(url, {"kind": "", "question": ""}).content.decode()
    assert "Kies de soort vraag." in empty and "Schrijf de vraag." in empty
    login_verified(other, world.users["raadslid_other"])
    assert other.get(reverse("workspace:question", args=[asked.pk])).status_code == 403
    assert "Waarom meer?" not in other.get(reverse("workspace:questions")).content.decode()
    login_verified(redacteur, world.users["redacteur"])
    question_url = reverse("workspace:question", args=[asked.pk])
    assert "Technische vraag over Wmo-cliënten" in redacteur.get(reverse("workspace:home")).content.decode()
    redacteur.post(question_url, {"answer": "Een concept", "save": "1"})
    assert "Een concept" not in raadslid.get(question_url).content.decode()
    redacteur.post(question_url, {"answer": "Omdat.", "approve": "1"})
    page = raadslid.get(question_url).content.decode()
    assert "Omdat." in page and "binnen de termijn" in page
    assert (
        "100% op tijd beantwoord (1 van 1)" in raadslid.get(reverse("workspace:questions")).content.decode()
    )


def test_overdue_actions_in_attention_and_closing_them(world, client):
    item = Interpretation.objects.create(publication=world.draft, goal=world.goals["own"])
    action = Action.objects.create(
        interpretation=item, title="Te late actie", owner="A", due_date=dt.date(2020, 1, 1)
    )
    Action.objects.create(interpretation=Interpretation.objects.create(publication=world.draft, goal=world.goals["other"]),
                          title="Actie elders", owner="B", due_date=dt.date(2020, 1, 1))  # fmt: skip
    login_verified(client, world.users["redacteur"])
    home = client.get(reverse("workspace:home")).content.decode()
    assert (
        "Verbeteracties over de datum" in home and "Te late actie (A)" in home and "Actie elders" not in home
    )
    client.post(reverse("workspace:action_status", args=[action.pk]), {"status": "closed"})
    action.refresh_from_db()
    assert action.status == "closed" and action.closed_at is not None
    assert "Te late actie (A)" not in client.get(reverse("workspace:home")).content.decode()


def test_publication_overview_lists_goal_and_indicator_subjects(world, client):
    login_verified(client, world.users["redacteur"])
    page = client.get(reverse("workspace:duiding_publication", args=[world.draft.number])).content.decode()
    assert "km-ws-subjects" in page
    assert _session_url(world) in page and "Indicator: Wmo-cliënten" in page
