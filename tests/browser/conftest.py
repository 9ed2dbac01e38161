# SPDX-License-Identifier: EUPL-1.2
"""Browser test fixtures.

* ``world`` (and ``_plain_static``): the small fictitious world of the monitor's page tests, served by
  ``live_server`` (``test_screenshots.py``).
* ``demo_site``: the real demo site, started once per test session in a subprocess exactly as a user
  would (temporary ``KM_DATA_DIR`` on SQLite; ``kwaliteitsmonitor migrate``, ``demo``, ``serve`` on a
  free port) and stopped at the end. It yields the base URL.
* ``chromium``: Debian's Chromium through Playwright (``tools/ensure_chromium.sh`` installs it), one
  per test; the tests that need it are skipped when it is missing. Its launch arguments, the screenshot
  folder and loading lazy images are in ``support.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kwaliteitsmonitor.monitor.tests.conftest import _plain_static, world  # noqa: F401

from .support import CHROMIUM, CHROMIUM_ARGS

BIN = Path(sys.executable).parent / "kwaliteitsmonitor"
START_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def chromium() -> Iterator:
    """Per test: Playwright's sync API runs an event loop in this thread while it is open, and Django
    refuses database work from "an async context", so it must not outlive the test that uses it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} ontbreekt (sh tools/ensure_chromium.sh)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Iterator[str]:
    """The demo site on a free port, served by ``kwaliteitsmonitor serve`` (gunicorn) on SQLite."""
    data_dir = tmp_path_factory.mktemp("demo-site")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"KM_DATA_DIR": str(data_dir), "DEBUG": "false"})
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        done = subprocess.run([str(BIN), *command], env=env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            pytest.fail(f"kwaliteitsmonitor {' '.join(command)} mislukt:\n{done.stdout}\n{done.stderr}")
    port = _free_port()
    log = (data_dir / "serve.log").open("wb")
    server = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port), "--workers", "1", "--threads", "4"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(base + "/"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "De demosite start niet:\n" + (data_dir / "serve.log").read_text(errors="replace")
                )
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()
