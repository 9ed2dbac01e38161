# SPDX-License-Identifier: EUPL-1.2
"""The print stylesheet (site.css, ``@media print``): a doel page printed on A4 has no header menu, search,
skip link, table of contents or footer links; charts and tables are kept whole; link addresses are not
written out. Measured with Chromium's own print (``page.pdf``)."""

from __future__ import annotations

import subprocess

import pytest

from kwaliteitsmonitor.reports.tests.pdftools import require_poppler

from .support import settle_images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_IN_PRINT = [".km-nav", ".km-header-search", ".utrecht-skip-link", ".km-toc", ".km-footer__links"]


@pytest.fixture
def doel_url(world, live_server) -> str:
    return live_server.url + "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"


def _first_page_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf)
    require_poppler()
    done = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.split())


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>")


def test_print_hides_the_menu_and_keeps_figures_whole(doel_url, chromium, tmp_path):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(doel_url, wait_until="networkidle")
    settle_images(page)
    page.emulate_media(media="screen")
    for selector in (".km-nav", ".km-header-search"):
        assert page.locator(selector).first.is_visible(), selector  # on screen the menu is there
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        locator = page.locator(selector)
        assert all(not locator.nth(i).is_visible() for i in range(locator.count())), selector
    assert page.locator("h1").first.is_visible()
    assert page.locator(".km-figure").first.is_visible()
    styles = page.evaluate(
        """() => ({
            figure: getComputedStyle(document.querySelector('.km-figure')).breakInside,
            table: getComputedStyle(document.querySelector('table')).breakInside,
            after: getComputedStyle(document.querySelector('.km-main a[href]'), '::after').content,
        })"""
    )
    assert styles["figure"] == "avoid" and styles["table"] == "avoid"
    assert styles["after"] in ("none", "normal")
    printed = page.pdf(format="A4")
    screen_page = chromium.new_page(viewport={"width": 1280, "height": 900})
    screen_page.goto(doel_url, wait_until="networkidle")
    screen_page.emulate_media(media="screen")
    as_screen = screen_page.pdf(format="A4")
    first_print, first_screen = _first_page_text(printed, tmp_path), _first_page_text(as_screen, tmp_path)
    print(f"doel: {_pages(printed)} A4 pages printed, {_pages(as_screen)} with the screen layout")
    # The screen layout printed as is starts with the menu; the print starts with the page's content.
    assert "Direct naar de inhoud" in first_screen and "Zoek" in first_screen
    assert "Direct naar de inhoud" not in first_print and "Zoek" not in first_print
    assert "Doel 1: Er is een sterke sociale basis" in first_print
    assert "Kansrijk" not in first_print  # an opgave in the menu, not on this page
