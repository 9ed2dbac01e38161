# SPDX-License-Identifier: EUPL-1.2
import pytest

from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators"


def test_lists_published_indicators_only(api, dataset):
    body = api.get(URL).json()
    codes = [i["code"] for i in body["results"]]
    assert codes == sorted(c for c in dataset.indicators if c != "concept")
    assert body["count"] == 5


def test_filter_by_category(api, dataset):
    body = api.get(URL, {"category": "zorg"}).json()
    assert [i["code"] for i in body["results"]] == ["wmo_clienten", "wmo_clienten_per_1000"]


def test_indicator_fields(api, dataset):
    body = api.get(f"{URL}/wmo_clienten_per_1000").json()
    assert body == {
        "code": "wmo_clienten_per_1000",
        "name": "Wmo-cliënten per 1.000 inwoners",
        "short_name": "Wmo per 1.000",
        "category": "Zorg",
        "definition": "",
        "explanation": "",
        "unit": "per_1000",
        "unit_label": "",
        "decimals": 1,
        "polarity": "neutral",
        "nature": "fact",
        "source": "Gemeente Voorbeeldstad",
        "source_table": "Wmo-registratie",
        "source_url": "",
        "period_type": "year",
        "area_levels": ["GM", "WK"],
        "disclosure": "cbs-persons",
        "disclosure_description": (
            "Aantallen personen zijn afgerond op vijftallen; waarden 0 tot en met 7 zijn geheim."
        ),
        "numerator": "wmo_clienten",
        "denominator": "inwoners",
        "factor": 1000.0,
        "links": {
            "self": "http://testserver/api/v1/indicators/wmo_clienten_per_1000",
            "values": "http://testserver/api/v1/indicators/wmo_clienten_per_1000/values",
        },
    }


@pytest.mark.parametrize(
    ("code", "rule"),
    [("wmo_clienten", "cbs-persons"), ("eenzaamheid", "min-n:30"), ("sociale_kracht", "none")],
)
def test_effective_disclosure_rule(api, dataset, code, rule):
    body = api.get(f"{URL}/{code}").json()
    assert body["disclosure"] == rule
    assert body["numerator"] is None and body["denominator"] is None and body["factor"] is None


def test_explicit_disclosure_rule_wins(api, dataset):
    indicator = dataset.indicators["wmo_clienten"]
    indicator.disclosure = "round:10"
    indicator.save()
    publish()  # a definition reaches the public with the next publication
    body = api.get(f"{URL}/wmo_clienten").json()
    assert body["disclosure"] == "round:10"
    assert body["disclosure_description"] == "Waarden zijn afgerond op veelvouden van 10."


def test_unknown_indicator_is_a_dutch_404(api, dataset):
    response = api.get(f"{URL}/bestaat_niet")
    assert response.status_code == 404
    assert response.json() == {"detail": "Er is geen indicator met code 'bestaat_niet'."}


def test_unpublished_indicator_is_not_found(api, dataset):
    assert api.get(f"{URL}/concept").status_code == 404
    assert api.get(f"{URL}/concept/values").status_code == 404
