# SPDX-License-Identifier: EUPL-1.2
"""``import process-round``: a round from a VNG-shaped table; dry run, all or nothing, Dutch errors with
file, row and column (unknown region, unknown label with the valid ones), imported as ingediend."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.processes import public
from kwaliteitsmonitor.processes.models import ProcessAnswer, Submission, SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db

OPTIONS = {"monitor": "beschermd-thuis", "round": "najaar-2026"}
GOOD = """regio;thema;subthema;status;toelichting;vraag;antwoord
Eigenstad;Wonen;Woningen;Gereed;Alle woningen opgeleverd.;;
Eigenstad;Wonen;Afspraken met corporaties;In ontwikkeling;;;
Eigenstad;Zorg;Passend palet;gereed;;;
Eigenstad;Wonen;;;;Is de regiovisie vastgesteld?;Ja
"""


@pytest.fixture
def m():
    return small_monitor()


def _file(tmp_path, text, name="ronde.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _state(m, name):
    return set(
        Submission.objects.filter(round=m["open"], region=m["regions"][name]).values_list(
            "state", "via_import"
        )
    )


def test_import_lands_as_submitted_and_is_idempotent(m, tmp_path):
    path = _file(tmp_path, GOOD)
    first = run_import("process-round", path, options=OPTIONS)
    assert first.status == "ok", first.result.errors
    assert (first.result.added, first.result.changed) == (4, 0)
    assert _state(m, "Eigenstad") == {("ingediend", True)} and _state(m, "Anderdorp") == set()
    row = SubThemeStatus.objects.get(round=m["open"], sub_theme=m["subs"][0])
    assert (row.status, row.explanation) == ("done_on_track", "Alle woningen opgeleverd.")
    assert ProcessAnswer.objects.get(round=m["open"], region=m["regions"]["Eigenstad"]).answer == "ja"
    assert not public.statuses().filter(round=m["open"]).exists()  # the adviser still reviews it
    second = run_import("process-round", path, options=OPTIONS)
    assert (second.result.added, second.result.changed, second.result.unchanged) == (0, 0, 4)


def test_dry_run_writes_nothing(m, tmp_path):
    path = _file(tmp_path, GOOD)
    dry = run_import("process-round", path, options=OPTIONS, dry_run=True)
    assert dry.status == "ok" and dry.result.added == 4
    assert not SubThemeStatus.objects.filter(round=m["open"]).exists()
    assert not Submission.objects.filter(round=m["open"]).exists()


def test_unknown_region_and_label_are_named_with_row_and_column_and_nothing_is_written(m, tmp_path):
    bad = GOOD.replace("Zorg;Passend palet;gereed", "Zorg;Passend palet;Oranje") + (
        "Nergensdorp;Wonen;Woningen;Gereed;;;\n"
    )
    outcome = run_import("process-round", _file(tmp_path, bad), options=OPTIONS)
    assert outcome.status == "invalid" and outcome.exit_code == 2
    found = {(e.file, e.row, e.column): e.message for e in outcome.result.errors}
    assert (
        found[("ronde.csv", 4, "status")]
        == "onbekend label 'Oranje'; Beschermd Thuis kent: Gereed, In ontwikkeling"
    )
    assert found[("ronde.csv", 6, "regio")] == "onbekende regio 'Nergensdorp' in Beschermd Thuis"
    assert not SubThemeStatus.objects.filter(round=m["open"]).exists()
    assert not Submission.objects.filter(round=m["open"]).exists()


def test_missing_columns_and_unknown_round(m, tmp_path):
    outcome = run_import(
        "process-round", _file(tmp_path, "regio;status\nEigenstad;Gereed\n"), options=OPTIONS
    )
    assert {e.column for e in outcome.result.errors} >= {"thema", "subthema"}
    outcome = run_import("process-round", _file(tmp_path, GOOD), options={**OPTIONS, "round": "bestaat-niet"})
    assert outcome.status == "invalid"
    assert "geef --round met een ronde van Beschermd Thuis (bekend: voorjaar-2026, najaar-2026)" in str(
        outcome.result.errors[0]
    )


def test_command_with_approve_makes_it_public(m, tmp_path):
    out = StringIO()
    call_command("import", "process-round", _file(tmp_path, GOOD), "--monitor", "beschermd-thuis",
                 "--round", "najaar-2026", "--approve", stdout=out, stderr=StringIO())  # fmt: skip
    assert _state(m, "Eigenstad") == {("goedgekeurd", True)}
    assert public.statuses().filter(round=m["open"]).count() == 3
    # an approved region is not overwritten by a later file
    outcome = run_import("process-round", _file(tmp_path, GOOD.replace("Ja\n", "Nee\n")), options=OPTIONS)
    assert outcome.status == "invalid"
    assert "Eigenstad is al goedgekeurd in Najaar 2026" in str(outcome.result.errors[0])
