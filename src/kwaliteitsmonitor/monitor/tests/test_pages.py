# SPDX-License-Identifier: EUPL-1.2
"""The public pages: Dutch text and numbers, the demo banner, JSON twins, secrets, 404s."""

from __future__ import annotations

import html
import json
import re

import pytest

from kwaliteitsmonitor.publications.testing import publish

HOME = "/"
OPGAVE = "/opgave/inrichting-sociaal-domein/"
DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
PARTICIPATIE = "/indicator/participatie/"
WMO = "/indicator/wmo-clienten/"
PAGES = [HOME, OPGAVE, DOEL, PARTICIPATIE, WMO]
TWINS = {
    HOME: "/index.json",
    OPGAVE: "/opgave/inrichting-sociaal-domein.json",
    DOEL: "/opgave/inrichting-sociaal-domein/sterke-sociale-basis.json",
    PARTICIPATIE: "/indicator/participatie.json",
    WMO: "/indicator/wmo-clienten.json",
}

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return html.unescape(response.content.decode("utf-8"))


@pytest.mark.parametrize("url", PAGES)
def test_page_answers_in_dutch_with_banner(world, client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = text_of(response)
    assert '<html lang="nl"' in body
    assert "Dit zijn fictieve demogegevens" in body
    assert "Direct naar de inhoud" in body
    assert 'href="/opgave/kansrijk/"' in body  # the ribbon with the opgaven
    assert "/api/v1/docs/" in body
    raw = response.content.decode("utf-8")
    assert "style=" not in raw and "<script" not in raw  # CSP: nothing inline


def test_home_shows_agenda_intro_and_doelen(world, client):
    body = text_of(client.get(HOME))
    assert "Maatschappelijke Agenda 2023–2027" in body
    assert "<strong>Maatschappelijke Agenda</strong>" in body
    assert "<script>alert(1)</script>" not in response_raw(client, HOME)  # raw HTML is escaped
    assert "Doel 1: Er is een sterke sociale basis" in body


def response_raw(client, url) -> str:
    return client.get(url).content.decode("utf-8")


def test_opgave_counts_results_and_effort_status(world, client):
    body = text_of(client.get(OPGAVE))
    assert "1 resultaat, 1 inspanning" in body
    assert "1 × in uitvoering, aandacht nodig" in body


def test_doel_shows_results_efforts_and_indicators(world, client):
    body = text_of(client.get(DOEL))
    assert "Streefwaarde" in body and "8,5 in 2027" in body
    assert "7,4 (2022)" in body  # nulmeting
    assert "8,2</strong> in 2024, voorlopig" in body  # current value with period and status
    assert '<meter class="km-meter" min="0" max="100" value="40"' in body and "40%" in body
    assert "Welzijn Teststad" in body and "Voorjaarsnota 2025" in body
    assert "Participatie" in body and "Cliënten met een Wmo-maatwerkvoorziening" in body
    assert "Monitor Sociale Kracht, tabel MSK 2024" in body


def test_indicator_numbers_are_dutch(world, client):
    body = text_of(client.get(PARTICIPATIE))
    assert "8,2" in body and "7,4" in body
    assert "8.2" not in body
    assert "18–34 jaar" in body and "8,6" in body  # per age group
    # The grootteklasse as in the comparison table: the median of Teststad 8,2, 7,0 and 7,2 (not
    # Grootstad's 9,9 in klasse 7), named with its figure and indeling.
    assert "Gemeenten met 50.000 tot 100.000 inwoners (mediaan van 3 gemeenten, indeling 2024)" in body
    assert "7,2" in body
    assert "9,9" not in body
    wmo = text_of(client.get(WMO))
    assert "1.000" in wmo and "1.080" in wmo


def _walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def test_secret_value_never_shown(world, client, settings):
    body = text_of(client.get(WMO))
    centrum = re.search(
        r"<th scope=\"row\"[^>]*>(?:<a [^>]*>)?Centrum(?:</a>)?</th>(.*?)</tr>", body, re.S
    ).group(1)
    assert "geheim" in centrum and ">3<" not in centrum
    data = client.get(TWINS[WMO]).json()
    values = [v for k, v in _walk(data) if k in {"value", "numerator", "text", "number_text"}]
    assert 3 not in values and "3" not in values
    for spec_file in settings.KM_CHART_CACHE_DIR.glob("*.json"):
        spec = json.loads(spec_file.read_text())
        assert 3 not in [v for k, v in _walk(spec) if k == "value"]


@pytest.mark.parametrize("url", PAGES)
def test_json_twin_has_the_figures_of_the_html(world, client, url):
    body = text_of(client.get(url))
    response = client.get(TWINS[url])
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["title"] in body
    texts = {v for k, v in _walk(data) if k in {"text", "number_text"} and isinstance(v, str)}
    for text in texts:
        assert text in body, text


@pytest.mark.parametrize("url", [DOEL, PARTICIPATIE, WMO])
def test_every_chart_has_alt_text_and_a_table(world, client, url):
    body = response_raw(client, url)
    chunks = re.split(r"(?=<img )", body)[1:]
    assert chunks
    for chunk in chunks:
        alt = re.match(r'<img [^>]*alt="([^"]*)"', chunk)
        assert alt and len(alt.group(1)) > 20
        assert "<table" in chunk and "<caption" in chunk and 'scope="col"' in chunk


def test_alt_text_describes_the_trend(world, client):
    data = client.get(TWINS[PARTICIPATIE]).json()
    assert data["trend"]["alt"].startswith(
        "Lijngrafiek: Participatie in Teststad stijgt van 7,1 in 2016 tot 8,2 in 2024"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/opgave/bestaat-niet/",
        "/opgave/bestaat-niet.json",
        "/opgave/inrichting-sociaal-domein/bestaat-niet/",
        "/opgave/kansrijk/sterke-sociale-basis/",
        "/indicator/bestaat-niet/",
        "/indicator/bestaat-niet.json",
        "/grafiek/" + "0" * 40 + ".svg",
    ],
)
def test_unknown_pages_are_404_in_dutch(world, client, url):
    response = client.get(url)
    assert response.status_code == 404
    if not url.endswith((".json", ".svg")):
        assert "Pagina niet gevonden" in response.content.decode()


def test_home_without_agenda(db, client):
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Er is nog geen Maatschappelijke Agenda" in response.content.decode()
    assert "fictieve demogegevens" not in response.content.decode()
    # Only sections that work without an agenda are offered, and every link answers.
    links = re.findall(r'href="(/[^"#?]*)"', response.content.decode())
    assert "/processen/" in links and "/stand/" not in links
    for link in {link for link in links if not link.startswith(("/static/", "/api/", "/beheer/"))}:
        assert client.get(link).status_code == 200, link


def test_page_query_count_is_small(world, client, django_assert_max_num_queries):
    publish(full=True, render=True)  # as in production: the figures are computed while publishing
    client.get(DOEL)  # warm the site cache
    # 10, 1 for the voorzieningen of the inspanningen (outcomes, all at once), and 2 for the freshness of the
    # sources (sources.quality)
    with django_assert_max_num_queries(13):
        client.get(DOEL)
    # 1 for the publication being read, 9 for the page itself (indicator, agenda, comparison group and its
    # members, values, resultaten and links, earlier versions, boundaries, saved comparison group) and one
    # per stored figure (status, similar gemeenten, comparisons): nothing is computed on the request path;
    # 2 for the freshness of the sources (the register, the newest import of an unregistered indicator)
    with django_assert_max_num_queries(17):
        client.get(PARTICIPATIE)
