# SPDX-License-Identifier: EUPL-1.2
"""The report as a background task with progress, asked for and downloaded in the workspace."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.reports import tasks
from kwaliteitsmonitor.reports.models import CouncilReport, ReportState

pytestmark = pytest.mark.django_db


def test_task_records_progress_and_the_file(named, monkeypatch):
    monkeypatch.setattr(tasks, "SAVE_EVERY_SECONDS", 0)
    row = tasks.request(named.number, "docx", None)
    assert row.state == ReportState.QUEUED
    tasks.make_report.call(report_id=row.pk)
    row.refresh_from_db()
    assert row.state == ReportState.DONE
    assert bytes(row.data)[:2] == b"PK"  # a .docx is a zip package
    assert row.done == row.total and row.total >= 2 and row.percent == 100
    assert row.finished_at is not None
    # asking again reuses the finished report: the same publication gives the same bytes
    assert tasks.request(named.number, "docx", None).pk == row.pk
    assert CouncilReport.objects.count() == 1


def test_a_failing_report_is_marked_failed_with_a_dutch_message(named, monkeypatch):
    row = tasks.request(named.number, "pdf", None)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks.generate, "make", broken)
    tasks.make_report.call(report_id=row.pk)
    row.refresh_from_db()
    assert row.state == ReportState.FAILED
    assert row.error.startswith("De rapportage kon niet worden gemaakt")
    # a failed report does not block a new request
    assert tasks.request(named.number, "pdf", None).pk != row.pk


def test_workspace_page_asks_for_and_downloads_the_report(named, client, monkeypatch):
    login_verified(client, make_user("raad", "raadslid"))
    page = reverse("workspace:report", kwargs={"number": named.number})
    response = client.get(page)
    assert response.status_code == 200
    assert "Raadsrapportage Najaarsnota 2026" in response.content.decode()
    assert "nog niet gemaakt" in response.content.decode()
    assert "Maak PDF" in response.content.decode() and "Maak Word-bestand" in response.content.decode()
    enqueued = []
    real = tasks.make_report
    monkeypatch.setattr(
        tasks, "make_report", SimpleNamespace(enqueue=lambda **kwargs: enqueued.append(kwargs))
    )
    response = client.post(reverse("workspace:report_make", kwargs={"number": named.number, "fmt": "pdf"}))
    assert response.status_code == 302 and len(enqueued) == 1
    assert "In de wachtrij" in client.get(page).content.decode()
    real.call(**enqueued[0])
    assert "Download PDF" in client.get(page).content.decode()
    download = reverse("workspace:report_download", kwargs={"number": named.number, "fmt": "pdf"})
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="raadsrapportage-najaarsnota-2026.pdf"' in response["Content-Disposition"]


def test_no_report_page_for_an_unnamed_publication(named, client):
    named.name = ""
    named.save(update_fields=["name"])
    login_verified(client, make_user("red", "beheerder"))
    assert client.get(reverse("workspace:report", kwargs={"number": named.number})).status_code == 404
