# SPDX-License-Identifier: EUPL-1.2
"""CBS OData v4 (long format Observations, MeasureCodes, Dimensions, PeriodenCodes) against 80072ned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kwaliteitsmonitor.connectors.cbs_odata.client import read_directory
from kwaliteitsmonitor.connectors.cbs_odata.parse import parse_cbs

pytestmark = pytest.mark.shared_data


def test_observations_80072ned(v4_80072: Path) -> None:
    result = parse_cbs(read_directory(v4_80072))
    assert result.ok, result.errors[:3]
    assert len(result.records) == 4409
    (definition,) = result.indicator_definitions
    assert definition.code == "cbs_80072ned_m001924"
    assert (definition.name, definition.unit, definition.unit_label, definition.decimals) == (
        "Ziekteverzuimpercentage",
        "pct",
        "%",
        1,
    )
    first = result.records[0]
    assert (first.area, first.period, first.value, first.breakdown) == (
        "NL00",
        "1996KW01",
        5.5,
        "BedrijfskenmerkenSBI2008=T001081",
    )
    statuses = {r.period: r.status for r in result.records}
    assert list(statuses.values()).count("voorlopig") == 1  # one provisional quarter in PeriodenCodes
    assert set(statuses.values()) == {"definitief", "voorlopig"}


def test_value_attributes_and_next_link(v4_80072: Path, tmp_path: Path) -> None:
    data = json.loads((v4_80072 / "Observations.json").read_text())
    rows = data["value"][:4]
    rows[1].update(Value=None, ValueAttribute="Missing")
    rows[2].update(Value=None, ValueAttribute="Impossible")
    target = tmp_path / "paged"
    target.mkdir()
    for name in ("MeasureCodes.json", "Dimensions.json", "PeriodenCodes.json", "Properties.json"):
        (target / name).symlink_to(v4_80072 / name)
    first_page = {"value": rows[:2], "@odata.nextLink": "https://example.invalid/Observations?$skip=2"}
    (target / "Observations.json").write_text(json.dumps(first_page))
    (target / "Observations.2.json").write_text(json.dumps({"value": rows[2:]}))
    result = parse_cbs(read_directory(target))
    assert result.ok, result.errors
    assert [(r.value, r.value_attribute) for r in result.records] == [
        (5.5, ""),
        (None, "."),
        (rows[3]["Value"], ""),
    ]
    assert [r.file for r in result.records] == ["Observations.json"] * 2 + ["Observations.2.json"]
