# SPDX-License-Identifier: EUPL-1.2
"""Page weight (DESIGN.md §6): the HTML of a page plus the stylesheets and scripts it links ≤ 300 KB.
The benchmark measures the same on the national workload (bench/bench_pages.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

LIMIT = 300 * 1024
PAGES = [
    "/",
    "/opgave/inrichting-sociaal-domein/",
    "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/",
    "/indicator/participatie/",
    "/indicator/wmo-clienten/",
]
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="/static/([^"]+)"')


@pytest.mark.parametrize("url", PAGES)
def test_html_css_and_js_of_a_page_stay_under_300_kb(world, client, url):
    html = client.get(url).content
    assets = set(ASSET.findall(html.decode()))
    assert any(a.endswith("site.css") for a in assets)  # the pattern finds the stylesheets
    total = len(html)
    for name in assets:
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as handle:
            total += len(handle.read())
    assert total <= LIMIT, f"{url}: {total:,} bytes"
