# SPDX-License-Identifier: EUPL-1.2
"""The process round in the workspace: a region fills in its own round only (theme by theme, in the
dashboard's own labels, prefilled and marked), submits, is locked; the adviser (a beheerder) reviews,
returns with reasons or approves, and only then does the round appear on the public pages."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK, IN_PROGRESS
from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import ProcessRound, Submission, SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def m():
    world = small_monitor()
    world["regio"] = make_user("w-regio", "regio", region=world["regions"]["Eigenstad"].area)
    world["adviseur"] = make_user("w-adviseur", "beheerder")
    return world


def _theme_url(m, region, theme):
    return reverse("workspace:process_theme", args=[m["regions"][region].pk, m["open"].pk, theme.pk])


def _round_url(m, region):
    return reverse("workspace:process_round", args=[m["regions"][region].pk, m["open"].pk])


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _form_data(m, status, explanation="", answer="ja"):
    wonen = m["themes"][0]
    data = {"next": "1"}
    for sub in m["subs"]:
        if sub.theme_id == wonen.pk:
            data[f"status_{sub.pk}"] = status
            data[f"explanation_{sub.pk}"] = explanation
    data[f"question_{m['question'].pk}"] = answer
    return data


def test_a_region_user_cannot_read_or_write_another_regions_draft(m, client, caplog):
    lifecycle.start(m["open"], m["regions"]["Anderdorp"])
    login_verified(client, m["regio"])
    for url in (_theme_url(m, "Anderdorp", m["themes"][0]), _round_url(m, "Anderdorp")):
        assert client.get(url).status_code == 403
    response = client.post(_theme_url(m, "Anderdorp", m["themes"][0]), _form_data(m, DONE_ON_TRACK, "Fout"))
    assert response.status_code == 403
    assert client.post(_round_url(m, "Anderdorp")).status_code == 403
    assert (
        client.get(
            reverse("workspace:process_review", args=[m["regions"]["Eigenstad"].pk, m["open"].pk])
        ).status_code
        == 403
    )
    assert 'event="permission_denied"' in caplog.text
    other = SubThemeStatus.objects.filter(round=m["open"], region=m["regions"]["Anderdorp"])
    assert not other.filter(explanation="Fout").exists() and all(r.carried_over for r in other)
    assert lifecycle.state_of(m["open"], m["regions"]["Anderdorp"]) == "concept"
    # the list shows only the own region
    body = _text(client.get(reverse("workspace:processes")))
    assert "regio Eigenstad" in body and "Anderdorp" not in body


def test_region_fills_in_theme_by_theme_with_the_dashboards_labels(m, client):
    login_verified(client, m["regio"])
    wonen, zorg = m["themes"]
    body = _text(client.get(_theme_url(m, "Eigenstad", wonen)))
    # the dashboard's own labels, never generic ones; prefilled values marked as carried over
    assert ">In ontwikkeling</option>" in body and ">Gereed</option>" in body
    assert "In uitvoering, aandacht nodig" not in body and "Gereed of op schema" not in body
    assert body.count("Overgenomen uit de vorige goedgekeurde ronde") == 3  # two statuses, one question
    assert "4 van 4 ingevuld, waarvan 4 overgenomen" in body
    assert "thema 1 van 2" in body and "Opslaan en volgende thema" in body
    response = client.post(_theme_url(m, "Eigenstad", wonen), _form_data(m, DONE_ON_TRACK, "Nieuw beleid."))
    assert response.status_code == 302 and response["Location"] == _theme_url(m, "Eigenstad", zorg)
    rows = SubThemeStatus.objects.filter(round=m["open"], region=m["regions"]["Eigenstad"])
    assert {(r.sub_theme.name, r.status, r.carried_over) for r in rows} == {
        ("Woningen", DONE_ON_TRACK, False), ("Afspraken met corporaties", DONE_ON_TRACK, False),
        ("Passend palet", IN_PROGRESS, True),
    }  # fmt: skip
    body = _text(client.get(_theme_url(m, "Eigenstad", zorg)))
    assert "4 van 4 ingevuld, waarvan 1 overgenomen" in body and "Opslaan en naar indienen" in body
    response = client.post(
        _theme_url(m, "Eigenstad", zorg), {"next": "1", f"status_{m['subs'][2].pk}": IN_PROGRESS}
    )
    assert response["Location"] == _round_url(m, "Eigenstad")  # the last theme leads to submitting


def test_submit_checks_completeness_then_locks_the_region(m, client):
    eigen = m["regions"]["Eigenstad"]
    Submission.objects.filter(round=m["approved"], region=eigen).delete()  # nothing to carry over
    login_verified(client, m["regio"])
    response = client.post(_round_url(m, "Eigenstad"))
    assert response.status_code == 400
    body = _text(response)
    assert "Nog niet alles is ingevuld (4 ontbreken)" in body and "Zorg: Passend palet" in body
    assert lifecycle.state_of(m["open"], eigen) == "concept"
    client.post(_theme_url(m, "Eigenstad", m["themes"][0]), _form_data(m, IN_PROGRESS))
    client.post(_theme_url(m, "Eigenstad", m["themes"][1]), {f"status_{m['subs'][2].pk}": IN_PROGRESS})
    assert client.post(_round_url(m, "Eigenstad")).status_code == 302
    assert lifecycle.state_of(m["open"], eigen) == "ingediend"
    # locked: the form is read-only and a post changes nothing
    body = _text(client.get(_theme_url(m, "Eigenstad", m["themes"][0])))
    assert "u kunt niets wijzigen" in body and "disabled" in body and "Opslaan en volgende thema" not in body
    client.post(_theme_url(m, "Eigenstad", m["themes"][0]), _form_data(m, DONE_ON_TRACK))
    assert not SubThemeStatus.objects.filter(round=m["open"], region=eigen, status=DONE_ON_TRACK).exists()


def test_adviser_sees_changes_returns_with_reasons_and_approves(m, client):
    eigen = m["regions"]["Eigenstad"]
    found = lifecycle.start(m["open"], eigen)
    SubThemeStatus.objects.filter(round=m["open"], region=eigen, sub_theme=m["subs"][1]).update(
        status=DONE_ON_TRACK, explanation="Corporatie trok zich terug.", carried_over=False
    )
    lifecycle.submit(found)
    login_verified(client, m["adviseur"])
    overview = _text(client.get(reverse("workspace:process_overview", args=[m["open"].pk])))
    assert "Ingediend: 1" in overview and "Niet begonnen: 1" in overview and "Beoordelen" in overview
    review_url = reverse("workspace:process_review", args=[eigen.pk, m["open"].pk])
    body = _text(client.get(review_url))
    assert "1 van 4 velden veranderd sinds Voorjaar 2026" in body
    assert "<mark>Gereed</mark>" in body and "In ontwikkeling" in body
    key = f"status_{m['subs'][1].pk}"
    response = client.post(
        review_url, {"return": "1", f"reason_{key}": "Welke corporatie? Graag toelichten."}
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.state == "teruggestuurd" and found.returned == {key: "Welke corporatie? Graag toelichten."}
    # the region sees the reason on its round and at the field
    client.logout()
    login_verified(client, m["regio"])
    assert "Welke corporatie? Graag toelichten." in _text(client.get(_round_url(m, "Eigenstad")))
    assert "Teruggestuurd door de adviseur: Welke corporatie?" in _text(
        client.get(_theme_url(m, "Eigenstad", m["themes"][0]))
    )
    assert client.post(_round_url(m, "Eigenstad")).status_code == 302
    client.logout()
    login_verified(client, m["adviseur"])
    public = reverse("monitor:procesregio", kwargs={"monitor": "beschermd-thuis", "region": "eigenstad"})
    assert "Najaar 2026" not in _text(client.get(public))
    assert client.post(review_url, {"approve": "1"}).status_code == 302
    assert lifecycle.state_of(m["open"], eigen) == "goedgekeurd"
    page = _text(client.get(public))
    assert "Najaar 2026" in page and "Corporatie trok zich terug." in page
    assert "Geschiedenis over de rondes" in page  # two approved rounds: the history table


def test_adviser_opens_a_round_with_dutch_errors(m, client):
    login_verified(client, m["adviseur"])
    url = reverse("workspace:process_round_new")
    response = client.post(url, {"monitor": m["monitor"].pk, "label": "Najaar 2026", "reference_date": "2027-06-01",
                                 "deadline": "2027-05-01"})  # fmt: skip
    assert response.status_code == 400
    body = _text(response)
    assert "al een ronde met de naam Najaar 2026" in body and "vóór de peildatum" in body
    response = client.post(url, {"monitor": m["monitor"].pk, "label": "Voorjaar 2027", "reference_date": "2027-06-01",
                                 "deadline": "2027-06-20"})  # fmt: skip
    created = ProcessRound.objects.get(slug="voorjaar-2027")
    assert response["Location"] == reverse("workspace:process_overview", args=[created.pk])
    assert str(created.deadline) == "2027-06-20"


def test_attention_for_adviser_and_region(m):
    from kwaliteitsmonitor.workspace.attention import sections

    def texts(user):
        return [i.text for s in sections(user) if s.key == "procesrondes" for i in s.items]

    assert texts(m["regio"]) == ["Beschermd Thuis, Najaar 2026: niet begonnen, invullen tot 15 december 2026"]
    found = lifecycle.start(m["open"], m["regions"]["Eigenstad"])
    lifecycle.submit(found)
    assert texts(m["regio"]) == []
    assert "Beschermd Thuis, Najaar 2026: Eigenstad wacht op beoordeling" in texts(m["adviseur"])
    lifecycle.return_items(found, {"status_1": "Graag toelichten."})
    assert texts(m["regio"]) == [
        "Beschermd Thuis, Najaar 2026: teruggestuurd, 1 onderdeel teruggestuurd, invullen tot 15 december 2026"
    ]


def test_adviser_uploads_a_round_with_preview_then_it_waits_for_review(m, client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_DIR = tmp_path
    table = (
        "regio;thema;subthema;status\nEigenstad;Wonen;Woningen;Gereed\nEigenstad;Zorg;Passend palet;Oranje\n"
    )

    def post(text):
        upload = SimpleUploadedFile("ronde.csv", text.encode(), content_type="text/csv")
        return client.post("/werkplek/importeren/", {
            "kind": "process-round", "file": upload, "opt_monitor": "beschermd-thuis", "opt_round": "najaar-2026",
        })  # fmt: skip

    login_verified(client, m["regio"])
    assert post(table).status_code == 403  # a region user cannot import rounds
    client.logout()
    login_verified(client, m["adviseur"])
    body = _text(post(table))
    assert "onbekend label 'Oranje'; Beschermd Thuis kent: Gereed, In ontwikkeling" in body
    response = post(table.replace("Oranje", "In ontwikkeling"))
    assert not SubThemeStatus.objects.filter(round=m["open"]).exists()  # the preview writes nothing
    client.post("/werkplek/importeren/", {"token": response.context["token"]})
    assert lifecycle.state_of(m["open"], m["regions"]["Eigenstad"]) == "ingediend"
    assert SubThemeStatus.objects.filter(round=m["open"]).count() == 2
