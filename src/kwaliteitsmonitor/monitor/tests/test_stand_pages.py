# SPDX-License-Identifier: EUPL-1.2
"""Stand van de gemeente and Vergelijken: summaries, comparison rows and group values worked out by
hand, secret values that stay secret, bad query parameters, and JSON twins that say what the page says.

The world is ``insight_world`` (six gemeenten; GM9101 is the own one, in grootteklasse 5 with GM9104
and GM9106, in provincie PV91 with GM9102 and GM9103) plus a second opgave with three indicators
whose values below are chosen so every sum can be checked by hand.
"""

from __future__ import annotations

import html
import re

import pytest

from kwaliteitsmonitor.agenda.models import Goal, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import AreaMembership, ComparisonGroup, MembershipKind
from kwaliteitsmonitor.indicators.derive import derive_computed_values
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.monitor.figures import MAX_LINES
from kwaliteitsmonitor.publications import insights_compare
from kwaliteitsmonitor.publications.insights import comparisons_for_indicators
from kwaliteitsmonitor.publications.testing import publish

from .insight_world import build

# Overlast per 1.000 inwoners in 2024 as numerator / denominator (lower is better).
OVERLAST = {"GM9101": (200, 10000), "GM9102": (350, 10000), "GM9103": (400, 10000),
            "GM9104": (375, 15000), "GM9105": (500, 10000), "GM9106": (600, 20000)}  # fmt: skip
# Share of inhabitants who do voluntary work in 2024 (higher is better).
VRIJWILLIGERS = {"GM9101": 40.0, "GM9102": 44.0, "GM9103": 38.0, "GM9104": 50.0, "GM9105": 41.0,
                 "GM9106": 45.0}  # fmt: skip
# Own registration (cbs-persons rule): 6 in the own gemeente is secret ("geheim", never 5 or 10).
MELDINGEN = {"GM9101": 6, "GM9102": 120, "GM9103": 95, "GM9104": 210, "GM9105": 60, "GM9106": 180}


def _second_theme(world) -> None:
    made = {
        "overlast": Indicator.objects.create(
            code="overlast", name="Overlast per 1.000 inwoners", unit="per_1000", decimals=1,
            polarity="lower_is_better", provider="cbs", source="Politie",
        ),
        "vrijwilligers": Indicator.objects.create(
            code="vrijwilligers", name="Inwoners die vrijwilligerswerk doen", unit="pct", decimals=1,
            polarity="higher_is_better", provider="cbs", source="CBS",
        ),
        "meldingen": Indicator.objects.create(
            code="meldingen", name="Meldingen huiselijk geweld", unit="count",
            polarity="lower_is_better", provider="own", source="Veilig Thuis",
        ),
    }  # fmt: skip
    records = [R("overlast", "NL00", "2024JJ00", 33.0)]
    for code, (num, den) in OVERLAST.items():
        records.append(R("overlast", code, "2024JJ00", num / den * 1000, numerator=num, denominator=den))
        records.append(R("overlast", code, "2023JJ00", 10.0, numerator=den / 100, denominator=den))
        records.append(R("vrijwilligers", code, "2024JJ00", VRIJWILLIGERS[code]))
        records.append(R("meldingen", code, "2024JJ00", MELDINGEN[code]))
    run = start_run("test", "stand")
    loaded = load_observations(records, run)
    assert loaded.ok, loaded.errors
    finish_run(run, loaded)
    theme = Theme.objects.create(agenda=world.agenda, slug="veilig", title="Veilig thuis", order=2)
    goal = Goal.objects.create(theme=theme, slug="veilig-wonen", number="2", title="Veilig wonen")
    for order, code in enumerate(["overlast", "vrijwilligers", "meldingen"]):
        result = Result.objects.create(goal=goal, title=f"Resultaat {code}", order=order)
        ResultIndicator.objects.create(result=result, indicator=made[code])
    Indicator.objects.filter(code="bev_inwoners").update(category="Bevolking")
    publish()


