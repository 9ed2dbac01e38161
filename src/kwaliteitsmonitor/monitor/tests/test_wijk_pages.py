# SPDX-License-Identifier: EUPL-1.2
"""The wijk profile and the wijkdashboard: values next to the gemeente's, differences in words, ranks,
secrets, groups by opgave, the locator map, similar wijken elsewhere, 404s and the JSON twins.

Teststad (GM9001) has three wijken side by side (Centrum, Noord, Zuid); Elders (GM9002) has three wijken
of which "Oud Centrum" has exactly the characteristics of Centrum. Expected values are worked out by hand
in each test from the numbers in ``wijk_world``."""

from __future__ import annotations

import pytest
from django.http import Http404

from kwaliteitsmonitor.agenda.models import Agenda, Goal, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import Area, AreaVintage, Level
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.monitor.pages.wijk import wijk_page
from kwaliteitsmonitor.monitor.pages.wijken import wijken_page
from kwaliteitsmonitor.monitor.tests.conftest import square
from kwaliteitsmonitor.publications.testing import publish

from .tables import assert_download_matches, read_xlsx, table_with_caption

# inwoners, 75+, 0-17, Wmo per 1.000 in 2024 (the characteristics of the similar-wijken finder)
CHARACTERISTICS = {
    "WK900101": (5000, 500, 1000, 50.0),
    "WK900102": (8000, 400, 2400, 30.0),
    "WK900103": (3000, 600, 450, 80.0),
    "WK900201": (5000, 500, 1000, 50.0),  # Oud Centrum: the same as Centrum
    "WK900202": (20000, 600, 6000, 20.0),
    "WK900203": (1500, 450, 150, 110.0),
}


