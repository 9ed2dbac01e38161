# SPDX-License-Identifier: EUPL-1.2
"""The indicator page's comparisons mean what they say: the trend chart draws the group of the
comparison table with the table's figure and label; "gemeenten die op ons lijken" are picked on
characteristics that staff choose from published indicators (a default set in a setting, a Dutch
message when one is missing), stored with the saved group; an indicator is never judged against a
group it helped to pick (docs/methods/vergelijken.md)."""

from __future__ import annotations

import html
import re

import pytest

from kwaliteitsmonitor.areas.models import ComparisonGroup
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications import insights

from .insight_world import build
from .tables import read_csv, table_with_caption

SIZE = "Gemeenten met 50.000 tot 100.000 inwoners (mediaan van 3 gemeenten, indeling 2024)"
WORLD_SET = "bev_inwoners,bev_75plus/bev_inwoners,bev_0_17/bev_inwoners"


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def iw(db, settings):
    settings.KM_SIMILAR_CHARACTERISTICS = WORLD_SET
    return build()


def _rows(data: dict) -> dict[str, dict]:
    return {r["kind"]: r for r in data["comparisons"]["comparisons"]}


# --- one group, one figure, one label ----------------------------------------------------------------


def test_trend_chart_draws_the_tables_group_with_its_figure_and_label(world, client):
    data = client.get("/indicator/participatie.json").json()
    size = _rows(data)["grootteklasse"]
    # The median of Teststad 8,2, Vergelijk 2 7,0 and Vergelijk 3 7,2 (Grootstad, klasse 7, not).
    assert (size["label"], size["reference_text"], size["statistic"]) == (SIZE, "7,2", "mediaan")
    assert size["text"].startswith("1,0 hoger dan gemeenten met 50.000 tot 100.000 inwoners (mediaan: 7,2)")
    trend = data["trend"]["table"]
    assert trend["columns"][3] == SIZE == data["comparison_group"]["label"]
    latest = trend["rows"][0]
    assert latest["header"] == "2024" and latest["cells"][2]["text"] == size["reference_text"]
    comparison_table = data["comparisons"]["table"]
    # The comparison table: the group, with its figure and indeling on a line under it (whole again in
    # the download).
    assert SIZE in [f"{r['header']} {r['note']}" for r in comparison_table["rows"]]
    body = client.get("/indicator/participatie/").content.decode()
    _, csv_url, _ = table_with_caption(body, "Teststad vergeleken met groepen gemeenten")
    downloaded, _ = read_csv(client.get(csv_url).content)
    assert [SIZE, "7,2"] in [r[:2] for r in downloaded]
    body = text_of(client.get("/indicator/participatie/"))
    assert f"{SIZE}: de mediaan van de gemeenten" in body and "Teststad telt mee" in body
    assert "Vergelijkbare gemeenten" not in body and "ongewogen gemiddelde" not in body


# --- characteristics: chosen from published indicators, default set in a setting ---------------------


def test_a_default_characteristic_that_is_no_indicator_is_named_never_left_out(db, client):
    build()  # the default set names wmo_clienten_per_1000, which this world does not have
    data = client.get("/indicator/score.json").json()
    assert data["similar"]["matches"] == []
    message = data["similar"]["message"]
    assert "'wmo_clienten_per_1000'" in message and "KM_SIMILAR_CHARACTERISTICS" in message
    assert "gelijkende_gemeenten" not in _rows(data)
    assert message in data["comparisons"]["peer_note"]
    assert message in text_of(client.get("/indicator/score/"))
    api = client.get("/api/v1/areas/GM9101/similar")
    assert api.status_code == 404 and "'wmo_clienten_per_1000'" in api.json()["detail"]


@pytest.mark.parametrize(
    "setting, said",
    [
        ("bev inwoners", "Instelling KM_SIMILAR_CHARACTERISTICS: 'bev inwoners' is geen kenmerk"),
        ("", "De instelling KM_SIMILAR_CHARACTERISTICS is leeg"),
    ],
)
def test_a_broken_default_setting_is_said_on_the_page(iw, client, settings, setting, said):
    settings.KM_SIMILAR_CHARACTERISTICS = setting
    data = client.get("/indicator/score.json").json()
    assert data["similar"]["message"].startswith(said) and "gelijkende_gemeenten" not in _rows(data)
    assert said in text_of(client.get("/indicator/score/"))


