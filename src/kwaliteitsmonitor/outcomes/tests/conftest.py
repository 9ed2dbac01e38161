# SPDX-License-Identifier: EUPL-1.2
"""A gemeente (Teststad) with a doel and an inspanning, two partner organisations with voorzieningen of
the same kind, and accounts: a partner of each organisation and a redacteur of the gemeente."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Organisation, Theme
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.outcomes.definitions import COLUMNS
from kwaliteitsmonitor.outcomes.models import Voorziening

PERIOD = "2026HJ01"


@pytest.fixture
def world(db):
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    gm = Area.objects.create(code="GM9001", name="Teststad", level=Level.GM, parent=nl)
    gemeente = Organisation.objects.create(name="Gemeente Teststad", kind="gemeente", area=gm)
    welzijn = Organisation.objects.create(name="Jeugdhulp Noord", kind="partner")
    ander = Organisation.objects.create(name="Jeugdhulp Zuid", kind="partner")
    agenda = Agenda.objects.create(organisation="Teststad", area=gm, start_year=2024, end_year=2027)
    theme = Theme.objects.create(agenda=agenda, slug="jeugd", title="Jeugd")
    goal = Goal.objects.create(theme=theme, slug="opgroeien", title="Gezond opgroeien")
    effort = Effort.objects.create(goal=goal, title="Ambulante hulp dichtbij", partner=welzijn)
    kind = "ambulante jeugdhulp"
    own = Voorziening.objects.create(
        code="noord-ambulant", name="Ambulant Noord", kind=kind, partner=welzijn, area=gm, effort=effort
    )
    small = Voorziening.objects.create(
        code="noord-klein", name="Gezinscoach Noord", kind=kind, partner=welzijn, area=gm, effort=effort
    )
    other = Voorziening.objects.create(
        code="zuid-ambulant", name="Ambulant Zuid", kind=kind, partner=ander, area=gm
    )
    return {
        "gm": gm,
        "effort": effort,
        "goal": goal,
        "own": own,
        "small": small,
        "other": other,
        "partner": make_user("p-noord", "partner", organisation=welzijn),
        "other_partner": make_user("p-zuid", "partner", organisation=ander),
        "redacteur": make_user("r-teststad", "redacteur", organisation=gemeente),
        "welzijn": welzijn,
        "ander": ander,
    }


@pytest.fixture
def as_user(client):
    def login(user):
        return login_verified(client, user)

    return login


def xlsx(rows, headers=None, period=PERIOD) -> bytes:
    """A filled-in template: ``rows`` are lists in the template's column order (or under ``headers``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Uitkomsten"
    sheet.append(headers or [c.header for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    info = book.create_sheet("Gegevens")
    info.append(["Periodecode", period])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
