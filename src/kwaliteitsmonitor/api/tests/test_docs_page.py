# SPDX-License-Identifier: EUPL-1.2
"""The API documentation is a server-rendered page: it works offline and under the site's strict CSP."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; the page only needs the URLs here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_docs_page_is_server_rendered_without_script_or_inline_style(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html and "<style" not in html and "style=" not in html
    assert '<html lang="nl"' in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_docs_page_lists_every_operation_of_the_schema(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema").content)
    html = client.get("/api/v1/docs/").content.decode()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} {path}" in html
            assert operation["summary"] in html
    # parameters with their type and bounds, answers with their code
    assert '<code class="utrecht-code">page_size</code>' in html and "integer 1–10000" in html
    assert '<code class="utrecht-code">429</code>' in html
    assert 'href="/api/v1/areas">probeer het</a>' in html


def test_schema_endpoint_serves_yaml_and_json(client):
    yaml_response = client.get("/api/v1/schema")
    assert yaml_response.status_code == 200
    assert yaml_response.content.startswith(b"openapi: 3.0.3")
    assert client.get("/api/v1/schema", {"format": "json"}).json()["info"]["title"] == "Kwaliteitsmonitor API"
