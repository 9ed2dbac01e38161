# SPDX-License-Identifier: EUPL-1.2
"""Rapportages in a real Chromium: the list, a frozen doel page and "wat is er veranderd", at 1280 and
375 px; axe-core finds 0 violations on each, no image is broken, and the screenshots go to ``docs/img/``
(``rapportage-*.png``, shown in the README; look at them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .support import settle_images
from .test_accessibility import AXE_TAGS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
DOEL = "opgave/inrichting-sociaal-domein/sterke-sociale-basis/"


@pytest.fixture
def snapshots(world, live_server) -> str:
    """Two public rapportages: the voorjaarsnota, and the najaarsnota after a revision, a new period, new
    progress and a correction."""
    from kwaliteitsmonitor.agenda.models import EffortProgress, ReportPeriod
    from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
    from kwaliteitsmonitor.indicators.records import ObservationRecord
    from kwaliteitsmonitor.publications.testing import publish
    from kwaliteitsmonitor.snapshots import amend, freeze

    spring = freeze.freeze("Voorjaarsnota 2026", dt.date(2026, 4, 1))
    amend.make_public(spring)
    run = start_run("test", "browser")
    result = load_observations(
        [
            ObservationRecord("participatie", "GM9001", "2024JJ00", 8.3, status="definitief"),
            ObservationRecord("participatie", "GM9001", "2025JJ00", 8.6, status="voorlopig"),
        ],
        run,
    )
    finish_run(run, result)
    autumn = ReportPeriod.objects.create(
        name="Najaarsnota 2025", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 9, 30)
    )
    EffortProgress.objects.create(
        effort=world["goal"].efforts.get(), report_period=autumn, status="in_progress", progress=65
    )
    publish()
    autumn_snapshot = freeze.freeze("Najaarsnota 2026", dt.date(2026, 11, 1))
    amend.make_public(autumn_snapshot)
    amend.amend(
        autumn_snapshot, "De toelichting bij doel 1 noemde een verkeerde wijk.", dt.date(2026, 11, 20)
    )
    return live_server.url


def test_rapportage_pages_in_chromium(snapshots, chromium):  # the DB work precedes the event loop
    from axe_playwright_python.sync_playwright import Axe

    axe, reports, base = Axe(), [], snapshots
    pages = {
        "lijst": "/rapportages/",
        "doel": f"/rapportages/najaarsnota-2026/{DOEL}",
        "veranderd": "/rapportages/najaarsnota-2026/wat-is-er-veranderd/",
    }
    for width, height in ((1280, 900), (375, 812)):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None
        )
        for name, path in pages.items():
            response = page.goto(base + path, wait_until="networkidle")
            assert response is not None and response.status == 200, path
            settle_images(page)
            if name == "veranderd":
                assert "De toelichting bij doel 1" in page.locator("main").inner_text()
            if name == "doel":
                banner = page.locator(".km-snapshot-banner").inner_text()
                assert "Stand van 1 november 2026 — Najaarsnota 2026." in banner
                assert "20 november 2026: De toelichting bij doel 1" in banner
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            if result.violations_count:
                reports.append(describe(f"{path} ({width} px)", result.response["violations"]))
            page.screenshot(path=str(IMG / f"rapportage-{name}-{width}.png"), full_page=width == 1280)
        # inside the snapshot a link stays inside it
        page.goto(base + f"/rapportages/najaarsnota-2026/{DOEL}")
        href = page.locator("main a[href*='/indicator/']").first.get_attribute("href")
        assert href and href.startswith("/rapportages/najaarsnota-2026/indicator/")
        assert not errors, errors
        context.close()
    assert not reports, "\n".join(reports)
