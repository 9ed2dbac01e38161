# SPDX-License-Identifier: EUPL-1.2
"""The analysis on the pages and in the API: status and reasoning, comparisons (checked by hand),
similar gemeenten, the Wmo forecast, discovery; pages, JSON twins and API give the same figures."""

from __future__ import annotations

import html
import re

import pytest
from django.core.management import call_command

from kwaliteitsmonitor.agenda.models import Result
from kwaliteitsmonitor.indicators.models import Observation
from kwaliteitsmonitor.publications import insights
from kwaliteitsmonitor.publications.testing import publish

from .insight_world import build
from .tables import assert_download_matches, read_xlsx, table_with_caption

DOEL = "/opgave/samen/meedoen/"
INDICATOR = "/indicator/score/"


# The default characteristics for this world: three of the demo's, and armoede (only wijken have it).
CHARACTERISTICS = "bev_inwoners,bev_75plus/bev_inwoners,bev_0_17/bev_inwoners,armoede"


@pytest.fixture
def iw(db, settings):
    settings.KM_SIMILAR_CHARACTERISTICS = CHARACTERISTICS
    return build()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_doel_page_shows_status_label_symbol_and_reasoning(iw, client):
    body = page(client, DOEL)
    twin = client.get("/opgave/samen/meedoen.json").json()
    statuses = [r["status"] for r in twin["results"]]
    assert [s["code"] for s in statuses] == ["achieved", "off_track", "insufficient_data"]
    assert [s["label"] for s in statuses] == ["behaald", "niet op koers", "onvoldoende gegevens"]
    assert statuses[0]["reasoning"] == "De laatste meting (2024) is 7,5 en haalt de streefwaarde (7,0)."
    assert statuses[1]["reasoning"].startswith(
        "Op basis van de trend 2016–2024 komt de waarde in 2027 uit op"
    )
    assert "Er is 1 meting (2024); voor een trend zijn er minstens 3 nodig." in statuses[2]["reasoning"]
    for status in statuses:
        assert status["label"] in body and status["reasoning"] in body and status["symbol"] in body
    assert statuses[1]["projection"]["high"] < 9.5  # the favourable side of the band misses the target


def test_status_in_api_is_the_status_on_the_page(iw, client):
    twin = client.get("/opgave/samen/meedoen.json").json()
    for result, shown in zip(Result.objects.order_by("order"), twin["results"], strict=True):
        answer = client.get(f"/api/v1/results/{result.pk}/status").json()
        assert {k: answer[k] for k in ("code", "label", "reasoning", "projection")} == {
            k: shown["status"][k] for k in ("code", "label", "reasoning", "projection")
        }
    assert client.get("/api/v1/results/999999/status").status_code == 404


def test_trend_chart_has_target_line_and_projection_band(iw, client):
    figure = client.get("/indicator/score.json").json()["trend"]
    overlay = figure["overlay"]
    assert overlay["target"] == {"value": 7.0, "year": 2027}
    assert overlay["extra_periods"] == ["2025", "2026", "2027"]
    assert overlay["projection"]["low"] < overlay["projection"]["value"] < overlay["projection"]["high"]
    assert "Streefwaarde 7,0 in 2027" in figure["caption"] and "Projectie voor 2027" in figure["alt"]