@pytest.fixture
def wijk_world(db):
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    gm = Area.objects.create(code="GM9001", name="Teststad", level=Level.GM, parent=nl)
    elders = Area.objects.create(code="GM9002", name="Elders", level=Level.GM, parent=nl)
    for i, name in enumerate(["Centrum", "Noord", "Zuid"], start=1):
        wijk = Area.objects.create(code=f"WK9001{i:02d}", name=name, level=Level.WK, parent=gm)
        AreaVintage.objects.create(area=wijk, year=2024, name=name, geometry=square(5.0 + i * 0.01, 52.0))
    centrum = Area.objects.get(code="WK900101")
    for i, name in enumerate(["Kern", "Haven"], start=1):
        Area.objects.create(code=f"BU900101{i:02d}", name=name, level=Level.BU, parent=centrum)
    for i, name in enumerate(["Oud Centrum", "Groeiwijk", "Hofjes"], start=1):
        Area.objects.create(code=f"WK9002{i:02d}", name=name, level=Level.WK, parent=elders)

    survey = {"provider": "survey", "count_method": "survey", "source": "Fictieve monitor"}
    population = {"provider": "cbs", "unit": "count", "count_method": "on_reference_date", "source": "CBS"}
    for indicator in [
        Indicator(code="score", name="Sociale score", unit="score_0_10", decimals=1,
                  polarity="higher_is_better", **survey),
        Indicator(code="overlast", name="Overlastmeldingen", unit="per_1000", decimals=1,
                  polarity="lower_is_better", provider="cbs", source="Politie"),
        Indicator(code="clients", name="Cliënten jeugdhulp", unit="count", provider="own",
                  source="Eigen registratie", disclosure="cbs-persons"),
        Indicator(code="armoede", name="Huishoudens met een laag inkomen", unit="pct", decimals=1,
                  provider="cbs", source="CBS"),
        Indicator(code="bev_inwoners", name="Inwoners", **population),
        Indicator(code="bev_75plus", name="Inwoners 75+", **population),
        Indicator(code="bev_0_17", name="Inwoners 0-17", **population),
        Indicator(code="wmo_clienten_per_1000", name="Wmo-cliënten per 1.000", unit="per_1000", decimals=1,
                  provider="cbs", source="CBS"),
    ]:  # fmt: skip
        indicator.save()

    records = []
    # score 2024: Teststad 7,5 (7,4–7,6); Centrum 7,9 (7,7–8,1) n=400; Noord 7,4 (7,0–7,8) n=100;
    # Zuid 7,5 but n=20, below min-n 30: secret. 2023 only for Teststad and Centrum.
    for area, value, low, high, n in [
        ("GM9001", 7.5, 7.4, 7.6, 900), ("WK900101", 7.9, 7.7, 8.1, 400), ("WK900102", 7.4, 7.0, 7.8, 100),
        ("WK900103", 7.5, 7.1, 7.9, 20),
    ]:  # fmt: skip
        records.append(R("score", area, "2024JJ00", value, ci_low=low, ci_high=high, n=n))
    records += [
        R("score", "GM9001", "2023JJ00", 7.3, ci_low=7.2, ci_high=7.4, n=900),
        R("score", "WK900101", "2023JJ00", 7.6, ci_low=7.4, ci_high=7.8, n=400),
    ]
    # overlast per 1.000 (lower is better): 2024 Teststad 30,0, Centrum 42,0, Noord 25,0, Zuid 25,0.
    for area, v2023, v2024 in [("GM9001", 32.0, 30.0), ("WK900101", 45.0, 42.0), ("WK900102", 27.0, 25.0),
                               ("WK900103", 26.0, 25.0)]:  # fmt: skip
        records += [R("overlast", area, "2023JJ00", v2023), R("overlast", area, "2024JJ00", v2024)]
    # clients (cbs-persons): Centrum 3 is secret, so the smallest other wijk (Noord, 52 → 50) is made
    # secret too; Zuid 65 and Teststad 120 stay.
    for area, value in [("GM9001", 120), ("WK900101", 3), ("WK900102", 52), ("WK900103", 65)]:
        records.append(R("clients", area, "2024JJ00", float(value)))
    # armoede (neutral, pct): Centrum 12,0 against 10,0; Noord 10,04 (equal at one decimal).
    records += [R("armoede", "GM9001", "2024JJ00", 10.0), R("armoede", "WK900101", "2024JJ00", 12.0),
                R("armoede", "WK900102", "2024JJ00", 10.04)]  # fmt: skip
    for area, (people, old, young, wmo) in CHARACTERISTICS.items():
        records += [
            R("bev_inwoners", area, "2024JJ00", float(people)),
            R("bev_75plus", area, "2024JJ00", float(old)),
            R("bev_0_17", area, "2024JJ00", float(young)),
            R("wmo_clienten_per_1000", area, "2024JJ00", wmo),
        ]
    records += [
        R("bev_inwoners", "BU90010101", "2024JJ00", 3200.0),
        R("bev_inwoners", "BU90010102", "2024JJ00", 1800.0),
    ]
    run = start_run("test", "wijk fixture")
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)

    agenda = Agenda.objects.create(
        title="Agenda", organisation="Gemeente Teststad", area=gm, start_year=2023, end_year=2027
    )
    zorg = Theme.objects.create(agenda=agenda, slug="zorg", title="Zorg", order=1)
    veilig = Theme.objects.create(agenda=agenda, slug="veilig", title="Veilig", order=2)
    for theme, codes in [(zorg, ["score", "clients"]), (veilig, ["overlast", "score"])]:
        goal = Goal.objects.create(
            theme=theme, slug=f"doel-{theme.slug}", number="1", title=f"Doel {theme.title}"
        )
        result = Result.objects.create(goal=goal, title=f"Resultaat {theme.title}")
        for order, code in enumerate(codes):
            ResultIndicator.objects.create(
                result=result, indicator=Indicator.objects.get(code=code), order=order
            )
    publish()
    return agenda


def _items(data):
    return {i["indicator"]["code"]: i for g in data["groups"] for i in g["indicators"]}


