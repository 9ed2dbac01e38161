# SPDX-License-Identifier: EUPL-1.2
"""The toegankelijkheidsverklaring: the parts of the Dutch model, an honest status, the configured
contact route and date."""

from __future__ import annotations

import html
import re

import pytest
from django.core.exceptions import ImproperlyConfigured

URL = "/toegankelijkheid/"

pytestmark = pytest.mark.django_db


def body(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_statement_has_the_parts_of_the_model(world, client):
    text = body(client)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", text)
    assert headings == [
        "Status: C – eerste maatregelen genomen",
        "Waar deze verklaring over gaat",
        "Hoe we dit weten",
        "Bekende beperkingen",
        "Wat we nog doen",
        "Een probleem melden",
        "Niet tevreden over de reactie?",
        "Over deze monitor",  # the footer
    ]
    assert "Gemeente Teststad wil dat iedereen Kwaliteitsmonitor Sociaal Domein kan gebruiken" in text
    assert "WCAG 2.1 niveau A en AA (EN 301 549)" in text
    assert "er is nog geen volledig onderzoek door een onafhankelijke deskundige gedaan" in text
    assert "axe-core" in text and "WCAG-EM" in text
    assert "Grafieken en kaarten zijn afbeeldingen." in text
    assert "Deze verklaring is van 23 november 2026." in text
    assert "softwareversie 0.1.0" in text
    assert "Nationale ombudsman" in text
    assert "Deze website toont fictieve demogegevens" in text


@pytest.mark.parametrize(
    "contact, expected",
    [
        ("", "Neem contact op met Gemeente Teststad via de algemene contactgegevens"),
        ("toegankelijkheid@teststad.example", 'Mail naar <a class="utrecht-link" href="mailto:toegankelijkheid@teststad.example">'),
        ("https://teststad.example/melden", 'href="https://teststad.example/melden">meldformulier voor toegankelijkheid</a>'),
        ("Bel 14 0348 en vraag naar het team Informatie.", "<p class=\"utrecht-paragraph\">Bel 14 0348 en vraag naar het team Informatie.</p>"),
        ('<script>x</script>@a', "&lt;script&gt;"),
    ],
)  # fmt: skip
def test_contact_route_comes_from_the_settings(world, client, settings, contact, expected):
    settings.KM_ACCESSIBILITY_CONTACT = contact
    if expected.startswith("&lt;"):
        raw = client.get(URL).content.decode()
        assert "<script>x</script>" not in raw and expected in raw
        return
    assert expected in body(client)


def test_own_date_replaces_the_software_statement_date(world, client, settings):
    settings.KM_ACCESSIBILITY_DATE = "2027-03-01"
    text = body(client)
    assert "Deze verklaring is van 1 maart 2027." in text
    assert "het register van toegankelijkheidsverklaringen" not in text  # the organisation's own now
    assert "Voor softwareversie 0.1.0 vond axe-core op 23 november 2026 geen overtredingen." in text
    settings.KM_ACCESSIBILITY_DATE = "1-3-2027"
    with pytest.raises(ImproperlyConfigured, match="KM_ACCESSIBILITY_DATE moet een datum zijn"):
        client.get(URL)


def test_statement_without_agenda(db, client):
    text = body(client)
    assert "De organisatie achter deze website wil dat iedereen" in text
    assert "Deze website toont fictieve demogegevens" not in text