def test_the_default_set_and_its_weights_come_from_the_setting(iw, client, settings):
    settings.KM_SIMILAR_CHARACTERISTICS = "bev_inwoners:2,bev_75plus/bev_inwoners"
    found = client.get("/api/v1/areas/GM9101/similar").json()
    chosen = [(c["code"], c["weight"], c["inputs"]) for c in found["characteristics"]]
    assert chosen == [
        ("bev_inwoners", 2.0, ["bev_inwoners"]),
        ("bev_75plus/bev_inwoners", 1.0, ["bev_75plus", "bev_inwoners"]),
    ]
    assert (
        found
        == client.get(
            "/api/v1/areas/GM9101/similar?characteristics=bev_inwoners:2,bev_75plus/bev_inwoners"
        ).json()
    )
    assert client.get("/api/v1/areas/GM9101/similar?characteristics=score/bev_inwoners").status_code == 404
    assert (
        "een aandeel gaat over twee aantallen"
        in client.get("/api/v1/areas/GM9101/similar?characteristics=score/bev_inwoners").json()["detail"]
    )
    assert client.get("/api/v1/areas/GM9101/similar?characteristics=bev inwoners").status_code == 400


def test_staff_choose_the_characteristics_of_a_saved_group_in_the_admin(iw, admin_client, client):
    add = "/beheer/areas/comparisongroup/add/"
    form = admin_client.get(add).content.decode()
    inwoners = Indicator.objects.get(code="bev_inwoners").pk
    old = Indicator.objects.get(code="bev_75plus").pk
    assert re.search(rf'<option value="{inwoners}" selected>Inwoners \(bev_inwoners\)', form)  # default set
    post = {"area": iw.gemeente.pk, "name": "Onze groep", "k": 3, "kenmerk_1": inwoners, "gewicht_1": 2,
            "kenmerk_2": old, "noemer_2": inwoners, "gewicht_2": 1}  # fmt: skip
    response = admin_client.post(add, post, follow=True)
    assert response.status_code == 200, response.content.decode()
    group = ComparisonGroup.objects.get(area=iw.gemeente)
    assert [(c["code"], c["weight"], c["period"]) for c in group.characteristics] == [
        ("bev_inwoners", 2.0, "2024JJ00"),
        ("bev_75plus/bev_inwoners", 1.0, "2024JJ00"),
    ]
    expected = insights.similar_areas(iw.gemeente, ["bev_inwoners", "bev_75plus/bev_inwoners"],
                                      {"bev_inwoners": 2.0}, 3)  # fmt: skip
    assert (
        group.members == [m["area"] for m in expected["matches"]]
        and group.fingerprint == expected["fingerprint"]
    )
    # Saving the same choice again is refused with a Dutch message, not a second copy.
    again = admin_client.post(add, post).content.decode()
    assert "Deze groep is al opgeslagen als ‘Onze groep’" in html.unescape(again)
    # The page compares with the saved group and shows that group, with its characteristics.
    data = client.get("/indicator/score.json").json()
    row = _rows(data)["vergelijkingsgroep"]
    assert row["label"] == "Onze groep (mediaan van 3 gemeenten)" and row["code"] == group.fingerprint
    assert [m["area"] for m in data["similar"]["matches"]] == group.members
    assert data["similar"]["method"].startswith("Dit is de opgeslagen vergelijkingsgroep ‘Onze groep’")
    assert [c["code"] for c in data["similar"]["characteristics"]] == [
        "bev_inwoners",
        "bev_75plus/bev_inwoners",
    ]


def test_the_admin_form_refuses_an_impossible_choice_in_dutch(iw, admin_client):
    score = Indicator.objects.get(code="score").pk
    post = {"area": iw.gemeente.pk, "name": "x", "k": 3, "kenmerk_1": score, "noemer_1": score}
    body = html.unescape(admin_client.post("/beheer/areas/comparisongroup/add/", post).content.decode())
    assert "Selecteer een geldige keuze" in body  # a share is of two counts: score is not offered
    assert not ComparisonGroup.objects.exists()
    body = html.unescape(admin_client.post("/beheer/areas/comparisongroup/add/", {"area": iw.gemeente.pk,
                                           "name": "x", "k": 3}).content.decode())  # fmt: skip
    assert "Kies minstens één kenmerk." in body


# --- never judged against a group the indicator helped to pick ---------------------------------------


