# SPDX-License-Identifier: EUPL-1.2
"""CBS OData v3 parsing against genuine responses (80137ned typed, 83599NED untyped in two pages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kwaliteitsmonitor.connectors.base import ParseResult
from kwaliteitsmonitor.connectors.cbs_odata.client import read_directory
from kwaliteitsmonitor.connectors.cbs_odata.parse import parse_cbs

from .conftest import FILES

pytestmark = pytest.mark.shared_data


def parse_dir(path: Path, config: str | None = None) -> ParseResult:
    parts = read_directory(path)
    if config:
        parts["@config"] = (config.encode(),)
    return parse_cbs(parts)


def test_typed_dataset_80137ned_all_topics_without_configuration(v3_80137: Path) -> None:
    result = parse_dir(v3_80137)
    assert result.ok, result.errors[:3]
    assert len({(r.file, r.row) for r in result.records}) == 675
    assert len(result.records) == 675 * 12  # 12 numeric topics, no configuration: all of them
    first = result.records[0]
    assert (first.indicator, first.area, first.period, first.value) == (
        "cbs_80137ned_totaal_1",
        "NL00",
        "2001JJ00",
        8811.0,
    )
    assert first.breakdown == "Persoonskenmerken=1;BedrijfstakkenSBI93=99"  # keys "1 " stripped
    assert {r.status for r in result.records} == {"definitief"}
    assert {a.code for a in result.areas} == {"NL00"}  # no region dimension: national


def test_typed_dataset_80137ned_definitions_keep_unit_text_and_decimals(v3_80137: Path) -> None:
    definitions = {d.code: d for d in parse_dir(v3_80137).indicator_definitions}
    totaal4 = definitions["cbs_80137ned_totaal_4"]  # "Totaal" occurs in four topic groups: full key
    assert totaal4.name == "Arbeidsvolume in arbeidsjaren: Totaal"
    assert (totaal4.unit_label, totaal4.decimals, totaal4.unit) == ("1 000 arbeidsjaren", 1, "count")
    assert definitions["cbs_80137ned_perarbeidsjaar"].unit == "euro_1000"
    assert definitions["cbs_80137ned_pergewerktuur"].unit == "euro"
    assert all(d.source == "CBS StatLine 80137ned" and d.provider == "cbs" for d in definitions.values())
    assert {d.period_type for d in definitions.values()} == {"year"}


def test_configured_measure_with_total_category_and_factor(v3_80137: Path) -> None:
    config = """
totals: {Persoonskenmerken: "1", BedrijfstakkenSBI93: "99"}
indicators:
  - {code: banen_werknemers, measure: Werknemers_2, unit: count, factor: 1000, select: {Persoonskenmerken: "2"}}