def test_comparison_table_checked_by_hand(iw, client):
    data = client.get("/indicator/score.json").json()["comparisons"]
    rows = {r["kind"]: r for r in data["comparisons"]}
    assert list(rows) == [
        "nederland",
        "provincie",
        "stedelijkheidsklasse",
        "grootteklasse",
        "gelijkende_gemeenten",
    ]
    # Nederland: the published 7,3; 7,5 − 7,3 = +0,2; of 6 gemeenten only 7,8 is higher → 2nd;
    # percentile (4 below + ½ equal) / 6 = 75; z = 0,2 / ((7,65 − 7,35) / 3,92) = 2,6 → significant.
    assert rows["nederland"]["reference"] == 7.3 and rows["nederland"]["difference_text"] == "+0,2"
    assert (rows["nederland"]["rank"], rows["nederland"]["ranked"], rows["nederland"]["percentile"]) == (
        2,
        6,
        75.0,
    )
    assert rows["nederland"]["significant"] is True
    assert rows["nederland"]["label"] == "Nederland (gepubliceerd cijfer)"
    # Provincie Noordland: median of 7,5, 7,0 and 7,2 = 7,2; +0,3; first of three.
    assert rows["provincie"]["name"] == "provincie Noordland"
    assert rows["provincie"]["label"] == "Provincie Noordland (mediaan van 3 gemeenten, indeling 2024)"
    assert rows["provincie"]["reference_text"] == "7,2" and rows["provincie"]["rank_text"] == "1 van 3"
    # Grootteklasse 5: median of 7,5, 7,8 and 7,4 = 7,5: no difference, so not significant.
    assert rows["grootteklasse"]["difference_text"] == "0,0" and rows["grootteklasse"]["significant"] is False
    assert (
        rows["grootteklasse"]["text"]
        == "Geen significant verschil met gemeenten met 50.000 tot 100.000 inwoners (mediaan: 7,5)."
    )
    # The comparison group: the 5 other gemeenten (the own one is no member), median of 7,0 7,2 7,8 6,9
    # 7,4 = 7,2.
    assert rows["gelijkende_gemeenten"]["label"] == (
        "De 5 gemeenten die op Gemeente 1 lijken (mediaan van 5 gemeenten)"
    )
    assert rows["gelijkende_gemeenten"]["reference_text"] == "7,2"
    body = page(client, INDICATOR)
    for row in rows.values():
        name = row["name"][:1].upper() + row["name"][1:]
        details = row["label"].removeprefix(f"{name} ")  # the label: the group, then what its figure is
        assert details.startswith("(") and f'{name} <span class="km-table__note">{details}</span>' in body
        assert row["text"] in body
    assert "Plaats 2 van 6 gemeenten (1 = beste); percentiel 75" in body
    api = client.get("/api/v1/indicators/score/comparisons", {"area": "GM9101"}).json()
    assert api["comparisons"] == data["comparisons"]


def test_similar_gemeenten_are_listed_with_their_characteristics(iw, client):
    data = client.get("/indicator/score.json").json()["similar"]
    used = {c["code"]: c for c in data["characteristics"]}
    assert list(used) == CHARACTERISTICS.split(",")
    assert used["bev_inwoners"]["used"] and used["bev_inwoners"]["log"]
    assert used["bev_75plus/bev_inwoners"]["used"] and not used["bev_75plus/bev_inwoners"]["log"]
    assert used["bev_0_17/bev_inwoners"]["left_out_reason"] == "geen spreiding tussen de gebieden"
    assert used["armoede"]["left_out_reason"] == "geen waarde voor dit gebied"
    assert len(data["matches"]) == 5 and data["matches"][0]["area"] == "GM9104"  # 58.000 inwoners, 10,5% 75+
    body = page(client, INDICATOR)
    assert "Gemeenten die op Gemeente 1 lijken" in body
    for match in data["matches"]:
        assert match["name"] in body and match["explanation"] in body
    assert "inwoners 75+ als % van inwoners" in body and data["fingerprint"] in body
    assert "(inwoners eerst als logaritme)" in body
    # The API link on the page gives the same group again, with the characteristics of the page.
    link = re.search(r'href="(/api/v1/areas/GM9101/similar\?characteristics=[^"]+)"', body).group(1)
    assert link == f"/api/v1/areas/GM9101/similar?characteristics={CHARACTERISTICS}"
    again = client.get(link).json()
    assert again["fingerprint"] == data["fingerprint"]
    api = client.get("/api/v1/areas/GM9101/similar", {"k": 3}).json()
    assert [m["area"] for m in api["matches"]] == [m["area"] for m in data["matches"][:3]]


