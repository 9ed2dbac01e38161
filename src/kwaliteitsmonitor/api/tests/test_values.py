# SPDX-License-Identifier: EUPL-1.2
"""The values endpoint: filters, pagination and, above all, disclosure control."""

import json

import pytest

from kwaliteitsmonitor.indicators.models import Observation
from kwaliteitsmonitor.publications.testing import publish

from .dataset import R, load

pytestmark = pytest.mark.django_db


def url(code: str) -> str:
    return f"/api/v1/indicators/{code}/values"


def results(api, code, **params):
    response = api.get(url(code), params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def one(api, code, **params):
    (row,) = results(api, code, **params)
    return row


def test_value_fields(api, dataset):
    row = one(api, "wmo_clienten", area="GM9991", period="2023JJ00")
    assert row == {
        "area": "GM9991",
        "area_name": "Voorbeeldstad",
        "level": "GM",
        "period": "2023JJ00",
        "period_label": "2023",
        "breakdown": "",
        "value": 1235.0,  # 1234 rounded to a multiple of 5
        "value_attribute": "",
        "unit": "count",
        "status": "definitief",
        "ci_low": None,
        "ci_high": None,
        "n": None,
        "revised": False,
        "computed": False,
        "source": "Gemeente Voorbeeldstad, Wmo-registratie",
        "disclosure_note": "Afgerond op vijftallen.",
    }


def test_small_count_is_null_with_a_dot_never_the_number(api, dataset):
    response = api.get(url("wmo_clienten"), {"area": "WK999101"})
    (row,) = response.json()["results"]
    assert row["value"] is None
    assert row["value_attribute"] == "."
    assert row["n"] is None
    assert "0 tot en met 7 personen" in row["disclosure_note"]
    raw = Observation.objects.get(area__code="WK999101", indicator__code="wmo_clienten").value
    assert raw == 3.0
    assert str(raw) not in json.dumps(row) and '"value": 3' not in response.content.decode()


def test_every_own_count_is_rounded_or_secret(api, dataset):
    for row in results(api, "wmo_clienten"):
        assert row["value"] is None or row["value"] % 5 == 0, row


def test_rate_is_recomputed_from_rounded_counts(api, dataset):
    row = one(api, "wmo_clienten_per_1000", area="GM9991")
    assert row["value"] == pytest.approx(1300 / 30000 * 1000)
    assert row["value"] != pytest.approx(43.36522)
    assert row["disclosure_note"] == "Berekend uit aantallen afgerond op vijftallen."


def test_rate_on_a_secret_count_is_secret(api, dataset):
    row = one(api, "wmo_clienten_per_1000", area="WK999101")
    assert row["value"] is None and row["value_attribute"] == "."


def test_survey_below_minimum_respondents_is_secret_with_its_interval(api, dataset):
    shown, hidden = results(api, "eenzaamheid")
    assert (shown["value"], shown["ci_low"], shown["ci_high"], shown["n"]) == (12.3, 10.1, 14.5, 400)
    assert hidden["area"] == "WK999101"
    assert (hidden["value"], hidden["ci_low"], hidden["ci_high"], hidden["n"]) == (None, None, None, None)
    assert hidden["value_attribute"] == "."


def test_source_suppressed_value_keeps_its_attribute(api, dataset):
    row = one(api, "sociale_kracht", area="WK999102")
    assert row["value"] is None and row["value_attribute"] == "."


def test_stable_order_area_period_breakdown(api, dataset):
    rows = results(api, "sociale_kracht", area="GM9991")
    assert [(r["period"], r["breakdown"]) for r in rows] == [
        ("2023JJ00", ""),
        ("2024HJ01", ""),
        ("2024HJ01", "leeftijd=65+"),
        ("2024JJ00", ""),
        ("2024JJ00", "leeftijd=65+"),
    ]
    assert rows[1]["period_label"] == "1e halfjaar 2024"


def test_area_repeated_or_comma_separated(api, dataset):
    repeated = api.get(url("wmo_clienten") + "?area=WK999101&area=WK999102&period=2024").json()
    comma = api.get(url("wmo_clienten") + "?area=WK999101,WK999102&period=2024").json()
    assert repeated == comma
    assert [r["area"] for r in repeated["results"]] == ["WK999101", "WK999102"]


def test_filter_by_level(api, dataset):
    assert [r["area"] for r in results(api, "wmo_clienten", level="WK")] == ["WK999101", "WK999102"]


def test_period_accepts_a_plain_year(api, dataset):
    assert {r["period"] for r in results(api, "sociale_kracht", period="2024")} == {"2024JJ00"}
    assert {r["period"] for r in results(api, "sociale_kracht", period="2024hj01")} == {"2024HJ01"}


def test_breakdown_filter(api, dataset):
    totals = results(api, "sociale_kracht", area="GM9991", breakdown="")
    assert {r["breakdown"] for r in totals} == {""}
    assert len(totals) == 3
    older = results(api, "sociale_kracht", breakdown="leeftijd=65+")
    assert [(r["period"], r["value"]) for r in older] == [("2024HJ01", 6.8), ("2024JJ00", 6.9)]


def test_revised_value(api, dataset):
    load([R("wmo_clienten", "GM9991", "2024JJ00", 1311.0, status="definitief")], connector="correctie")
    publish()
    row = one(api, "wmo_clienten", area="GM9991", period="2024")
    assert (row["value"], row["status"], row["revised"]) == (1310.0, "definitief", True)


def test_pagination_walks_every_value_once_in_order(api, dataset):
    everything = results(api, "sociale_kracht")
    walked, link = [], url("sociale_kracht") + "?page_size=2"
    while link:
        body = api.get(link).json()
        assert body["count"] == len(everything) == 7
        walked += body["results"]
        link = body["next"]
    assert walked == everything
    keys = [(r["area"], r["period"], r["breakdown"]) for r in walked]
    assert keys == sorted(keys)


def test_page_size_above_the_maximum_is_refused(api, dataset):
    # The schema says "maximum: 10000"; a larger number is a 400, not silently fewer rows (issue 14).
    response = api.get(url("sociale_kracht"), {"page_size": 50_000})
    assert response.status_code == 400 and "page_size" in response.json()


def test_invalid_period_is_a_dutch_400(api, dataset):
    response = api.get(url("wmo_clienten"), {"period": "2024XX01"})
    assert response.status_code == 400
    (message,) = response.json()["period"]
    assert message.startswith("'2024XX01' is geen geldige periode")


def test_impossible_half_year_is_a_400(api, dataset):
    response = api.get(url("wmo_clienten"), {"period": "2024HJ03"})
    assert response.status_code == 400
    assert "volgnummer 03 bestaat niet" in response.json()["period"][0]


def test_invalid_level_is_a_dutch_400(api, dataset):
    response = api.get(url("wmo_clienten"), {"level": "gemeente"})
    assert response.status_code == 400
    assert "geen geldig gebiedsniveau" in response.json()["level"][0]


def test_unknown_indicator_is_a_dutch_404(api, dataset):
    response = api.get(url("onbekend"), {"period": "2024"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Er is geen indicator met code 'onbekend'."}