def test_profile_groups_by_opgave_in_agenda_order(wijk_world):
    data = wijk_page("WK900101")
    assert [(g["title"], [i["indicator"]["code"] for i in g["indicators"]]) for g in data["groups"]] == [
        ("Zorg", ["score", "clients"]),
        ("Veilig", ["overlast"]),
        (
            "Overige indicatoren",
            ["armoede", "bev_inwoners", "bev_0_17", "bev_75plus", "wmo_clienten_per_1000"],  # by name,
        ),
    ]
    assert data["groups"][0]["url"] == "/opgave/zorg/" and data["groups"][2]["url"] is None
    assert _items(data)["score"]["also"] == ["Veilig"]  # linked to both, shown under the first
    assert data["breadcrumbs"] == [
        {"label": "Home", "url": "/"}, {"label": "Wijken", "url": "/wijken/"}, {"label": "Centrum", "url": None},
    ]  # fmt: skip


def test_profile_compares_with_the_gemeente_in_words(wijk_world):
    items = _items(wijk_page("WK900101"))
    score = items["score"]
    assert (score["value"]["text"], score["gemeente"]["text"], score["value"]["period"]) == (
        "7,9",
        "7,5",
        "2024JJ00",
    )
    # 7,9 − 7,5 = +0,4; higher is better: gunstiger. z = 0,4 / √((0,4/3,92)² + (0,2/3,92)²) = 3,5 > 1,96.
    assert score["difference"]["text"] == "+0,4"
    assert score["difference"]["words"] == (
        "0,4 hoger dan Teststad (7,5), gunstiger; het verschil is statistisch significant."
    )
    assert score["rank_text"] == "1 van 2"  # Zuid is secret and gets no place
    # overlast: 42,0 − 30,0 = +12,0; lower is better: ongunstiger; ranks (lower better) 25, 25, 42 → 1, 1, 3.
    overlast = items["overlast"]
    assert overlast["difference"]["words"] == "12,0 hoger dan Teststad (30,0 per 1.000), ongunstiger."
    assert overlast["rank_text"] == "3 van 3"
    # armoede has no polarity: hoger, but neither gunstiger nor ongunstiger; a percentage differs in points.
    assert items["armoede"]["difference"]["words"] == "2,0 procentpunt hoger dan Teststad (10,0%)."
    assert items["armoede"]["difference"]["better"] is None
    # a count is compared as a share of the gemeente's total; Teststad has no inwonertal here
    assert items["bev_inwoners"]["difference"]["words"] == (
        "Niet te vergelijken: er is geen cijfer van Teststad voor deze periode."
    )


def test_profile_equal_and_not_significant(wijk_world):
    items = _items(wijk_page("WK900102"))
    # Noord 7,4 vs 7,5: z = −0,1 / √((0,8/3,92)² + (0,2/3,92)²) = −0,47: not significant.
    assert items["score"]["difference"]["words"] == (
        "0,1 lager dan Teststad (7,5), ongunstiger; het verschil is niet statistisch significant."
    )
    assert items["armoede"]["difference"]["direction"] == "gelijk"  # 10,04 − 10,0 rounds to 0,0
    assert items["armoede"]["difference"]["words"] == "Gelijk aan Teststad (10,0%)."
    assert items["overlast"]["rank_text"] == "1 van 3"


def test_secrets_stay_secret_on_the_profile(wijk_world, client):
    centrum = _items(wijk_page("WK900101"))["clients"]
    assert (
        centrum["value"]["secret"]
        and centrum["value"]["text"] == "geheim"
        and centrum["value"]["value"] is None
    )
    assert centrum["difference"]["words"] == "Niet te vergelijken: het cijfer van de wijk is geheim."
    # Noord's 50 would give Centrum's 3 away (120 − 65 − 50): secret on its own profile as well, although
    # the profile is about Noord alone.
    noord = _items(wijk_page("WK900102"))["clients"]
    assert noord["value"]["secret"] and noord["value"]["value"] is None and noord["rank"] is None
    assert noord["trend"]["table"]["rows"][0]["cells"][0]["text"] == "geheim"
    zuid = _items(wijk_page("WK900103"))
    assert zuid["score"]["value"]["text"] == "geheim"  # n = 20 < 30
    assert zuid["clients"]["difference"]["words"] == "54,2% van het totaal van Teststad (120)."  # 65 / 120
    body = client.get("/wijk/WK900102.json").content.decode()
    assert '"value": 52' not in body and '"value": 50.0' not in body and '"value": 3.0' not in body


