# SPDX-License-Identifier: EUPL-1.2
import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/areas"


def codes(response):
    assert response.status_code == 200, response.content
    return [a["code"] for a in response.json()["results"]]


def test_lists_every_area_ordered_by_code(api, dataset):
    body = api.get(URL).json()
    assert body["count"] == 8
    assert body["next"] is None and body["previous"] is None
    assert [a["code"] for a in body["results"]] == sorted(dataset.areas)
    assert body["results"][0] == {
        "code": "BU99910101",
        "name": "Oude Haven",
        "level": "BU",
        "parent": "WK999101",
        "valid_from": None,
        "valid_to": None,
        "is_pseudo": False,
    }


def test_nederland_has_no_parent(api, dataset):
    (nl,) = api.get(URL, {"level": "NL"}).json()["results"]
    assert nl["parent"] is None


def test_filter_by_level(api, dataset):
    assert codes(api.get(URL, {"level": "GM"})) == ["GM9991", "GM9992", "GM9993"]


def test_filter_by_parent(api, dataset):
    assert codes(api.get(URL, {"parent": "GM9991"})) == ["WK999101", "WK999102", "WK999199"]
    assert codes(api.get(URL, {"parent": "GM0000"})) == []


def test_search_by_name_ignores_case(api, dataset):
    assert codes(api.get(URL, {"q": "STAD"})) == ["GM9991", "GM9993"]


def test_filter_by_year_keeps_areas_valid_in_that_year(api, dataset):
    assert codes(api.get(URL, {"level": "GM", "year": 2018})) == ["GM9991", "GM9992"]
    assert codes(api.get(URL, {"level": "GM", "year": 2024})) == ["GM9991", "GM9993"]


def test_pseudo_area_is_marked(api, dataset):
    water = next(a for a in api.get(URL, {"parent": "GM9991"}).json()["results"] if a["code"] == "WK999199")
    assert water["is_pseudo"] is True


def test_empty_parameters_are_ignored(api, dataset):
    assert api.get(URL, {"level": "", "q": "", "parent": ""}).json()["count"] == 8


def test_invalid_level_is_a_dutch_400(api, dataset):
    response = api.get(URL, {"level": "XX"})
    assert response.status_code == 400
    assert response.json() == {
        "level": ["'XX' is geen geldig gebiedsniveau; kies uit NL, PV, CR, JZ, GG, GM, WK, BU."]
    }


def test_invalid_year_is_a_400(api, dataset):
    response = api.get(URL, {"year": "vorig jaar"})
    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_pagination_links(api, dataset):
    first = api.get(URL, {"page_size": 3}).json()
    assert first["count"] == 8 and len(first["results"]) == 3
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/areas?page=2&page_size=3"
    second = api.get(first["next"]).json()
    assert second["previous"] == "http://testserver/api/v1/areas?page_size=3"
    last = api.get(URL, {"page_size": 3, "page": 3}).json()
    assert last["next"] is None and len(last["results"]) == 2
    everything = first["results"] + second["results"] + last["results"]
    assert [a["code"] for a in everything] == sorted(dataset.areas)


def test_page_past_the_end_is_a_dutch_404(api, dataset):
    response = api.get(URL, {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Pagina '99' bestaat niet."}
