# SPDX-License-Identifier: EUPL-1.2
"""The ``areas`` connector against the real KWB boundaries and regions, and its edge cases."""

from __future__ import annotations

import itertools
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from shapely.geometry import shape

from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import database_dump

pytestmark = pytest.mark.django_db


def _import(source, **options):
    outcome = run_import("areas", str(source), options=options)
    assert outcome.status == "ok", outcome.result.errors
    return outcome


def _rejected(source, where, message, **options):
    before = database_dump()
    outcome = run_import("areas", str(source), options=options)
    assert outcome.exit_code == 2
    assert any((e.file, e.row, e.column) == where for e in outcome.result.errors), outcome.result.errors
    assert any(message in e.message for e in outcome.result.errors), outcome.result.errors
    assert database_dump() == before


def _clockwise(ring):
    return sum((x2 - x1) * (y2 + y1) for (x1, y1), (x2, y2) in itertools.pairwise(ring)) > 0


@pytest.mark.shared_data
def test_all_kwb_vintages_with_herindelingen(shared_data):
    first = _import(shared_data / "kwb-geojson")
    gemeenten = Area.objects.filter(level="GM", is_pseudo=False)
    assert gemeenten.valid_in(2024).count() == 342
    assert AreaVintage.objects.filter(area__level="GM", year=2024).count() == 343  # + Buitenland
    assert AreaVintage.objects.filter(area__level="GM", year=2012).count() == 416
    assert Area.objects.get(code="GM0998").is_pseudo  # Buitenland
    assert not Area.objects.get(code="GM0589").is_pseudo  # Oudewater is a gemeente, not water
    ten_boer, midden_groningen = Area.objects.get(code="GM0009"), Area.objects.get(code="GM1952")
    assert (ten_boer.valid_from, ten_boer.valid_to) == (None, 2018)  # merged into Groningen in 2019
    assert (midden_groningen.valid_from, midden_groningen.valid_to) == (2018, None)
    assert any(
        w.startswith("GM0014: grondgebied 2018→2019") for w in first.warnings
    )  # Groningen kept its code
    woerden = Area.objects.get(code="GM0632")
    assert woerden.children.filter(level="WK", is_pseudo=False).count() == 8
    assert Area.objects.get(code="WK003499").is_pseudo  # "Groot water"
    assert not Area.objects.get(code="WK168199").is_pseudo  # a real wijk numbered 99 (Odoornerveen)
    geometry = json.loads(AreaVintage.objects.get(area=woerden, year=2024).geometry)
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else geometry["coordinates"][0]
    assert _clockwise(rings[0])
    assert shape(geometry).is_valid
    assert 4.7 < shape(geometry).centroid.x < 5.0
    before = database_dump()
    again = _import(shared_data / "kwb-geojson")
    assert (again.result.added, again.result.changed) == (0, 0)
    assert again.result.unchanged == first.result.added
    after = database_dump()
    assert len(after.pop("indicators_importrun")) == len(before.pop("indicators_importrun")) + 1
    assert after == before


@pytest.mark.shared_data
def test_region_memberships_by_location_and_corop_csv(shared_data):
    _import(shared_data / "kwb-geojson" / "gemeenten_2023.geojson")
    _import(shared_data / "regions" / "jeugdregio_2023.topojson")
    _import(shared_data / "regions" / "ggdregio_2023.topojson")
    _import(shared_data / "regions" / "corop.generated.csv", year=2024)
    got = {
        (m.area.code, m.kind): m.group_code
        for m in AreaMembership.objects.filter(area__code__in=["GM0632", "GM0193", "GM0141"])
    }
    assert got[("GM0632", "jeugdregio")] == "JZ19"
    assert got[("GM0193", "jeugdregio")] == "JZ07"
    assert got[("GM0141", "jeugdregio")] == "JZ14"
    assert (got[("GM0632", "ggdregio")], got[("GM0193", "ggdregio")], got[("GM0141", "ggdregio")]) == (
        "GG2514",
        "GG1009",
        "GG1106",
    )
    assert (got[("GM0632", "corop")], got[("GM0193", "corop")], got[("GM0141", "corop")]) == (
        "CR17",
        "CR10",
        "CR12",
    )
    assert Area.objects.get(code="CR17").name == "Utrecht"
    assert AreaMembership.objects.filter(kind="jeugdregio", year=2023).count() == 342
    assert AreaMembership.objects.filter(kind="corop", year=2024).count() == 342
    assert Area.objects.filter(level="JZ").count() == 42
    assert AreaVintage.objects.get(area__code="JZ19").geometry
    utrecht_west = AreaMembership.objects.filter(kind="jeugdregio", group__code="JZ19").count()
    assert utrecht_west >= 5


