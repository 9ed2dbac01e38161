# SPDX-License-Identifier: EUPL-1.2
"""Scheduled refresh end to end, on recorded CBS responses only (``KM_CBS_OFFLINE_DIR``, no internet).

The recorded table 85098NED (jeugdhulp in natura) is served first without its newest half-year, as CBS
had it before its autumn update, then as recorded: a catalogue check notices the new ``Modified``, the
table is fetched, the new period lands, a publication goes live and the pages show the new date.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kwaliteitsmonitor.agenda.models import Agenda, Goal, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.cbs_odata.tests.conftest import FILES, copy_fixture, edit_json
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation
from kwaliteitsmonitor.publications.models import Publication
from kwaliteitsmonitor.publications.queries import values
from kwaliteitsmonitor.publications.testing import publish
from kwaliteitsmonitor.sources import attention
from kwaliteitsmonitor.sources.models import Kind, Source
from kwaliteitsmonitor.sources.refresh import refresh_due

pytestmark = pytest.mark.django_db
TABLE = "85098NED"
NEW = "2024HJ01"
T0 = dt.datetime(2026, 11, 2, 6, 0, tzinfo=dt.UTC)


def _before_autumn(folder: Path) -> None:
    """The table as CBS had it in spring: no 2024HJ01 yet, an earlier Modified."""
    for name in ("TypedDataSet.json", "TypedDataSet.2.json"):
        edit_json(folder / name, lambda d: d.update(value=[r for r in d["value"] if r["Perioden"] != NEW]))
    edit_json(folder / "Perioden.json", lambda d: d.update(value=[r for r in d["value"] if r["Key"] != NEW]))
    edit_json(folder / "TableInfos.json", lambda d: d["value"][0].update(Modified="2024-04-30T02:00:00"))


@pytest.fixture
def cbs(tmp_path, settings):
    settings.KM_CBS_OFFLINE_DIR = str(tmp_path / "cbs")
    settings.KM_AUTO_PUBLISH = True
    folder = copy_fixture("jeugdhulp_85098NED", tmp_path / "cbs" / TABLE)
    _before_autumn(folder)
    source = Source.objects.create(
        name="CBS jeugdzorg in natura",
        kind=Kind.CBS,
        table_id=TABLE,
        config=(FILES / "jeugdhulp.yaml").read_text(encoding="utf-8"),
        create_areas=True,
    )
    return folder, source


def _autumn_update(folder: Path) -> None:
    copy_fixture("jeugdhulp_85098NED", folder)  # as recorded: with 2024HJ01, Modified 2024-10-31


def _agenda() -> Goal:
    """A gemeente (Zwolle, from the table) with one doel whose result follows the imported indicator."""
    agenda = Agenda.objects.create(organisation="Gemeente Zwolle", area=Area.objects.get(code="GM0193"),
                                   start_year=2023, end_year=2027)  # fmt: skip
    theme = Theme.objects.create(agenda=agenda, slug="jeugd", title="Jeugd", order=1)
    goal = Goal.objects.create(theme=theme, slug="minder-jeugdhulp", number="1", title="Minder jeugdhulp")
    result = Result.objects.create(goal=goal, title="Minder jongeren met jeugdhulp", target_year=2027)
    ResultIndicator.objects.create(result=result, indicator=Indicator.objects.get(code="bij_jh_pct"))
    return goal


def _periods() -> set[str]:
    return set(Observation.objects.filter(area__code="GM0193").values_list("period", flat=True))


def test_scheduled_refresh_adds_the_new_period_publishes_and_shows_the_new_date(cbs, client):
    folder, source = cbs
    first = refresh_due(now=T0)
    assert [(s.outcome, s.added) for s in first.sources] == [("ok", 18)]
    assert NEW not in _periods()
    assert first.published is not None
    source.refresh_from_db()
    source.indicators.set(Indicator.objects.filter(code__in=["bij_jh_pct", "bij_jb_pct"]))
    goal = _agenda()
    publish()

    # Not due again before its interval; when due, the catalogue alone shows nothing changed.
    assert refresh_due(now=T0 + dt.timedelta(hours=1)).sources == []
    runs = ImportRun.objects.count()
    second = refresh_due(now=T0 + dt.timedelta(hours=25))
    assert [s.outcome for s in second.sources] == ["ongewijzigd"]
    assert ImportRun.objects.count() == runs  # no fetch, no run

    _autumn_update(folder)
    later = T0 + dt.timedelta(days=3)
    live_before = Publication.objects.filter(state="live").get().number
    third = refresh_due(now=later)
    assert [(s.outcome, s.added) for s in third.sources] == [("ok", 6)]
    assert NEW in _periods()
    run = ImportRun.objects.get(pk=third.sources[0].run_id)
    assert (run.status, run.added, run.actor) == ("ok", 6, "verversing")
    assert third.published is not None and third.published > live_before
    assert Publication.objects.get(state="live").number == third.published

    source.refresh_from_db()
    assert source.last_run_id == run.pk and source.held_version == "2024-10-31T02:00:00"
    assert source.retrieved_at == later

    page = client.get("/indicator/bij_jh_pct/").content.decode()
    assert "Actualiteit en volledigheid" in page
    assert "5 november 2026" in page  # opgehaald op: the day of the refresh
    published = values(Indicator.objects.get(code="bij_jh_pct"), areas=["GM0193"])
    assert NEW in {r.period for r in published}  # the new period is in the live publication
    data = client.get("/indicator/bij_jh_pct.json").json()
    [item] = data["sources"]["items"]
    assert item["name"] == "CBS jeugdzorg in natura"
    assert item["retrieved_on"] == "2026-11-05"
    assert item["next_expected"] == "2025-05-02"  # Modified 31 oktober 2024 + half a year (183 days)
    assert item["freshness"] == "te_laat"  # the recorded table is from 2024; today is later
    # The page shows the yearly series: Zwolle has a value for the one year.
    assert item["completeness"] == {"present": 1, "expected": 1, "share": 1.0, "text": "1 van 1 (100%)"}

    doel = client.get(f"/opgave/{goal.theme.slug}/{goal.slug}.json").json()
    assert [i["name"] for i in doel["sources"]["items"]] == ["CBS jeugdzorg in natura"]
    html = client.get(f"/opgave/{goal.theme.slug}/{goal.slug}/").content.decode()
    assert "Volgende verwachte update" in html and "2 mei 2025" in html


def test_a_failing_source_leaves_the_data_and_is_listed_for_staff(cbs):
    folder, source = cbs
    refresh_due(now=T0)
    before = sorted(Observation.objects.values_list("indicator__code", "area__code", "period", "value"))
    live = Publication.objects.get(state="live").number

    # CBS changed the table, but the download is broken halfway (a truncated page).
    _autumn_update(folder)
    (folder / "TypedDataSet.2.json").write_text('{"value": [ {"ID": 6, ', encoding="utf-8")
    result = refresh_due(now=T0 + dt.timedelta(days=2))

    [item] = result.sources
    assert item.outcome == "mislukt"
    assert "de gegevens zijn ongewijzigd" in item.message and "TypedDataSet.2.json" in item.message
    assert (
        sorted(Observation.objects.values_list("indicator__code", "area__code", "period", "value")) == before
    )
    assert Publication.objects.get(state="live").number == live  # nothing new published
    failed = ImportRun.objects.get(pk=item.run_id)
    assert failed.status == "failed" and failed.errors
    source.refresh_from_db()
    assert source.held_version == "2024-04-30T02:00:00"  # the next check tries again

    [shown] = [i for i in attention.items() if i["severity"] == "error"]
    assert shown["title"] == "Verversing van CBS jeugdzorg in natura mislukt"
    assert "TypedDataSet.2.json" in shown["detail"]
    assert shown["url"] == f"/beheer/sources/source/{source.pk}/change/" or shown["url"].endswith(
        f"/sources/source/{source.pk}/change/"
    )

    # Repaired at CBS: the next pass fetches it and the item is gone.
    _autumn_update(folder)
    repaired = refresh_due(now=T0 + dt.timedelta(days=3))
    assert [s.outcome for s in repaired.sources] == ["ok"]
    assert not [i for i in attention.items() if i["severity"] == "error"]


def test_an_unreachable_catalogue_is_a_recorded_failure(cbs, settings, tmp_path):
    settings.KM_CBS_OFFLINE_DIR = str(tmp_path / "elders")
    [item] = refresh_due(now=T0).sources
    assert item.outcome == "mislukt" and "CBS-catalogus voor 85098NED niet gelezen" in item.message
    assert ImportRun.objects.get(pk=item.run_id).status == "failed"
    assert not Observation.objects.exists()


def test_refresh_list_json(cbs):
    _folder, source = cbs
    call_command("refresh", "--due", stdout=io.StringIO())
    out = io.StringIO()
    call_command("refresh", "--list", "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    source.refresh_from_db()
    assert row["name"] == "CBS jeugdzorg in natura" and row["kind"] == "cbs"
    assert row["outcome"] == "ok" and row["last_run"]["status"] == "ok"
    assert row["last_run"]["id"] == source.last_run_id
    assert row["next_run_at"] == source.next_run_at.isoformat()
    assert row["due"] is False
    # Modified 30 april 2024 + half a year has long passed (the test runs after 2024): te laat.
    assert row["freshness"] == "te_laat" and row["freshness_label"] == "te laat"
    assert row["next_expected"] == "2024-10-30"


def test_refresh_due_exits_non_zero_when_a_source_failed(cbs, settings, tmp_path):
    settings.KM_CBS_OFFLINE_DIR = str(tmp_path / "elders")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 bron"):
        call_command("refresh", "--due", stdout=out)
    assert "mislukt" in out.getvalue()


def test_a_late_manual_delivery_is_listed(db):
    Source.objects.create(
        name="Wijkteamregistratie",
        kind=Kind.MANUAL,
        frequency="halfjaarlijks",
        expected_delivery=timezone.localdate() - dt.timedelta(days=30),
    )
    [item] = attention.items()
    assert item["severity"] == "warning" and item["title"] == "Levering van Wijkteamregistratie is te laat"