def test_secrets_stay_secret_on_the_dashboard(wijk_world):
    data = wijken_page(indicator="clients")
    entries = {e["name"]: e for e in data["comparison"]["wijken"]}
    assert entries["Centrum"]["value"]["text"] == entries["Noord"]["value"]["text"] == "geheim"
    assert (entries["Zuid"]["value"]["text"], entries["Zuid"]["rank_text"]) == ("65", "1 van 1")
    assert data["comparison"]["table"]["columns"][2] == "Aandeel in Teststad"
    assert [r["header"] for r in data["comparison"]["table"]["rows"]] == ["Zuid", "Centrum", "Noord"]
    assert data["comparison"]["secret_count"] == 2
    bars = [(r["header"], r["cells"][0]["text"]) for r in data["comparison"]["bars"]["table"]["rows"]]
    assert bars == [("Zuid", "65"), ("Centrum", "geheim"), ("Noord", "geheim")]  # no gemeente bar for counts


def test_dashboard_ranks_and_differences(wijk_world):
    data = wijken_page(indicator="overlast")
    c = data["comparison"]
    assert (data["choice"], c["gemeente"]["text"]) == (
        {"indicator": "overlast", "period": "2024JJ00"}, "30,0 per 1.000",
    )  # fmt: skip
    rows = [(r["header"], r["url"], [x["text"] for x in r["cells"]]) for r in c["table"]["rows"]]
    assert rows == [
        ("Noord", "/wijk/WK900102/", ["25,0 per 1.000", "−5,0", "1 van 3"]),
        ("Zuid", "/wijk/WK900103/", ["25,0 per 1.000", "−5,0", "1 van 3"]),
        ("Centrum", "/wijk/WK900101/", ["42,0 per 1.000", "+12,0", "3 van 3"]),
    ]
    bars = [(r["header"], r["url"]) for r in c["bars"]["table"]["rows"]]
    assert bars == [
        ("Centrum", "/wijk/WK900101/"), ("Teststad (hele gemeente)", None), ("Noord", "/wijk/WK900102/"),
        ("Zuid", "/wijk/WK900103/"),
    ]  # fmt: skip
    assert [r["header"] for r in c["map"]["table"]["rows"]] == ["Centrum", "Noord", "Zuid"]
    earlier = wijken_page(indicator="overlast", period="2023JJ00")["comparison"]
    assert [r["cells"][1]["text"] for r in earlier["table"]["rows"]] == ["−6,0", "−5,0", "+13,0"]


def test_dashboard_defaults_matrix_and_notices(wijk_world):
    data = wijken_page()
    assert data["choice"] == {"indicator": "score", "period": "2024JJ00"}  # first kernindicator
    assert [i["code"] for i in data["indicators"] if i["kern"]] == ["overlast", "score"]  # by name
    matrix = data["matrix"]
    assert matrix["columns"] == ["Wijk", "Sociale score (2024)", "Overlastmeldingen (2024)"]
    assert [(r["header"], r["url"], [c["text"] for c in r["cells"]]) for r in matrix["rows"]] == [
        ("Centrum", "/wijk/WK900101/", ["7,9", "42,0 per 1.000"]),
        ("Noord", "/wijk/WK900102/", ["7,4", "25,0 per 1.000"]),
        ("Zuid", "/wijk/WK900103/", ["geheim", "25,0 per 1.000"]),
        ("Teststad (hele gemeente)", None, ["7,5", "30,0 per 1.000"]),
    ]
    assert matrix["rows"][2]["cells"][0]["secret"]
    odd = wijken_page(indicator="bestaat-niet", period="1999JJ00")
    assert odd["choice"] == {"indicator": "score", "period": "2024JJ00"}
    assert len(odd["notices"]) == 2 and "geen cijfers per wijk" in odd["notices"][0]


