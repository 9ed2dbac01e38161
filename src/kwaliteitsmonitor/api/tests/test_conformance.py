# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 4: the API keeps the promises of its schema and of docs/api.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kwaliteitsmonitor.api import filters, pagination

pytestmark = pytest.mark.django_db
COMMITTED = Path(__file__).resolve().parents[4] / "openapi.yaml"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/indicators/een spatie", "/api/v1/indicators/a.b/values", "/api/v1/onbekend", "/api/v2/"],
)
def test_unknown_addresses_are_json_404(dataset, api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "bestaat niet" in response.json()["detail"]


def test_every_operation_documents_414_and_429():
    schema = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert {"414", "429"} <= set(operation["responses"]), (path, method)


@pytest.mark.parametrize("size", ["0", str(pagination.MAX_PAGE_SIZE + 1), "veel"])
def test_page_size_outside_the_documented_range_is_refused(dataset, api, size):
    response = api.get("/api/v1/areas", {"page_size": size})
    assert response.status_code == 400
    assert "kies 1 tot en met 10000" in response.json()["page_size"][0]


def test_page_size_at_the_maximum_is_accepted(dataset, api):
    assert api.get("/api/v1/areas", {"page_size": pagination.MAX_PAGE_SIZE}).status_code == 200


def test_empty_boolean_is_refused(dataset, api):
    response = api.get("/api/v1/forecasts/wmo", {"trend": ""})
    assert response.status_code == 400
    assert "trend" in response.json()


@pytest.mark.parametrize("joined", [True, False])
def test_area_takes_500_codes_as_documented(dataset, api, joined):
    codes = [f"GM{i:04d}" for i in range(filters.MAX_AREAS)]
    params = {"area": ",".join(codes)} if joined else {"area": codes}
    response = api.get("/api/v1/indicators/sociale_kracht/values", params)
    assert response.status_code == 200, response.content
    too_many = [*codes, "GM9999"]
    refused = api.get("/api/v1/indicators/sociale_kracht/values", {"area": ",".join(too_many)})
    assert refused.status_code == 400 and "Hoogstens 500 gebieden" in refused.json()["area"][0]
