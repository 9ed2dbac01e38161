# SPDX-License-Identifier: EUPL-1.2
"""The workspace's Rapportages page: freeze (as a task), make public, add a correction; audited."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.snapshots import freeze
from kwaliteitsmonitor.snapshots.models import Amendment, Snapshot, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def redacteur(client):
    return login_verified(client, make_user("redactie", "redacteur"))


def test_freezing_from_the_workspace_queues_a_task(world, redacteur, monkeypatch):
    from types import SimpleNamespace

    queued: list[dict] = []
    task = SimpleNamespace(enqueue=lambda **kw: queued.append(kw))
    # by name: nothing imports the workspace (tests/test_architecture.py)
    target = "kwaliteitsmonitor.workspace.views_snapshots.snapshot_tasks"
    monkeypatch.setattr(target, SimpleNamespace(freeze_snapshot=task))
    response = redacteur.post("/werkplek/rapportages/", {"name": "Najaarsnota 2026", "as_of": "1-11-2026"})
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert snapshot.stage == Stage.FREEZING and str(snapshot.as_of) == "2026-11-01"
    assert queued == [{"snapshot_id": snapshot.pk}]
    assert snapshot.frozen_by.username == "redactie"
    assert LogEntry.objects.get_for_object(snapshot).exists()
    freeze.run(snapshot)
    page = redacteur.get("/werkplek/rapportages/").content.decode()
    assert "Najaarsnota 2026" in page and "Openbaar maken" in page


def test_bad_input_names_the_field_and_saves_nothing(world, redacteur):
    response = redacteur.post("/werkplek/rapportages/", {"name": "", "as_of": "31-02-2026"})
    text = response.content.decode()
    assert "Naam: Dit veld is vereist." in text and "Stand van: Dit is geen datum." in text
    assert not Snapshot.objects.exists()


def test_make_public_and_correct(world, redacteur):
    snapshot = freeze.freeze("Najaarsnota 2026")
    redacteur.post(f"/werkplek/rapportages/{snapshot.slug}/openbaar/")
    snapshot.refresh_from_db()
    assert snapshot.stage == Stage.PUBLIC and snapshot.made_public_by.username == "redactie"
    prefix = f"c{snapshot.pk}"
    redacteur.post(
        f"/werkplek/rapportages/{snapshot.slug}/correctie/",
        {
            f"{prefix}-note": "Cijfer wijk Noord gecorrigeerd.",
            f"{prefix}-date": "20-11-2026",
            f"{prefix}-paths": "",
        },
    )
    amendment = Amendment.objects.get()
    assert amendment.created_by.username == "redactie" and str(amendment.date) == "2026-11-20"
    assert LogEntry.objects.get_for_object(amendment).exists()
    response = redacteur.post(
        f"/werkplek/rapportages/{snapshot.slug}/correctie/", {f"{prefix}-note": ""}, follow=True
    )
    assert "Toelichting" in response.content.decode()
    assert Amendment.objects.count() == 1
