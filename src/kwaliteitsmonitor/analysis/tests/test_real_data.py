# SPDX-License-Identifier: EUPL-1.2
"""The analysis functions on genuine data in ../shared/data (test only; read by path, never copied).

Skips when the folder is absent, fails in CI (where it is present).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from kwaliteitsmonitor.analysis.correlate import correlate
from kwaliteitsmonitor.analysis.projection import backtest
from kwaliteitsmonitor.analysis.similar import Characteristic, find_similar

ROOT = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("KM_SHARED_DATA", ROOT.parent / "shared" / "data"))
pytestmark = pytest.mark.shared_data


def _gemeenten(year: int) -> list[dict[str, Any]]:
    path = SHARED / "kwb-geojson" / f"gemeenten_{year}.geojson"
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} ontbreekt; in CI moet ../shared/data er zijn")
        pytest.skip(f"{path} niet gevonden")
    return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def _number(value: Any) -> float | None:
    # KWB sentinels (-99997 geheim, -99995 niet beschikbaar) are negative: not a value
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def test_backtest_on_a_real_population_series() -> None:
    # Woerden (GM0632), inhabitants by KWB year: an irregular but steady series
    years = [2012, 2017, 2018, 2019, 2022, 2023, 2024]
    values = []
    for year in years:
        row = next(p for p in _gemeenten(year) if p["gemeentenaam"] == "Woerden")
        values.append(float(row["aantal_inwoners"]))
    assert values[-1] == 53724  # the published figure (shared/data README)
    result = backtest([y + 0.5 for y in years], values, holdout=2, method="auto")
    assert result.method == "theil_sen"  # irregular spacing
    assert result.mape is not None and result.mape < 2


def test_similar_gemeenten_on_real_data_are_sensible() -> None:
    rows = _gemeenten(2022)
    chars = [
        Characteristic("aantal_inwoners", "inwonertal", log=True),
        Characteristic("65plus", "aandeel 65-plussers"),
        Characteristic("pct_eenpersoonshhd", "aandeel eenpersoonshuishoudens"),
        Characteristic("pct_hh_laag_inkomen", "aandeel huishoudens met een laag inkomen"),
        Characteristic("omgevingsadressendichtheid", "stedelijkheid", log=True),
    ]
    data: dict[str, dict[str, float | str | None]] = {}
    for p in rows:
        people = _number(p.get("aantal_inwoners"))
        old = _number(p.get("65plus"))
        data[str(p["gemeentecode"])] = {
            "aantal_inwoners": people,
            "65plus": old / people * 100 if old is not None and people else None,
            "pct_eenpersoonshhd": _number(p.get("pct_eenpersoonshhd")),
            "pct_hh_laag_inkomen": _number(p.get("pct_hh_laag_inkomen")),
            "omgevingsadressendichtheid": _number(p.get("omgevingsadressendichtheid")),
        }
    target = next(str(p["gemeentecode"]) for p in rows if p["gemeentenaam"] == "Woerden")
    result = find_similar(target, data, chars, k=10, missing="rescale")
    assert len(result.members) == 10 and target not in result.members
    assert all(m.explanation.startswith("Lijkt vooral op") for m in result.matches)
    woerden = data[target]["aantal_inwoners"]
    assert isinstance(woerden, float)
    for member in result.members:  # similar gemeenten are of a similar size: within a factor 3
        size = data[member]["aantal_inwoners"]
        assert isinstance(size, float) and woerden / 3 < size < woerden * 3


def test_correlation_on_real_data() -> None:
    rows = _gemeenten(2022)
    wmo = {str(p["gemeentecode"]): _number(p.get("wmo_per_1000")) for p in rows}
    low_income = {str(p["gemeentecode"]): _number(p.get("pct_hh_laag_inkomen")) for p in rows}
    result = correlate(low_income, wmo, unit_of_area="gemeenten")
    assert result.n > 300
    assert result.pearson.r > 0  # more low-income households, more Wmo clients per 1.000
    assert result.pearson.ci_low < result.pearson.r < result.pearson.ci_high
    assert "gemeenten" in result.summary