"""
    result = parse_dir(v3_80137, config)
    assert result.ok, result.errors
    assert {d.code for d in result.indicator_definitions} == {"banen_werknemers"}
    totals = [r for r in result.records if r.breakdown == "" and r.period == "2001JJ00"]
    assert [r.value for r in totals] == [4283.0 * 1000]  # Mannen, all SBI, 2001 in 1 000 banen
    assert all("Persoonskenmerken" not in r.breakdown for r in result.records)


def test_ambiguous_key_base_is_refused_with_the_candidates(v3_80137: Path) -> None:
    result = parse_dir(v3_80137, "indicators: [{code: x, measure: Totaal}]")
    assert not result.ok
    assert "Totaal_1" in result.errors[0].message and result.errors[0].column == "indicators[0].measure"


def untyped_83599(shared: Path, target: Path, *, with_second_page: bool = True) -> Path:
    target.mkdir()
    (target / "UntypedDataSet.json").symlink_to(shared / "cbs-odata-v3" / "tables_2.json")
    if with_second_page:
        (target / "UntypedDataSet.2.json").symlink_to(shared / "cbs-odata-v3" / "tables_3.json")
    # The stored snapshot has no metadata for 83599NED; this minimal DataProperties is written by the test.
    properties = [
        {
            "odata.type": "Cbs.OData.Dimension",
            "ID": 0,
            "Key": "BedrijfstakkenBranchesSBI2008",
            "Title": "SBI",
            "Type": "Dimension",
        },
        {
            "odata.type": "Cbs.OData.GeoDimension",
            "ID": 1,
            "Key": "RegioS",
            "Title": "Regio's",
            "Type": "GeoDimension",
        },
        {
            "odata.type": "Cbs.OData.TimeDimension",
            "ID": 2,
            "Key": "Perioden",
            "Title": "Perioden",
            "Type": "TimeDimension",
        },
        {
            "odata.type": "Cbs.OData.Topic",
            "ID": 3,
            "Key": "OpenstaandeVacatures_1",
            "Title": "Openstaande vacatures",
            "Type": "Topic",
            "Datatype": "Double",
            "Unit": "x 1 000",
            "Decimals": 1,
        },
    ]
    (target / "DataProperties.json").write_text(json.dumps({"value": properties}))
    (target / "TableInfos.json").write_text(
        json.dumps([{"Identifier": "83599NED", "Title": "Openstaande vacatures"}])
    )
    return target


def test_untyped_83599ned_two_pages_padded_strings(shared_data: Path, tmp_path: Path) -> None:
    result = parse_dir(untyped_83599(shared_data, tmp_path / "83599"))
    assert result.ok, result.errors[:3]
    assert len(result.records) == 10000 + 5504 - 1  # one blank cell (page 2, row 2251): logically impossible
    assert not any(r.file == "UntypedDataSet.2.json" and r.row == 2251 for r in result.records)
    first = result.records[0]
    assert (first.area, first.period, first.value, first.breakdown) == (
        "NL00",  # "NL01  " stripped and named like KWB
        "2011KW01",
        135.5,
        "BedrijfstakkenBranchesSBI2008=T001081",
    )
    assert {r.file for r in result.records} == {"UntypedDataSet.json", "UntypedDataSet.2.json"}
    assert all(r.area == r.area.strip() and " " not in r.breakdown for r in result.records)
    assert {r.area[:2] for r in result.records} == {"NL", "LD", "PV"}
    assert result.indicator_definitions[0].period_type == "quarter"


def test_missing_next_page_is_an_incomplete_download(shared_data: Path, tmp_path: Path) -> None:
    result = parse_dir(untyped_83599(shared_data, tmp_path / "83599", with_second_page=False))
    assert not result.ok
    assert result.errors[0].file == "UntypedDataSet.json"
    assert "onvolledige download" in result.errors[0].message


def test_repository_fixture_pages_and_statuses() -> None:
    result = parse_dir(FILES / "jeugdhulp_85098NED", (FILES / "jeugdhulp.yaml").read_text())
    assert result.ok, result.errors
    by_key = {(r.indicator, r.area, r.period): r for r in result.records}
    assert by_key[("bij_jh_pct", "GM0632", "2024HJ01")].status == "voorlopig"
    assert by_key[("bij_jh_pct", "GM0632", "2023JJ00")].status == "definitief"
    assert by_key[("bij_jh_pct", "NL00", "2023JJ00")].value == 13.9
    suppressed = by_key[("bij_jh_pct", "GM0193", "2024HJ01")]
    assert (suppressed.value, suppressed.value_attribute) == (None, ".")
    definition = {d.code: d for d in result.indicator_definitions}["bij_jh_pct"]
    assert (definition.unit, definition.unit_label, definition.decimals) == ("pct", "% (zie toelichting)", 1)
    assert definition.period_type == "year_halfyear" and definition.area_levels == ("NL", "GM")


def test_untyped_symbols_and_blank_cells_in_wmo_fixture() -> None:
    result = parse_dir(FILES / "wmo_wijken_85639NED", (FILES / "wmo_wijken.yaml").read_text())
    assert result.ok, result.errors
    records = {(r.indicator, r.area, r.breakdown): r for r in result.records}
    assert records[("gmsd_wmo_clienten", "GM0632", "")].value == 3055
    assert records[("gmsd_wmo_hbh", "WK063201", "")].value == 655
    dot = records[("gmsd_wmo_clienten", "WK063201", "voorziening=A049432")]
    assert (dot.value, dot.value_attribute) == (None, ".")
    assert ("gmsd_wmo_clienten", "WK063202", "voorziening=A049432") not in records  # blank: impossible
    areas = {a.code: a for a in result.areas}
    assert (areas["WK063202"].name, areas["WK063202"].parent_code, areas["WK063202"].level) == (
        "Harmelen",
        "GM0632",
        "WK",
    )
