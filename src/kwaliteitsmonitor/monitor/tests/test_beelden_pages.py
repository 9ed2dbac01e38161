# SPDX-License-Identifier: EUPL-1.2
"""Beelden: the overview and the beeld of an opgave (order, links, protected values, 404s, JSON twins)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from django.http import Http404

from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Picture, PictureItem, Theme
from kwaliteitsmonitor.agenda.models import PictureItemKind as K
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.monitor.pages.beelden import beeld_page, beelden_page
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

BEELD = "/opgave/inrichting-sociaal-domein/beeld/"
BEELD_JSON = "/opgave/inrichting-sociaal-domein/beeld.json"
OVERVIEW = "/beelden/"


def text_of(response) -> str:
    return html.unescape(response.content.decode("utf-8"))


@pytest.fixture
def beeld(world):
    """A beeld on the first opgave, its parts written out of order, with every kind of link."""
    secret = Indicator.objects.create(
        code="jeugd-bw", name="Jongeren met jeugdbescherming", unit="count", provider="own",
        disclosure="cbs-persons",
    )  # fmt: skip
    hidden = Indicator.objects.create(
        code="concept", name="Concept-indicator", unit="count", is_published=False
    )
    run = start_run("test", "beelden")
    records = [
        ObservationRecord("jeugd-bw", "GM9001", "2023JJ00", 40, status="definitief"),
        ObservationRecord("jeugd-bw", "GM9001", "2024JJ00", 5, status="voorlopig"),
        ObservationRecord("concept", "GM9001", "2024JJ00", 123, status="definitief"),
    ]
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)

    other_agenda = Agenda.objects.create(
        organisation="Elders", area=Area.objects.get(code="GM9004"), start_year=2023, end_year=2027,
        is_active=False,
    )  # fmt: skip
    other_theme = Theme.objects.create(agenda=other_agenda, slug="elders", title="Elders")
    other_goal = Goal.objects.create(theme=other_theme, slug="elders-doel", title="Doel elders")
    foreign = Effort.objects.create(goal=other_goal, title="Inspanning elders")

    picture = Picture.objects.create(
        theme=world["theme"], summary="Van **zwaar** naar licht.", participants="Lokaal team en welzijn.",
        reflection="Nieuw inzicht: niemand telt de vragen.", drawn_up_on=dt.date(2025, 3, 12),
    )  # fmt: skip
    effort = world["goal"].efforts.get()
    for kind, order, title, links in [
        (K.EFFECT, 2, "Minder maatwerk", {}),
        (K.INTERVENTION, 2, "Huiskamer", {"effort": foreign}),
        (K.MONITORING, 1, "Participatie", {"indicator": world["score"]}),
        (K.INTERVENTION, 1, "Buurtverbinders", {"effort": effort}),
        (K.EFFECT, 1, "Sterkere sociale basis", {"goal": world["goal"]}),
        (K.MONITORING, 2, "Jeugdbescherming", {"indicator": secret}),
        (K.MONITORING, 3, "Nog niet gepubliceerd", {"indicator": hidden}),
        (K.MECHANISM, 1, "Vroeg erbij", {}),
        (K.EXTERNAL_FACTOR, 1, "Vergrijzing", {}),
        (K.LEVER, 1, "Verordening", {}),
        (K.PARTY, 1, "Zorgverzekeraar", {"goal": other_goal}),
    ]:
        PictureItem.objects.create(picture=picture, kind=kind, order=order, title=title, **links)
    publish()
    return {**world, "picture": picture, "secret": secret}


def titles(group) -> list[str]:
    return [item["title"] for item in group["items"]]


def test_beeld_groups_follow_the_chain_and_the_order_within_each_kind(beeld):
    data = beeld_page("inrichting-sociaal-domein")
    assert (data["page"], data["title"]) == ("beeld", "Beeld: Inrichting sociaal domein")
    assert [g["kind"] for g in data["chain"]] == ["intervention", "mechanism", "effect"]
    assert [titles(g) for g in data["chain"]] == [
        ["Buurtverbinders", "Huiskamer"], ["Vroeg erbij"], ["Sterkere sociale basis", "Minder maatwerk"],
    ]  # fmt: skip
    assert titles(data["monitoring"]) == ["Participatie", "Jeugdbescherming", "Nog niet gepubliceerd"]
    assert titles(data["external_factors"]) == ["Vergrijzing"]
    assert [(g["kind"], titles(g)) for g in data["around"]] == [
        ("lever", ["Verordening"]), ("team_role", []), ("party", ["Zorgverzekeraar"]),
    ]  # fmt: skip
    assert data["information_needs"]["items"] == []
    assert data["counts"] == [
        {"kind": "intervention", "label": "Interventies", "count": 2},
        {"kind": "mechanism", "label": "Mechanismen", "count": 1},
        {"kind": "effect", "label": "Verwachte effecten", "count": 2},
        {"kind": "monitoring", "label": "Wat we al weten", "count": 3},
        {"kind": "external_factor", "label": "Externe factoren", "count": 1},
        {"kind": "lever", "label": "Stuurknoppen", "count": 1},
        {"kind": "party", "label": "Andere partijen en financiering", "count": 1},
    ]
    assert (
        data["picture"]["summary_html"]
        == '<p class="utrecht-paragraph">Van <strong>zwaar</strong> naar licht.</p>'
    )
    assert data["picture"]["drawn_up_on"] == {"iso": "2025-03-12", "text": "12 maart 2025"}
    assert [c["label"] for c in data["breadcrumbs"]] == ["Home", "Inrichting sociaal domein", "Beeld"]


def test_links_to_inspanning_doel_and_indicator_with_its_latest_value(beeld):
    data = beeld_page("inrichting-sociaal-domein")
    verbinders, huiskamer = data["chain"][0]["items"]
    assert verbinders["effort"] == {
        "title": "Buurtverbinders in elke wijk",
        "status": "in_progress",
        "status_label": "In uitvoering, aandacht nodig",
        "status_symbol": "◐",
        "progress": 40,
        "goal_title": "Doel 1: Er is een sterke sociale basis",
        "url": "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/#inspanningen",
    }
    assert huiskamer["effort"] is None  # an inspanning of another agenda is not linked
    assert (
        data["chain"][2]["items"][0]["goal"]["url"]
        == "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
    )
    assert data["around"][2]["items"][0]["goal"] is None  # a doel of another agenda neither
    participation = data["monitoring"]["items"][0]["indicator"]
    assert (participation["url"], participation["json_url"]) == (
        "/indicator/participatie/",
        "/indicator/participatie.json",
    )
    latest = participation["latest"]
    # The conftest's Teststad series ends with 2024, voorlopig 8,2 (not Nederland's 7,4).
    assert (latest["value"], latest["text"], latest["period"], latest["status"]) == (
        8.2,
        "8,2",
        "2024JJ00",
        "voorlopig",
    )
    assert latest["area"] == "GM9001" and not latest["secret"]


def test_a_secret_latest_value_stays_secret_and_an_unpublished_indicator_is_not_linked(beeld, client):
    data = beeld_page("inrichting-sociaal-domein")
    youth, concept = data["monitoring"]["items"][1:]
    latest = youth["indicator"]["latest"]
    # 5 persons in 2024 is the latest value: shown as secret, not as the 40 of 2023 and not as 5 or 0.
    assert (latest["value"], latest["text"], latest["secret"], latest["period"]) == (
        None,
        "geheim",
        True,
        "2024JJ00",
    )
    assert "0 tot en met 7" in latest["disclosure_note"]
    assert concept["indicator"] is None and concept["title"] == "Nog niet gepubliceerd"
    raw = client.get(BEELD_JSON).content.decode("utf-8")
    assert '"value": 5' not in raw and "123" not in raw and "/indicator/concept/" not in raw
    page = text_of(client.get(BEELD))
    assert "Teststad, 2024: " in page and "geheim" in page and "/indicator/concept/" not in page


def test_html_reads_in_the_order_of_the_chain_and_has_no_inline_style(beeld, client):
    response = client.get(BEELD)
    assert response.status_code == 200
    raw = response.content.decode("utf-8")
    assert "style=" not in raw and "<script" not in raw
    assert 'href="/static/monitor/beelden.css"' in raw
    body = html.unescape(raw)
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    order = ["1. Interventies", "Buurtverbinders", "Huiskamer", "2. Mechanismen", "3. Verwachte effecten",
             "Sterkere sociale basis", "Minder maatwerk", "Wat we al weten", "Externe factoren", "Stuurknoppen",
             "Rol van het wijkteam", "Nog niet ingevuld", "Andere partijen en financiering",
             "Hoe dit beeld tot stand kwam", "12 maart 2025", "Nieuw inzicht"]  # fmt: skip
    start = 0
    for part in order:  # each after the one before (ValueError if out of order or missing)
        start = text.index(part, start) + len(part)
    assert "Wat we nog willen weten" not in body  # an empty group of wishes is left out
    assert '<a class="utrecht-link" href="/indicator/participatie/">Participatie</a>' in body
    assert "<strong>zwaar</strong>" in body


def test_overview_lists_every_opgave_with_or_without_a_beeld(beeld, client):
    data = beelden_page()
    assert [(t["slug"], t["picture"] is not None) for t in data["themes"]] == [
        ("inrichting-sociaal-domein", True), ("kansrijk", False),
    ]  # fmt: skip
    picture = data["themes"][0]["picture"]
    assert picture["url"] == BEELD and picture["json_url"] == BEELD_JSON
    assert picture["item_count"] == 11 and picture["counts"][0] == {
        "kind": "intervention",
        "label": "Interventies",
        "count": 2,
    }
    assert data["picture_count"] == 1
    body = text_of(client.get(OVERVIEW))
    assert "Er is 1 beeld uitgewerkt." in body
    assert "Voor deze opgave is nog geen beeld uitgewerkt." in body
    assert f'href="{BEELD}"' in body


def test_an_empty_beeld_says_so_everywhere(world, client):
    Picture.objects.create(theme=Theme.objects.get(slug="kansrijk"))
    data = beeld_page("kansrijk")
    groups = [
        *data["chain"],
        data["monitoring"],
        data["information_needs"],
        data["external_factors"],
        *data["around"],
    ]
    assert all(g["items"] == [] for g in groups) and data["counts"] == []
    body = text_of(client.get("/opgave/kansrijk/beeld/"))
    # 3 in the chain, wat we al weten, externe factoren, 3 around the chain
    assert body.count("Nog niet ingevuld.") == 8
    assert "Hierover is nog niets vastgelegd." in body
    overview = beelden_page()["themes"][1]["picture"]
    assert (overview["item_count"], overview["counts"]) == (0, [])
    assert "Er zijn nog geen onderdelen ingevuld." in text_of(client.get(OVERVIEW))


def test_json_twins_are_the_page_data(beeld, client):
    for url, function in [
        (BEELD_JSON, lambda: beeld_page("inrichting-sociaal-domein")),
        ("/beelden.json", beelden_page),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/json"
        twin = response.json()
        assert twin.pop("publication")["number"] >= 1  # which publication the twin shows
        assert twin == json.loads(json.dumps(function()))
    assert client.get(BEELD).context["data"]["json_url"] == BEELD_JSON


def test_opgave_page_links_to_its_beeld_only_when_there_is_one(beeld, client):
    assert f'href="{BEELD}"' in text_of(client.get("/opgave/inrichting-sociaal-domein/"))
    assert client.get("/opgave/inrichting-sociaal-domein.json").json()["picture"]["url"] == BEELD
    assert "/beeld/" not in text_of(client.get("/opgave/kansrijk/"))
    assert client.get("/opgave/kansrijk.json").json()["picture"] is None


def test_section_is_in_the_header_and_on_home(beeld, client):
    body = text_of(client.get("/"))
    assert body.count(f'href="{OVERVIEW}"') == 2  # header navigation and the card on home
    assert "Beelden per thema" in body


@pytest.mark.parametrize(
    "url",
    ["/opgave/bestaat-niet/beeld/", "/opgave/bestaat-niet/beeld.json", "/opgave/kansrijk/beeld/",
     "/opgave/kansrijk/beeld.json", "/opgave/elders/beeld/"],
)  # fmt: skip
def test_unknown_opgave_or_missing_beeld_is_404_in_dutch(beeld, client, url):
    response = client.get(url)
    assert response.status_code == 404
    if not url.endswith(".json"):
        assert "Pagina niet gevonden" in response.content.decode()


def test_404_messages_say_what_is_missing(beeld):
    with pytest.raises(Http404, match=r"^Deze opgave bestaat niet\.$"):
        beeld_page("bestaat-niet")
    with pytest.raises(Http404, match=r"^Voor deze opgave is nog geen beeld uitgewerkt\.$"):
        beeld_page("kansrijk")


def test_without_agenda_the_overview_is_404(db, client):
    assert client.get(OVERVIEW).status_code == 404
    assert client.get("/beelden.json").status_code == 404


def test_beeld_query_count_is_small(beeld, client, django_assert_max_num_queries):
    client.get(BEELD)  # warm the site cache
    # agenda, opgave, beeld, parts (with inspanning, doel, opgave, indicator), values, sections' none
    with django_assert_max_num_queries(7):  # and the publication being read
        client.get(BEELD)
    with django_assert_max_num_queries(5):  # and the publication being read
        client.get(OVERVIEW)
