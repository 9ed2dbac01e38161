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
        context.close()