def test_locator_map_buurten_and_similar_wijken(wijk_world):
    data = wijk_page("WK900101")
    assert data["map"]["neighbours"] == ["Noord"]  # squares side by side: Centrum | Noord | Zuid
    assert "Centrum grenst aan Noord." in data["map"]["alt"] and data["map"]["chart"]["svg_url"]
    buurten = data["buurten"]
    assert (buurten["caption"], buurten["columns"]) == (
        "De 2 buurten in Centrum, met hun aantal inwoners.",
        ["Buurt", "Inwoners", "Jaar"],
    )
    assert [(r["header"], r["code"], [c["text"] for c in r["cells"]]) for r in buurten["rows"]] == [
        ("Haven", "BU90010102", ["1.800", "2024"]),
        ("Kern", "BU90010101", ["3.200", "2024"]),
    ]
    similar = data["similar"]
    matches = [(m["name"], m["gemeente"]) for m in similar["matches"]]
    assert matches[0] == ("Oud Centrum", "Elders") and similar["matches"][0]["distance_text"] == "0,00"
    assert {m["area"][:6] for m in similar["matches"]} == {"WK9002"}  # never the wijken of Teststad itself
    assert "over alle wijken" in similar["method"]


def test_profile_tables_download_with_the_numbers_of_the_page(wijk_world, client):
    centrum = Area.objects.get(code="WK900101")
    Area.objects.create(code="BU90010103", name="Strand", level=Level.BU, parent=centrum)  # no inwonertal
    body = client.get("/wijk/WK900101/").content.decode()
    rows, csv_url, xlsx_url = table_with_caption(body, "De 3 buurten in Centrum")
    assert rows == [["Buurt", "Inwoners", "Jaar"], ["Haven", "1.800", "2024"], ["Kern", "3.200", "2024"],
                    ["Strand", "–", ""]]  # fmt: skip
    got = assert_download_matches(client, rows, csv_url, xlsx_url)
    assert got[1:] == [["Haven", "1800", "2024"], ["Kern", "3200", "2024"], ["Strand", "", ""]]

    rows, csv_url, xlsx_url = table_with_caption(body, "Kenmerken en gewichten")
    # Centrum 2024: 5.000 inwoners, 500 of them 75+ (10,0%), 1.000 under 18 (20,0%), 50,0 Wmo per 1.000.
    assert rows == [
        ["Kenmerk", "Centrum", "Gewicht", "Jaar"],
        ["inwoners", "5.000", "1,0", "2024"],
        ["inwoners 75+ als % van inwoners", "10,0%", "1,0", "2024"],
        ["inwoners 0-17 als % van inwoners", "20,0%", "1,0", "2024"],
        ["Wmo-cliënten per 1.000", "50,0", "1,0", "2024"],
    ]
    assert_download_matches(client, rows, csv_url, xlsx_url)

    rows, csv_url, xlsx_url = table_with_caption(
        body, "De 3 wijken in andere gemeenten die het meest op Centrum"
    )
    assert rows[0] == ["Wijk (gemeente)", "Afstand", "inwoners", "inwoners 75+ als % van inwoners",
                       "inwoners 0-17 als % van inwoners", "Wmo-cliënten per 1.000"]  # fmt: skip
    assert rows[1] == ["Centrum (zelf)", "0", "5.000", "10,0%", "20,0%", "50,0"]
    # Oud Centrum has exactly Centrum's characteristics: distance 0,00, first.
    assert rows[2][0].startswith("1. Oud Centrum (Elders) ")
    assert rows[2][1:] == ["0,00", "5.000", "10,0%", "20,0%", "50,0"]
    assert '<a class="utrecht-link" href="/wijk/WK900201/">1. Oud Centrum (Elders)</a>' in body
    got = assert_download_matches(client, rows, csv_url, xlsx_url)
    assert got[2][1:] == ["0,00", "5000", "10,0%", "20,0%", "50,0"]
    sheet = read_xlsx(client.get(xlsx_url).content)
    assert (sheet["B5"].value, sheet["C5"].value, sheet["F5"].value) == (0, 5000, 50)
    assert sheet["F5"].number_format == "#,##0.0"


