# SPDX-License-Identifier: EUPL-1.2
"""A small fictitious world for the page tests, built with the ORM and the shared load step."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kwaliteitsmonitor.agenda.models import (
    Agenda,
    Effort,
    EffortProgress,
    Goal,
    Organisation,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
)
from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage, Level, MembershipKind
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.testing import publish

YEARS = range(2016, 2025)


def square(lon: float, lat: float, size: float = 0.01, clockwise: bool = False) -> str:
    """A square polygon; counter-clockwise by default (RFC 7946), which the map code must rewind."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    if clockwise:
        ring = ring[::-1]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture(autouse=True)
def _plain_static(settings):
    """Tests run without collectstatic: serve static names as they are (no manifest)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    gm = Area.objects.create(code="GM9001", name="Teststad", level=Level.GM, parent=nl)
    peers = [
        Area.objects.create(code=f"GM90{i:02d}", name=f"Vergelijk {i}", level=Level.GM, parent=nl)
        for i in (2, 3)
    ]
    other = Area.objects.create(code="GM9004", name="Grootstad", level=Level.GM, parent=nl)
    wijken = []
    for i, name in enumerate(["Centrum", "Noord", "Zuid"], start=1):
        wijk = Area.objects.create(code=f"WK9001{i:02d}", name=name, level=Level.WK, parent=gm)
        AreaVintage.objects.create(
            area=wijk, year=2024, name=name, geometry=square(5.0 + i * 0.01, 52.0, clockwise=i == 2)
        )
        wijken.append(wijk)
    for area in [gm, *peers]:
        AreaMembership.objects.create(area=area, kind=MembershipKind.GROOTTEKLASSE, year=2024, group_code="5")
    AreaMembership.objects.create(area=other, kind=MembershipKind.GROOTTEKLASSE, year=2024, group_code="7")

    score = Indicator.objects.create(
        code="participatie",
        name="Participatie",
        short_name="Participatie",
        unit="score_0_10",
        decimals=1,
        source="Monitor Sociale Kracht",
        source_table="MSK 2024",
        provider="cbs",
        polarity="higher_is_better",
        definition="De mate waarin mensen deelnemen aan de samenleving.",
        explanation="Een **score** van 0 tot 10.",
    )
    clients = Indicator.objects.create(
        code="wmo-clienten",
        name="Cliënten met een Wmo-maatwerkvoorziening",
        unit="count",
        provider="own",
        source="Eigen registratie",
        source_table="Wmo-register",
    )
    records = []
    for y in YEARS:
        p = f"{y}JJ00"
        records += [
            ObservationRecord(
                "participatie", "GM9001", p, round(7.1 + (y - 2016) * 0.05, 2), status="definitief"
            ),
            ObservationRecord("participatie", "NL00", p, 7.4, status="definitief"),
            ObservationRecord("participatie", "GM9002", p, 7.0, status="definitief"),
            ObservationRecord("participatie", "GM9003", p, 7.2, status="definitief"),
            ObservationRecord("participatie", "GM9004", p, 9.9, status="definitief"),
            ObservationRecord("wmo-clienten", "GM9001", p, 1000 + (y - 2016) * 10, status="definitief"),
        ]
    records[-6] = ObservationRecord("participatie", "GM9001", "2024JJ00", 8.2, status="voorlopig")
    for i, value in enumerate([7.9, 8.4, 6.6], start=1):
        records.append(
            ObservationRecord("participatie", f"WK9001{i:02d}", "2024JJ00", value, status="voorlopig")
        )
    records += [
        ObservationRecord(
            "participatie", "GM9001", "2024JJ00", 8.6, breakdown="leeftijd=18-34", status="voorlopig"
        ),
        ObservationRecord(
            "participatie", "GM9001", "2024JJ00", 7.7, breakdown="leeftijd=65+", status="voorlopig"
        ),
        ObservationRecord("wmo-clienten", "WK900101", "2024JJ00", 3, status="definitief"),
        ObservationRecord("wmo-clienten", "WK900102", "2024JJ00", 512, status="definitief"),
        ObservationRecord("wmo-clienten", "WK900103", "2024JJ00", 488, status="definitief"),
    ]
    run = start_run("test", "fixture")
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)

    agenda = Agenda.objects.create(
        title="Maatschappelijke Agenda",
        organisation="Gemeente Teststad",
        area=gm,
        start_year=2023,
        end_year=2027,
        intro="Welkom. De structuur volgt de **Maatschappelijke Agenda**.\n\n<script>alert(1)</script>",
        is_fictitious=True,
    )
    theme = Theme.objects.create(
        agenda=agenda, slug="inrichting-sociaal-domein", title="Inrichting sociaal domein", order=1
    )
    Theme.objects.create(agenda=agenda, slug="kansrijk", title="Kansrijk", order=2)
    goal = Goal.objects.create(
        theme=theme, slug="sterke-sociale-basis", number="1", title="Er is een sterke sociale basis"
    )
    result = Result.objects.create(
        goal=goal,
        title="In 2027 is de sociale kracht gestegen",
        target_value=8.5,
        target_year=2027,
        baseline_value=7.4,
        baseline_period="2022JJ00",
    )
    ResultIndicator.objects.create(result=result, indicator=score)
    effort = Effort.objects.create(
        goal=goal,
        result=result,
        title="Buurtverbinders in elke wijk",
        owner="Team Samenleving",
        partner=Organisation.for_name("Welzijn Teststad"),
    )
    effort.indicators.add(clients)
    spring = ReportPeriod.objects.create(
        name="Voorjaarsnota 2025", slug="2025-voorjaarsnota", kind="voorjaarsnota", date=dt.date(2025, 3, 31)
    )
    EffortProgress.objects.create(
        effort=effort, report_period=spring, status="in_progress", progress=40,
        explanation="Loopt volgens plan.", reported_on=dt.date(2025, 5, 1),
    )  # fmt: skip
    publish()
    return {"agenda": agenda, "theme": theme, "goal": goal, "score": score, "clients": clients}
