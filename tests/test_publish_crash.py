# SPDX-License-Identifier: EUPL-1.2
"""A kill -9 of the process that builds a publication leaves the previous publication live, and the next
build completes (issue "Publications"). Real processes on a real database file (and on PostgreSQL when
the suite runs there), the demo as data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "kwaliteitsmonitor.cli"]


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update(KM_DATA_DIR=str(data_dir), KM_PAGE_CACHE="off", KM_TASKS="dummy", PYTHONUNBUFFERED="1")
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _status(env: dict[str, str]) -> dict:
    done = _run(["publish", "--status", "--json"], env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def database(tmp_path):
    """A database for the subprocesses: a SQLite file, or a fresh PostgreSQL database like the suite's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None
        return
    import psycopg

    name = f"km_crash_{uuid.uuid4().hex[:10]}"
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_kill_9_during_a_publication(tmp_path, database):
    env = _env(tmp_path / "data", database)
    assert _run(["migrate", "--noinput", "-v0"], env).returncode == 0
    quick = {**env, "KM_PUBLISH_RENDER_PAGES": "0"}
    demo = _run(["demo"], quick)
    assert demo.returncode == 0, demo.stderr[-2000:]
    before = _status(env)
    live = next(p for p in before["publications"] if p["state"] == "live")

    # Change the data, then start a full build that renders every page (slow enough to interrupt).
    loaded = _run(["shell", "-c", (
        "from kwaliteitsmonitor.indicators.models import Observation as O\n"
        "from kwaliteitsmonitor.indicators import versioning\n"
        "o=O.objects.filter(indicator__code='wmo_clienten', area__level='WK', is_computed=False).order_by('pk').first()\n"
        "O.objects.filter(pk=o.pk).update(value=o.value+250); versioning.touch([o.indicator_id]); print(o.area.code)"
    )], env)  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    building = subprocess.Popen([*CLI, "publish", "--full", "--no-progress"], env={**env, "KM_PUBLISH_RENDER_PAGES": "1"},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            states = {p["state"] for p in _status(env)["publications"]}
            if "building" in states:
                time.sleep(3)  # let it write some rows
                break
            assert building.poll() is None, building.communicate()
            time.sleep(0.5)
        else:
            pytest.fail("de publicatie begon niet")
        os.kill(building.pid, signal.SIGKILL)
        building.wait(timeout=30)
    finally:
        if building.poll() is None:
            building.kill()

    after_kill = _status(env)
    assert next(p for p in after_kill["publications"] if p["state"] == "live")["number"] == live["number"]
    value = _run(["shell", "-c", (
        "from kwaliteitsmonitor.publications.queries import published\n"
        "print(published().filter(indicator__code='wmo_clienten').count())"
    )], env)  # fmt: skip
    assert value.returncode == 0 and int(value.stdout.strip().splitlines()[-1]) > 0

    again = _run(["publish", "--no-progress", "--json"], quick)
    assert again.returncode == 0, again.stderr[-2000:]
    result = json.loads(again.stdout)
    final = _status(env)["publications"]
    states = {p["number"]: p["state"] for p in final}
    assert states[result["number"]] == "live"
    killed = [p for p in final if p["state"] == "failed"]
    assert killed and "gestopt" in killed[0]["error"]