def test_similar_gemeenten_tables_download_with_the_numbers_of_the_page(iw, client):
    # Gemeente 4 answers too few people in the survey (n = 20 < 30): its score is secret in the table.
    Observation.objects.filter(indicator__code="score", area__code="GM9104").update(n=20)
    publish(full=True)  # a bulk update bypasses the data versions: protect everything again
    body = client.get(INDICATOR).content.decode()
    rows, csv_url, xlsx_url = table_with_caption(body, "Kenmerken en gewichten waarop is vergeleken.")
    # 2024: 60.000 + 8 × 100 = 60.800 inwoners, 6.080 of them 75+ (10,0%), 12.160 under 18 (20,0%).
    assert rows[:4] == [
        ["Kenmerk", "Gemeente 1", "Gewicht", "Jaar"],
        ["inwoners", "60.800", "1,0", "2024"],
        ["inwoners 75+ als % van inwoners", "10,0%", "1,0", "2024"],
        [
            "inwoners 0-17 als % van inwoners (telt niet mee: geen spreiding tussen de gebieden)",
            "20,0%",
            "1,0",
            "2024",
        ],
    ]
    assert rows[4][0] == "huishoudens met een laag inkomen (telt niet mee: geen waarde voor dit gebied)"
    got = assert_download_matches(client, rows, csv_url, xlsx_url)
    assert got[1] == ["inwoners", "60800", "1,0", "2024"]

    rows, csv_url, xlsx_url = table_with_caption(body, "De 5 gemeenten die het meest op Gemeente 1 lijken")
    assert rows[0] == ["Gemeente", "Afstand", "inwoners", "inwoners 75+ als % van inwoners",
                       "inwoners 0-17 als % van inwoners", "huishoudens met een laag inkomen", "Deze indicator"]  # fmt: skip
    assert rows[1] == ["Gemeente 1 (zelf)", "0", "60.800", "10,0%", "20,0%", "–", "7,5"]
    # Gemeente 4: 58.000 + 800 = 58.800 inwoners, 10,5% 75+, closest; its score 7,8 is now secret.
    assert rows[2][0].startswith("1. Gemeente 4 Lijkt vooral op")
    assert rows[2][2:] == ["58.800", "10,5%", "20,0%", "–", "geheim"]
    assert 'class="utrecht-table__cell km-num km-secret">geheim</td>' in body
    got = assert_download_matches(client, rows, csv_url, xlsx_url)
    assert got[1] == ["Gemeente 1 (zelf)", "0", "60800", "10,0%", "20,0%", "", "7,5"]
    assert got[2][2:] == ["58800", "10,5%", "20,0%", "", "geheim"]
    sheet = read_xlsx(client.get(xlsx_url).content)
    assert (sheet["C5"].value, sheet["G5"].value) == (58800, "geheim")
    assert "7,8" not in client.get(csv_url).content.decode("utf-8-sig")
    twin = client.get("/indicator/score.json").json()["similar"]
    assert twin["table"]["rows"][1]["note"] == twin["matches"][0]["explanation"]


def test_saved_comparison_group_is_used_and_reproducible(iw, client):
    chosen = ["bev_inwoners", "bev_75plus/bev_inwoners"]
    found = insights.similar_areas(iw.gemeente, chosen, k=2)
    group = insights.save_comparison_group(iw.gemeente, found, name="onze vergelijkingsgroep")
    again = insights.save_comparison_group(iw.gemeente, insights.similar_areas(iw.gemeente, chosen, k=2))
    assert again.pk == group.pk and group.members == [m["area"] for m in found["matches"]]
    rows = client.get("/indicator/score.json").json()["comparisons"]["comparisons"]
    assert rows[-1]["kind"] == "vergelijkingsgroep" and rows[-1]["code"] == group.fingerprint
    assert rows[-1]["name"] == "onze vergelijkingsgroep"


