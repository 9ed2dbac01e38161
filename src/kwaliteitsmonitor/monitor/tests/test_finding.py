# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 3: the list of indicators with its filters, the breadcrumb that links to it, search
over process monitors, beelden and report periods, and the index of the API."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from kwaliteitsmonitor.agenda.models import Effort, EffortProgress, Picture, ReportPeriod
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages import zoeken
from kwaliteitsmonitor.processes.models import (
    ProcessMonitor,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    SubThemeStatus,
)
from kwaliteitsmonitor.processes.testing import approve_filled
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    zoeken.forget()
    yield
    zoeken.forget()


@pytest.fixture
def listed(world):
    Indicator.objects.filter(code="participatie").update(category="Meedoen")
    Indicator.objects.filter(code="wmo-clienten").update(category="Zorg")
    Indicator.objects.create(code="verborgen", name="Niet gepubliceerd", is_published=False)
    publish()  # the list shows definitions as published
    return world


def test_indicator_list_shows_every_published_indicator(listed, client):
    data = client.get("/indicator.json").json()
    assert [i["code"] for i in data["indicators"]] == ["wmo-clienten", "participatie"]
    assert data["summary"] == "2 van de 2 indicatoren"
    opgaven = {i["code"]: [o["slug"] for o in i["opgaven"]] for i in data["indicators"]}
    assert opgaven == {
        "participatie": ["inrichting-sociaal-domein"],
        "wmo-clienten": ["inrichting-sociaal-domein"],
    }
    body = html.unescape(client.get("/indicator/").content.decode())
    assert (
        '<a class="utrecht-link km-indicator-list__name" href="/indicator/participatie/">Participatie</a>'
        in body
    )
    assert "Niet gepubliceerd" not in body


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"thema": "Zorg"}, ["wmo-clienten"]),
        ({"bron": "Monitor Sociale Kracht"}, ["participatie"]),
        ({"opgave": "kansrijk"}, []),
        ({"q": "deelnemen samenleving"}, ["participatie"]),  # words of the definition
        ({"q": "clienten"}, ["wmo-clienten"]),  # accents do not matter
    ],
)
def test_indicator_list_filters(listed, client, query, codes):
    data = client.get("/indicator.json", query).json()
    assert [i["code"] for i in data["indicators"]] == codes
    assert not data["messages"]


def test_unknown_filter_value_is_a_dutch_message(listed, client):
    response = client.get("/indicator/", {"bron": "Onbekend"})
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Er is geen bron ‘Onbekend’; het filter op bron is niet gebruikt." in body
    assert "2 van de 2 indicatoren" in body


def test_breadcrumb_indicatoren_links_to_the_list(listed, client):
    body = client.get("/indicator/participatie/").content.decode()
    assert (
        '<a class="utrecht-link" href="/indicator/">Indicatoren</a>' in body or 'href="/indicator/"' in body
    )
    crumbs = client.get("/indicator/participatie.json").json()["breadcrumbs"]
    assert crumbs[1] == {"label": "Indicatoren", "url": "/indicator/"}


def test_search_finds_process_monitors_beelden_and_report_periods(world, client):
    monitor = ProcessMonitor.objects.create(
        slug="dakloosheid", name="Aanpak Dakloosheid", label_set="dakloosheid"
    )
    ProcessTheme.objects.create(monitor=monitor, name="Preventie", slug="preventie")
    ProcessMonitor.objects.create(slug="beschermd-thuis", name="Beschermd Thuis", label_set="beschermd_thuis")
    Picture.objects.create(theme=world["theme"], summary="Hoe wijkteams eenzaamheid aanpakken.")
    autumn = ReportPeriod.objects.create(
        name="Najaarsnota 2025", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 9, 30)
    )
    effort = Effort.objects.get(title="Buurtverbinders in elke wijk")
    EffortProgress.objects.create(effort=effort, report_period=autumn, status="in_progress", progress=60)
    found = {
        q: [
            (g["kind"], r["title"])
            for g in client.get("/zoeken.json", {"q": q}).json()["groups"]
            for r in g["results"]
        ]
        for q in ("dakloos", "beschermd", "najaarsnota", "wijkteams", "preventie")
    }
    assert ("procesmonitor", "Aanpak Dakloosheid") in found["dakloos"]
    assert ("procesmonitor", "Beschermd Thuis") in found["beschermd"]
    assert ("inspanning", "Buurtverbinders in elke wijk") in found["najaarsnota"]
    assert ("beeld", "Beeld: Inrichting sociaal domein") in found["wijkteams"]
    assert ("procesmonitor", "Aanpak Dakloosheid") in found["preventie"]


def test_api_index_lists_the_endpoints(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    urls = {e["name"]: e["url"] for e in data["endpoints"]}
    assert urls["indicatoren"] == "/api/v1/indicators" and urls["documentatie"] == "/api/v1/docs/"
    for name, url in urls.items():
        if name not in {"correlaties", "prognose_wmo"}:  # these need parameters or an agenda
            assert client.get(url).status_code == 200, url
    assert data["templates"]["waarden"] == "/api/v1/indicators/{code}/values"


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _visible_text(body: str) -> str:
    """What a reader sees: the text between tags (and option labels), not URLs or attributes."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)))


def test_dates_are_dutch_on_every_page(world, client):
    monitor = ProcessMonitor.objects.create(
        slug="dakloosheid", name="Aanpak Dakloosheid", label_set="dakloosheid"
    )
    sub = ProcessSubTheme.objects.create(
        theme=ProcessTheme.objects.create(monitor=monitor, name="Preventie", slug="preventie"),
        name="Signalering",
    )
    area = Area.objects.get_or_create(code="GM9001", defaults={"name": "Teststad", "level": "GM"})[0]
    region = ProcessRegion.objects.create(monitor=monitor, area=area, name="Teststad", slug="teststad")
    for label, slug, day in [("Najaar 2025", "najaar-2025", dt.date(2025, 12, 1)),
                             ("Voorjaar 2026", "voorjaar-2026", dt.date(2026, 6, 1))]:  # fmt: skip
        round_ = ProcessRound.objects.create(monitor=monitor, label=label, slug=slug, reference_date=day)
        SubThemeStatus.objects.create(round=round_, region=region, sub_theme=sub, status="in_progress")
    approve_filled()  # only approved rounds are public
    pages = ["/", "/opgave/inrichting-sociaal-domein/", "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/",
             "/indicator/", "/indicator/participatie/", "/processen/dakloosheid/", "/toegankelijkheid/"]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        assert not ISO_DATE.findall(text), (url, ISO_DATE.findall(text))
    assert "peildatum 1 juni 2026" in _visible_text(client.get("/processen/dakloosheid/").content.decode())
