# SPDX-License-Identifier: EUPL-1.2
"""The partner flow in the workspace, end to end: a partner sees and submits only its own voorzieningen;
rows per person are refused and nothing is stored; the redacteur sees old → new and accepts; the figures
go through the one load step, are published protected (a small-n cell hidden on page, JSON and API)."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kwaliteitsmonitor.indicators.models import ImportRun, Observation
from kwaliteitsmonitor.outcomes.definitions import COLUMNS
from kwaliteitsmonitor.outcomes.models import Submission, SubmissionState, Voorziening
from kwaliteitsmonitor.publications.testing import publish

from .conftest import PERIOD, xlsx

pytestmark = pytest.mark.django_db

OWN = ["noord-ambulant", "", "", 60, 30, 40, 5, 45, 81.5, 33]
SMALL = ["noord-klein", "", "", 9, 4, 6, 1, 6, 50, 4]  # n below 10: the percentages must stay hidden


@pytest.fixture(autouse=True)
def _period(monkeypatch):
    from kwaliteitsmonitor.outcomes import service

    monkeypatch.setattr(service, "period_choices", lambda *a, **k: [(PERIOD, "1e halfjaar 2026")])


def _upload(client, data, name="uitkomsten.xlsx"):
    return client.post(
        reverse("workspace:outcome_upload"), {"period": PERIOD, "file": SimpleUploadedFile(name, data)}
    )


def test_the_template_lists_only_the_partners_own_voorzieningen(world, as_user):
    client = as_user(world["partner"])
    response = client.get(reverse("workspace:outcome_template"), {"periode": PERIOD})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    codes = [row[0] for row in book["Uitkomsten"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["noord-ambulant", "noord-klein"]  # never zuid-ambulant
    overview = client.get(reverse("workspace:outcomes")).content.decode()
    assert "Ambulant Noord" in overview and "Ambulant Zuid" not in overview


def test_a_partner_cannot_submit_for_another_partners_voorziening(world, as_user, caplog):
    client = as_user(world["other_partner"])
    response = _upload(client, xlsx([["noord-ambulant", "", "", 60, "", "", "", "", "", ""]]))
    assert response.status_code == 403
    assert "hoort niet bij uw organisatie" in response.content.decode()
    assert 'event="permission_denied"' in caplog.text
    assert not Submission.objects.exists()


def test_a_partner_cannot_open_another_partners_submission(world, as_user, caplog):
    client = as_user(world["partner"])
    assert _upload(client, xlsx([OWN])).status_code == 302
    submission = Submission.objects.get()
    other = as_user(world["other_partner"])
    assert other.get(reverse("workspace:outcome_submission", args=[submission.pk])).status_code == 403
    assert (
        other.post(reverse("workspace:outcome_review", args=[submission.pk]), {"accept": "1"}).status_code
        == 403
    )
    assert 'event="permission_denied"' in caplog.text
    # nor accept its own
    own = as_user(world["partner"])
    assert (
        own.post(reverse("workspace:outcome_review", args=[submission.pk]), {"accept": "1"}).status_code
        == 403
    )
    assert Submission.objects.get().state == SubmissionState.SUBMITTED


def test_a_file_with_rows_per_person_is_refused_and_nothing_is_stored(world, as_user, caplog):
    client = as_user(world["partner"])
    headers = ["Cliëntnummer", "Geboortedatum", *[c.header for c in COLUMNS]]
    response = _upload(client, xlsx([["C-001", "2014-03-02", *OWN]], headers=headers))
    page = response.content.decode()
    assert response.status_code == 400
    assert "ADR 0003" in page and "niets opgeslagen" in page
    rows = [["noord-ambulant", "", "", 1, 1, 1, 0, 1, "", ""] for _ in range(25)]
    response = _upload(client, xlsx(rows))
    assert response.status_code == 400 and "staat op 25 rijen" in response.content.decode()
    assert (
        not Submission.objects.exists()
        and not Observation.objects.exists()
        and not ImportRun.objects.exists()
    )
    assert 'event="personal_data_refused"' in caplog.text
    assert "C-001" not in caplog.text


def test_validation_names_the_cell_and_stores_nothing(world, as_user):
    client = as_user(world["partner"])
    response = _upload(client, xlsx([["noord-ambulant", "", "", 60, 50, 40, "", "", 130, ""]]))
    page = response.content.decode()
    assert response.status_code == 200 and "Er is niets opgeslagen" in page
    assert "blad Uitkomsten, rij 2, kolom E (Doelrealisatie: doelen gerealiseerd)" in page
    assert "de teller (50) is groter dan de noemer (40)" in page
    assert "kolom I (Tevredenheid: % (zeer) tevreden): een percentage ligt tussen 0 en 100, niet 130" in page
    assert not Submission.objects.exists()


def test_the_form_uses_the_same_checks(world, as_user):
    client = as_user(world["partner"])
    url = reverse("workspace:outcome_form")
    response = client.post(url, {"period": PERIOD, "noord-ambulant__tevreden_pct": "70"})
    assert response.status_code == 200 and "n ontbreekt" in response.content.decode()
    assert "zuid-ambulant" not in client.get(url).content.decode()
    response = client.post(url, {"period": PERIOD, "noord-ambulant__clienten": "1.200"})
    assert response.status_code == 302
    assert Submission.objects.get().rows[0]["clienten"] == 1200


def test_accepted_figures_are_loaded_published_and_protected(world, as_user, client):
    partner = as_user(world["partner"])
    assert _upload(partner, xlsx([OWN, SMALL])).status_code == 302
    submission = Submission.objects.get()
    assert not Observation.objects.exists()  # nothing is stored until the redacteur accepts

    redacteur = as_user(world["redacteur"])
    home = redacteur.get(reverse("workspace:home")).content.decode()
    assert (
        "op beoordeling wachten" in home
        and reverse("workspace:outcome_submission", args=[submission.pk]) in home
    )
    review = redacteur.get(reverse("workspace:outcome_submission", args=[submission.pk])).content.decode()
    assert "Ambulant Noord" in review and "75,0%" in review  # 30 of 40, new
    response = redacteur.post(reverse("workspace:outcome_review", args=[submission.pk]), {"accept": "1"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == SubmissionState.ACCEPTED and submission.import_run.status == "ok"
    stored = Observation.objects.get(
        indicator__code="outcome_doelrealisatie", breakdown="voorziening=noord-ambulant"
    )
    assert (stored.value, stored.numerator, stored.denominator, stored.n) == (75.0, 30, 40, 40)
    assert stored.area.code == "GM9001" and stored.period == PERIOD
    assert LogEntry.objects.filter(additional_data__import_run=submission.import_run_id).exists()

    client.logout()
    publish()
    page = client.get(reverse("monitor:voorziening", args=["noord-klein"])).content.decode()
    assert "geheim" in page and "50,0%" not in page and "66,7%" not in page
    data = client.get(reverse("monitor:voorziening-json", args=["noord-klein"])).json()
    small = {f["code"]: f for f in data["latest"]["figures"]}
    assert small["outcome_doelrealisatie"]["secret"] and small["outcome_doelrealisatie"]["value"] is None
    assert (
        small["outcome_tevredenheid"]["secret"]
        and "minder dan 10" in small["outcome_tevredenheid"]["disclosure_note"].lower()
    )
    assert small["outcome_clienten"]["text"] == "10"  # 9 cliënten, rounded to a multiple of 5 (cbs-persons)
    api = client.get("/api/v1/indicators/outcome_tevredenheid/values").json()
    values = {row["breakdown"]: row for row in api["results"]}
    assert values["voorziening=noord-klein"]["value"] is None
    assert values["voorziening=noord-ambulant"]["value"] == 81.5

    big = client.get(reverse("monitor:voorziening-json", args=["noord-ambulant"])).json()
    figures = {f["code"]: f for f in big["latest"]["figures"]}
    assert figures["outcome_doelrealisatie"]["text"] == "75,0%"
    assert figures["outcome_uitval"]["text"] == "11,1%"
    assert [r["header"] for r in big["comparison"]["rows"]] == [
        "Ambulant Noord",
        "Ambulant Zuid",
        "Gezinscoach Noord",
    ]

    doel = client.get(
        reverse("monitor:doel", kwargs={"theme": "jeugd", "goal": "opgroeien"})
    ).content.decode()
    assert "Uitkomsten per voorziening" in doel and "75,0%" in doel and "Gezinscoach Noord" in doel


def test_a_returned_submission_says_why_and_stores_nothing(world, as_user):
    partner = as_user(world["partner"])
    _upload(partner, xlsx([OWN]))
    submission = Submission.objects.get()
    redacteur = as_user(world["redacteur"])
    url = reverse("workspace:outcome_review", args=[submission.pk])
    assert (
        "Reden van terugsturen: Dit veld is vereist" in redacteur.post(url, {"return": "1"}).content.decode()
    )
    assert redacteur.post(url, {"return": "1", "reason": "Uitval lijkt te laag"}).status_code == 302
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RETURNED and submission.reason == "Uitval lijkt te laag"
    assert not Observation.objects.exists()
    page = as_user(world["partner"]).get(reverse("workspace:outcome_submission", args=[submission.pk]))
    assert "Uitval lijkt te laag" in page.content.decode()


def test_a_redacteur_edits_voorzieningen_of_her_own_gemeente_only(world, as_user):
    from kwaliteitsmonitor.areas.models import Area

    elders = Area.objects.create(code="GM9002", name="Elders", level="GM")
    redacteur = as_user(world["redacteur"])
    data = {"name": "Ambulant Oost", "code": "oost", "kind": "ambulante jeugdhulp", "partner": world["welzijn"].pk,
            "area": world["gm"].pk}  # fmt: skip
    assert redacteur.post(reverse("workspace:voorziening_new"), data).status_code == 302
    assert Voorziening.objects.get(code="oost").area == world["gm"]
    response = redacteur.post(
        reverse("workspace:voorziening_new"), {**data, "code": "elders", "area": elders.pk}
    )
    assert response.status_code == 200 and not Voorziening.objects.filter(code="elders").exists()
    assert LogEntry.objects.filter(object_repr="Ambulant Oost").exists()
    partner = as_user(world["partner"])
    assert partner.get(reverse("workspace:voorziening_edit", args=[world["own"].pk])).status_code == 403