def test_forecast_page_shows_mape_and_protected_counts(iw, client):
    body = page(client, "/prognose/")
    data = client.get("/prognose.json").json()["forecast"]
    assert [f["year"] for f in data["forecast"]] == [2025, 2026, 2027, 2028, 2029]
    assert all(f["value"] % 5 == 0 for f in data["forecast"])
    assert all(r["value"] % 5 == 0 for r in data["backtest"]["rows"])
    assert data["backtest"]["mape"] is not None and f"MAPE) van {data['backtest']['mape_text']}" in body
    assert "lineair doorgetrokken" in body and data["rates"][0]["weight_text"] in body
    for f in data["forecast"]:
        assert f["text"] in body
    api = client.get("/api/v1/forecasts/wmo", {"area": "GM9101"}).json()
    assert api["forecast"] == data["forecast"] and api["backtest"] == data["backtest"]


def test_discovery_page_shows_r_n_and_the_warning(iw, client):
    url = "/ontdekken/?x=score&y=armoede&level=WK"
    body = page(client, url)
    data = client.get("/ontdekken.json?x=score&y=armoede&level=WK").json()["correlation"]
    result = data["result"]
    assert result["n"] == 6 and result["r"] < -0.9  # poorer wijken score lower in this world
    assert f"r = {result['r_text']}" in body and "n = 6" in body
    assert "Samenhang is geen oorzaak" in body and result["summary"] in body
    for point in result["points"]:
        assert point["name"] in body
    api = client.get("/api/v1/correlations", {"x": "score", "y": "armoede", "level": "WK"}).json()
    assert api["result"]["r"] == result["r"] and api["warning"] == data["warning"]
    too_few = client.get("/ontdekken.json?x=score&y=armoede&level=GM").json()["correlation"]
    assert (too_few["result"] is None and "Te weinig" in too_few["message"]) or too_few["message"]


def test_analysis_pages_are_linked_from_every_page(iw, client):
    body = page(client, "/")
    assert 'href="/prognose/"' in body and 'href="/ontdekken/"' in body


def test_demo_resultaten_get_the_promised_mix_of_statuses(db):
    call_command("demo", verbosity=0)
    results = list(Result.objects.prefetch_related("indicator_links__indicator").order_by("pk"))
    area = results[0].goal.theme.agenda.area.code
    statuses = insights.result_statuses(results, area)
    by_indicator = {}
    for result in results:
        first = result.indicator_links.all()[0]
        by_indicator[(first.indicator.code, first.breakdown)] = statuses[result.pk]["code"]
    # demo/README.md: on track (already reached counts as on track or better) ...
    assert by_indicator[("dim_sociale_kracht", "")] in {"achieved", "on_track"}
    assert by_indicator[("dim_fin_zelfredzaamheid", "")] in {"achieved", "on_track"}
    # ... off track ...
    assert by_indicator[("wmo_clienten_per_1000", "")] == "off_track"
    assert by_indicator[("dim_sociale_samenhang", "")] == "off_track"
    assert by_indicator[("dim_zelfredzaamheid", "leeftijd=75+")] == "off_track"
    # ... and too little data.
    assert by_indicator[("prt_bezoekers_ontmoetingsplaatsen", "")] == "insufficient_data"
    # ... on track: a steady own registration series ...
    assert by_indicator[("wmo_doorlooptijd_dagen", "")] == "on_track"
    # ... and honest doubt where surveys or noisy series cannot tell.
    assert by_indicator[("dim_bekendheid_voorzieningen", "")] == "no_reliable_signal"
    assert set(by_indicator.values()) == {
        "achieved",
        "on_track",
        "off_track",
        "no_reliable_signal",
        "insufficient_data",
    }
    assert all(s["reasoning"] for s in statuses.values())
