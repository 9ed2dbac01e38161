# SPDX-License-Identifier: EUPL-1.2
"""The staff upload page: preview writes nothing, confirm imports, errors name row and column."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

pytestmark = pytest.mark.django_db
URL = "/beheer/importeren/"
GOOD = "indicator;gebied;periode;waarde;status\nwmo_clienten;GM0001;2024;120;voorlopig\nwmo_clienten;GM0001;2023;115;definitief\n"
BAD = "indicator;gebied;periode;waarde\nwmo_clienten;GM0001;2024;veel\nwmo_clienten;GM9999;2024;3\n"


@pytest.fixture
def staff(client, settings, tmp_path):
    settings.KM_DATA_DIR = tmp_path
    settings.DATA_DIR = tmp_path
    Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    user = User.objects.create_user("beleid", password="x" * 16, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_observation"))
    client.force_login(user)
    return client


def _post(client, content: str, options: str = ""):
    upload = SimpleUploadedFile("cijfers.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(URL, {"connector": "tabular", "file": upload, "options": options})


def test_preview_shows_counts_and_writes_nothing_then_confirm_imports(staff):
    response = _post(staff, GOOD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is nog niets opgeslagen" in body
    assert '<th scope="row">Toegevoegd</th><td>2</td>' in body
    assert not Observation.objects.exists() and not ImportRun.objects.exists()

    token = response.context["token"]
    done = staff.post(URL, {"token": token})
    assert done.status_code == 200
    assert "De import is opgeslagen" in done.content.decode()
    run = ImportRun.objects.get()
    assert (run.connector, run.added, run.actor, run.user.username) == ("tabular", 2, "beleid", "beleid")
    assert sorted(Observation.objects.values_list("period", "value")) == [
        ("2023JJ00", 115.0),
        ("2024JJ00", 120.0),
    ]

    # the same token cannot be used twice
    assert staff.post(URL, {"token": token}).status_code == 400


def test_identical_file_says_nothing_changes(staff):
    staff.post(URL, {"token": _post(staff, GOOD).context["token"]})
    body = _post(staff, GOOD).content.decode()
    assert "Dit bestand verandert niets" in body


def test_bad_file_lists_rows_and_columns_and_offers_no_import(staff):
    body = _post(staff, BAD).content.decode()
    assert "kan niet worden geïmporteerd" in body
    assert "<td>2</td><td>waarde</td>" in body or "<td>2</td><td>value</td>" in body
    assert "veel" in body
    assert 'name="token"' not in body
    assert not Observation.objects.exists() and not ImportRun.objects.exists()


def test_unknown_option_is_a_form_error(staff):
    response = _post(staff, GOOD, "--bestaat-niet 3")
    assert response.status_code == 200
    assert "onbekende opties" in response.content.decode()


def test_changed_file_between_preview_and_import_is_refused(staff, tmp_path):
    token = _post(staff, GOOD).context["token"]
    stored = next((tmp_path / "uploads" / token).iterdir())
    stored.write_text(GOOD.replace("120", "999"), encoding="utf-8")
    assert staff.post(URL, {"token": token}).status_code == 400
    assert not Observation.objects.exists()


def test_only_staff_with_permission(client):
    assert client.get(URL).status_code == 302  # to the login page
    user = User.objects.create_user("lezer", password="x" * 16, is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
