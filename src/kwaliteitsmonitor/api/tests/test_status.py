# SPDX-License-Identifier: EUPL-1.2
import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("status", *args, stdout=out)
    return out.getvalue()


def test_json_counts(dataset):
    data = json.loads(run("--json"))
    assert data["areas"] == 8
    assert data["areas_per_level"] == {"NL": 1, "PV": 0, "CR": 0, "JZ": 0, "GG": 0, "GM": 3, "WK": 3, "BU": 1}
    assert data["indicators"] == 6
    assert data["indicators_published"] == 5
    assert data["observations"] == 18
    assert data["observation_revisions"] == 0
    assert data["import_runs"] == 1
    last = data["last_import_run"]
    assert (last["connector"], last["status"], last["added"], last["rejected"]) == ("test", "ok", 18, 0)


def test_json_on_an_empty_database(db):
    data = json.loads(run("--json"))
    assert (data["areas"], data["indicators"], data["observations"], data["import_runs"]) == (0, 0, 0, 0)
    assert data["last_import_run"] is None


def test_text_summary_is_dutch(dataset):
    text = run()
    assert "Gebieden:       8 (nederland 1, gemeente 3, wijk 3, buurt 1)" in text
    assert "Indicatoren:    6 (5 gepubliceerd)" in text
    assert "Waarden:        18" in text
    assert "Laatste import: test api/tests op " in text
    assert "geslaagd (toegevoegd 18, gewijzigd 0, ongewijzigd 0, afgewezen 0)" in text


def test_console_script_succeeds(dataset, capsys):
    from kwaliteitsmonitor.cli import main

    main(["status", "--json"])  # returns normally (no SystemExit): exit code 0
    assert json.loads(capsys.readouterr().out)["observations"] == 18
