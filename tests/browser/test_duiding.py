# SPDX-License-Identifier: EUPL-1.2
"""The duiding in a real Chromium, on the demo site: a redacteur writes a duidingssessie with a
verbeteractie and approves it, a raadslid reads it and asks a question, the redacteur answers; every page
type scanned with axe-core (0 violations) and photographed at 1280 and 375 px into ``docs/img/``
(werkplek-duiding-*, werkplek-duiding-overzicht-*, werkplek-vragen-*, werkplek-perioden-*)."""

from __future__ import annotations

import pytest

from .support import click_and_load
from .test_workspace import IMG, _first_link, _login, _scan, _visit

pytestmark = pytest.mark.browser


def _shoot(page, name: str) -> None:
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload(wait_until="load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right >"
            " document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)"
        )
        assert overflow <= 1, f"{name} {width}px: {overflow}px horizontaal te breed: {wide}"
        page.screenshot(path=str(IMG / f"{name}-{width}.png"), full_page=width == 1280)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_duiding_questions_and_periods_in_the_browser(chromium, demo_site):
    from axe_playwright_python.sync_playwright import Axe

    axe, base = Axe(), demo_site
    reports: list[str] = []
    scanned: list[str] = []
    IMG.mkdir(parents=True, exist_ok=True)

    editor = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    _login(editor, base, "demo-redacteur")
    _visit(axe, editor, base + "/werkplek/rapportageperioden/", reports, scanned)
    _shoot(editor, "werkplek-perioden")
    _visit(axe, editor, base + "/werkplek/rapportageperioden/nieuw/", reports, scanned)
    editor.fill("#id_name", "Najaarsnota 2027")
    editor.select_option("#id_kind", "najaarsnota")
    click_and_load(editor, "button[type=submit].utrecht-button--primary-action")  # no date: a Dutch error
    assert "Vul deze datum in." in editor.content()
    _scan(axe, editor, "rapportageperiode met een fout", reports, scanned)

    _visit(axe, editor, base + "/werkplek/duiding/", reports, scanned)
    overview = base + _first_link(editor, "main table a")
    _visit(axe, editor, overview, reports, scanned)
    session = base + _first_link(editor, "main .km-ws-subjects a")
    _visit(axe, editor, session, reports, scanned)
    editor.fill("#id_duiding-session_date", "2026-05-12")
    editor.fill(
        "#id_duiding-participants", "Wethouder Zorg\nWijkteam Noord (teamleider)\nWelzijn Voorbeeldstad"
    )
    editor.fill(
        "#id_duiding-herkennen", "Het aantal Wmo-cliënten stijgt, vooral in Noord; dat herkent het wijkteam."
    )
    editor.fill("#id_duiding-verklaren", "Vergrijzing en minder mantelzorgers in Noord.")
    editor.fill("#id_duiding-waarderen", "Zorgelijk: de stijging ligt boven die van lijkende gemeenten.")
    editor.fill("#id_duiding-verbeteren", "Meer inzet op preventie en ondersteuning van mantelzorgers.")
    click_and_load(editor, "button[name=save]")
    assert "opgeslagen als concept" in editor.content()
    editor.fill("#id_actie-title", "Spreekuur mantelzorg in Noord")
    editor.fill("#id_actie-owner", "Wijkteam Noord")
    editor.fill("#id_actie-due_date", "2027-03-01")
    editor.check("#id_actie-new_effort")
    click_and_load(editor, "button[name=add_action]")
    assert "Spreekuur mantelzorg in Noord" in editor.content()
    _scan(axe, editor, "duidingssessie (concept met verbeteractie)", reports, scanned)
    _shoot(editor, "werkplek-duiding")
    click_and_load(editor, "button[name=submit]")
    click_and_load(editor, "button[name=approve]")
    assert "goedgekeurd" in editor.content()
    _scan(axe, editor, "duidingssessie (goedgekeurd)", reports, scanned)
    editor.goto(overview, wait_until="load")
    _shoot(editor, "werkplek-duiding-overzicht")
    _visit(axe, editor, base + "/werkplek/verbeteracties/", reports, scanned)

    council = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    _login(council, base, "demo-raadslid")
    _visit(axe, council, session, reports, scanned)
    assert "Het aantal Wmo-cliënten stijgt" in council.content()
    click_and_load(council, "text=Stel een vraag over dit doel")
    _scan(axe, council, "vraag stellen", reports, scanned)
    council.check("input[name=kind][value=schriftelijk]")
    council.fill("#id_question", "Hoeveel mantelzorgers in Noord zijn overbelast?")
    click_and_load(council, "button[type=submit].utrecht-button--primary-action")
    assert "Uw vraag is gesteld" in council.content()
    _scan(axe, council, "raadsvraag (open)", reports, scanned)

    editor.goto(base + "/werkplek/vragen/", wait_until="load")
    editor.goto(base + _first_link(editor, "main table a"), wait_until="load")
    _scan(axe, editor, "raadsvraag beantwoorden", reports, scanned)
    editor.fill("#id_answer", "Volgens de mantelzorgpeiling ongeveer 1 op de 10.")
    click_and_load(editor, "button[name=approve]")
    assert "vastgesteld" in editor.content()

    _visit(axe, council, base + "/werkplek/vragen/", reports, scanned)
    assert "op tijd beantwoord (1 van 1)" in council.content()
    _shoot(council, "werkplek-vragen")
    assert not reports, (
        f"axe-core vond schendingen op {len(reports)} van {len(scanned)} pagina's:\n" + "\n".join(reports)
    )
