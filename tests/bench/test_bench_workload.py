# SPDX-License-Identifier: EUPL-1.2
"""Smoke tests of the benchmark workload generator (bench/): deterministic and of the expected shape.

No timings here: the benchmarks themselves run with ``python -m bench`` (figures in bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from bench.plan import SPECS, expected_observations, plan_areas, plan_indicators
from bench.values import observation_rows


def _digest(rows) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode())
    return h.hexdigest()


@pytest.mark.parametrize("name", ["tiny", "small", "national"])
def test_plan_is_deterministic(name):
    spec = SPECS[name]
    assert plan_areas(spec) == plan_areas(spec)
    assert plan_indicators(spec) == plan_indicators(spec)


def test_national_shape_matches_design():
    spec = SPECS["national"]
    areas, indicators = plan_areas(spec), plan_indicators(spec)
    levels = Counter(a.level for a in areas)
    assert (levels["NL"], levels["PV"], levels["CR"], levels["JZ"], levels["GG"], levels["GM"]) == (
        1,
        12,
        40,
        42,
        25,
        342,
    )
    assert 3_300 <= levels["WK"] <= 3_500
    assert 13_500 <= levels["BU"] <= 14_500
    assert len(indicators) == 150
    assert 17_000_000 <= expected_observations(spec, areas, indicators) <= 19_000_000
    assert len({a.code for a in areas}) == len(areas)


def test_small_shape():
    spec = SPECS["small"]
    areas = plan_areas(spec)
    levels = Counter(a.level for a in areas)
    assert levels["GM"] == 41 and levels["WK"] == 8 and levels["BU"] == 30
    main = next(a for a in areas if a.level == "GM")
    assert main.name == "Proefstad"
    assert all(a.parent.startswith(("WK", "GM")) for a in areas if a.level == "BU" or a.level == "WK")
    assert len(plan_indicators(spec)) == 50


def test_values_are_deterministic_and_complete():
    spec = SPECS["tiny"]
    areas, indicators = plan_areas(spec), plan_indicators(spec)
    rows = list(observation_rows(spec, areas, indicators))
    assert _digest(rows) == _digest(observation_rows(spec, areas, indicators))
    assert len(rows) == expected_observations(spec, areas, indicators)
    assert len({r[:4] for r in rows}) == len(rows), "keys must be unique"
    periods = {r[2] for r in rows}
    assert "2024HJ01" in periods and "2024JJ00" in periods
    for r in rows:
        value, numerator, denominator, ci_low, ci_high, n, status, attribute = r[4:]
        assert status in {"voorlopig", "nader_voorlopig", "definitief"}
        if value is None:
            assert attribute == "."
        elif r[0].startswith("enq-"):
            assert n >= 30 and ci_low <= value <= ci_high and 0 <= value <= 10
        elif numerator is not None:
            assert denominator > 0
    # The load benchmark's batch year is absent from the workload and generated on its own.
    batch = list(
        observation_rows(spec, areas, [i for i in indicators if i.family == "kwb"], [spec.batch_year])
    )
    assert batch and all(r[2] == f"{spec.batch_year}JJ00" for r in batch)


@pytest.mark.django_db
def test_generate_tiny_into_database():
    from bench.workload import generate, marker

    from kwaliteitsmonitor.agenda.models import Agenda, ResultIndicator
    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.indicators.models import Indicator, Observation

    spec = SPECS["tiny"]
    params = generate(spec, verbose=False)
    areas, indicators = plan_areas(spec), plan_indicators(spec)
    assert (
        Observation.objects.count()
        == params["observations"]
        == expected_observations(spec, areas, indicators)
    )
    assert Area.objects.count() == len(areas)
    assert Indicator.objects.filter(numerator__isnull=False, denominator__isnull=False).exists()
    agenda = Agenda.objects.get()
    assert agenda.is_fictitious and agenda.area.name == "Proefstad"
    assert ResultIndicator.objects.filter(result__goal__theme__agenda=agenda).count() >= 4
    assert marker(spec)["observations"] == params["observations"]
    assert marker(SPECS["small"]) is None