@pytest.fixture
def world(db):
    built = build()
    _second_theme(built)
    return built


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def words(response) -> str:
    """The page's text without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text_of(response))).replace(" .", ".")


def entry(data: dict, theme: str, code: str) -> dict:
    found = next(t for t in data["themes"] if t["slug"] == theme)
    return next(i for i in found["indicators"] if i["code"] == code)


# --- Stand van de gemeente ---------------------------------------------------------------------------


def test_summary_counts_worked_out_by_hand(world, client):
    data = client.get("/stand.json").json()
    veilig = next(t for t in data["themes"] if t["slug"] == "veilig")["summary"]
    # Grootteklasse 5 = GM9101, GM9104, GM9106. Overlast (a rate with its parts) 1.175 / 45.000 × 1.000 =
    # 26,1; own 20,0 is lower and lower is better: favourable. Vrijwilligers 40 / 50 / 45 → median 45; own 40 is lower,
    # higher is better: unfavourable. Meldingen: own value secret → no comparison.
    assert (veilig["compared"], veilig["favourable"], veilig["unfavourable"], veilig["undecided"]) == (
        2,
        1,
        1,
        0,
    )
    assert (veilig["neutral"], veilig["missing"]) == (0, 1)
    assert veilig["text"] == (
        "Gemeente 1 scoort op 1 van de 2 kernindicatoren gunstiger dan gemeenten van vergelijkbare grootte "
        "(gemeenten met 50.000 tot 100.000 inwoners) en op 1 ongunstiger. Bij 1 kernindicator is geen "
        "vergelijking mogelijk: er is geen (openbaar) cijfer van Gemeente 1 of van andere gemeenten in de groep."
    )
    samen = next(t for t in data["themes"] if t["slug"] == "samen")["summary"]
    # Score (survey): own 7,5 against the median 7,5 of 7,5 / 7,8 / 7,4: no significant difference.
    # Bezoekers: no polarity, so no judgement; and only the own gemeente has a value.
    assert (samen["compared"], samen["favourable"], samen["unfavourable"], samen["undecided"]) == (1, 0, 0, 1)
    assert samen["neutral"] == 1
    assert "Bij 1 kernindicator is niet vastgelegd of hoger of lager beter is" in samen["text"]
    body = text_of(client.get("/stand/"))
    assert veilig["text"] in body and samen["text"] in body


def test_rank_percentile_and_groups_of_one_indicator(world, client):
    overlast = entry(client.get("/stand.json").json(), "veilig", "overlast")
    # 20,0 is the lowest of 20, 35, 40, 25, 50, 30: rank 1 of 6 (lower is better); percentile
    # 100 × (0 below + ½ × 1 equal) / 6 = 8,3.
    assert (overlast["rank"], overlast["ranked"], overlast["rank_text"]) == (1, 6, "1 van 6")
    assert overlast["percentile_text"] == "8"
    groups = {g["kind"]: g for g in overlast["groups"]}
    assert groups["nederland"]["reference"] == 33.0  # published national figure of a rate
    assert groups["nederland"]["reference_source"] == "gepubliceerd"
    # Rates with numerator and denominator: the group's own rate from its summed parts, the figure
    # Vergelijken shows too. Grootteklasse: (200 + 375 + 600) / (10.000 + 15.000 + 20.000) × 1.000 =
    # 26,1 (the median of 20, 25, 30 would be 25,0); provincie: (200 + 350 + 400) / 30.000 × 1.000 = 31,7.
    assert groups["grootteklasse"]["reference_text"] == "26,1"
    assert groups["grootteklasse"]["reference_source"] == "som"
    assert groups["grootteklasse"]["label"] == (
        "Gemeenten met 50.000 tot 100.000 inwoners (opgetelde tellers en noemers van 3 gemeenten, "
        "indeling 2024)"
    )
    assert groups["provincie"]["reference_text"] == "31,7"
    assert "(uit opgetelde tellers en noemers: 26,1)" in groups["grootteklasse"]["text"]
    assert groups["grootteklasse"]["favourable"] is True
    assert overlast["own"]["text"] == "20,0 per 1.000"


def test_survey_differences_only_significant_when_the_intervals_say_so(world, client):
    score = entry(client.get("/stand.json").json(), "samen", "score")
    groups = {g["kind"]: g for g in score["groups"]}
    # Own 7,5 ± 0,15 (se 0,077) against Nederland 7,3 (published, no interval): z = 2,6 > 1,96.
    assert groups["nederland"]["judgement"] == "hoger" and groups["nederland"]["favourable"] is True
    assert groups["nederland"]["cell"]["text"] == "7,3 (significant hoger)"
    # Against the median 7,5 of the grootteklasse: no difference, so no "significant" in the cell.
    assert groups["grootteklasse"]["judgement"] == "geen_verschil"
    assert groups["grootteklasse"]["cell"]["text"] == "7,5"
    # A registration is never called significant: the difference stands as it is.
    vrijwilligers = entry(client.get("/stand.json").json(), "veilig", "vrijwilligers")
    assert all("significant" not in g["cell"]["text"] for g in vrijwilligers["groups"])


def test_secret_own_value_stays_secret(world, client):
    data = client.get("/stand.json").json()
    meldingen = entry(data, "veilig", "meldingen")
    assert meldingen["own"] == {"value": None, "secret": True, "text": "geheim", "number_text": "geheim"}
    assert meldingen["rank"] is None and all(g["judgement"] == "" for g in meldingen["groups"])
    figure = next(t for t in data["themes"] if t["slug"] == "veilig")["figure"]
    row = next(r for r in figure["table"]["rows"] if r["header"] == "Meldingen huiselijk geweld")
    assert row["cells"][1] == {**row["cells"][1], "text": "geheim", "secret": True}
    assert ": Gemeente 1 6" not in figure["alt"]
    assert "Meldingen huiselijk geweld (2024): geheim" in words(client.get("/stand/"))


def test_a_key_count_is_shown_but_not_compared(world, client):
    """Issue 14: the Stand compares rates, not counts of places of different size. A count without a
    rate computed from it keeps its own value and says why it has no comparison."""
    meldingen = entry(client.get("/stand.json").json(), "veilig", "meldingen")
    assert meldingen["groups"] == [] and meldingen["rank_text"] == "–"
    assert "niet te vergelijken met gemeenten van een andere grootte" in meldingen["note"]


def test_a_group_with_only_the_own_value_is_no_comparison(world, client):
    # "bezoekers" is a count: a key count is not compared at all (see above); its comparison rows still
    # say so when asked one by one.
    bezoekers = entry(client.get("/stand.json").json(), "samen", "bezoekers")
    assert bezoekers["groups"] == [] and bezoekers["rank_text"] == "–"
    comparison = comparisons_for_indicators([Indicator.objects.get(code="bezoekers")], world.gemeente)[
        "bezoekers"
    ]
    nederland = next(c for c in comparison["comparisons"] if c["kind"] == "nederland")
    assert nederland["ranked"] < 2


def test_overview_figure_and_context(world, client):
    data = client.get("/stand.json").json()
    overview = data["overview"]
    assert overview["columns"][:4] == ["Indicator", "Periode", "Gemeente 1", "Nederland"]
    headers = [r["header"] for r in overview["rows"]]
    assert headers.count("Sociale score") == 1  # linked to two resultaten, listed once
    figure = next(t for t in data["themes"] if t["slug"] == "veilig")["figure"]
    assert figure["type"] == "strip" and figure["chart"]["svg_url"].endswith(".svg")
    assert figure["table"]["columns"][2] == "Gemeente 1"
    assert data["context"]["indicators"][0]["code"] == "bev_inwoners"
    assert client.get(figure["chart"]["svg_url"]).status_code == 200


def test_batched_comparisons_equal_one_by_one(world):
    area = world.gemeente
    indicators = list(Indicator.objects.filter(code__in=["score", "overlast", "meldingen", "bezoekers"]))
    peer = {"kind": "vergelijkingsgroep", "code": "x", "name": "de groep", "members": ["GM9102", "GM9104"]}
    batched = insights_compare.comparisons_for_indicators(indicators, area, peer_group=peer)
    for indicator in indicators:
        assert batched[indicator.code] == insights_compare.indicator_comparisons(
            indicator, area, peer_group=peer
        )


def test_stand_section_and_home_link(world, client):
    body = text_of(client.get("/"))
    assert 'href="/stand/"' in body and 'href="/vergelijken/"' in body


# --- Vergelijken -------------------------------------------------------------------------------------


def rows_of(data: dict) -> dict[str, dict]:
    return {s["name"]: {v["period"]: v for v in s["values"]} for s in data["series"]}


def test_defaults_are_own_gemeente_grootteklasse_and_nederland(world, client):
    data = client.get("/vergelijken.json?indicator=overlast").json()
    assert data["messages"] == []
    assert data["choice"]["gebied"] == ["GM9101"]
    assert data["choice"]["groep"] == ["grootteklasse:5", "nederland:NL00"]
    names = [s["name"] for s in data["series"]]
    assert names == [
        "Gemeente 1",
        "Gemeenten met 50.000 tot 100.000 inwoners",
        "Nederland",
    ]


def test_comparison_row_worked_out_by_hand(world, client):
    query = "indicator=overlast&gebied=GM9104&groep=grootteklasse:5&groep=provincie:PV91&groep=nederland:NL00"
    data = client.get(f"/vergelijken.json?{query}").json()
    rows = rows_of(data)
    size = rows["Gemeenten met 50.000 tot 100.000 inwoners"]["2024JJ00"]
    # Summed numerators and denominators: (200 + 375 + 600) / (10.000 + 15.000 + 20.000) × 1.000 = 26,1
    # (the unweighted mean of 20, 25 and 30 would be 25,0).
    assert (
        size["method"] == "som"
        and size["number_text"] == "26,1"
        and (size["used"], size["expected"]) == (3, 3)
    )
    assert rows["Provincie Noordland"]["2024JJ00"]["number_text"] == "31,7"  # 950 / 30.000 × 1.000
    assert rows["Nederland"]["2024JJ00"]["method"] == "gepubliceerd"
    assert rows["Nederland"]["2024JJ00"]["number_text"] == "33,0"
    assert rows["Gemeente 4"]["2024JJ00"]["number_text"] == "25,0"
    table = data["figure"]["table"]
    assert table["columns"] == ["Gebied of groep", "2023", "2024"]
    row = next(r for r in table["rows"] if r["header"] == "Provincie Noordland")
    assert [c["text"] for c in row["cells"]] == ["10,0", "31,7"]
    methods = " ".join(m["text"] for m in data["methods"])
    assert "berekend uit de opgetelde tellers en noemers" in methods
    # Nederland has a published figure for 2024 only; for 2023 the sum over its gemeenten.
    assert (
        "Nederland (6 gemeenten): het gepubliceerde cijfer van de groep zelf; in andere perioden berekend "
        "uit de opgetelde tellers en noemers"
    ) in methods
    body = text_of(client.get(f"/vergelijken/?{query}"))
    assert "31,7" in body and "berekend uit de opgetelde tellers en noemers" in body


def test_survey_group_is_the_median_of_the_table_and_says_when_members_lack_a_value(world, client):
    data = client.get("/vergelijken.json?indicator=score&groep=grootteklasse:5").json()
    size = rows_of(data)["Gemeenten met 50.000 tot 100.000 inwoners"]
    assert size["2024JJ00"]["method"] == "mediaan"
    # The median of 7,5, 7,8 and 7,4, as on the indicator page and the Stand (the mean would be 7,6).
    assert size["2024JJ00"]["number_text"] == "7,5"
    score = entry(client.get("/stand.json").json(), "samen", "score")
    assert next(g for g in score["groups"] if g["kind"] == "grootteklasse")["reference_text"] == "7,5"
    assert (size["2016JJ00"]["used"], size["2016JJ00"]["expected"]) == (1, 3)  # only GM9101 in 2016
    assert "In 8 perioden ontbreekt het cijfer van een of meer gemeenten" in data["methods"][0]["text"]


def test_secret_values_stay_secret_in_the_comparison(world, client):
    data = client.get(
        "/vergelijken.json?indicator=meldingen&gebied=GM9101&gebied=GM9106&groep=grootteklasse:5"
    ).json()
    rows = rows_of(data)
    own = rows["Gemeente 1"]["2024JJ00"]
    assert own["secret"] and own["value"] is None and own["text"] == "geheim"
    size = rows["Gemeenten met 50.000 tot 100.000 inwoners"]["2024JJ00"]
    # No total of all gemeenten is published for this registration, so nothing can be subtracted and
    # no other gemeente is hidden: the group value is the median of 210 and 180; the secret member is
    # left out, never counted as 0.
    assert (size["used"], size["expected"], size["number_text"]) == (2, 3, "195")
    assert rows["Gemeente 6"]["2024JJ00"]["secret"] is False
    cells = next(r for r in data["figure"]["table"]["rows"] if r["header"] == "Gemeente 1")["cells"]
    assert cells == [{**cells[0], "text": "geheim", "secret": True}]
    assert "Gemeente 1 heeft nog geen getoonde waarden" in data["figure"]["alt"]
    assert "6" not in {c["text"] for c in cells}


def test_bad_query_parameters_give_dutch_messages_not_errors(world, client):
    query = "indicator=bestaat-niet&gebied=GM0000&gebied=GM9102&groep=provincie:PV99&groep=onzin&van=1999JJ00"
    response = client.get(f"/vergelijken/?{query}")
    body = text_of(response)
    assert "De indicator ‘bestaat-niet’ bestaat niet; hieronder staat een andere indicator." in body
    assert "‘GM0000’ is geen gemeente in deze monitor; die keuze is overgeslagen." in body
    assert "‘provincie:PV99’ is geen bekende groep van gemeenten; die keuze is overgeslagen." in body
    assert "‘onzin’ is geen bekende groep van gemeenten" in body
    # The default indicator is the agenda's first (Sociale score); of GM9102 only 2024 is known.
    assert "‘1999JJ00’ is geen periode van deze indicator; als begin geldt 2024." in body
    data = client.get(f"/vergelijken.json?{query}").json()
    assert data["choice"]["gebied"] == ["GM9102"] and data["choice"]["groep"] == []
    assert len(data["messages"]) == 5
    only_bad = client.get("/vergelijken.json?gebied=%3Cscript%3E").json()
    assert only_bad["choice"]["gebied"] == ["GM9101"]  # nothing valid left: the defaults
    assert (
        "Er bleef geen geldige keuze over; hieronder staat de standaardvergelijking." in only_bad["messages"]
    )
    assert "<script>" not in client.get("/vergelijken/?gebied=%3Cscript%3E").content.decode()


def test_periods_swapped_and_range_applied(world, client):
    data = client.get("/vergelijken.json?indicator=score&gebied=GM9101&van=2022JJ00&tot=2018JJ00").json()
    assert "De beginperiode lag na de eindperiode; ze zijn omgewisseld." in data["messages"]
    assert (data["choice"]["van"], data["choice"]["tot"]) == ("2018JJ00", "2022JJ00")
    assert data["figure"]["table"]["columns"] == ["Gebied of groep", "2018", "2019", "2020", "2021", "2022"]


def test_too_many_choices_are_cut_to_what_a_chart_can_show(world, client):
    areas = "&".join(f"gebied=GM910{i}" for i in range(1, 7))
    groups = "groep=nederland:NL00&groep=provincie:PV91&groep=provincie:PV92&groep=grootteklasse:4"
    data = client.get(f"/vergelijken.json?indicator=overlast&{areas}&{groups}").json()
    assert len(data["series"]) == MAX_LINES == 8
    assert data["messages"] == [
        "U koos 10 gemeenten en groepen; een grafiek blijft leesbaar met ten hoogste 8 lijnen. "
        "De eerste 8 staan hieronder."
    ]


def test_saved_comparison_group_can_be_chosen_and_url_is_shareable(world, client):
    saved = ComparisonGroup.objects.create(
        area=world.gemeente, name="Onze buren", method_version="1", k=2, members=["GM9102", "GM9103"],
        fingerprint="abc", definition_fingerprint="def",
    )  # fmt: skip
    data = client.get(f"/vergelijken.json?indicator=vrijwilligers&groep=vergelijkingsgroep:{saved.pk}").json()
    assert rows_of(data)["Onze buren"]["2024JJ00"]["number_text"] == "41,0"  # (44 + 38) / 2
    shared = client.get(data["share_url"].replace("/vergelijken/", "/vergelijken.json"))
    assert shared.json()["series"] == data["series"]
    body = text_of(client.get(data["share_url"]))
    assert 'name="groep" value="vergelijkingsgroep:' in body and "checked" in body


def test_form_controls_are_labelled_and_grouped(world, client):
    body = client.get("/vergelijken/").content.decode()
    for control in re.findall(r"<(?:input|select)[^>]*>", body):
        if 'type="hidden"' in control or 'type="search"' in control:
            continue
        ident = re.search(r'id="([^"]+)"', control)
        assert ident and f'for="{ident.group(1)}"' in body, control
    assert body.count("<fieldset") >= 3 and "<legend" in body
    assert '<legend class="km-form__label">Gemeenten</legend>' in body


def test_json_twin_has_the_page_keys(world, client):
    for url in ("/stand.json", "/vergelijken.json"):
        data = client.get(url).json()
        assert {"page", "title", "url", "json_url", "breadcrumbs"} <= set(data)
        assert data["json_url"] == url


def test_a_region_value_computed_by_the_monitor_is_called_so(world, client):
    Indicator.objects.create(
        code="hulp", name="Inwoners met hulp per 1.000", unit="per_1000", decimals=1, provider="own",
        source="Eigen registratie", disclosure="none",
    )  # fmt: skip
    records = [
        R("hulp", code, "2024JJ00", num / den * 1000, numerator=num, denominator=den)
        for code, (num, den) in {
            "GM9101": (300, 10000),
            "GM9102": (500, 10000),
            "GM9103": (700, 20000),
        }.items()
    ]
    run = start_run("test", "hulp")
    loaded = load_observations(records, run)
    assert loaded.ok, loaded.errors
    derive_computed_values(["hulp"], ["2024JJ00"], run)  # as the import pipeline does after loading
    finish_run(run, loaded)
    publish()
    data = client.get("/vergelijken.json?indicator=hulp&groep=provincie:PV91").json()
    point = rows_of(data)["Provincie Noordland"]["2024JJ00"]
    # (300 + 500 + 700) / (10.000 + 10.000 + 20.000) × 1.000 = 37,5, stored for PV91 by indicators.derive
    assert (point["method"], point["number_text"]) == ("berekend", "37,5")
    assert "door de monitor berekend uit al haar gemeenten" in data["methods"][0]["text"]


def test_an_opgave_without_indicators_and_an_indicator_without_figures(world, client):
    Theme.objects.create(agenda=world.agenda, slug="leeg", title="Nog leeg", order=3)
    data = client.get("/stand.json").json()
    empty = next(t for t in data["themes"] if t["slug"] == "leeg")
    assert (empty["indicators"], empty["summary"], empty["figure"]) == ([], None, None)
    assert "Aan deze opgave zijn nog geen indicatoren gekoppeld." in words(client.get("/stand/"))
    # Bezoekers are known for GM9101 only: chosen for GM9102 there is nothing to draw.
    none = client.get("/vergelijken.json?indicator=bezoekers&gebied=GM9102").json()
    assert none["figure"] is None and none["series"] == [{"name": "Gemeente 2", "values": []}]
    assert none["messages"] == ["Voor Bezoekers zijn er nog geen cijfers van deze gemeenten of groepen."]


def test_without_an_agenda_both_pages_are_a_dutch_404(db, client):
    for url in ("/stand/", "/vergelijken/", "/stand.json", "/vergelijken.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        if not url.endswith(".json"):
            assert "Pagina niet gevonden" in response.content.decode()


def test_without_a_grootteklasse_the_summary_compares_with_nederland(world, client):
    AreaMembership.objects.filter(kind=MembershipKind.GROOTTEKLASSE).delete()
    veilig = next(t for t in client.get("/stand.json").json()["themes"] if t["slug"] == "veilig")["summary"]
    # Overlast 20,0 against the published 33,0: favourable. Vrijwilligers 40 against the median 42,5 of
    # 38, 40, 41, 44, 45, 50 (no national figure): unfavourable. Meldingen: secret.
    assert veilig["kind"] == "nederland"
    assert veilig["text"].startswith(
        "Gemeente 1 scoort op 1 van de 2 kernindicatoren gunstiger dan Nederland en op 1 ongunstiger."
    )


def test_the_own_gemeente_is_first_in_the_list(world, client):
    data = client.get("/vergelijken.json").json()
    assert [g["code"] for g in data["gemeenten"]][:2] == ["GM9101", "GM9102"]
    assert data["gemeenten"][0]["checked"] is True


def test_a_key_count_gives_way_to_its_rate(world, client):
    """Issue 14: with a rate computed from a key count (the count its numerator), the Stand shows and
    compares the rate, computed by indicators.derive from the published counts."""
    meldingen = Indicator.objects.get(code="meldingen")
    Indicator.objects.create(
        code="meldingen_per_1000", name="Meldingen huiselijk geweld per 1.000 inwoners", unit="per_1000",
        decimals=1, provider="own", source="Veilig Thuis", polarity="lower_is_better", factor=1000.0,
        numerator=meldingen, denominator=Indicator.objects.get(code="bev_inwoners"),
        disclosure=meldingen.disclosure,
    )  # fmt: skip
    run = start_run("test", "rate")
    derive_computed_values(["meldingen_per_1000"], ["2024JJ00"], run)
    finish_run(run, load_observations([], run))
    publish()
    data = client.get("/stand.json").json()
    codes = [i["code"] for t in data["themes"] if t["slug"] == "veilig" for i in t["indicators"]]
    assert "meldingen_per_1000" in codes and "meldingen" not in codes
    rate = entry(data, "veilig", "meldingen_per_1000")
    assert any(g["kind"] == "nederland" or g["kind"] == "grootteklasse" for g in rate["groups"])
