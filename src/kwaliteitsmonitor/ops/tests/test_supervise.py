# SPDX-License-Identifier: EUPL-1.2
"""``serve`` keeps the site up when the worker stops (a database that is down for a while) and starts the
worker again; when the site stops, everything stops."""

from __future__ import annotations

import signal
import sys

import pytest

from kwaliteitsmonitor.ops.management.commands import serve


@pytest.fixture(autouse=True)
def _keep_signal_handlers():
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def test_a_stopped_worker_is_started_again_while_the_site_runs(tmp_path, capsys):
    marker = tmp_path / "starts"
    site = [sys.executable, "-c", "import time; time.sleep(5)"]
    worker = [sys.executable, "-c", f"open({str(marker)!r}, 'a').write('x'); raise SystemExit(3)"]
    assert serve._supervise([site, worker]) == 0  # the site's own exit code
    assert len(marker.read_text()) >= 2  # started, stopped, started again
    assert "De worker is gestopt (code 3); opnieuw starten over 2 s." in capsys.readouterr().err


def test_when_the_site_stops_everything_stops(tmp_path):
    site = [sys.executable, "-c", "raise SystemExit(7)"]
    worker = [sys.executable, "-c", "import time; time.sleep(60)"]
    assert serve._supervise([site, worker]) == 7
