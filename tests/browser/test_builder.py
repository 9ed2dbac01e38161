# SPDX-License-Identifier: EUPL-1.2
"""The builder (zelf samenstellen) and the header search in a real Chromium, on the small test world
served by ``live_server`` (the fixture pattern of ``test_screenshots.py``): choose an indicator and
areas, submit, see the chart and the table, and open the shared URL to get the same view again.
Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import pytest

from .support import SCREENSHOTS
from .test_screenshots import _visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(world, live_server) -> str:
    return live_server.url


def _table(page) -> list[list[str]]:
    rows = page.locator(".km-builder__section > .km-table-container tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_builder_choose_submit_and_share(site, chromium):  # site first: DB before the loop
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(site + "/bouwer/", wait_until="networkidle")
    assert "Kies ten minste één indicator en één gebied" in page.locator("main").inner_text()
    page.get_by_label("Indicatoren").select_option("participatie")
    page.get_by_label("Teststad", exact=True).check()
    page.get_by_label("Nederland", exact=True).check()
    page.get_by_label("Andere gemeenten").select_option("GM9004")
    page.get_by_label("Lijngrafiek").check()
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state("networkidle")

    assert "indicator=participatie" in page.url and "view=lijn" in page.url
    assert page.get_by_role("heading", name="Participatie", level=2).is_visible()
    chart = page.locator(".km-builder__section figure img.km-chart")
    assert chart.count() == 1
    assert chart.get_attribute("alt").startswith(
        "Lijngrafiek: Participatie in Teststad stijgt van 7,1 in 2016"
    )
    _visit(page, page.url, "bouwer-lijn", errors)  # every image loads; screenshot; no console errors
    table = _table(page)
    assert [row[0] for row in table] == ["Teststad", "Nederland", "Grootstad"]
    assert [row[-1] for row in table] == ["8,2", "7,4", "9,9"]  # 2024, the last column

    shared = page.get_by_label("Deel deze weergave").input_value()
    assert shared.startswith(site + "/bouwer/?indicator=participatie&area=GM9001&area=NL00&area=GM9004")
    src = chart.get_attribute("src")
    other = context.new_page()
    other.goto(shared, wait_until="networkidle")
    assert _table(other) == table
    assert other.locator(".km-builder__section figure img.km-chart").get_attribute("src") == src
    assert other.get_by_label("Lijngrafiek").is_checked()
    assert other.get_by_label("Nederland", exact=True).is_checked()
    assert not errors, errors


def test_header_search_finds_an_indicator(site, chromium):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/", wait_until="networkidle")
    search = page.get_by_role("search", name="Zoeken in de monitor")
    search.get_by_label("Zoeken").fill("CLIËNTEN wmo")
    search.get_by_label("Zoeken").press("Enter")
    page.wait_for_load_state("networkidle")
    assert "/zoeken/?q=" in page.url
    assert page.get_by_role("status").inner_text() == "1 resultaat voor ‘CLIËNTEN wmo’."
    link = page.get_by_role("link", name="Cliënten met een Wmo-maatwerkvoorziening")
    assert link.locator("mark").all_inner_texts() == ["Cliënten", "Wmo"]
    page.screenshot(path=str(SCREENSHOTS / "zoeken.png"), full_page=True)
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/indicator/wmo-clienten/")
