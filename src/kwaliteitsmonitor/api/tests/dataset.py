# SPDX-License-Identifier: EUPL-1.2
"""A small dataset for the API tests, built with the ORM and the shared load step (``load_observations``)."""

from __future__ import annotations

from dataclasses import dataclass

from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import CountMethod, Indicator, Provider
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.testing import publish

R = ObservationRecord


@dataclass
class Dataset:
    areas: dict[str, Area]
    indicators: dict[str, Indicator]


def _areas() -> dict[str, Area]:
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    city = Area.objects.create(
        code="GM9991", name="Voorbeeldstad", level=Level.GM, parent=nl, valid_from=2015
    )
    old = Area.objects.create(code="GM9992", name="Oudedorp", level=Level.GM, parent=nl, valid_to=2019)
    new = Area.objects.create(code="GM9993", name="Nieuwstad", level=Level.GM, parent=nl, valid_from=2020)
    centre = Area.objects.create(code="WK999101", name="Centrum", level=Level.WK, parent=city)
    north = Area.objects.create(code="WK999102", name="Noord", level=Level.WK, parent=city)
    water = Area.objects.create(code="WK999199", name="Water", level=Level.WK, parent=city, is_pseudo=True)
    street = Area.objects.create(code="BU99910101", name="Oude Haven", level=Level.BU, parent=centre)
    return {a.code: a for a in (nl, city, old, new, centre, north, water, street)}


def _indicators() -> dict[str, Indicator]:
    own = {"provider": Provider.OWN, "source": "Gemeente Voorbeeldstad", "source_table": "Wmo-registratie"}
    clients = Indicator.objects.create(
        code="wmo_clienten", name="Wmo-cliënten", category="Zorg", unit="count", **own
    )
    residents = Indicator.objects.create(
        code="inwoners", name="Inwoners", category="Bevolking", unit="count", **own
    )
    rate = Indicator.objects.create(
        code="wmo_clienten_per_1000",
        name="Wmo-cliënten per 1.000 inwoners",
        short_name="Wmo per 1.000",
        category="Zorg",
        unit="per_1000",
        decimals=1,
        numerator=clients,
        denominator=residents,
        factor=1000,
        **own,
    )
    lonely = Indicator.objects.create(
        code="eenzaamheid",
        name="Ernstig eenzaam",
        category="Gezondheid",
        unit="pct",
        provider=Provider.SURVEY,
        count_method=CountMethod.SURVEY,
        source="GGD Gezondheidsmonitor",
    )
    strength = Indicator.objects.create(
        code="sociale_kracht",
        name="Sociale kracht",
        category="Sociale kracht",
        unit="score_0_10",
        decimals=1,
        source="Monitor Sociale Kracht",
        period_type="year_halfyear",
    )
    hidden = Indicator.objects.create(code="concept", name="Nog niet gepubliceerd", is_published=False)
    return {i.code: i for i in (clients, residents, rate, lonely, strength, hidden)}


RECORDS = [
    # Own registration, default rule cbs-persons: round to 5, 0..7 secret.
    R("wmo_clienten", "GM9991", "2023JJ00", 1234.0, status="definitief"),
    R("wmo_clienten", "GM9991", "2024JJ00", 1301.0, status="voorlopig"),
    R("wmo_clienten", "WK999101", "2024JJ00", 3.0, status="voorlopig"),
    R("wmo_clienten", "WK999102", "2024JJ00", 13.0, status="voorlopig"),
    R("wmo_clienten", "BU99910101", "2024JJ00", 2.0),
    R("inwoners", "GM9991", "2024JJ00", 30001.0),
    # A rate: recomputed from the rounded counts (1301 -> 1300, 30001 -> 30000).
    R("wmo_clienten_per_1000", "GM9991", "2024JJ00", 43.36522, numerator=1301, denominator=30001),
    R("wmo_clienten_per_1000", "WK999101", "2024JJ00", 1.5, numerator=3, denominator=2000),
    # Survey, default min-n:30.
    R("eenzaamheid", "GM9991", "2024JJ00", 12.3, ci_low=10.1, ci_high=14.5, n=400),
    R("eenzaamheid", "WK999101", "2024JJ00", 17.0, ci_low=8.0, ci_high=26.0, n=25),
    # CBS-style source figures: published as given, with breakdowns and half-years.
    R("sociale_kracht", "GM9991", "2023JJ00", 7.0),
    R("sociale_kracht", "GM9991", "2024HJ01", 7.1),
    R("sociale_kracht", "GM9991", "2024HJ01", 6.8, breakdown="leeftijd=65+"),
    R("sociale_kracht", "GM9991", "2024JJ00", 7.2),
    R("sociale_kracht", "GM9991", "2024JJ00", 6.9, breakdown="leeftijd=65+"),
    R("sociale_kracht", "WK999101", "2024JJ00", 7.4),
    R("sociale_kracht", "WK999102", "2024JJ00", None, value_attribute="."),
    R("concept", "GM9991", "2024JJ00", 99.0),
]


def load(records: list[ObservationRecord], connector: str = "test") -> None:
    run = start_run(connector, "api/tests")
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)


def build() -> Dataset:
    areas, indicators = _areas(), _indicators()
    load(RECORDS)
    publish()
    return Dataset(areas, indicators)
