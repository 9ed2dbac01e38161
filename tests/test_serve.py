# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor serve`` starts gunicorn on a fresh data directory and serves pages and static files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "kwaliteitsmonitor"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        # Generous: gunicorn listens before its worker has loaded the app, and CI machines can be busy.
        with urllib.request.urlopen(url, timeout=60) as response:  # loopback only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture
def server(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["KM_DATA_DIR"] = str(tmp_path / "var")
    subprocess.run([str(BIN), "migrate", "--noinput"], env=env, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode())
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_serve_answers_with_dutch_pages_and_static_files(server):
    status, body = _get(server + "/beheer/login/")
    assert status == 200
    assert "Gebruikersnaam" in body
    status, css = _get(server + "/static/admin/css/base.css")
    assert status == 200 and "body" in css


def test_a_worker_loads_its_views_at_start_and_freezes_them(tmp_path):
    """What gunicorn imports in each worker: the URLconf and the views are loaded before the first request,
    and everything loaded so far is out of the collector's full passes (``gc.freeze``), which otherwise
    walked all of it every hundred or so pages (bench/RESULTS.md)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["KM_DATA_DIR"] = str(tmp_path / "var")
    code = (
        "import gc, sys; before = gc.get_freeze_count(); import kwaliteitsmonitor.wsgi; "
        "print(before, gc.get_freeze_count(), 'kwaliteitsmonitor.monitor.views' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    before, frozen, views = result.stdout.split()
    assert int(before) == 0
    assert int(frozen) > 100_000  # Django and the monitor: a few hundred thousand objects
    assert views == "True"
