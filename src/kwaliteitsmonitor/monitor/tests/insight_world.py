# SPDX-License-Identifier: EUPL-1.2
"""A small world for the analysis on pages and API: six gemeenten in two provincies and size classes,
six wijken, a survey score with intervals, population and Wmo counts, and an agenda with three
resultaten whose statuses are known by hand (behaald, niet op koers, onvoldoende gegevens)."""

from __future__ import annotations

from dataclasses import dataclass

from kwaliteitsmonitor.agenda.models import Agenda, Goal, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level, MembershipKind
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications.testing import publish

# Score 2024 per gemeente (GM9101 is the own gemeente); hand-checked comparisons in the tests.
SCORES_2024 = {"GM9101": 7.5, "GM9102": 7.0, "GM9103": 7.2, "GM9104": 7.8, "GM9105": 6.9, "GM9106": 7.4}
PROVINCIE = {"GM9101": "PV91", "GM9102": "PV91", "GM9103": "PV91", "GM9104": "PV92", "GM9105": "PV92",
             "GM9106": "PV92"}  # fmt: skip
SIZE = {"GM9101": "5", "GM9104": "5", "GM9106": "5", "GM9102": "4", "GM9103": "4", "GM9105": "3"}
POPULATION = {"GM9101": 60000, "GM9102": 30000, "GM9103": 35000, "GM9104": 58000, "GM9105": 12000,
              "GM9106": 70000}  # fmt: skip
OLD_SHARE = {"GM9101": 0.10, "GM9102": 0.14, "GM9103": 0.12, "GM9104": 0.105, "GM9105": 0.16, "GM9106": 0.09}
WIJKEN = [("Centrum", 7.9, 40.0), ("Noord", 7.1, 55.0), ("Zuid", 7.4, 47.0), ("Oost", 6.8, 61.0),
          ("West", 7.6, 45.0), ("Haven", 7.2, 52.0)]  # fmt: skip
YEARS = range(2016, 2025)


@dataclass
class InsightWorld:
    agenda: Agenda
    results: dict[str, Result]
    indicators: dict[str, Indicator]
    gemeente: Area


def _areas() -> dict[str, Area]:
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    areas = {"NL00": nl}
    for code, name in [("PV91", "Noordland"), ("PV92", "Zuidland")]:
        areas[code] = Area.objects.create(code=code, name=name, level=Level.PV)
    for i, code in enumerate(SCORES_2024, start=1):
        areas[code] = Area.objects.create(code=code, name=f"Gemeente {i}", level=Level.GM, parent=nl)
        for kind, group in [(MembershipKind.PROVINCIE, PROVINCIE[code]), (MembershipKind.GROOTTEKLASSE, SIZE[code]),
                            (MembershipKind.STEDELIJKHEID, "2")]:  # fmt: skip
            AreaMembership.objects.create(
                area=areas[code], kind=kind, year=2024, group_code=group, group=areas.get(group)
            )
    for i, (name, _, _) in enumerate(WIJKEN, start=1):
        code = f"WK9101{i:02d}"
        areas[code] = Area.objects.create(code=code, name=name, level=Level.WK, parent=areas["GM9101"])
    return areas


def _indicators() -> dict[str, Indicator]:
    survey = {"provider": "survey", "count_method": "survey", "source": "Fictieve monitor"}
    population = {"provider": "cbs", "unit": "count", "count_method": "on_reference_date", "source": "CBS"}
    made = [
        Indicator(code="score", name="Sociale score", unit="score_0_10", decimals=1, polarity="higher_is_better",
                  **survey),
        Indicator(code="armoede", name="Huishoudens met een laag inkomen", unit="pct", decimals=1,
                  provider="cbs", source="CBS"),
        Indicator(code="bezoekers", name="Bezoekers", unit="count", provider="partner", source="Partner"),
        Indicator(code="bev_inwoners", name="Inwoners", **population),
        Indicator(code="bev_75plus", name="Inwoners 75+", **population),
        Indicator(code="bev_0_17", name="Inwoners 0-17", **population),
        Indicator(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own", source="Wmo"),
    ]  # fmt: skip
    for indicator in made:
        indicator.save()
    return {i.code: i for i in made}


def _records() -> list[R]:
    records = []
    for year in YEARS:
        p = f"{year}JJ00"
        own = round(7.5 - 0.1 * (2024 - year), 2)  # 6,7 in 2016 rising to 7,5 in 2024
        records.append(R("score", "GM9101", p, own, ci_low=own - 0.15, ci_high=own + 0.15, n=600))
        records.append(R("score", "NL00", p, 7.3, n=50000))
        for code, pop in POPULATION.items():
            size = pop + 100 * (year - 2016)
            records += [
                R("bev_inwoners", code, p, size),
                R("bev_75plus", code, p, round(size * OLD_SHARE[code])),
                R("bev_0_17", code, p, round(size * 0.2)),
            ]
        if year >= 2018:
            records.append(R("wmo_clienten", "GM9101", p, 3000 + 40 * (year - 2018)))
            records.append(R("wmo_clienten", "NL00", p, 60000 + 500 * (year - 2018)))
            records.append(R("bev_inwoners", "NL00", p, 1_000_000 + 2000 * (year - 2018)))
    for code, value in SCORES_2024.items():
        if code != "GM9101":
            records.append(
                R("score", code, "2024JJ00", value, ci_low=value - 0.2, ci_high=value + 0.2, n=500)
            )
    for i, (_, score, poverty) in enumerate(WIJKEN, start=1):
        records.append(
            R("score", f"WK9101{i:02d}", "2024JJ00", score, ci_low=score - 0.3, ci_high=score + 0.3, n=120)
        )
        records.append(R("armoede", f"WK9101{i:02d}", "2024JJ00", poverty))
    records.append(R("bezoekers", "GM9101", "2024JJ00", 1200))
    return records


def _agenda(gemeente: Area, indicators: dict[str, Indicator]) -> tuple[Agenda, dict[str, Result]]:
    agenda = Agenda.objects.create(organisation="Gemeente 1", area=gemeente, start_year=2023, end_year=2027)
    theme = Theme.objects.create(agenda=agenda, slug="samen", title="Samen", order=1)
    goal = Goal.objects.create(theme=theme, slug="meedoen", number="1", title="Iedereen doet mee")
    specs = {
        "behaald": ("De score is minstens 7,0", 7.0, "score"),
        "niet_op_koers": ("De score is 9,5 in 2027", 9.5, "score"),
        "te_weinig": ("3.000 bezoekers in 2027", 3000.0, "bezoekers"),
    }
    results = {}
    for order, (key, (title, target, code)) in enumerate(specs.items()):
        result = Result.objects.create(
            goal=goal, title=title, target_value=target, target_year=2027, order=order, direction="increase"
        )
        ResultIndicator.objects.create(result=result, indicator=indicators[code])
        results[key] = result
    return agenda, results


def build() -> InsightWorld:
    areas = _areas()
    indicators = _indicators()
    run = start_run("test", "insight_world")
    loaded = load_observations(_records(), run)
    assert loaded.ok, loaded.errors
    finish_run(run, loaded)
    agenda, results = _agenda(areas["GM9101"], indicators)
    publish()
    return InsightWorld(agenda, results, indicators, areas["GM9101"])
