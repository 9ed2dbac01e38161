# SPDX-License-Identifier: EUPL-1.2
"""Liveness without the database, readiness that follows it, and what a visitor, an API client and an
operator see while the database is down (issue 15, item 3)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import types
from pathlib import Path

import dj_database_url
import pytest
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent / "kwaliteitsmonitor"


def _client() -> Client:
    return Client(raise_request_exception=False)


def test_liveness_needs_no_database(database):
    client = _client()
    database.down()  # any query would fail now
    response = client.get("/gezondheid/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    # A probe by IP address (not in ALLOWED_HOSTS) is answered too.
    assert client.get("/gezondheid/", HTTP_HOST="10.0.0.7").status_code == 200


def test_readiness_flips_with_the_database(database):
    client = _client()
    ready = client.get("/gezondheid/klaar/")
    assert ready.status_code == 200, ready.content
    body = ready.json()
    assert body["status"] == "klaar"
    assert body["checks"]["database"]["ok"] and body["checks"]["migraties"]["ok"]
    assert ready["Cache-Control"] == "no-store"

    database.down()
    down = client.get("/gezondheid/klaar/")
    assert down.status_code == 503
    assert down.json()["status"] == "niet klaar"
    assert down.json()["checks"]["database"]["ok"] is False
    assert "database niet bereikbaar" in down.json()["checks"]["database"]["melding"]

    database.up()
    assert client.get("/gezondheid/klaar/").status_code == 200


def test_readiness_needs_every_migration(monkeypatch):
    from kwaliteitsmonitor.ops import health

    monkeypatch.setattr(health, "_migrations_ok_until", 0.0)
    missing = types.SimpleNamespace(app_label="indicators", name="0099_toekomst")
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(missing, False)])
    response = _client().get("/gezondheid/klaar/")
    assert response.status_code == 503
    message = response.json()["checks"]["migraties"]["melding"]
    assert "indicators.0099_toekomst" in message and "kwaliteitsmonitor migrate" in message


def test_readiness_sees_a_worker_that_does_not_work(settings):
    from django_tasks_db.models import DBTaskResult

    settings.KM_TASKS = "database"
    client = _client()
    assert client.get("/gezondheid/klaar/").json()["checks"]["worker"]["ok"] is True
    DBTaskResult.objects.create(
        task_path="kwaliteitsmonitor.publications.tasks.publish_task",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(minutes=20),
    )
    response = client.get("/gezondheid/klaar/")
    assert response.status_code == 503
    assert "draait de worker" in response.json()["checks"]["worker"]["melding"]


def test_readiness_sees_a_publication_build_that_hangs(settings):
    from kwaliteitsmonitor.publications.models import Publication, State

    settings.KM_TASKS = "database"
    Publication.objects.create(
        number=1,
        state=State.BUILDING,
        process="een-andere-server:4242",
        heartbeat=timezone.now() - dt.timedelta(hours=1),
    )
    response = _client().get("/gezondheid/klaar/")
    assert response.status_code == 503
    assert "publicatie 1" in response.json()["checks"]["worker"]["melding"]


def test_with_the_database_down_pages_say_so_in_dutch_and_the_api_in_json(database, settings):
    settings.WHITENOISE_USE_FINDERS = True  # static files as served in production (no collectstatic here)
    client = _client()
    database.down()
    for url in ["/", "/indicator/participatie/", "/bestaat-niet/", "/beheer/", "/beheer/login/"]:
        response = client.get(url)
        assert response.status_code == 503, url
        assert "Tijdelijk niet beschikbaar" in response.content.decode(), url
        assert response["Retry-After"]
    for url in ["/api/v1/indicators", "/api/v1/areas/GM0001"]:
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "database_onbereikbaar"
    static = client.get("/static/monitor/site.css")
    assert static.status_code == 200
    assert b"".join(static.streaming_content)
    database.up()
    assert client.get("/api/v1/indicators").status_code == 200


def test_another_error_is_still_a_500(monkeypatch):
    """Only an unreachable database is a 503; a bug stays a 500 (and is logged as one)."""

    def broken(*args, **kwargs):
        raise ValueError("een fout in de code")

    monkeypatch.setattr("kwaliteitsmonitor.monitor.site.site_info", broken)
    response = _client().get("/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def _unreachable_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parsed = dj_database_url.parse(url)
        return f"postgres://{parsed['USER']}@{parsed['HOST'] or '127.0.0.1'}:{parsed['PORT'] or 5432}/km_bestaat_niet"
    return "sqlite:////km-bestaat-niet/map/db.sqlite3"


@pytest.mark.parametrize(
    "command", [["status"], ["migrate"], ["import", "tabular", "x.csv"], ["backup", "b"]]
)
def test_the_cli_says_in_one_dutch_line_that_the_database_is_unreachable(command, tmp_path):
    env = {**os.environ, "KM_DATA_DIR": str(tmp_path), "DATABASE_URL": _unreachable_url()}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([str(BIN), *command], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fout: de database ") and "niet bereikbaar" in lines[0]
    assert "Traceback" not in result.stderr and not result.stdout