@pytest.mark.shared_data
def test_zwolle_buurten_2014_year_from_property_names(shared_data):
    outcome = _import(shared_data / "zwolle-buurtmonitor-2014" / "bu_2014.json")
    assert AreaVintage.objects.filter(area__level="BU", year=2014).count() == 78
    vintage = AreaVintage.objects.get(area__code="BU01931000")
    assert (vintage.name, vintage.parent_code) == ("Binnenstad-Zuid", "WK019310")
    assert outcome.result.added == 78 * 2


def test_rd_coordinates_are_converted(tmp_path):
    square = [[122000, 455000], [122000, 456000], [123000, 456000], [123000, 455000], [122000, 455000]]
    feature = {"type": "Feature", "properties": {"statcode": "GM0632", "statnaam": "Woerden"},
               "geometry": {"type": "Polygon", "coordinates": [square]}}  # fmt: skip
    path = tmp_path / "gemeente_2024.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    outcome = _import(path)
    assert any("RD" in w for w in outcome.warnings)
    point = shape(json.loads(AreaVintage.objects.get().geometry)).centroid
    assert 4.85 < point.x < 4.95 and 52.07 < point.y < 52.10


def test_gebieden_in_nederland_resolves_pairs_by_title(tmp_path):
    properties = [
        {"ID": 0, "Type": "TopicGroup", "Title": "Gemeenten", "ParentID": None},
        {"ID": 1, "Type": "Topic", "Key": "Code_1", "Title": "Code", "ParentID": 0},
        {"ID": 2, "Type": "Topic", "Key": "Naam_2", "Title": "Naam", "ParentID": 0},
        {"ID": 3, "Type": "TopicGroup", "Title": "Jeugdregio", "ParentID": None},
        {"ID": 4, "Type": "Topic", "Key": "Code_18", "Title": "Code", "ParentID": 3},  # suffix moved
        {"ID": 5, "Type": "Topic", "Key": "Naam_19", "Title": "Naam", "ParentID": 3},
        {"ID": 6, "Type": "TopicGroup", "Title": "Stedelijkheid", "ParentID": None},
        {"ID": 7, "Type": "Topic", "Key": "Code_52", "Title": "Code", "ParentID": 6},
        {"ID": 8, "Type": "Topic", "Key": "Omschrijving_53", "Title": "Omschrijving", "ParentID": 6},
    ]
    rows = [{"Code_1": "GM0632    ", "Naam_2": "Woerden   ", "Code_18": "JZ19  ", "Naam_19": "Utrecht West",
             "Code_52": "3", "Omschrijving_53": "Matig stedelijk", "Code_16": "XX99"}]  # fmt: skip
    folder = tmp_path / "85067NED"
    folder.mkdir()
    (folder / "DataProperties.json").write_text(json.dumps({"value": properties}))
    (folder / "TypedDataSet.json").write_text(json.dumps({"value": rows}))
    _import(folder, year=2024)
    memberships = dict(AreaMembership.objects.values_list("kind", "group_code"))
    assert memberships == {"jeugdregio": "JZ19", "stedelijkheid": "3"}
    assert Area.objects.get(code="JZ19").name == "Utrecht West"


def _feature_collection(tmp_path: Path, features: list[dict], name: str = "gemeenten_2024.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _gm(code: str, name: str = "X", **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"gemeentecode": code, "gemeentenaam": name, **props},
        "geometry": None,
    }


