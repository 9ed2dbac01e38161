# SPDX-License-Identifier: EUPL-1.2
"""How many gunicorn processes and threads ``serve`` starts."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.ops import server


def test_two_single_threaded_processes_per_core_by_default(monkeypatch):
    monkeypatch.setattr(server, "cores", lambda: 2)
    assert server.workers({}) == 4
    assert server.threads({}) == 1


def test_a_machine_that_reports_many_cores_gets_at_most_the_cap_and_one_core_still_two(monkeypatch):
    monkeypatch.setattr(server, "cores", lambda: 64)
    assert server.workers({}) == server.MAX_DEFAULT_WORKERS
    monkeypatch.setattr(server, "cores", lambda: 1)
    assert server.workers({}) == 2


def test_the_operator_chooses_with_km_workers_and_km_threads(monkeypatch):
    monkeypatch.setattr(server, "cores", lambda: 2)
    assert server.workers({"KM_WORKERS": "12"}) == 12
    assert server.threads({"KM_THREADS": " 4 "}) == 4


@pytest.mark.parametrize("value", ["0", "-1", "twee", "1.5"])
def test_an_invalid_number_stops_with_a_dutch_message_naming_the_setting(value):
    with pytest.raises(SystemExit, match=r"KM_WORKERS=.* is geen geldig aantal"):
        server.workers({"KM_WORKERS": value})
