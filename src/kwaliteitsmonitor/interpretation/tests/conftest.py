# SPDX-License-Identifier: EUPL-1.2
"""A small world: two gemeenten with an agenda each, partners, staff of every role, a draft publication."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kwaliteitsmonitor.accounts.testing import make_user
from kwaliteitsmonitor.agenda.models import (
    Agenda,
    Effort,
    Goal,
    Organisation,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
)
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.models import Publication


@pytest.fixture
def world(db):
    w = SimpleNamespace(goals={}, efforts={}, orgs={}, partners={})
    for key, code in (("own", "GM0001"), ("other", "GM0002")):
        area = Area.objects.create(code=code, name=f"Stad {key}", level="GM")
        w.orgs[key] = Organisation.objects.create(name=f"Gemeente {key}", kind="gemeente", area=area)
        w.partners[key] = Organisation.objects.create(name=f"Welzijn {key}")
        agenda = Agenda.objects.create(organisation=area.name, area=area, start_year=2024, end_year=2027)
        theme = Theme.objects.create(agenda=agenda, slug="zorg", title="Zorg")
        w.goals[key] = Goal.objects.create(theme=theme, slug="thuis", title=f"Thuis wonen {key}")
        w.efforts[key] = [
            Effort.objects.create(
                goal=w.goals[key], title=f"Buurtcoach {key}", partner=w.partners[key], order=1
            ),
            Effort.objects.create(goal=w.goals[key], title=f"Mantelzorg {key}", order=2),
        ]
    w.indicator = Indicator.objects.create(code="wmo", name="Wmo-cliënten", unit="count", provider="own")
    result = Result.objects.create(goal=w.goals["own"], title="Minder cliënten")
    ResultIndicator.objects.create(result=result, indicator=w.indicator)
    w.period = ReportPeriod.objects.create(
        name="Voorjaarsnota 2026", slug="2026-voorjaarsnota", kind="voorjaarsnota",
        date=dt.date(2026, 4, 1), deadline=dt.date(2026, 4, 30),
    )  # fmt: skip
    w.draft = Publication.objects.create(number=3, state="draft", name="Voorjaarsnota 2026")
    w.earlier = Publication.objects.create(number=2, state="live", name="Najaarsnota 2025")
    w.users = {
        "beheerder": make_user("beheerder", "beheerder"),
        "redacteur": make_user("redacteur", "redacteur", organisation=w.orgs["own"]),
        "redacteur_other": make_user("redacteur-anders", "redacteur", organisation=w.orgs["other"]),
        "partner": make_user("partner", "partner", organisation=w.partners["own"]),
        "partner_other": make_user("partner-anders", "partner", organisation=w.partners["other"]),
        "raadslid": make_user("raadslid", "raadslid"),
        "raadslid_other": make_user("raadslid-anders", "raadslid"),
    }
    for name, user in w.users.items():
        user.email = f"{name}@example.org"
        user.save()
    return w
