# SPDX-License-Identifier: EUPL-1.2
"""What the browser tests share: where Chromium is and how it is started, where screenshots go, and
loading the lazy chart images before a page is checked or photographed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium (sh tools/ensure_chromium.sh)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
IMAGE_POLLS = 150  # × 100 ms


def settle_images(page) -> None:
    """Load the lazy images (so full-page screenshots show the charts) and check that none is broken."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    for _ in range(
        IMAGE_POLLS
    ):  # poll from Python: wait_for_function evaluates a string, which the CSP forbids
        if page.evaluate("[...document.images].every(i => i.complete)"):
            break
        page.wait_for_timeout(100)
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == [], broken


def click_and_load(page, target) -> None:
    """Click what submits a form or follows a link, and return once the page it leads to has loaded.

    `click` itself does not wait for the navigation, so reading `page.content()` straight after it can
    catch the page in between (an empty document); `wait_for_load_state` straight after it can return
    on the old page. Both failed now and then in CI."""
    locator = page.locator(target) if isinstance(target, str) else target
    with page.expect_navigation(wait_until="load"):
        locator.click()
