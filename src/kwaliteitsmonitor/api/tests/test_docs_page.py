# SPDX-License-Identifier: EUPL-1.2
"""The interactive documentation works offline (sidecar files) under the site's strict CSP."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; the page only needs the URLs here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_docs_page_has_no_inline_script_or_style(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    assert "<style" not in html and "style=" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert 'src="/api/v1/docs/?script="' in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_docs_init_script_points_at_the_schema(client):
    response = client.get("/api/v1/docs/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert 'url: "/api/v1/schema"' in response.content.decode()


def test_schema_endpoint_serves_yaml_and_json(client):
    yaml_response = client.get("/api/v1/schema")
    assert yaml_response.status_code == 200
    assert yaml_response.content.startswith(b"openapi: 3.0.3")
    assert client.get("/api/v1/schema", {"format": "json"}).json()["info"]["title"] == "Kwaliteitsmonitor API"
