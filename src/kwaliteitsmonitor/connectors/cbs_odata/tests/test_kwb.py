# SPDX-License-Identifier: EUPL-1.2
"""Kerncijfers wijken en buurten 2024 (85984NED): key resolution across years, units, no time dimension."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kwaliteitsmonitor.connectors.cbs_odata.cells import key_base
from kwaliteitsmonitor.connectors.cbs_odata.client import read_directory
from kwaliteitsmonitor.connectors.cbs_odata.odata import decode_parts
from kwaliteitsmonitor.connectors.cbs_odata.parse import parse_cbs
from kwaliteitsmonitor.connectors.cbs_odata.plan import resolve_measure
from kwaliteitsmonitor.connectors.cbs_odata.structure import model_v3

pytestmark = pytest.mark.shared_data


@pytest.fixture
def kwb_dir(shared_data: Path, tmp_path: Path) -> Path:
    """TableInfos and DataProperties as CBS sent them; a TypedDataSet rebuilt from the stored values."""
    source = shared_data / "kwb-2024-85984NED"
    target = tmp_path / "85984NED"
    target.mkdir()
    for name in ("TableInfos.json", "DataProperties.json", "CategoryGroups.json"):
        (target / name).symlink_to(source / name)
    values = json.loads((source / "stripped_filtered_data_2024.json").read_text())
    rows = [
        {"ID": i, "WijkenEnBuurten": code.ljust(10), **cells}
        for i, (code, cells) in enumerate(values.items())
    ]
    (target / "TypedDataSet.json").write_text(json.dumps({"value": rows}))
    return target


def test_key_base_resolves_across_years(shared_data: Path) -> None:
    parts = {
        "DataProperties.json": ((shared_data / "kwb-2024-85984NED" / "DataProperties.json").read_bytes(),)
    }
    model, errors = model_v3(decode_parts(parts)[0])
    assert model is not None and not errors
    assert key_base("WmoClientenRelatief_101") == "WmoClientenRelatief"
    for spec in ("WmoClientenRelatief", "WmoClientenRelatief_90", "wmoclientenrelatief"):
        measure, problem = resolve_measure(spec, model.measures)
        assert measure is not None, problem
        assert (measure.key, measure.unit, measure.decimals) == (
            "WmoClientenRelatief_101",
            "per 1 000 inwoners",
            0,
        )
    measure, _ = resolve_measure("WmoClienten_93", model.measures)  # a 2023 key finds the 2024 topic
    assert measure is not None and measure.key == "WmoClienten_100"


def test_kwb_without_configuration(kwb_dir: Path) -> None:
    result = parse_cbs(read_directory(kwb_dir))
    assert result.ok, result.errors[:3]
    definitions = {d.code: d for d in result.indicator_definitions}
    assert set(definitions) == {  # only topics with values in this file; text topics never
        f"cbs_85984ned_{k}"
        for k in ("aantalinwoners", "mannen", "vrouwen", "bevolkingsdichtheid", "woningvoorraad",
                  "oppervlaktetotaal", "oppervlakteland", "oppervlaktewater")
    }  # fmt: skip
    assert definitions["cbs_85984ned_aantalinwoners"].area_levels == ("GM", "WK")
    records = {(r.indicator, r.area): r for r in result.records}
    woerden = records[("cbs_85984ned_aantalinwoners", "GM0632")]
    assert (woerden.value, woerden.period, woerden.status) == (
        53724,
        "2024JJ00",
        "",
    )  # period from TableInfos
    nulls = [r for r in result.records if r.value is None]
    assert len(nulls) == 40 and all(r.value_attribute == "." for r in nulls)


def test_kwb_configured_units(kwb_dir: Path, shared_data: Path) -> None:
    config = "indicators: [{code: wmo_per_1000, measure: WmoClientenRelatief}, {code: pct_jz, measure: PercentageJongerenMetJeugdzorg}]\nall_topics: false"
    parts = read_directory(kwb_dir)
    parts["@config"] = (config.encode(),)
    result = parse_cbs(parts)
    assert result.ok
    assert result.records == ()  # these topics are not in the stored values ...
    assert "wmo_per_1000" in result.warnings[0]  # ... and the user is told so
