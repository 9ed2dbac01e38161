# SPDX-License-Identifier: EUPL-1.2
"""Rates computed from their parts (numerator / denominator × factor) where the rate has no delivered value:
per area, period and breakdown, per 1.000 of a target group, stored with their raw parts so that the
published rate comes from protected counts, and never where that would guess or reveal something."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.indicators.models import Indicator, Observation
from kwaliteitsmonitor.publications.queries import values
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

HEADER = "indicator,gebied,periode,uitsplitsing,waarde,teller,noemer\n"  # commas: a breakdown may hold ";"


@pytest.fixture
def world():
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    woerden = Area.objects.create(code="GM0632", name="Woerden", level="GM", parent=nl)
    for code, name in (("WK063201", "Woerden-Midden"), ("WK063202", "Harmelen")):
        Area.objects.create(code=code, name=name, level="WK", parent=woerden)
    inwoners = Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
    clients = Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    young = Indicator.objects.create(code="jongeren", name="Jongeren", unit="count", provider="cbs")
    helped = Indicator.objects.create(code="jeugdhulp", name="Jeugdhulp", unit="count", provider="own")
    Indicator.objects.create(
        code="wmo_per1000_18", name="Wmo-cliënten per 1.000 inwoners van 18 jaar en ouder", unit="per_1000",
        provider="own", numerator=clients, denominator=inwoners, factor=1000, denominator_breakdown="leeftijd=18+",
    )  # fmt: skip
    Indicator.objects.create(
        code="wmo_per1000", name="Wmo-cliënten per 1.000 inwoners van de groep", unit="per_1000",
        provider="own", numerator=clients, denominator=inwoners, factor=1000,
    )  # fmt: skip
    Indicator.objects.create(
        code="jeugdhulp_per100", name="Jongeren met jeugdhulp per 100 van 0–22 jaar", unit="per_100",
        provider="own", numerator=helped, denominator=young, factor=100, denominator_breakdown="leeftijd=0-22",
    )  # fmt: skip


def _import(tmp_path, rows, name="waarden.csv"):
    path = tmp_path / name
    lines = [",".join(map(str, (*row, *([""] * (7 - len(row)))))) for row in rows]
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    outcome = run_import("tabular", str(path))
    assert outcome.status == "ok", outcome.result.errors
    return outcome


def _computed(code):
    return {
        (o.area.code, o.period, o.breakdown): (round(o.value, 4), o.numerator, o.denominator)
        for o in Observation.objects.filter(indicator__code=code, is_computed=True).select_related("area")
    }


POPULATION = [
    ("inwoners", "WK063201", 2024, "leeftijd=18+", 4001),
    ("inwoners", "WK063202", 2024, "leeftijd=18+", 3100),
    ("inwoners", "GM0632", 2024, "leeftijd=18+", 7099),  # CBS: not the sum of its wijken
    ("inwoners", "WK063201", 2024, "leeftijd=75+", 600),
    ("inwoners", "WK063201", 2024, "geslacht=vrouw;leeftijd=18+", 2050),
    ("inwoners", "WK063201", 2024, "", 5000),
    ("inwoners", "WK063202", 2024, "", 3900),
]
CLIENTS = [
    ("wmo_clienten", "WK063201", 2024, "", 123),
    ("wmo_clienten", "WK063202", 2024, "", 80),
    ("wmo_clienten", "WK063201", 2024, "leeftijd=75+", 50),
    ("wmo_clienten", "WK063201", 2024, "geslacht=vrouw", 70),
    ("wmo_clienten", "WK063202", 2024, "geslacht=vrouw", 41),  # no denominator in that group: no rate
]


def test_per_1000_of_a_target_group_per_wijk_and_gemeente_from_own_counts(world, tmp_path):
    _import(tmp_path, POPULATION + CLIENTS)
    assert _computed("wmo_per1000_18") == {
        # clients (total) per 1.000 inhabitants of 18+
        ("WK063201", "2024JJ00", ""): (30.7423, 123.0, 4001.0),
        ("WK063202", "2024JJ00", ""): (25.8065, 80.0, 3100.0),
        # the gemeente: its clients summed from the wijken (an own count), its inhabitants from CBS
        ("GM0632", "2024JJ00", ""): (28.5956, 203.0, 7099.0),
        # a breakdown narrows the target group: women clients per 1.000 women of 18+ ...
        ("WK063201", "2024JJ00", "geslacht=vrouw"): (34.1463, 70.0, 2050.0),
        # ... and an age group replaces it: clients of 75+ per 1.000 inhabitants of 75+
        ("WK063201", "2024JJ00", "leeftijd=75+"): (83.3333, 50.0, 600.0),
    }
    # Without a target group: the same group as the numerator (the total per all inhabitants).
    assert _computed("wmo_per1000") == {
        ("WK063201", "2024JJ00", ""): (24.6, 123.0, 5000.0),
        ("WK063202", "2024JJ00", ""): (20.5128, 80.0, 3900.0),
        ("WK063201", "2024JJ00", "leeftijd=75+"): (83.3333, 50.0, 600.0),
        # CBS published no gemeente total for all ages here: the own rate is then aggregated from all
        # its wijken, from the summed numerators and denominators (203 / 8.900), never a mean of rates.
        ("GM0632", "2024JJ00", ""): (22.809, 203.0, 8900.0),
    }


def test_the_published_rate_comes_from_protected_counts(world, tmp_path):
    _import(tmp_path, POPULATION + CLIENTS)
    publish()
    rate = Indicator.objects.get(code="wmo_per1000_18")
    (row,) = values(rate, areas=["WK063201"], breakdown="")
    # Stored: 123 / 4.001 × 1.000 = 30,74; published (cbs-persons): 125 / 4.000 × 1.000 = 31,25.
    assert row.computed
    assert (row.numerator, row.denominator, row.value) == (125, 4000, 31.25)


def test_youth_with_jeugdhulp_per_100_of_0_to_22(world, tmp_path):
    _import(
        tmp_path,
        [
            ("jongeren", "WK063201", 2024, "leeftijd=0-22", 1210),
            ("jongeren", "WK063201", 2024, "", 5000),  # all ages: not the target group
            ("jeugdhulp", "WK063201", 2024, "", 121),
        ],
    )
    assert _computed("jeugdhulp_per100") == {("WK063201", "2024JJ00", ""): (10.0, 121.0, 1210.0)}


def test_never_over_a_delivered_secret_another_period_or_a_zero(world, tmp_path):
    _import(
        tmp_path,
        [
            *POPULATION,
            *CLIENTS,
            # The rate itself delivered for Harmelen (with its counts, as its rule needs): kept; a secret
            # one for the gemeente: kept secret.
            ("wmo_per1000_18", "WK063202", 2024, "", 26, 104, 4000),
            ("wmo_per1000_18", "GM0632", 2024, "", "."),
            # Half-year clients, yearly inhabitants only: no rate (never another period's population).
            ("wmo_clienten", "WK063201", "2024HJ01", "", 90),
            # A zero denominator gives no value, never infinity or 0.
            ("inwoners", "WK063202", 2024, "leeftijd=75+", 0),
            ("wmo_clienten", "WK063202", 2024, "leeftijd=75+", 3),
        ],
    )
    found = _computed("wmo_per1000_18")
    assert set(found) == {
        ("WK063201", "2024JJ00", ""),
        ("WK063201", "2024JJ00", "geslacht=vrouw"),
        ("WK063201", "2024JJ00", "leeftijd=75+"),
    }
    delivered = Observation.objects.get(indicator__code="wmo_per1000_18", area__code="WK063202", breakdown="")
    assert (delivered.value, delivered.is_computed) == (26.0, False)
    secret = Observation.objects.get(indicator__code="wmo_per1000_18", area__code="GM0632")
    assert (secret.value, secret.is_computed) == (None, False)


def test_a_delivered_rate_later_replaces_the_computed_one(world, tmp_path):
    _import(tmp_path, POPULATION + CLIENTS)
    assert _computed("wmo_per1000_18")[("WK063202", "2024JJ00", "")][0] == 25.8065
    _import(tmp_path, [("wmo_per1000_18", "WK063202", 2024, "", 26, 104, 4000)], "later.csv")
    row = Observation.objects.get(indicator__code="wmo_per1000_18", area__code="WK063202", breakdown="")
    assert (row.value, row.is_computed) == (26.0, False)


def test_a_weaker_disclosure_rule_than_its_parts_is_not_computed_and_said(world, tmp_path):
    Indicator.objects.filter(code="wmo_per1000").update(disclosure="none")
    outcome = _import(tmp_path, POPULATION + CLIENTS)
    assert _computed("wmo_per1000") == {}
    assert _computed("wmo_per1000_18")  # the others are computed
    (note,) = [w for w in outcome.warnings if w.startswith("wmo_per1000:")]
    assert "'none'" in note and "wmo_clienten" in note and "onbeveiligde aantal" in note


def test_parts_that_are_not_counts_are_refused(world, tmp_path):
    Indicator.objects.filter(code="jongeren").update(unit="pct")
    outcome = _import(
        tmp_path,
        [("jongeren", "WK063201", 2024, "leeftijd=0-22", 12), ("jeugdhulp", "WK063201", 2024, "", 5)],
    )
    assert _computed("jeugdhulp_per100") == {}
    assert any("jeugdhulp_per100" in w and "aantallen" in w for w in outcome.warnings)
