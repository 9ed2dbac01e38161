# SPDX-License-Identifier: EUPL-1.2
"""axe-core on every page type of the real demo site (WCAG 2.0/2.1, levels A and AA).

The crawl starts at home and follows internal links (and the actions of GET forms, such as search)
only (same origin, HTML pages; not the admin, the
API, static files, charts, JSON twins or downloads), so it finds the page types a visitor can reach
and new page types are scanned without listing them here. Per URL pattern (the Django ``url_name``)
the first few pages found are fetched for their links and scanned with axe-core. The test fails with a
list of URL, rule and nodes for every violation, and when a page type that exists in
``monitor/urls.py`` cannot be reached by links from home. Every page is scanned at 1280 and at 375 CSS
pixels wide (a phone), and the API documentation (``/api/v1/docs/``, linked from every footer) too.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, get_resolver, resolve

pytestmark = pytest.mark.browser

PER_PATTERN = 2  # pages per URL pattern: the first one found and one more
WIDTHS = (1280, 375)
EXTRA_PAGES = ["/api/v1/docs/"]  # outside the crawl (it skips /api/), scanned all the same
MAX_FETCHES = 200
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_PREFIXES = ("/beheer/", "/api/", "/static/", "/grafiek/", "/media/")
SKIP_SUFFIXES = (".json", ".csv", ".xlsx", ".svg", ".png", ".pdf", ".zip")
# Every public page type, each reached by links (or a GET form) from home.
REQUIRED = [
    "home", "opgave", "doel", "indicator", "prognose", "ontdekken", "toegankelijkheid", "wijk", "wijken",
    "stand", "vergelijken", "beelden", "beeld", "processen", "procesmonitor", "procesregio", "zoeken",
    "bouwer", "indicatoren",
]  # fmt: skip


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")
        # A search or choice form (GET) is a way in as well: its action counts as a link.
        if (
            tag == "form"
            and (attributes.get("method") or "get").lower() == "get"
            and attributes.get("action")
        ):
            self.hrefs.append(attributes["action"] or "")


def _pattern(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # the local demo site
            kind = response.headers.get_content_type()
            return (
                response.status,
                kind,
                response.read().decode("utf-8", "replace") if kind == "text/html" else "",
            )
    except urllib.error.HTTPError as exc:
        return exc.code, "", ""


def crawl(base: str) -> tuple[dict[str, list[str]], list[str]]:
    """URLs per URL pattern reached by links from home (at most PER_PATTERN each), and broken links."""
    origin = urlsplit(base).netloc
    found: dict[str, list[str]] = {}
    broken: list[str] = []
    queue, seen = deque([("/", "start")]), {"/"}
    fetches = 0
    while queue and fetches < MAX_FETCHES:
        target, referrer = queue.popleft()
        name = _pattern(urlsplit(target).path)
        if name is None or len(found.get(name, [])) >= PER_PATTERN:
            continue
        fetches += 1
        status, kind, body = _fetch(base + target)
        if status != 200:
            broken.append(f"{target} ({status}), gelinkt vanaf {referrer}")
            continue
        if kind != "text/html":
            continue
        found.setdefault(name, []).append(target)
        parser = _Links()
        parser.feed(body)
        for href in parser.hrefs:
            parts = urlsplit(urljoin(base + target, href))
            if parts.scheme not in {"http", "https"} or parts.netloc != origin:
                continue
            if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link not in seen:
                seen.add(link)
                queue.append((link, target))
    return found, broken


def expected_page_types() -> list[str]:
    """REQUIRED, plus any HTML page type added later (not JSON twins, charts or downloads)."""
    names = [
        p.name
        for p in get_resolver("kwaliteitsmonitor.monitor.urls").url_patterns
        if getattr(p, "name", None)
        and not p.name.endswith("-json")
        and p.name not in {"chart", "table-download"}
    ]
    return REQUIRED + [n for n in names if n not in REQUIRED]


def describe(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{url}: {v['id']} ({v.get('impact')}) – {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:240]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... en nog {len(v['nodes']) - 5} elementen")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def site_pages(demo_site) -> tuple[str, dict[str, list[str]], list[str]]:
    found, broken = crawl(demo_site)
    return demo_site, found, broken


def test_every_page_type_is_reached_from_home(site_pages):
    _, found, broken = site_pages
    missing = [name for name in expected_page_types() if name not in found]
    assert not missing, f"niet bereikt via links vanaf home: {missing}; wel bereikt: {sorted(found)}"
    assert not broken, "kapotte interne links:\n" + "\n".join(broken)


def test_axe_finds_no_violations_on_any_page_type(chromium, site_pages):
    from axe_playwright_python.sync_playwright import Axe

    base, found, _ = site_pages
    axe = Axe()
    reports, scanned = [], []
    paths = [path for name in sorted(found) for path in found[name]] + EXTRA_PAGES
    for width in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
        page = context.new_page()
        for path in paths:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.status == 200, path
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            scanned.append(f"{path} ({width} px)")
            if result.violations_count:
                reports.append(describe(f"{path} ({width} px)", result.response["violations"]))
        context.close()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    # The scan itself works under the site's CSP: an image without alt text on home is found.
    page.goto(base + "/", wait_until="load")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    planted = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert "image-alt" in [v["id"] for v in planted.response["violations"]]
    context.close()
    assert len(scanned) >= len(WIDTHS) * (len(REQUIRED) + len(EXTRA_PAGES))
    assert not reports, (
        f"axe-core vond schendingen op {len(reports)} van {len(scanned)} pagina's:\n" + "\n".join(reports)
    )
