# SPDX-License-Identifier: EUPL-1.2
"""Walk the key pages in a real Chromium and keep screenshots in ``test-artifacts/screenshots/``.

By default the test serves the small test world with Django's ``live_server``. To photograph a running
site (for example the demo: ``kwaliteitsmonitor demo`` and gunicorn on port 8011), set
``KM_SCREENSHOT_URL=http://127.0.0.1:8011``. Look at the pictures: tests cannot see overlaps.
"""

from __future__ import annotations

import os

import pytest

from .support import SCREENSHOTS, settle_images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def base_url(request) -> str:
    external = os.environ.get("KM_SCREENSHOT_URL")
    if external:
        return external.rstrip("/")
    request.getfixturevalue("world")
    return request.getfixturevalue("live_server").url


def _visit(page, url: str, name: str, errors: list[str]) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Dit zijn fictieve demogegevens" in page.locator(".km-demo-banner").inner_text()
    settle_images(page)  # lazy images below the fold: load them all before checking and photographing
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert not errors, errors  # CSP violations and failed requests show up here


def test_key_pages_screenshots(base_url, chromium):  # base_url first: the DB work precedes the event loop
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    _visit(page, base_url + "/", "01-home", errors)
    # The skip link is the first thing the keyboard reaches, and it is visible then.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Direct naar de inhoud"
    page.screenshot(path=str(SCREENSHOTS / "01-home-focus-skiplink.png"))

    opgave = page.locator(".km-nav a.utrecht-nav-list__link").nth(1).get_attribute("href")
    _visit(page, base_url + opgave, "02-opgave", errors)
    doel = page.locator(".km-card__title a").first.get_attribute("href")
    _visit(page, base_url + doel, "03-doel", errors)
    indicator = page.locator(".km-indicator a[href^='/indicator/']").first.get_attribute("href")
    _visit(page, base_url + indicator, "04-indicator", errors)

    mobile = chromium.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True)
    small = mobile.new_page()
    small.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    _visit(small, base_url + doel, "05-doel-mobiel", errors)
    mobile.close()
    context.close()


@pytest.fixture
def registered_source(world):
    """The score of the test world fed by a yearly delivery by hand, retrieved eight months ago."""
    import datetime as dt

    from django.utils import timezone

    from kwaliteitsmonitor.sources.models import Kind, Source

    source = Source.objects.create(
        name="Monitor Sociale Kracht",
        kind=Kind.MANUAL,
        frequency="jaarlijks",
        expected_delivery=timezone.localdate() + dt.timedelta(days=120),
        retrieved_at=timezone.now() - dt.timedelta(days=245),
    )
    source.indicators.add(world["score"])
    return source


def test_source_quality_block_screenshots(registered_source, live_server, chromium):
    """The "Actualiteit en volledigheid" block of an indicator page, wide and narrow (docs/img/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
        page = context.new_page()
        response = page.goto(live_server.url + "/indicator/participatie/", wait_until="networkidle")
        assert response is not None and response.status == 200
        settle_images(page)  # the charts above load first: the block does not move after the picture
        block = page.locator(".km-source-quality")
        block.scroll_into_view_if_needed()
        text = block.inner_text()
        assert "Opgehaald op" in text and "Volledigheid" in text and "Monitor Sociale Kracht" in text
        block.screenshot(path=str(SCREENSHOTS / f"bron-kwaliteit-{width}.png"))


# Issue 14: the pictures of the README, at a desktop and a phone width. Against a running demo site
# (KM_SCREENSHOT_URL); the themed one against a second server with KM_THEME_DIR=docs/thema-voorbeeld
# (KM_SCREENSHOT_THEMED_URL). Each picture is the top of the page (what a reader sees first), or the
# part of the page named.
WIDTHS = {"breed": (1280, 900), "smal": (375, 812)}


def _shot(page, url: str, path, selector: str | None = None) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    settle_images(page)
    if selector:
        page.locator(selector).first.scroll_into_view_if_needed()
        page.locator(selector).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))


@pytest.mark.skipif(
    not os.environ.get("KM_SCREENSHOT_URL"), reason="KM_SCREENSHOT_URL (a demo site) ontbreekt"
)
def test_issue14_screenshots(chromium):
    import json
    import urllib.request

    base = os.environ["KM_SCREENSHOT_URL"].rstrip("/")

    def get(path: str) -> dict:
        with urllib.request.urlopen(base + path) as response:  # the local demo site
            return json.load(response)

    others = [
        g["code"] for g in get("/wijken.json?indicator=wmo_clienten_per_1000_18plus")["other_gemeenten"]
    ][:2]
    opgave = get("/index.json")["themes"][0]["url"]
    across = "/wijken/?indicator=wmo_clienten_per_1000_18plus&" + "&".join(f"gemeente={c}" for c in others)
    pages = [
        ("home", "/", None),
        ("opgave", opgave, None),
        ("doel", None, None),
        ("indicator-intervallen", "/indicator/ggd_eenzaam/", ".km-figure--trend"),
        ("wijken-gemeenten", across, "#vergelijking ~ .km-table-container"),
    ]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width_name, (width, height) in WIDTHS.items():
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        page = context.new_page()
        for name, path, selector in pages:
            if path is None:  # the first doel of the opgave
                page.goto(base + opgave, wait_until="load")
                path = page.locator(".km-card__title a").first.get_attribute("href")
            _shot(page, base + path, SCREENSHOTS / f"{name}-{width_name}.png", selector)
        themed = os.environ.get("KM_SCREENSHOT_THEMED_URL")
        if themed:
            _shot(page, themed.rstrip("/") + "/", SCREENSHOTS / f"thema-{width_name}.png")
        context.close()
