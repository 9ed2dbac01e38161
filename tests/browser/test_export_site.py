# SPDX-License-Identifier: EUPL-1.2
"""The static export in a real browser: written by ``export-site``, served by ``python -m http.server``
from a sub-path, navigated home → opgave → doel → indicator by clicking links, with every image shown."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _answers, _free_port
from tests.browser.support import click_and_load

from kwaliteitsmonitor.monitor.export import broken_links

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _database_next_to_playwright(monkeypatch):
    """Another test's session-wide browser may have left Playwright's event loop in this thread; the
    export's database work here is plain synchronous code in the same thread, so allow it."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def own_chromium(static_site):
    """A browser of this test only (started after the export, closed at its end), so no event loop is
    left behind for the database tests that run after it in the same process."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (sh tools/ensure_chromium.sh)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def static_site(world, tmp_path):
    """The export of the test world under /monitor/ of a plain static web server."""
    call_command("export-site", str(tmp_path / "monitor"), stdout=StringIO(), stderr=StringIO())
    assert broken_links(tmp_path / "monitor") == []
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/monitor/"
    try:
        deadline = time.monotonic() + 20
        while not _answers(base):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("python -m http.server start niet")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _images_shown(page) -> list[str]:
    """Sources of images that did not load (eager first: the charts are lazy)."""
    page.eval_on_selector_all("img", "els => els.forEach(e => e.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)"
    )


def test_navigate_the_export_in_chromium(static_site, own_chromium, tmp_path):
    export_dir = tmp_path / "monitor"
    failed: list[str] = []
    page = own_chromium.new_page()
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(static_site)
    assert "Maatschappelijke Agenda" in page.content()
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the stylesheet loaded

    click_and_load(page, page.locator("main a", has_text="Inrichting sociaal domein").first)
    assert page.url == static_site + "opgave/inrichting-sociaal-domein/"
    assert page.locator("h1").inner_text().strip() == "Inrichting sociaal domein"

    click_and_load(page, page.locator("main a", has_text="Er is een sterke sociale basis").first)
    assert page.url.endswith("/opgave/inrichting-sociaal-domein/sterke-sociale-basis/")
    assert _images_shown(page) == []

    click_and_load(page, page.locator("main a[href*='indicator/participatie/']").first)
    assert page.url == static_site + "indicator/participatie/"
    assert "8,2" in page.content()
    assert page.locator("main img").count() > 0 and _images_shown(page) == []

    # The JSON twin and a choice that needs the live monitor.
    click_and_load(page, page.locator("footer a", has_text="Gegevens van deze pagina (JSON)"))
    assert page.url == static_site + "indicator/participatie.json"
    page.goto(static_site + "ontdekken/")
    assert "In de statische versie werkt deze keuze niet" in page.content()
    click_and_load(page, page.locator("main form button, main form [type=submit]").first)
    assert page.url.startswith(static_site + "statische-versie/")
    assert page.locator("h1").inner_text().strip() == "Over deze statische versie"
    assert failed == []
    page.close()
    # The web server only serves files: the page comes back exactly as written.
    with urllib.request.urlopen(static_site + "indicator/participatie/") as response:  # loopback only
        assert response.read() == (export_dir / "indicator/participatie/index.html").read_bytes()
