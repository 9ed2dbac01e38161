# SPDX-License-Identifier: EUPL-1.2
"""Registering sources: validation (never a path outside the sources folder), file locations and
deliveries by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation
from kwaliteitsmonitor.sources.models import Kind, Source
from kwaliteitsmonitor.sources.refresh import refresh_source

pytestmark = pytest.mark.django_db
CSV = "indicator;gebied;periode;waarde\nwmo_test;GM9001;2025;12\nwmo_test;GM9001;2026;14\n"


@pytest.fixture
def folder(settings, tmp_path):
    settings.KM_SOURCES_DIR = tmp_path / "bronnen"
    settings.KM_SOURCES_DIR.mkdir()
    return settings.KM_SOURCES_DIR


@pytest.mark.parametrize("path", ["/etc/passwd", "../geheim.csv", "jeugd/../../x.csv", "", "a\\b.csv"])
def test_a_file_location_must_stay_inside_the_sources_folder(folder, path):
    source = Source(name="Bestand", kind=Kind.FILE, path=path, connector="tabular")
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    assert "path" in caught.value.message_dict
    assert "bronnenmap" in " ".join(caught.value.message_dict["path"])


def test_cbs_source_is_checked_field_by_field(folder):
    source = Source(name="CBS", kind=Kind.CBS, table_id="geen tabel", config="indicators: [{code: x}]")
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    errors = caught.value.message_dict
    assert "is geen CBS-tabelnummer" in errors["table_id"][0]
    assert "minstens 'code' en 'measure'" in errors["config"][0]


def test_a_manual_source_needs_its_expected_date(folder):
    with pytest.raises(ValidationError, match="volgende levering"):
        Source(name="Handmatig", kind=Kind.MANUAL).full_clean()


def _gemeente() -> None:
    nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
    Area.objects.create(code="GM9001", name="Teststad", level=Level.GM, parent=nl)
    Indicator.objects.create(code="wmo_test", name="Wmo-cliënten", unit="count")


def test_a_file_location_is_imported_when_the_file_changed(folder):
    _gemeente()
    (folder / "wmo").mkdir()
    file = folder / "wmo" / "levering.csv"
    file.write_text(CSV, encoding="utf-8")
    source = Source.objects.create(
        name="Wmo-levering", kind=Kind.FILE, path="wmo/levering.csv", frequency="kwartaal"
    )
    first = refresh_source(source)
    assert (first.outcome, first.added) == ("ok", 2), first.message
    assert refresh_source(source).outcome == "ongewijzigd"
    file.write_text(CSV.replace(";14\n", ";15\n"), encoding="utf-8")
    third = refresh_source(source)
    assert (third.outcome, third.changed) == ("ok", 1)
    source.refresh_from_db()
    assert source.freshness().state == "actueel"
    assert source.freshness().next_expected == timezone.localdate() + dt.timedelta(days=92)

    file.unlink()
    missing = refresh_source(source)
    assert missing.outcome == "mislukt" and "ontbreekt in de bronnenmap" in missing.message
    assert Observation.objects.get(period="2026JJ00").value == 15  # untouched


def test_a_delivery_by_hand_is_noticed_and_moves_the_expected_date(folder, client):
    from kwaliteitsmonitor.connectors.pipeline import run_import

    _gemeente()
    file = folder / "upload.csv"
    file.write_text(CSV, encoding="utf-8")
    expected = timezone.localdate() - dt.timedelta(days=3)
    source = Source.objects.create(
        name="Wijkteams", kind=Kind.MANUAL, frequency="halfjaarlijks", expected_delivery=expected
    )
    assert source.freshness().state == "verwacht"
    assert run_import("tabular", str(file), actor="redacteur").status == "ok"  # the upload page does this
    source.indicators.set(Indicator.objects.filter(code="wmo_test"))
    result = refresh_source(source)
    assert result.outcome == "ok" and result.run_id == ImportRun.objects.get(status="ok").pk
    source.refresh_from_db()
    assert source.expected_delivery == expected + dt.timedelta(days=183)
    assert source.freshness().state == "actueel"


def test_staff_register_a_source_in_the_admin_and_a_path_outside_is_refused(folder, admin_client):
    assert admin_client.get("/beheer/sources/source/add/").status_code == 200
    form = {
        "name": "Wmo-levering",
        "kind": "bestand",
        "active": "on",
        "path": "../../etc/passwd",
        "connector": "tabular",
        "cbs_api": "v3",
        "frequency": "kwartaal",
        "grace_days": "14",
        "check_every_hours": "24",
    }
    refused = admin_client.post("/beheer/sources/source/add/", form)
    assert refused.status_code == 200 and "bronnenmap" in refused.content.decode()
    assert not Source.objects.exists()
    accepted = admin_client.post("/beheer/sources/source/add/", form | {"path": "wmo/levering.csv"})
    assert accepted.status_code == 302
    source = Source.objects.get()
    listing = admin_client.get("/beheer/sources/source/").content.decode()
    assert "Wmo-levering" in listing and "onbekend" in listing
    # "Nu verversen": the file is not there yet, a Dutch message says so and the failure is recorded.
    done = admin_client.post(
        "/beheer/sources/source/", {"action": "refresh_now", "_selected_action": [source.pk]}, follow=True
    )
    assert "ontbreekt in de bronnenmap" in done.content.decode()
    source.refresh_from_db()
    assert source.last_outcome == "mislukt" and source.last_run.status == "failed"


def test_the_worker_loop_queues_the_next_pass_for_when_the_next_source_is_due(folder):
    from django_tasks import default_task_backend

    from kwaliteitsmonitor.sources.tasks import refresh_due_sources

    now = timezone.now()
    Source.objects.create(
        name="Later",
        kind=Kind.MANUAL,
        expected_delivery=now.date(),
        next_run_at=now + dt.timedelta(minutes=20),
    )
    default_task_backend.clear()
    summary = refresh_due_sources.call(loop=True)
    assert summary["sources"] == []  # nothing due yet
    [queued] = default_task_backend.results
    assert queued.task.func is refresh_due_sources.func and queued.kwargs == {"loop": True}
    assert now + dt.timedelta(minutes=19) < queued.task.run_after <= now + dt.timedelta(minutes=21)
