# SPDX-License-Identifier: EUPL-1.2
"""The import pages of the workspace: preview writes nothing, confirm imports, errors name row and
column; options are form fields (never a server path); each import kind has its own permission and only
a beheerder may touch definitions and their protection rules."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import Organisation
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

pytestmark = pytest.mark.django_db
URL = "/werkplek/importeren/"
GOOD = "indicator;gebied;periode;waarde;status\nwmo_clienten;GM0001;2024;120;voorlopig\nwmo_clienten;GM0001;2023;115;definitief\n"
BAD = "indicator;gebied;periode;waarde\nwmo_clienten;GM0001;2024;veel\nwmo_clienten;GM9999;2024;3\n"
DEFINITIONS = "code;name;unit;decimals;polarity;source;provider\nnieuw_cijfer;Nieuw cijfer;count;0;neutral;Gemeente;own\n"


@pytest.fixture
def world(settings, tmp_path):
    settings.KM_DATA_DIR = tmp_path
    settings.DATA_DIR = tmp_path
    area = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    return Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente", area=area)


@pytest.fixture
def staff(client, world):
    return login_verified(client, make_user("beleid", "redacteur", organisation=world))


def _post(client, content: str, kind: str = "tabular", **fields):
    upload = SimpleUploadedFile("cijfers.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(URL, {"kind": kind, "file": upload, **fields})


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
    assert staff.post(URL, {"token": token}).status_code == 400  # a token works once


def test_identical_file_says_nothing_changes(staff):
    staff.post(URL, {"token": _post(staff, GOOD).context["token"]})
    assert "Dit bestand verandert niets" in _post(staff, GOOD).content.decode()


def test_bad_file_lists_rows_and_columns_and_offers_no_import(staff):
    body = _post(staff, BAD).content.decode()
    assert "kan niet worden geïmporteerd" in body
    assert "<td>2</td><td>waarde</td>" in body or "<td>2</td><td>value</td>" in body
    assert "veel" in body and 'name="token"' not in body
    assert not Observation.objects.exists() and not ImportRun.objects.exists()


def test_options_are_form_fields_and_none_names_a_server_path(staff):
    page = staff.get(URL).content.decode()
    assert 'name="opt_period"' in page and 'name="opt_decimal"' in page
    assert "dictionary" not in page and 'name="options"' not in page
    # a path smuggled in as a field is not an option: the import does not read it
    response = _post(
        staff, GOOD, opt_dictionary="/proc/self/environ", options="--dictionary /proc/self/environ"
    )
    assert response.status_code == 200
    assert "environ" not in response.content.decode().replace("/proc/self/environ", "")
    assert "PATH=" not in response.content.decode()


def test_a_wrong_option_value_is_a_dutch_field_error(staff):
    response = _post(staff, GOOD, opt_decimal="x")
    body = response.content.decode()
    assert response.status_code == 200 and "Selecteer een geldige keuze" in body
    assert not ImportRun.objects.exists()


def test_changed_file_between_preview_and_import_is_refused(staff, tmp_path):
    token = _post(staff, GOOD).context["token"]
    stored = next((tmp_path / "uploads" / token).iterdir())
    stored.write_text(GOOD.replace("120", "999"), encoding="utf-8")
    assert staff.post(URL, {"token": token}).status_code == 400
    assert not Observation.objects.exists()


def test_each_import_kind_has_its_own_permission(staff, world, client, caplog):
    # a redacteur imports figures and the goal tree, not definitions (protection rules) or areas
    page = staff.get(URL).content.decode()
    assert "?soort=goal-tree" in page and "?soort=indicators" not in page and "?soort=areas" not in page
    assert staff.get(URL + "?soort=indicators").status_code == 403
    assert _post(staff, DEFINITIONS, kind="indicators").status_code == 403
    assert 'event="permission_denied" account="beleid"' in caplog.text
    assert not Indicator.objects.filter(code="nieuw_cijfer").exists()
    # nor options that create indicators or set how they are protected
    assert 'name="opt_provider"' not in page and 'name="opt_create_indicators"' not in page
    # a partner imports nothing here
    staff.logout()
    partner = make_user("partner", "partner", organisation=Organisation.for_name("Welzijn"))
    login_verified(client, partner)
    assert client.get(URL).status_code == 403


def test_a_beheerder_imports_definitions(client, world):
    login_verified(client, make_user("baas", "beheerder"))
    response = _post(client, DEFINITIONS, kind="indicators")
    assert response.status_code == 200, response.content.decode()[:500]
    assert client.post(URL, {"token": response.context["token"]}).status_code == 200
    assert Indicator.objects.filter(code="nieuw_cijfer").exists()


def test_the_old_address_redirects_and_anonymous_goes_to_login(client, world):
    assert client.get("/beheer/importeren/")["Location"] == URL
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/werkplek/inloggen/")


def test_the_preview_shows_the_stored_value_next_to_the_new_one(staff):
    staff.post(URL, {"token": _post(staff, GOOD).context["token"]})
    body = _post(staff, GOOD.replace(";120;", ";130;")).content.decode()
    # per indicator: the cell as stored now, as delivered, and as the website would show it
    assert '<th scope="col">Nu opgeslagen</th>' in body
    assert "<td>GM0001 2024JJ00</td><td>120</td><td>130</td>" in body


def _wijken(world) -> None:
    gm = Area.objects.get(code="GM0001")
    for i in range(1, 5):
        Area.objects.create(code=f"WK000{i}01"[:8], name=f"Wijk {i}", level="WK", parent=gm)


WIJKEN = (
    "indicator;gebied;periode;waarde\n"
    "wmo_clienten;GM0001;2024;195\nwmo_clienten;WK000101;2024;45\nwmo_clienten;WK000201;2024;40\n"
    "wmo_clienten;WK000301;2024;52\nwmo_clienten;WK000401;2024;58\n"
)


def test_the_preview_lists_the_cells_publishing_would_hide_and_writes_nothing(staff, world):
    from kwaliteitsmonitor.publications.models import Publication, PublishedValue, State
    from kwaliteitsmonitor.publications.testing import publish

    _wijken(world)
    staff.post(URL, {"token": _post(staff, WIJKEN).context["token"]})
    publish()
    live = Publication.objects.get(state=State.LIVE)
    stored = PublishedValue.objects.count()

    # Wijk 1 drops to 3 persons: hidden itself (0–7), and one more cell so that it cannot be recovered as
    # the total minus the other wijken (here the protection hides the gemeente total).
    response = _post(staff, WIJKEN.replace("WK000101;2024;45", "WK000101;2024;3").replace(";195\n", ";153\n"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wat het publiek na publiceren ziet" in body
    assert f"Vergeleken met de actuele publicatie {live.number}" in body
    changes = response.context["publication"]["indicators"]
    [row] = [i for i in changes if i["code"] == "wmo_clienten"]
    assert row["newly_hidden"] == 2
    cells = {c["where"]: c for c in row["visibility"]}
    assert cells["Wijk 1, 2024"]["new"] == "geheim" and cells["Wijk 1, 2024"]["old"] == "45"
    assert "primair" in cells["Wijk 1, 2024"]["reason"].lower()
    [other] = [c for where, c in cells.items() if where != "Wijk 1, 2024"]
    assert other["new"] == "geheim" and "secundair" in other["reason"].lower()
    assert "Cellen van wmo_clienten die geheim of zichtbaar worden" in body
    assert "Wijk 1, 2024: 45 → geheim (primair geheim" in body
    # Nothing of the trial publication outlives the preview.
    assert list(Publication.objects.values_list("number", "state")) == [(live.number, State.LIVE)]
    assert PublishedValue.objects.count() == stored
    assert Observation.objects.get(area__code="WK000101").value == 45.0


def test_the_preview_without_a_publication_says_everything_is_new(staff, world):
    body = _post(staff, GOOD).content.decode()
    assert "Er is nog geen publicatie: bij de eerste publicatie is alles nieuw." in body


def test_switching_protection_off_shows_in_the_preview_which_secret_cells_would_appear(staff, world, client):
    """The hole of the reliability probe, seen before it happens: a definitions file with ``none`` as the
    rule would make the 0–7 cell public; the beheerder sees that cell listed before confirming."""
    from kwaliteitsmonitor.publications.testing import publish

    _wijken(world)
    staff.post(
        URL, {"token": _post(staff, WIJKEN.replace("WK000101;2024;45", "WK000101;2024;3")).context["token"]}
    )
    publish()
    login_verified(client, make_user("baas", "beheerder"))
    definitions = (
        "code;name;unit;decimals;polarity;source;provider;disclosure\n"
        "wmo_clienten;Wmo-cliënten;count;0;neutral;Gemeente;own;none\n"
    )
    response = _post(client, definitions, kind="indicators")
    assert response.status_code == 200
    [row] = [i for i in response.context["publication"]["indicators"] if i["code"] == "wmo_clienten"]
    assert row["newly_shown"] == 1 and row["changed"] == 5  # and rounding to fives goes: 50 → 52
    cells = {c["where"]: c for c in row["visibility"]}
    assert cells["Wijk 1, 2024"] == {
        "where": "Wijk 1, 2024", "old": "geheim", "new": "3", "cause": "Definitie gewijzigd", "reason": "",
    }  # fmt: skip
    assert "Wijk 1, 2024: geheim → 3" in response.content.decode()
    assert Indicator.objects.get(code="wmo_clienten").disclosure == ""  # nothing saved yet
