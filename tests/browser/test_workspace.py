# SPDX-License-Identifier: EUPL-1.2
"""The workspace in a real Chromium, on the demo site: log in as each demo account (password, then the
TOTP code of the documented demo key), scan every workspace page type with axe-core (0 violations),
and photograph the main screens for a redacteur, a partner and a regio at 1280 and 375 px into
``docs/img/`` (shown in the README and docs/werkplek.md; look at them)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django_otp.oath import TOTP

from kwaliteitsmonitor.demo.accounts import PASSWORD, TOTP_KEY_HEX

from .support import click_and_load
from .test_accessibility import AXE_TAGS, describe

pytestmark = pytest.mark.browser
IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


_LAST_STEP: dict[str, int] = {}


def _code(username: str) -> str:
    """A TOTP code this account has not used yet: django-otp refuses a code twice (replay), and accepts
    one step ahead (its tolerance); beyond that, wait for the clock."""
    now = int(time.time()) // 30
    step = max(now, _LAST_STEP.get(username, now - 1) + 1)
    while step > int(time.time()) // 30 + 1:
        time.sleep(1)
    _LAST_STEP[username] = step
    generator = TOTP(bytes.fromhex(TOTP_KEY_HEX))
    generator.time = step * 30 + 1
    return f"{generator.token():06d}"


def _login(page, base: str, username: str) -> None:
    page.goto(base + "/werkplek/inloggen/", wait_until="load")
    page.fill("#id_auth-username", username)
    page.fill("#id_auth-password", PASSWORD)
    click_and_load(page, "button[type=submit].utrecht-button--primary-action")
    page.wait_for_selector("#id_token-otp_token")
    page.fill("#id_token-otp_token", _code(username))
    click_and_load(page, "button[type=submit].utrecht-button--primary-action")
    page.wait_for_url(base + "/werkplek/")


def _first_link(page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


def _scan(axe, page, label: str, reports: list[str], scanned: list[str]) -> None:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    scanned.append(label)
    if result.violations_count:
        reports.append(describe(label, result.response["violations"]))


def _visit(axe, page, url: str, reports: list[str], scanned: list[str], status: int = 200) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == status, (url, response and response.status)
    assert page.locator("html").get_attribute("lang") == "nl"
    _scan(axe, page, url, reports, scanned)


def test_axe_finds_no_violations_on_any_workspace_page_type(chromium, demo_site, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    axe, base = Axe(), demo_site
    reports: list[str] = []
    scanned: list[str] = []

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    _visit(axe, page, base + "/werkplek/inloggen/", reports, scanned)
    page.fill("#id_auth-username", "demo-redacteur")
    page.fill("#id_auth-password", "fout-wachtwoord")
    click_and_load(page, "button[type=submit].utrecht-button--primary-action")
    _scan(axe, page, "inloggen met een fout", reports, scanned)
    context.close()

    for role, paths in {
        "redacteur": ["/werkplek/", "/werkplek/inspanningen/", "/werkplek/resultaten/", "/werkplek/importeren/",
                      "/werkplek/importeren/?soort=goal-tree", "/werkplek/publicaties/", "/werkplek/logboek/",
                      "/werkplek/wachtwoord/", "/werkplek/tweestaps/account/", "/werkplek/tweestaps/herstelcodes/"],
        "partner": ["/werkplek/", "/werkplek/inspanningen/"],
        "regio": ["/werkplek/", "/werkplek/processen/"],
        "beheerder": ["/werkplek/gebruikers/", "/werkplek/gebruikers/nieuw/", "/werkplek/importeren/?soort=indicators"],
        "raadslid": ["/werkplek/", "/werkplek/publicaties/"],
    }.items():  # fmt: skip
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        _login(page, base, f"demo-{role}")
        for path in paths:
            _visit(axe, page, base + path, reports, scanned)
        if role in {"redacteur", "partner"}:
            page.goto(base + "/werkplek/inspanningen/", wait_until="load")
            effort = base + _first_link(page, "main table a")
            _visit(axe, page, effort, reports, scanned)
            # a form with a Dutch error message
            page.fill("#id_voortgang-progress", "140")
            click_and_load(page, "button[name=save_progress]")
            assert "0 tot en met 100" in page.content()
            _scan(axe, page, "inspanning met een fout", reports, scanned)
        if role == "redacteur":
            page.goto(base + "/werkplek/resultaten/", wait_until="load")
            result = base + _first_link(page, "main table a")
            _visit(axe, page, result, reports, scanned)
            page.fill("#id_resultaat-target_value", "veel")
            click_and_load(page, "button[name=save_result]")
            assert "Vul een getal in" in page.content()
            _scan(axe, page, "resultaat met een fout", reports, scanned)
        if role == "regio":
            page.goto(base + "/werkplek/processen/", wait_until="load")
            _visit(axe, page, base + _first_link(page, "main ul a"), reports, scanned)
        if role == "beheerder":
            page.goto(base + "/werkplek/gebruikers/", wait_until="load")
            _visit(axe, page, base + _first_link(page, "main table a"), reports, scanned)
            _visit(axe, page, base + "/werkplek/processen/", reports, scanned)
        if role == "redacteur":
            csv = tmp_path / "cijfers.csv"
            csv.write_text("indicator;gebied;periode;waarde\nbestaat_niet;GM9999;2024;3\n", encoding="utf-8")
            page.goto(base + "/werkplek/importeren/", wait_until="load")
            page.set_input_files("#id_file", str(csv))
            click_and_load(page, "button[type=submit].utrecht-button--primary-action")
            assert "kan niet worden geïmporteerd" in page.content()
            _scan(axe, page, "importvoorbeeld met fouten", reports, scanned)
        context.close()
    assert len(scanned) >= 25
    assert not reports, (
        f"axe-core vond schendingen op {len(reports)} van {len(scanned)} pagina's:\n" + "\n".join(reports)
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_workspace_screenshots(chromium, demo_site, width):
    base = demo_site
    IMG.mkdir(parents=True, exist_ok=True)
    for role in ("redacteur", "partner", "regio"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
        page = context.new_page()
        _login(page, base, f"demo-{role}")
        if role == "partner":
            page.goto(base + "/werkplek/inspanningen/", wait_until="load")
            page.goto(base + _first_link(page, "main table a"), wait_until="load")
        elif role == "regio":
            page.goto(base + "/werkplek/processen/", wait_until="load")
            page.goto(base + _first_link(page, "main ul a"), wait_until="load")
        # no horizontal scrolling at 375 px
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{role} {width}px: {overflow}px horizontaal te breed"
        page.screenshot(path=str(IMG / f"werkplek-{role}-{width}.png"), full_page=width == 1280)
        if role == "redacteur":
            # what a publication changes, and a resultaat's form
            page.goto(base + "/werkplek/publicaties/", wait_until="load")
            assert "Wat verandert in publicatie" in page.content()
            page.screenshot(path=str(IMG / f"werkplek-publicaties-{width}.png"), full_page=width == 1280)
            page.goto(base + "/werkplek/resultaten/", wait_until="load")
            page.goto(base + _first_link(page, "main table a"), wait_until="load")
            page.screenshot(path=str(IMG / f"werkplek-resultaat-{width}.png"), full_page=width == 1280)
        context.close()