def test_unknown_wijk_is_404_in_dutch(wijk_world, client):
    with pytest.raises(Http404, match=r"^Er is geen wijk met code WK999999\.$"):
        wijk_page("WK999999")
    for url in ["/wijk/WK999999/", "/wijk/WK999999.json", "/wijk/GM9001/", "/wijk/BU90010101/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        if url.endswith("/"):
            assert "Pagina niet gevonden" in response.content.decode()


def test_html_pages_and_json_twins(wijk_world, client):
    profile = client.get("/wijk/WK900101/")
    html = profile.content.decode()
    assert profile.status_code == 200
    assert "Wijken elders die op Centrum lijken" in html and "Oud Centrum (Elders)" in html
    assert "0,4 hoger dan Teststad (7,5), gunstiger" in html and 'href="/indicator/score/"' in html
    twin = client.get("/wijk/WK900101.json").json()
    assert twin.pop("publication")["number"] == 1  # every twin says which publication it shows
    assert twin == wijk_page("WK900101")
    dashboard = client.get("/wijken/?indicator=overlast")
    assert dashboard.status_code == 200
    assert '<a class="utrecht-link" href="/wijk/WK900101/">Centrum</a>' in dashboard.content.decode()
    twin = client.get("/wijken.json?indicator=overlast").json()
    assert twin.pop("publication")["number"] == 1
    assert twin == wijken_page(indicator="overlast")
    home = client.get("/").content.decode()
    assert 'href="/wijken/"' in home  # the section in the header and on home


def test_indicator_page_links_each_wijk_to_its_profile(wijk_world, client):
    response = client.get("/indicator/overlast/")
    assert response.status_code == 200
    assert '<a class="utrecht-link" href="/wijk/WK900102/">Noord</a>' in response.content.decode()


def test_a_wijk_elsewhere_is_shown_against_its_own_gemeente(wijk_world, client):
    """Search and the similar-wijken table link to wijken of other gemeenten: they have a profile too."""
    data = wijk_page("WK900201")
    assert (data["gemeente"]["name"], data["elsewhere"], data["wijk_count"]) == ("Elders", True, 3)
    inwoners = _items(data)["bev_inwoners"]
    assert inwoners["value"]["text"] == "5.000" and inwoners["rank_text"] == "2 van 3"  # 20.000, 5.000, 1.500
    assert (
        inwoners["difference"]["words"]
        == "Niet te vergelijken: er is geen cijfer van Elders voor deze periode."
    )
    assert data["similar"]["matches"][0]["name"] == "Centrum"  # Teststad's wijken are elsewhere for Elders
    assert data["similar"]["matches"][0]["url"] == "/wijk/WK900101/"
    assert "ligt niet in de gemeente van deze monitor" in client.get("/wijk/WK900201/").content.decode()


def test_dashboard_of_a_gemeente_without_wijken(db, client):
    gm = Area.objects.create(code="GM9003", name="Zonderwijk", level=Level.GM)
    Agenda.objects.create(
        title="Agenda", organisation="Gemeente Zonderwijk", area=gm, start_year=2023, end_year=2027
    )
    data = wijken_page(indicator="score")
    assert (data["wijken"], data["comparison"], data["matrix"]) == ([], None, None)
    assert "Er zijn geen wijken van Zonderwijk bekend." in client.get("/wijken/").content.decode()


def test_query_count_does_not_grow_with_the_indicators(wijk_world, client, django_assert_max_num_queries):
    publish(full=True, render=True)  # as in production: similar wijken are computed while publishing
    client.get("/")  # warm the site cache
    # profile: wijk, wijken, indicators, values (all at once), opgaven via resultaten and inspanningen,
    # boundaries, buurten (areas, indicator, values), similar wijken (about five) and their gemeenten,
    # and the publication being read
    with django_assert_max_num_queries(19):
        client.get("/wijk/WK900101/")
    # dashboard: wijken, indicators, kernindicatoren, values (chosen and kern at once), boundaries,
    # and the publication being read
    with django_assert_max_num_queries(9):
        client.get("/wijken/")
