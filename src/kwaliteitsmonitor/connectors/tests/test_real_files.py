# SPDX-License-Identifier: EUPL-1.2
"""Real files in ../shared/data through the documented commands (docs/import/woerden.md): no crash, no
conversion script (except for the KWB 2024 third-party extract), figures exactly as CBS publishes them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.areas.models import Area, AreaMembership
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.testing import publish

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]
TRIO = ("GM0632", "GM0193", "GM0141")  # Woerden, Zwolle, Almelo


def km(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)


def published(client, code: str, *areas: str) -> dict[str, object]:
    """Values as the public JSON API gives them, after publishing what was imported (as staff do)."""
    publish()
    response = client.get(f"/api/v1/indicators/{code}/values", {"area": ",".join(areas)})
    assert response.status_code == 200, response.content
    return {r["area"]: r["value"] for r in response.json()["results"]}


def test_pdok_gemeenten_2023_with_invalid_polygons_are_repaired_and_named(shared_data):
    code, _out, err = km("import", "areas", str(shared_data / "kwb-2023-gemeenten" / "gemeenten.json"))
    assert code == 0, err
    assert "Traceback" not in err
    repaired = [line for line in err.splitlines() if "ongeldige grens" in line]
    assert len(repaired) == 5 and any("GM0303 (Dronten, 2023)" in line for line in repaired)
    assert Area.objects.filter(level="GM", vintages__year=2023).exclude(vintages__geometry="").count() == 343


def test_kwb_2022_values_from_geojson_properties(shared_data, client):
    geojson = str(shared_data / "kwb-geojson" / "gemeenten_2022.geojson")
    assert km("import", "areas", geojson)[0] == 0
    args = ["import", "tabular", geojson, "--period", "2022", "--columns", "wmo_per_1000,pct_jeugdzorg"]
    args += ["--create-indicators", "--indicator-prefix", "kwb_", "--provider", "cbs"]
    code, _out, err = km(*args)
    assert code == 2 and "eenheid van de nieuwe indicator 'wmo_per_1000' ontbreekt" in err
    args += ["--unit", "wmo_per_1000=per_1000", "--unit", "pct_jeugdzorg=pct"]
    code, _out, err = km(*args)
    assert code == 0, err
    assert published(client, "kwb_wmo_per_1000", *TRIO) == {"GM0632": 57, "GM0193": 88, "GM0141": 77}
    assert published(client, "kwb_pct_jeugdzorg", *TRIO) == {"GM0632": 9.7, "GM0193": 10.2, "GM0141": 11.8}


def test_ggd_ede_health_monitor_properties_per_buurt(shared_data, client):
    folder = shared_data / "ggd-ede-veldhuizen"
    assert km("import", "areas", str(folder / "wijkenbuurtenwijken.geojson"))[0] == 0
    assert km("import", "areas", str(folder / "neighbourhoods_veld.geojson"))[0] == 0
    args = ["import", "tabular", str(folder / "neighbourhoods_veld.geojson"), "--period", "2022"]
    args += ["--columns", "health_lonely,health_severe_very_severe_loneliness", "--create-indicators"]
    args += ["--unit", "pct", "--provider", "cbs", "--set", "count_method=survey", "--set", "disclosure=none"]
    code, _out, err = km(*args)
    assert code == 0, err
    assert published(client, "health_lonely", "BU02280301")["BU02280301"] == 53.3


def test_offline_cbs_fetch_is_one_dutch_line_and_exit_1(monkeypatch):
    def offline(*_args, **_kwargs):
        raise urllib.error.URLError(OSError(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    before = database_dump()
    code, out, err = km("import", "cbs", "85984NED")
    assert code == 1
    assert "Traceback" not in err and out == ""
    assert err.strip().count("\n") == 0 and "CBS is niet bereikbaar" in err
    assert database_dump() == before


def test_a_partial_area_file_changes_only_its_areas(shared_data, tmp_path):
    assert km("import", "areas", str(shared_data / "zwolle-buurtmonitor-2014" / "bu_2014.json"))[0] == 0
    before = dict(Area.objects.filter(level="BU").values_list("code", "valid_to"))
    partial = tmp_path / "buurten_2024.csv"
    codes = sorted(before)[:4]
    partial.write_text("buurtcode,buurtnaam\n" + "".join(f"{c},Buurt {c}\n" for c in codes), encoding="utf-8")
    code, _out, err = km("import", "areas", str(partial), "--year", "2024")
    assert code == 0, err
    after = dict(Area.objects.filter(level="BU").values_list("code", "valid_to"))
    assert {c: v for c, v in after.items() if c not in codes} == {
        c: v for c, v in before.items() if c not in codes
    }
    assert "staan niet in dit bestand en zijn niet aangepast" in err


@pytest.fixture
def kwb_2024(shared_data: Path, tmp_path: Path) -> Path:
    """The KWB 2024 metadata as CBS sent it; the values file is a third party's extract, so the test turns
    it into the TypedDataSet CBS would send (allowed by the issue)."""
    source, target = shared_data / "kwb-2024-85984NED", tmp_path / "85984NED"
    target.mkdir()
    for name in ("TableInfos.json", "DataProperties.json", "CategoryGroups.json"):
        (target / name).symlink_to(source / name)
    values = json.loads((source / "stripped_filtered_data_2024.json").read_text())
    rows = [{"ID": i, "WijkenEnBuurten": c.ljust(10), **cells} for i, (c, cells) in enumerate(values.items())]
    (target / "TypedDataSet.json").write_text(json.dumps({"value": rows}))
    return target


def test_kwb_2024_inhabitants_and_memberships(shared_data, kwb_2024, tmp_path, client):
    regions = shared_data / "regions"
    assert km("import", "areas", str(shared_data / "kwb-geojson"))[0] == 0
    assert km("import", "areas", str(regions / "corop.generated.csv"), "--year", "2024")[0] == 0
    assert km("import", "areas", str(regions / "jeugdregio_2023.topojson"))[0] == 0
    assert km("import", "areas", str(regions / "ggdregio_2023.topojson"))[0] == 0
    config = tmp_path / "kwb.yaml"
    config.write_text(
        "all_topics: false\nindicators:\n"
        "  - {code: inwoners, measure: AantalInwoners, polarity: neutral, category: Bevolking, "
        "count_method: on_reference_date, update_frequency: yearly}\n",
        encoding="utf-8",
    )
    code, _out, err = km("import", "cbs", str(kwb_2024), "--config", str(config))
    assert code == 0, err
    assert published(client, "inwoners", *TRIO) == {"GM0632": 53724, "GM0193": 133141, "GM0141": 74317}
    inwoners = Indicator.objects.get(code="inwoners")
    assert (inwoners.category, inwoners.count_method, inwoners.update_frequency, inwoners.provider) == (
        "Bevolking", "on_reference_date", "yearly", "cbs",
    )  # fmt: skip
    corop = dict(
        AreaMembership.objects.filter(kind="corop", year=2024, area__code__in=TRIO).values_list(
            "area__code", "group_code"
        )
    )
    assert corop == {"GM0632": "CR17", "GM0193": "CR10", "GM0141": "CR12"}
    jeugd = dict(
        AreaMembership.objects.filter(kind="jeugdregio", area__code__in=TRIO).values_list(
            "area__code", "group_code"
        )
    )
    assert jeugd == {"GM0632": "JZ19", "GM0193": "JZ07", "GM0141": "JZ14"}
    ggd = AreaMembership.objects.filter(kind="ggdregio", year=2023, area__code__in=TRIO)
    assert ggd.count() == 3 and all(
        code.startswith("GG") for code in ggd.values_list("group_code", flat=True)
    )


def test_cbs_config_is_checked_by_the_contract(kwb_2024, tmp_path):
    config = tmp_path / "kwb.yaml"
    config.write_text(
        "all_topics: false\nindicators:\n  - {code: inwoners, measure: AantalInwoners, polarity: omlaag}\n",
        encoding="utf-8",
    )
    before = database_dump()
    code, _out, err = km("import", "cbs", str(kwb_2024), "--config", str(config))
    assert code == 2
    assert "kwb.yaml, kolom indicators[0].polarity: onbekende richting 'omlaag'" in err
    assert database_dump() == before


def test_contradicting_values_in_a_real_file_change_nothing(shared_data):
    geojson = str(shared_data / "kwb-geojson" / "gemeenten_2022.geojson")
    assert km("import", "areas", geojson)[0] == 0
    before = database_dump()
    # % jeugdzorg declared a count of persons: 9,7 is a fraction in a count (it would be shown as 10)
    args = [
        "import",
        "tabular",
        geojson,
        "--period",
        "2022",
        "--columns",
        "pct_jeugdzorg",
        "--create-indicators",
    ]
    code, _out, err = km(*args, "--unit", "count", "--provider", "own")
    assert code == 2
    assert "gemeenten_2022.geojson, rij 2, kolom pct_jeugdzorg" in err and "breuk" in err
    assert database_dump() == before
