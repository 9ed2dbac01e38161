# SPDX-License-Identifier: EUPL-1.2
"""Process rounds in a real Chromium on the demo site: axe-core finds no violations on the region's round
page and theme form, nor on the adviser's overview, review and new-round form; screenshots of the round
form (a regio user) and of the adviser's review at 1280 and 375 px into ``docs/img/`` (in the README)."""

from __future__ import annotations

import pytest

from .support import click_and_load
from .test_workspace import IMG, _first_link, _login, _visit

pytestmark = pytest.mark.browser


def _open_theme_form(page, base: str, last: bool = False) -> None:
    page.goto(base + "/werkplek/processen/", wait_until="load")
    page.goto(base + _first_link(page, "main ul a"), wait_until="load")  # the newest round
    assert "ingevuld" in page.content()
    themes = page.locator("main table a")
    href = (themes.last if last else themes.first).get_attribute("href")
    page.goto(base + str(href), wait_until="load")  # its first (or last: not yet saved) theme


def _open_review(page, base: str) -> None:
    page.goto(base + "/werkplek/processen/", wait_until="load")
    page.goto(base + _first_link(page, "a[href*='/werkplek/processen/ronde/']"), wait_until="load")
    page.goto(base + _first_link(page, "main table a:has-text('Beoordelen')"), wait_until="load")


def test_axe_on_every_process_round_page(chromium, demo_site):
    from axe_playwright_python.sync_playwright import Axe

    from .test_workspace import _scan

    axe, base = Axe(), demo_site
    reports: list[str] = []
    scanned: list[str] = []
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-regio")
    _open_theme_form(page, base)
    assert "Overgenomen uit de vorige goedgekeurde ronde" in page.content()
    _scan(axe, page, "thema van een procesronde", reports, scanned)
    click_and_load(page, "button[name=next]")
    _scan(axe, page, "volgende thema", reports, scanned)
    page.goto(base + "/werkplek/processen/", wait_until="load")
    _visit(axe, page, base + _first_link(page, "main ul a"), reports, scanned)
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-beheerder")
    _visit(axe, page, base + "/werkplek/processen/", reports, scanned)
    _visit(axe, page, base + "/werkplek/processen/nieuwe-ronde/", reports, scanned)
    _open_review(page, base)
    assert "veranderd" in page.content()
    _scan(axe, page, "beoordelen", reports, scanned)
    page.go_back()
    _scan(axe, page, "overzicht van een ronde", reports, scanned)
    context.close()
    assert len(scanned) >= 7
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("width", [1280, 375])
def test_process_round_screenshots(chromium, demo_site, width):
    base = demo_site
    IMG.mkdir(parents=True, exist_ok=True)
    for role in ("regio", "beheerder"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
        page = context.new_page()
        _login(page, base, f"demo-{role}")
        if role == "regio":
            _open_theme_form(page, base, last=True)
            assert "Overgenomen uit de vorige goedgekeurde ronde" in page.content()
            name = "procesronde-regio"
        else:
            _open_review(page, base)
            name = "procesronde-beoordelen"
        # Our content never makes the page wider than the phone (a wide table scrolls in its own box).
        # The beheerder's navigation (eight links) is the workspace's own and scrolls by itself.
        wide = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > "
            "document.documentElement.clientWidth + 1 && !e.parentElement.closest('.km-ws-table-wrap'))"
            ".map(e => e.tagName + '.' + e.className)"
        )
        assert not wide, f"{role} {width}px: te breed: {wide}"
        nav = page.evaluate(
            "(() => { const n = document.querySelector('.km-nav .utrecht-nav-list'); "
            "return n ? [n.scrollWidth, n.clientWidth, document.documentElement.scrollWidth] : null })()"
        )
        print(f"{role} {width}px: navigatie scrollWidth, clientWidth, pagina: {nav}")
        page.screenshot(path=str(IMG / f"{name}-{width}.png"), full_page=width == 1280)
        context.close()