def test_a_saved_group_picked_on_the_indicator_is_not_used_for_it_and_the_page_says_why(iw, client):
    chosen = ["bev_inwoners", "bev_75plus/bev_inwoners"]
    group = insights.save_comparison_group(
        iw.gemeente, insights.similar_areas(iw.gemeente, chosen, k=3), "Buren"
    )
    data = client.get("/indicator/bev_75plus.json").json()
    assert "vergelijkingsgroep" not in _rows(data)
    note = data["comparisons"]["peer_note"]
    assert note.startswith("De vergelijkingsgroep ‘Buren’ is hier niet gebruikt: Inwoners 75+ is een van de")
    assert note in text_of(client.get("/indicator/bev_75plus/"))
    # Another indicator is compared with it, unchanged.
    assert (
        _rows(client.get("/indicator/score.json").json())["vergelijkingsgroep"]["code"] == group.fingerprint
    )
    stand = insights.indicator_comparisons(Indicator.objects.get(code="bev_75plus"), iw.gemeente)
    assert stand["peer_note"] == note


def test_the_default_group_is_picked_again_without_the_indicator(iw, client, settings):
    settings.KM_SIMILAR_CHARACTERISTICS = "bev_inwoners,score"
    data = client.get("/indicator/score.json").json()
    peer = _rows(data)["gelijkende_gemeenten"]
    assert peer["name"] == "de 5 gemeenten die op Gemeente 1 lijken als je sociale score niet meetelt"
    assert data["comparisons"]["peer_note"] == (
        "Sociale score hoort bij het kenmerk sociale score waarop de gemeenten die op Gemeente 1 lijken worden "
        "gekozen; voor deze indicator zijn ze daarom gekozen zonder sociale score."
    )
    without = insights.similar_areas(iw.gemeente, ["bev_inwoners"], {}, 10)
    assert peer["code"] == without["fingerprint"]
    assert [c["code"] for c in data["similar"]["characteristics"]] == ["bev_inwoners"]  # the group shown
    # An indicator that did not pick the group is compared with the group on both characteristics.
    both = insights.similar_areas(iw.gemeente)
    assert both["fingerprint"] != without["fingerprint"]
    wmo = insights.indicator_comparisons(Indicator.objects.get(code="wmo_clienten"), iw.gemeente)
    assert wmo["peer_note"] == ""
    assert (
        next(r for r in wmo["comparisons"] if r["kind"] == "gelijkende_gemeenten")["code"]
        == both["fingerprint"]
    )
    inwoners = insights.indicator_comparisons(Indicator.objects.get(code="bev_inwoners"), iw.gemeente)
    assert inwoners["peer_note"].startswith("Inwoners hoort bij het kenmerk inwoners")


def test_stand_page_names_the_group_left_out_for_an_indicator(iw, client, settings):
    settings.KM_SIMILAR_CHARACTERISTICS = "bev_inwoners,score"
    data = client.get("/stand.json").json()
    score = next(i for t in data["themes"] for i in t["indicators"] if i["code"] == "score")
    peer = next(g for g in score["groups"] if g["kind"] == "gelijkende_gemeenten")
    assert peer["name"].endswith("als je sociale score niet meetelt")
    assert score["peer_note"].startswith("Sociale score hoort bij het kenmerk sociale score")
    size = next(g for g in data["groups"] if g["kind"] == "grootteklasse")
    assert (size["name"], size["indeling"]) == ("gemeenten met 50.000 tot 100.000 inwoners", "indeling 2024")
    assert "(3 gemeenten, indeling 2024)" in text_of(client.get("/stand/"))


def test_the_api_lets_a_client_choose_the_characteristics_of_the_comparison(iw, client):
    url = "/api/v1/indicators/score/comparisons"
    chosen = client.get(url, {"area": "GM9101", "characteristics": "bev_inwoners,score", "k": 2}).json()
    peer = next(r for r in chosen["comparisons"] if r["kind"] == "gelijkende_gemeenten")
    assert peer["members"] == 2 and peer["name"].endswith("als je sociale score niet meetelt")
    assert "sociale score" in chosen["peer_note"]
    unknown = client.get(url, {"characteristics": "bestaat_niet"})
    assert unknown.status_code == 404 and "'bestaat_niet'" in unknown.json()["detail"]
    assert client.get(url, {"characteristics": "a b"}).status_code == 400
