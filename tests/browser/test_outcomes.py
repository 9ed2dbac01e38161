# SPDX-License-Identifier: EUPL-1.2
"""The partner outcome flow and the public voorziening pages in a real Chromium, on the demo site: axe
scans (0 violations) of every new page type, with and without errors, and screenshots at 1280 and 375 px
into ``docs/img/`` (shown in the README and docs/werkplek.md; look at them)."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.outcomes.tests.conftest import xlsx

from .support import click_and_load
from .test_workspace import IMG, _first_link, _login, _scan, _visit

pytestmark = pytest.mark.browser
OWN = "demo-ambulant-centrum"
PERIOD_FIELD = "#id_period"


def _upload(page, base, tmp_path, name, data) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.goto(base + "/werkplek/uitkomsten/aanleveren/", wait_until="load")
    period = page.locator(f"{PERIOD_FIELD} option").first.get_attribute("value")
    page.select_option(PERIOD_FIELD, period)
    page.set_input_files("#id_file", str(path))
    click_and_load(page, "button[type=submit].utrecht-button--primary-action")


def _period(page, base) -> str:
    page.goto(base + "/werkplek/uitkomsten/aanleveren/", wait_until="load")
    return page.locator(f"{PERIOD_FIELD} option").first.get_attribute("value") or ""


def test_axe_finds_no_violations_on_the_outcome_pages(chromium, demo_site, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    axe, base = Axe(), demo_site
    reports: list[str] = []
    scanned: list[str] = []
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-partner")
    for path in (
        "/werkplek/uitkomsten/",
        "/werkplek/uitkomsten/invullen/",
        "/werkplek/uitkomsten/aanleveren/",
    ):
        _visit(axe, page, base + path, reports, scanned)
    period = _period(page, base)
    bad = [[OWN, "", "", 40, 50, 30, "", "", 120, ""]]
    _upload(page, base, tmp_path, "fout.xlsx", xlsx(bad, period=period))
    assert "groter dan de noemer" in page.content()
    _scan(axe, page, "aanlevering met fouten", reports, scanned)
    headers = ["BSN", "Code voorziening", "Cliënten"]
    _upload(
        page, base, tmp_path, "personen.xlsx", xlsx([["123456782", OWN, 1]], headers=headers, period=period)
    )
    assert "ADR 0003" in page.content()
    _scan(axe, page, "bestand met persoonsgegevens", reports, scanned)
    good = [[OWN, "", "", 90, 37, 45, 4, 50, 84, 41]]
    _upload(page, base, tmp_path, "goed.xlsx", xlsx(good, period=period))
    assert "ingediend" in page.content()
    _scan(axe, page, "ingediende aanlevering (partner)", reports, scanned)
    submission = page.url
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-redacteur")
    _visit(axe, page, base + "/werkplek/uitkomsten/", reports, scanned)
    _visit(axe, page, submission, reports, scanned)
    page.fill("#id_reason", "   ")  # passes the browser's own check, not the server's
    click_and_load(page, "button[name=return]")
    assert "Dit veld is vereist" in page.content()
    _scan(axe, page, "terugsturen zonder reden", reports, scanned)
    _visit(axe, page, base + "/werkplek/voorzieningen/nieuw/", reports, scanned)
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _visit(axe, page, base + f"/voorziening/{OWN}/", reports, scanned)
    _visit(axe, page, base + "/voorziening/demo-ambulant-kleine-kern/", reports, scanned)
    assert "geheim" in page.content()
    _visit(axe, page, base + _first_link(page, "main a[href*='/opgave/']"), reports, scanned)
    assert "Uitkomsten per voorziening" in page.content()
    context.close()
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("width", [1280, 375])
def test_outcome_screenshots(chromium, demo_site, tmp_path, width):
    base = demo_site
    IMG.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> None:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} {width}px: {overflow}px horizontaal te breed"
        page.screenshot(path=str(IMG / f"{name}-{width}.png"), full_page=True)

    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-partner")
    page.goto(base + "/werkplek/uitkomsten/", wait_until="load")
    shoot(page, "uitkomsten-partner")
    period = _period(page, base)
    _upload(
        page, base, tmp_path, "fout.xlsx", xlsx([[OWN, "", "", 40, 50, 30, "", "", 120, ""]], period=period)
    )
    shoot(page, "uitkomsten-fouten")
    _upload(
        page, base, tmp_path, "goed.xlsx", xlsx([[OWN, "", "", 90, 37, 45, 4, 50, 84, 41]], period=period)
    )
    submission = page.url
    context.close()

    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _login(page, base, "demo-redacteur")
    page.goto(submission, wait_until="load")
    assert "Accepteren en opslaan" in page.content()
    shoot(page, "uitkomsten-beoordelen")
    context.close()

    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(base + f"/voorziening/{OWN}/", wait_until="load")
    shoot(page, "voorziening")
    page.goto(base + _first_link(page, "main a[href*='/opgave/']"), wait_until="load")
    block = page.locator("article.km-block", has=page.locator(".km-voorzieningen")).first
    block.scroll_into_view_if_needed()
    block.screenshot(path=str(IMG / f"doel-voorzieningen-{width}.png"))
    context.close()
