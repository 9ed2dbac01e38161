# SPDX-License-Identifier: EUPL-1.2
"""A visitor's walk through the demo site in Chromium: home → opgave → doel → indicator → wijk, by
clicking; download a table as CSV and check it against the table on the page; keyboard focus is
visible; the pages reflow at 320 pixels wide. Screenshots go to ``test-artifacts/screenshots/drilldown-*.png``: look at them."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import get_resolver

from .support import SCREENSHOTS, settle_images

pytestmark = pytest.mark.browser


def _click(page, link, path_pattern: str, shot: str) -> str:
    """Click ``link``, expect to land on a page whose path matches ``path_pattern``, photograph it."""
    text = link.inner_text().strip()
    with page.expect_navigation(wait_until="load"):
        link.click()
    path = re.sub(r"^https?://[^/]+", "", page.url)
    assert re.fullmatch(path_pattern, path.split("?")[0]), (text, path)
    assert page.locator("h1").count() == 1
    settle_images(page)
    page.screenshot(path=str(SCREENSHOTS / f"drilldown-{shot}.png"), full_page=True)
    return path


def _dutch_to_csv(text: str) -> str:
    text = text.replace("(herzien)", "").replace("(berekend)", "").strip()
    if text == "–":
        return ""
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?", text):
        return text.replace(".", "")
    return text


def test_drill_down_from_home_to_wijk_with_a_download(chromium, demo_site, tmp_path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(demo_site + "/", wait_until="load")
    settle_images(page)
    page.screenshot(path=str(SCREENSHOTS / "drilldown-01-home.png"), full_page=True)
    # The first key press reaches the skip link, and its focus is visible.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Direct naar de inhoud"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 10

    opgave = page.locator("nav[aria-label='Opgaven'] a.utrecht-nav-list__link[href^='/opgave/']").first
    visited = ["/", _click(page, opgave, r"/opgave/[\w-]+/", "02-opgave")]
    doel = page.locator(".km-card__title a[href^='/opgave/']").first
    visited.append(_click(page, doel, r"/opgave/[\w-]+/[\w-]+/", "03-doel"))
    indicator = page.locator("main .km-indicator a[href^='/indicator/']").first
    indicator_path = _click(page, indicator, r"/indicator/[\w-]+/", "04-indicator")
    visited.append(indicator_path)

    # Keyboard focus on a download link is visible: an outline of at least 2px (WCAG 2.4.7).
    csv_link = page.locator("p.km-downloads--table a", has_text="CSV").first
    page.keyboard.press("Tab")  # keyboard modality, so focus() shows :focus-visible as a Tab would
    csv_link.focus()
    focus = csv_link.evaluate(
        "a => { const s = getComputedStyle(a); return {visible: a.matches(':focus-visible'),"
        " style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
    )
    assert focus["visible"] and focus["style"] != "none" and focus["width"] >= 2, focus
    csv_link.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "drilldown-05-focus-download.png"))
    assert csv_link.get_attribute("aria-label").startswith("Tabel ")
    assert csv_link.get_attribute("aria-label").endswith(" als CSV")

    # The CSV holds the numbers of the table above the link.
    table = csv_link.locator(
        "xpath=ancestor::p[1]/preceding-sibling::div[contains(@class,'km-table-container')][1]//table"
    )
    shown = table.evaluate("t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")
    with page.expect_download() as info:
        csv_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    assert download.suggested_filename.startswith("indicator-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    content = Path(target).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    table_rows = rows[: rows.index([])]
    assert table_rows[0] == shown[0]
    assert table_rows[1:] == [[r[0], *map(_dutch_to_csv, r[1:])] for r in shown[1:]]
    assert any(re.fullmatch(r"-?\d+(,\d+)?", field) for row in table_rows[1:] for field in row[1:])
    assert any(line and line[0].startswith("Let op: dit zijn fictieve demogegevens") for line in rows)

    # On to a wijk, when the wijk profile exists.
    names = {
        p.name
        for p in get_resolver("kwaliteitsmonitor.monitor.urls").url_patterns
        if getattr(p, "name", None)
    }
    wijk = page.locator("main a[href^='/wijk/']").first
    if "wijk" in names:
        assert wijk.count() == 1, f"geen link naar een wijk op {indicator_path}"
        name = wijk.inner_text().strip()
        visited.append(_click(page, wijk, r"/wijk/\w+/", "06-wijk"))
        assert name in page.locator("h1").inner_text()
    context.close()
    assert not errors, errors  # CSP violations and failed requests show up here

    # Reflow (WCAG 1.4.10): at 320 CSS pixels, the width of 1280 at 400% zoom, no page scrolls sideways;
    # wide tables scroll inside their own focusable container.
    narrow = chromium.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    small = narrow.new_page()
    for path in visited:
        small.goto(demo_site + path, wait_until="load")
        widths = small.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], (path, widths)
    small.screenshot(path=str(SCREENSHOTS / "drilldown-07-320px.png"))
    narrow.close()
