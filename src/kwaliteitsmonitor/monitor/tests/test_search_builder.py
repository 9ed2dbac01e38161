# SPDX-License-Identifier: EUPL-1.2
"""Search (zoeken) and the builder (zelf samenstellen), on the small test world of ``conftest.py``.

The world: Teststad (GM9001) with wijken Centrum, Noord and Zuid (WK900101-03, with boundaries),
gemeenten Vergelijk 2 and 3 and Grootstad, Nederland; "participatie" (score, 1 decimal, CBS: rule
none) per year 2016-2024, "wmo-clienten" (count, own registration: rule cbs-persons) with the wijken
3, 512 and 488 in 2024.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from kwaliteitsmonitor.agenda.models import Effort, Goal, Organisation
from kwaliteitsmonitor.areas.models import Area, AreaVintage
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages import bouwer, bouwer_choice, zoeken
from kwaliteitsmonitor.monitor.tests.conftest import square

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    zoeken.forget()
    yield
    zoeken.forget()


@pytest.fixture
def search_world(world):
    """Hand-made search data: two loneliness indicators, a doel, an inspanning with a partner."""
    Indicator.objects.create(
        code="eenzaam-75",
        name="Eenzaamheid 75+",
        category="Gezondheid",
        definition="Aandeel ouderen dat zich eenzaam voelt.",
    )
    Indicator.objects.create(
        code="eenzaam-jong",
        name="Eenzaamheid onder jongeren",
        category="Gezondheid",
        definition="Aandeel jongeren van 12 tot 18 jaar dat zich sterk eenzaam voelt.",
    )
    Indicator.objects.create(
        code="mantelzorg",
        name="Mantelzorgers",
        category="Zorg",
        definition="Inwoners die mantelzorg geven; overbelasting leidt vaak tot eenzaamheid.",
    )
    Indicator.objects.create(code="verborgen", name="Eenzaamheid (concept)", is_published=False)
    goal = Goal.objects.create(
        theme=world["theme"],
        slug="minder-eenzaam",
        number="2",
        title="Minder inwoners voelen zich eenzaam",
        description="Ook **ouderen** boven de 75 jaar.",
    )
    Effort.objects.create(
        goal=goal,
        title="Huisbezoeken",
        description="Vrijwilligers bezoeken ouderen thuis.",
        partner=Organisation.for_name("Stichting Ouderenwerk Zuidrand"),
    )
    return world


def _titles(data, kind):
    for group in data["groups"]:
        if group["kind"] == kind:
            return [r["title"] for r in group["results"]]
    return []


# --- search: matching --------------------------------------------------------------------------------


def test_fold_ignores_case_accents_and_punctuation():
    assert zoeken.folded("Cliënten Één-ouder") == "clienten een ouder"
    assert zoeken.query_words("  EENZAAM  75+ eenzaam ") == ["eenzaam", "75"]
    # Every folded character points back to the character it came from (for marking matches).
    text, where = zoeken.fold("Cliënt")
    assert text == "client" and where == [0, 1, 2, 3, 4, 5]
    # The fast fold of the index and the fold with positions agree.
    for sample in ("Één-oudergezin", "Straße 75+", "ﬁets café", "Ĳsselstein (WK0344)", ""):
        assert zoeken.folded(sample) == zoeken.fold(sample)[0]


def test_marked_parts_keep_the_original_spelling():
    parts = zoeken.marked("Zorg voor Cliënten", ["clienten"])
    assert parts == [{"text": "Zorg voor ", "match": False}, {"text": "Cliënten", "match": True}]
    # Dutch spelling: the long vowel of "eenzaam" is written single in "eenzame".
    parts = zoeken.marked("het aandeel eenzame inwoners", ["eenzaam"])
    assert [p["text"] for p in parts if p["match"]] == ["eenzam"]


def test_all_words_must_match(search_world):
    data = zoeken.search_page(q="eenzaam 75")
    assert _titles(data, "indicator") == ["Eenzaamheid 75+"]
    # The doel has "eenzaam" in its title and "75" in its description: it matches too.
    assert _titles(data, "doel") == ["Minder inwoners voelen zich eenzaam"]
    assert _titles(data, "inspanning") == []
    assert zoeken.search_page(q="eenzaam 76")["total"] == 0


def test_case_and_accents_do_not_matter(search_world):
    for query in ("clienten", "CLIËNTEN", "Cliënten"):
        assert _titles(zoeken.search_page(q=query), "indicator") == [
            "Cliënten met een Wmo-maatwerkvoorziening"
        ]
    assert _titles(zoeken.search_page(q="EENZAAMHEID 75"), "indicator") == ["Eenzaamheid 75+"]


def test_ranking_title_before_description_and_unpublished_left_out(search_world):
    data = zoeken.search_page(q="eenzaamheid")
    # Both title matches (a whole-word hit in the title) come before the match in a definition;
    # ties are ordered by title. The unpublished indicator is never found.
    assert _titles(data, "indicator") == ["Eenzaamheid 75+", "Eenzaamheid onder jongeren", "Mantelzorgers"]
    scores = [r["score"] for r in data["groups"][0]["results"]]
    assert scores[0] == scores[1] > scores[2]
    mantelzorg = data["groups"][0]["results"][2]
    assert [p["text"] for p in mantelzorg["snippet"] if p["match"]] == ["eenzaamheid"]


def test_exact_title_ranks_first(search_world):
    Indicator.objects.create(code="eenzaam", name="Eenzaamheid", category="Gezondheid")
    zoeken.forget()
    assert _titles(zoeken.search_page(q="eenzaamheid"), "indicator")[0] == "Eenzaamheid"


def test_results_grouped_by_kind_with_links(search_world):
    data = zoeken.search_page(q="eenzaam")
    kinds = [g["kind"] for g in data["groups"]]
    # Fixed order of kinds, kinds without a hit left out; the inspanning matches through its doel.
    assert kinds == ["indicator", "doel", "inspanning"]
    assert data["groups"][2]["results"][0]["context"] == "Doel: Minder inwoners voelen zich eenzaam"
    doel = data["groups"][1]["results"][0]
    assert doel["url"] == "/opgave/inrichting-sociaal-domein/minder-eenzaam/"
    assert doel["context"] == "Opgave: Inrichting sociaal domein"
    ind = data["groups"][0]["results"][0]
    assert ind["url"] == "/indicator/eenzaam-75/"
    assert data["total"] == 5 and data["message"] == "5 resultaten voor ‘eenzaam’."
    assert data["groups"][2]["results"][0]["score"] < data["groups"][1]["results"][0]["score"]


def test_resultaten_inspanningen_partner_and_wijken(search_world):
    data = zoeken.search_page(q="sociale kracht")
    assert _titles(data, "resultaat") == ["In 2027 is de sociale kracht gestegen"]
    [result] = next(g["results"] for g in data["groups"] if g["kind"] == "resultaat")
    assert result["url"] == "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/#resultaten"
    assert result["context"] == "Doel: Er is een sterke sociale basis"
    # The executing partner of an inspanning is searched and shown in the snippet.
    data = zoeken.search_page(q="ouderenwerk")
    assert [g["kind"] for g in data["groups"]] == ["inspanning"]
    snippet = "".join(p["text"] for p in data["groups"][0]["results"][0]["snippet"])
    assert snippet.startswith("Uitvoering: Stichting Ouderenwerk Zuidrand")
    # Wijken by name and by code, with their gemeente.
    noord = zoeken.search_page(q="noord")["groups"][0]
    assert noord["kind"] == "wijk" and noord["results"][0]["context"] == "Gemeente Teststad"
    assert _titles(zoeken.search_page(q="wk900103"), "wijk") == ["Zuid"]
    assert _titles(zoeken.search_page(q="WK9001"), "wijk") == ["Centrum", "Noord", "Zuid"]


def test_wijk_links_to_profile_or_builder(search_world):
    [hit] = zoeken.search_page(q="centrum")["groups"][0]["results"]
    assert hit["url"] in {"/wijk/WK900101/", "/bouwer/?area=WK900101"}


def test_per_kind_cap_counts_the_rest(search_world, monkeypatch):
    monkeypatch.setattr(zoeken, "PER_KIND", 2)
    group = zoeken.search_page(q="wk9001")["groups"][0]
    assert group["count"] == 3 and group["more"] == 1 and len(group["results"]) == 2


def test_empty_short_and_unknown_queries(search_world):
    assert zoeken.search_page(q="")["message"].startswith("Typ een zoekterm")
    short = zoeken.search_page(q=" é ")
    assert short["groups"] == [] and short["message"] == "Typ ten minste 2 letters of cijfers om te zoeken."
    assert zoeken.search_page(q="+++")["message"].startswith("Typ ten minste 2")
    none = zoeken.search_page(q="xylofoon")
    assert none["total"] == 0 and none["message"].startswith("Niets gevonden voor ‘xylofoon’")


def test_index_follows_the_data_after_forget(search_world):
    assert zoeken.search_page(q="wachtlijst")["total"] == 0
    Indicator.objects.create(code="wachtlijst", name="Wachtlijst schuldhulp")
    zoeken.forget()
    assert _titles(zoeken.search_page(q="wachtlijst"), "indicator") == ["Wachtlijst schuldhulp"]


def test_search_page_html_and_json_twin(client, search_world):
    response = client.get("/zoeken/", {"q": "Eenzaam 75"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and '<label class="km-form__label" for="zoek-q">' in html
    assert "<mark>Eenzaam</mark>heid <mark>75</mark>+" in html
    assert 'href="/indicator/eenzaam-75/"' in html
    twin = client.get("/zoeken.json", {"q": "Eenzaam 75"}).json()
    assert twin["query"] == "Eenzaam 75" and _titles(twin, "indicator") == ["Eenzaamheid 75+"]
    # Markup in a query is text, never HTML.
    html = client.get("/zoeken/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_header_search_form_on_every_page(client, world):
    html = client.get("/").content.decode()
    assert 'action="/zoeken/" role="search" aria-label="Zoeken in de monitor"' in html
    assert '<label class="km-header-search__label" for="km-header-q">Zoeken</label>' in html


# --- builder: parsing and checking the choice ---------------------------------------------------------


def test_parse_choice_normalises_and_reports_in_dutch(world):
    choice = bouwer_choice.parse_choice(
        indicator=["participatie", "bestaat-niet", "participatie"],
        area="GM9001,NL00,XX1",
        level=["WK", "BU"],
        start="2024",
        end="2019",
        period=["2020", "2020JJ00", "twintig"],
        view="taart",
    )
    assert [i.code for i in choice.indicators] == ["participatie"]
    assert [a.code for a in choice.areas] == ["GM9001", "NL00"]
    assert choice.levels == ["WK"]
    assert (choice.start, choice.end) == ("2019JJ00", "2024JJ00")  # swapped into order
    assert choice.periods == ["2020JJ00"]
    assert choice.view == "tabel" and not choice.blocking
    assert choice.problems == [
        "Onbekende indicator ‘bestaat-niet’: die is overgeslagen.",
        "Onbekend gebied ‘XX1’: dat is overgeslagen.",
        "Onbekend gebiedsniveau ‘BU’: dat is overgeslagen.",
        "Onbekende periode ‘twintig’: die is overgeslagen.",
        "Onbekende weergave ‘taart’: de tabel wordt getoond.",
    ]


def test_many_unknown_codes_are_counted_not_listed(world):
    codes = ",".join(f"XX{i}" for i in range(8))
    choice = bouwer_choice.parse_choice(indicator="participatie", area=f"GM9001,{codes},XX0")
    assert [a.code for a in choice.areas] == ["GM9001"]
    assert choice.problems == [
        *(f"Onbekend gebied ‘XX{i}’: dat is overgeslagen." for i in range(5)),
        "Nog 3 onbekende codes zijn overgeslagen.",
    ]


def test_too_many_indicators_blocks_with_a_message(client, world):
    codes = [f"code-{i}" for i in range(bouwer_choice.MAX_INDICATORS + 1)]
    data = bouwer.builder_page(indicator=codes, area=["GM9001"])
    assert data["problems"][0] == "Kies ten hoogste 6 indicatoren tegelijk; u koos er 7."
    assert data["sections"] == [] and data["share_url"] == ""


def test_unknown_codes_are_a_message_not_an_error(client, world):
    response = client.get("/bouwer/?indicator=<b>x</b>&area=GM9001&view=lijn&start=abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Onbekende indicator ‘&lt;b&gt;x&lt;/b&gt;’" in html
    assert "Onbekende periode ‘abc’: gebruik bijvoorbeeld 2024." in html
    assert "Kies ten minste één indicator en één gebied" in html


def test_cell_limit(world, monkeypatch):
    monkeypatch.setattr(bouwer, "MAX_CELLS", 5)
    data = bouwer.builder_page(indicator="participatie", area="GM9001,NL00", period="2020,2022,2024")
    assert data["problems"] == [
        "Deze keuze geeft 6 cijfers; hier kunnen er ten hoogste 5 tegelijk. "
        "Kies minder indicatoren, gebieden of perioden."
    ]
    assert data["sections"] == []
    ok = bouwer.builder_page(indicator="participatie", area="GM9001", period="2020,2022,2024")
    assert ok["problems"] == [] and len(ok["sections"]) == 1


def test_area_limit_counts_the_wijken_of_a_level(world, monkeypatch):
    monkeypatch.setattr(bouwer, "MAX_AREAS", 3)
    data = bouwer.builder_page(indicator="participatie", area="GM9001", level="WK")
    assert data["problems"] == ["Kies ten hoogste 3 gebieden tegelijk; deze keuze heeft er 4."]
    assert data["sections"] == []


# --- builder: the result ---------------------------------------------------------------------------


def _rows(table):
    return [(r["header"], [c["text"] for c in r["cells"]]) for r in table["rows"]]


def test_table_with_hand_worked_values(world):
    data = bouwer.builder_page(indicator="participatie", area="NL00,GM9001,GM9004", period="2024,2020")
    [section] = data["sections"]
    table = section["table"]
    assert table["caption"] == "Participatie per gebied en periode. Eenheid: Score (0–10)."
    assert table["columns"] == ["Gebied", "2020", "2024"]
    # 2020: 7,1 + 4 × 0,05 = 7,3; 2024 was overwritten with 8,2. Own gemeente first, then Nederland.
    assert _rows(table) == [
        ("Teststad", ["7,3", "8,2"]),
        ("Nederland", ["7,4", "7,4"]),
        ("Grootstad", ["9,9", "9,9"]),
    ]
    assert data["share_query"] == (
        "indicator=participatie&area=NL00&area=GM9001&area=GM9004&period=2020JJ00&period=2024JJ00&view=tabel"
    )
    assert data["summary"] == (
        "Participatie. 3 gebieden: Teststad, Nederland, Grootstad. Perioden: 2020–2024. Weergave: tabel."
    )


def test_default_periods_and_range(world):
    data = bouwer.builder_page(indicator="participatie", area="GM9001")
    assert data["sections"][0]["table"]["columns"] == ["Gebied", *map(str, range(2016, 2025))]
    assert "start=2016JJ00&end=2024JJ00" in data["share_query"]
    ranged = bouwer.builder_page(indicator="participatie", area="GM9001", start="2022", end="2023")
    assert _rows(ranged["sections"][0]["table"]) == [("Teststad", ["7,4", "7,5"])]  # 7,40 and 7,45
    bars = bouwer.builder_page(indicator="participatie", area="GM9001", view="staaf")
    assert bars["sections"][0]["table"]["columns"] == ["Gebied", "2024"]  # one period for a bar chart


def test_level_wijken_and_empty_optional_rows(world):
    data = bouwer.builder_page(indicator="participatie", area="GM9001", level="WK", period="2024")
    assert _rows(data["sections"][0]["table"]) == [
        ("Teststad", ["8,2"]),
        ("Centrum", ["7,9"]),
        ("Noord", ["8,4"]),
        ("Zuid", ["6,6"]),
    ]
    # A wijk chosen by name stays in the table without a figure; one that came with a level does not.
    data = bouwer.builder_page(indicator="participatie", area="WK900101", level="WK", period="2023")
    assert _rows(data["sections"][0]["table"]) == [("Centrum", ["–"])]


def _exact_total() -> None:
    """The gemeente total the exact sum of its wijken, as the first publication. (After a publication
    that showed Zuid, hiding Zuid would protect nothing: the monitor then hides the new total instead.)"""
    from kwaliteitsmonitor.indicators.load import load_observations, start_run
    from kwaliteitsmonitor.indicators.records import ObservationRecord
    from kwaliteitsmonitor.publications import store
    from kwaliteitsmonitor.publications.testing import publish

    load_observations([ObservationRecord("wmo-clienten", "GM9001", "2024JJ00", 1003)], start_run("t", "som"))
    store.clear_all()
    publish()


def test_secret_values_stay_secret_whatever_the_choice(world, client):
    # wmo-clienten 2024 per wijk (rule cbs-persons: counts rounded to fives): 3 is too few, so secret.
    # With the gemeente total the exact sum of its wijken (1.003), the smallest other part (488) is
    # secret too, else 3 = total − 512 − 488; 512 is shown as 510. Choosing only the wijken 102 and 103
    # must not reveal 488: every choice reads the same stored decisions.
    _exact_total()
    full = bouwer.builder_page(indicator="wmo-clienten", level="WK", period="2024")
    assert _rows(full["sections"][0]["table"]) == [
        ("Centrum", ["geheim"]),
        ("Noord", ["510"]),
        ("Zuid", ["geheim"]),
    ]
    part = bouwer.builder_page(indicator="wmo-clienten", area="WK900102,WK900103", period="2024")
    assert _rows(part["sections"][0]["table"]) == [("Noord", ["510"]), ("Zuid", ["geheim"])]
    cell = part["sections"][0]["table"]["rows"][1]["cells"][0]
    assert cell["secret"] is True
    for view in ("tabel", "staaf", "kaart"):
        body = client.get(f"/bouwer.json?indicator=wmo-clienten&area=WK900103&period=2024&view={view}")
        text = body.content.decode()
        assert '"geheim"' in text and "488" not in text
    html = client.get("/bouwer/?indicator=wmo-clienten&level=WK&period=2024&view=staaf").content.decode()
    assert "488" not in html and "Geheim: Centrum, Zuid." in html


def test_line_chart_figure_and_limit(world):
    data = bouwer.builder_page(indicator="participatie", area="GM9001,NL00,GM9002", view="lijn")
    figure = data["sections"][0]["figure"]
    assert figure["type"] == "trend" and figure["chart"]["svg_url"].startswith("/grafiek/")
    assert figure["alt"].startswith("Lijngrafiek: Participatie in Teststad stijgt van 7,1 in 2016 tot 8,2")
    assert "Nederland 7,4; Vergelijk 2 7,0" in figure["alt"]
    five = bouwer.builder_page(indicator="participatie", area="GM9001,GM9002,GM9003,GM9004,NL00", view="lijn")
    assert five["sections"][0]["figure"] is None
    assert five["notes"][0].startswith("Een lijngrafiek toont ten hoogste 4 gebieden")
    assert len(five["sections"][0]["table"]["rows"]) == 5


def test_bar_chart_uses_the_last_period(world):
    data = bouwer.builder_page(
        indicator="participatie", area="GM9001", level="WK", start="2023", end="2024", view="staaf"
    )
    figure = data["sections"][0]["figure"]
    assert figure["type"] == "bars"
    assert figure["alt"] == (
        "Staafdiagram: Participatie in Teststad per gebied, 2024. "
        "Hoogste waarde: Noord (8,4); laagste: Zuid (6,6)."
    )
    assert [r["header"] for r in figure["table"]["rows"]] == ["Teststad", "Centrum", "Noord", "Zuid"]
    assert data["sections"][0]["table"]["columns"] == ["Gebied", "2023", "2024"]
    assert data["notes"] == ["Een staafdiagram toont één periode: de laatste gekozen (2024)."]


def test_map_of_wijken_and_of_gemeenten(world):
    data = bouwer.builder_page(indicator="participatie", level="WK", view="kaart")
    figure = data["sections"][0]["figure"]
    assert figure["type"] == "map" and figure["chart"] is not None
    assert figure["alt"].startswith("Kaart: Participatie per wijk in Teststad, 2024")
    # Gemeenten without boundaries: no map, a reason, the table.
    data = bouwer.builder_page(indicator="participatie", area="GM9002,GM9003", view="kaart")
    assert data["sections"][0]["figure"] is None
    assert data["sections"][0]["note"].startswith("Voor deze gebieden zijn geen grenzen bekend")
    for i, code in enumerate(["GM9002", "GM9003"]):
        AreaVintage.objects.create(
            area=Area.objects.get(code=code), year=2024, name=code, geometry=square(5 + i * 0.02, 52)
        )
    data = bouwer.builder_page(indicator="participatie", area="GM9002,GM9003", view="kaart")
    figure = data["sections"][0]["figure"]
    assert figure["alt"] == (
        "Kaart: Participatie per gemeente in de gekozen gebieden, 2024; hoe donkerder, hoe hoger. "
        "Hoogste waarde: Vergelijk 3 (7,2); laagste: Vergelijk 2 (7,0)."
    )
    assert figure["table"]["columns"][0] == "Gemeente"


def test_map_needs_one_indicator_and_one_level(world):
    two = bouwer.builder_page(indicator="participatie,wmo-clienten", level="WK", view="kaart")
    assert all(s["figure"] is None for s in two["sections"])
    assert "Een kaart toont één indicator: kies er één. Hieronder staan de tabellen." in two["notes"]
    mixed = bouwer.builder_page(indicator="participatie", area="GM9001", level="WK", view="kaart")
    assert mixed["sections"][0]["figure"] is None
    assert mixed["sections"][0]["note"].startswith("Een kaart toont alleen wijken of alleen gemeenten")


def test_share_url_reopens_the_same_view_and_json_twin(client, world):
    response = client.get(
        "/bouwer/?indicator=participatie&area=GM9001&area=NL00&start=2018&end=2022&view=lijn"
    )
    html = response.content.decode()
    first = response.context["data"]
    share = first["share_url"]
    assert share == (
        "/bouwer/?indicator=participatie&area=GM9001&area=NL00&start=2018JJ00&end=2022JJ00&view=lijn"
    )
    assert f'value="http://testserver{share.replace("&", "&amp;")}"' in html
    again = client.get(share).context["data"]
    assert again["share_url"] == share
    # The same figures and chart; only the download links differ (they carry each request's query).
    for one, two in zip(first["sections"], again["sections"], strict=True):
        assert (
            one["figure"]["chart"] == two["figure"]["chart"] and one["figure"]["alt"] == two["figure"]["alt"]
        )
        assert _rows(one["table"]) == _rows(two["table"])
    twin = client.get(share.replace("/bouwer/", "/bouwer.json")).json()
    assert _rows(twin["sections"][0]["table"]) == _rows(first["sections"][0]["table"])
    assert twin["sections"][0]["figure"]["alt"] == first["sections"][0]["figure"]["alt"]
    assert json.loads(json.dumps(twin)) == twin
    # The form keeps the choice (works without JavaScript: a GET form).
    assert '<form class="km-form km-builder" method="get" action="/bouwer/">' in html
    assert '<option value="participatie" selected>' in html
    assert 'id="b-view-lijn" name="view" value="lijn" checked' in html


def test_builder_is_a_section(client, world):
    html = client.get("/").content.decode()
    assert 'href="/bouwer/"' in html and "Zelf samenstellen" in html


def test_builder_table_download_has_the_page_numbers(client, world):
    _exact_total()
    query = "indicator=wmo-clienten&area=WK900102&area=WK900103&period=2024&view=tabel"
    page = client.get(f"/bouwer/?{query}").context["data"]
    table = page["sections"][0]["table"]
    assert table["download"]["csv"].startswith("/bouwer/tabel-1.csv?")
    response = client.get(table["download"]["csv"])
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Gebied", "2024"]
    assert rows[1:3] == [["Noord", "510"], ["Zuid", "geheim"]]
    assert "488" not in response.content.decode("utf-8-sig")
