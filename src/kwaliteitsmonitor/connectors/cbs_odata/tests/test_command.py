# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor import cbs ...`` end to end: exit codes, --json, --dry-run, re-import, broken input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

from .conftest import FILES, copy_fixture, edit_json

pytestmark = pytest.mark.django_db
JEUGD = str(FILES / "jeugdhulp_85098NED")
JEUGD_CONFIG = str(FILES / "jeugdhulp.yaml")
WMO = str(FILES / "wmo_wijken_85639NED")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue(), err.getvalue()


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _err = run(*args, "--json")
    return code, json.loads(out)


def test_import_json_then_identical_reimport_changes_nothing() -> None:
    code, summary = run_json("cbs", JEUGD, "--config", JEUGD_CONFIG, "--create-areas")
    assert code == 0
    assert summary == {"status": "ok", "added": 24, "changed": 0, "unchanged": 0, "rejected": 0, "errors": []}
    assert set(Area.objects.values_list("code", flat=True)) == {"NL00", "GM0632", "GM0193"}
    assert Indicator.objects.get(code="bij_jh_pct").period_type == "year_halfyear"
    run_record = ImportRun.objects.get()
    assert (run_record.connector, run_record.added, run_record.status) == ("cbs", 24, "ok")
    assert len(run_record.sha256) == 64 and run_record.actor and run_record.finished_at

    code, out, _ = run("cbs", JEUGD, "--config", JEUGD_CONFIG, "--create-areas")
    assert code == 0
    assert "Niets gewijzigd" in out and "0 toegevoegd, 0 gewijzigd, 24 ongewijzigd, 0 afgewezen" in out


def test_human_output_is_dutch() -> None:
    code, out, _ = run("cbs", WMO, "--create-areas", "--config", str(FILES / "wmo_wijken.yaml"))
    assert code == 0
    assert "toegevoegd, 0 gewijzigd, 0 ongewijzigd, 0 afgewezen" in out
    assert "nieuwe indicatoren" in out and "nieuwe gebieden" in out
    assert Observation.objects.get(indicator__code="gmsd_wmo_hbh", area__code="WK063201").value == 655


def test_dry_run_writes_nothing_not_even_a_run() -> None:
    before = database_dump()
    code, summary = run_json("cbs", JEUGD, "--config", JEUGD_CONFIG, "--create-areas", "--dry-run")
    assert (code, summary["status"], summary["added"]) == (0, "ok", 24)
    assert database_dump() == before
    code, out, _ = run("cbs", JEUGD, "--config", JEUGD_CONFIG, "--create-areas", "--dry-run")
    assert "Proefrun, er is niets opgeslagen" in out


def test_unknown_areas_without_create_areas_is_invalid() -> None:
    code, summary = run_json("cbs", JEUGD, "--config", JEUGD_CONFIG)
    assert code == 2
    assert summary["status"] == "invalid"
    assert {e["message"] for e in summary["errors"]} >= {"onbekend gebied 'GM0632'"}
    assert all(set(e) == {"file", "row", "column", "message"} for e in summary["errors"])
    assert not ImportRun.objects.exists() and not Indicator.objects.exists()


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: (d / "TypedDataSet.2.json").write_text('{"value": [', encoding="utf-8"),  # truncated JSON
        lambda d: (d / "TypedDataSet.2.json").unlink(),  # page announced by nextLink is missing
        lambda d: edit_json(
            d / "TypedDataSet.json", lambda j: j["value"][0].update(JongerenMetJeugdhulpInNatura_1="n.v.t.")
        ),
        lambda d: edit_json(d / "TypedDataSet.2.json", lambda j: j["value"][0].update(Perioden="2024SJ00")),
        lambda d: (d / "DataProperties.json").unlink(),
    ],
    ids=["truncated-json", "missing-page", "text-in-number", "unsupported-period", "no-metadata"],
)
def test_broken_input_exits_2_and_leaves_the_database_exactly_as_it_was(
    tmp_path: Path, breakage: Any
) -> None:
    assert run("cbs", WMO, "--create-areas")[0] == 0  # something already there
    directory = copy_fixture("jeugdhulp_85098NED", tmp_path / "broken")
    breakage(directory)
    before = database_dump()
    code, summary = run_json("cbs", str(directory), "--config", JEUGD_CONFIG, "--create-areas")
    assert code == 2, summary
    assert summary["status"] == "invalid" and summary["errors"] and summary["errors"][0]["file"]
    assert database_dump() == before


def test_bad_configuration_and_unknown_connector_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "cbs.yaml"
    config.write_text("indicators:\n  - {code: x, measure: BestaatNiet}\n", encoding="utf-8")
    code, summary = run_json("cbs", JEUGD, "--config", str(config))
    assert code == 2 and summary["errors"][0]["file"] == "cbs.yaml"
    assert "niet gevonden" in summary["errors"][0]["message"]
    code, summary = run_json("onbekend", JEUGD)
    assert code == 2 and "onbekende bron-koppeling" in summary["errors"][0]["message"]
    code, summary = run_json("cbs", str(tmp_path / "bestaat-niet"))
    assert code == 2


def test_import_without_configuration_takes_all_topics() -> None:
    code, summary = run_json("cbs", WMO, "--create-areas")
    assert code == 0 and summary["added"] == 16  # 9 rows × 2 topics, minus 2 blank cells
    indicator = Indicator.objects.get(code="cbs_85639ned_wmoclientenper1000inwoners")
    assert (indicator.unit, indicator.unit_label, indicator.provider) == (
        "per_1000",
        "per 1 000 inwoners",
        "cbs",
    )
    assert indicator.source == "CBS StatLine 85639NED" and indicator.area_levels == ["GM", "WK"]
    breakdowns = set(Observation.objects.values_list("breakdown", flat=True))
    assert "TypeMaatwerkvoorziening=T001038" in breakdowns  # totals kept as a code unless configured
    assert Area.objects.get(code="WK063202").parent.code == "GM0632"