def test_broken_area_files_are_rejected_and_write_nothing(tmp_path):
    _import(_feature_collection(tmp_path, [_gm("GM0632", "Woerden")]))
    bad_json = tmp_path / "kapot.geojson"
    bad_json.write_text('{"type": "FeatureCollection", "features": [')
    _rejected(bad_json, ("kapot.geojson", 1, ""), "geen geldige JSON")
    duplicate = _feature_collection(
        tmp_path, [_gm("GM0632"), _gm("GM0193"), _gm("GM0632")], "dubbel_2024.geojson"
    )
    _rejected(duplicate, ("dubbel_2024.geojson", 3, "gemeentecode"), "dubbel")
    bad_code = _feature_collection(tmp_path, [_gm("GM0632"), _gm("GM06X")], "code_2024.geojson")
    _rejected(bad_code, ("code_2024.geojson", 2, "gemeentecode"), "geen CBS-gebiedscode")
    conflict = _feature_collection(tmp_path, [_gm("GM0632", jaar=2023)], "jaar.geojson")
    _rejected(conflict, ("jaar.geojson", None, "jaar"), "--year zegt 2024", year=2024)
    no_year = _feature_collection(tmp_path, [_gm("GM0632")], "zonderjaar.geojson")
    _rejected(no_year, ("zonderjaar.geojson", None, "jaar"), "geef --year op")


def test_membership_table_errors(tmp_path):
    _import(_feature_collection(tmp_path, [_gm("GM0632", "Woerden"), _gm("GM0193", "Zwolle")]))
    csv = tmp_path / "corop.csv"
    csv.write_text(
        "Gemeentecode,Gemeente,COROP-gebiedcode,COROP-gebied\n0632,Woerden,17,Utrecht\n0193,Zwolle,1O,Noord\n"
    )
    _rejected(csv, ("corop.csv", 3, "COROP-gebiedcode"), "ongeldige code", year=2024)
    csv.write_text("Gemeentecode,Gemeente,COROP-gebiedcode\n0632,Woerden,17\n0632,Woerden,18\n")
    _rejected(csv, ("corop.csv", 3, "COROP-gebiedcode"), "hoort in 2024 al bij CR17", year=2024)
    csv.write_text("Gemeentecode,Gemeente,COROP-gebiedcode\n0632,Woerden,17\n")
    _import(csv, year=2024)
    assert AreaVintage.objects.get(area__code="GM0632", year=2024).name == "Woerden"


def test_a_table_never_erases_a_boundary(tmp_path):
    square = [[4.8, 52.0], [4.8, 52.1], [4.9, 52.1], [4.9, 52.0], [4.8, 52.0]]
    feature = {**_gm("GM0632", "Woerden"), "geometry": {"type": "Polygon", "coordinates": [square]}}
    _import(_feature_collection(tmp_path, [feature]))
    csv = tmp_path / "klassen.csv"
    csv.write_text("gemeentecode;gemeentenaam;stedelijkheid;grootteklasse\nGM0632;Woerden;3;5\n")
    outcome = _import(csv, year=2024)
    assert AreaVintage.objects.get(area__code="GM0632").geometry
    assert outcome.result.added == 2  # two memberships; the vintage is unchanged
    assert dict(AreaMembership.objects.values_list("kind", "group_code")) == {
        "stedelijkheid": "3",
        "grootteklasse": "5",
    }


def test_through_the_import_command(tmp_path):
    source = _feature_collection(tmp_path, [_gm("GM0632", "Woerden")])
    out = StringIO()
    call_command("import", "areas", str(source), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["status"], summary["added"]) == ("ok", 3)  # NL00, GM0632 and its vintage


def test_dry_run_writes_nothing(tmp_path):
    source = _feature_collection(tmp_path, [_gm("GM0632", "Woerden")])
    before = database_dump()
    dry = run_import("areas", str(source), dry_run=True)
    assert (dry.status, dry.result.added) == ("ok", 3)
    assert database_dump() == before
