# SPDX-License-Identifier: EUPL-1.2
"""How many gunicorn processes and threads ``serve`` starts (``KM_WORKERS``, ``KM_THREADS``).

A page is Python work (the ORM, templates, charts' specifications), and the threads of one process share
one interpreter lock. With 2 processes × 4 threads on 2 cores, 8 simultaneous visitors of uncached pages
waited for each other's lock: p95 of a doel page 200–240 ms at the national workload, against 130–160 ms
with 4 single-threaded processes at the same throughput (``bench/RESULTS.md``). So by default: two
processes per core (at most :data:`MAX_DEFAULT_WORKERS`, so a container that reports the host's 64 cores
does not start 128 processes of ~200 MB), one thread each. One thread per process means gunicorn's
synchronous worker, which reads each request before it runs it but keeps no connection open: run it behind
a buffering proxy such as nginx (``docs/operations.md``), as a production site does anyway for HTTPS.
Pure Python, read before Django starts.
"""

from __future__ import annotations

import os

MAX_DEFAULT_WORKERS = 8


def cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container's cpuset narrows)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def workers(environ: dict[str, str] | None = None) -> int:
    """``KM_WORKERS``, else two per core (at least 2, at most :data:`MAX_DEFAULT_WORKERS`)."""
    value = (os.environ if environ is None else environ).get("KM_WORKERS", "").strip()
    if value:
        return _positive("KM_WORKERS", value)
    return min(MAX_DEFAULT_WORKERS, max(2, 2 * cores()))


def threads(environ: dict[str, str] | None = None) -> int:
    """``KM_THREADS``, else 1."""
    value = (os.environ if environ is None else environ).get("KM_THREADS", "").strip()
    return _positive("KM_THREADS", value) if value else 1


def _positive(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise SystemExit(f"{name}={value!r} is geen geldig aantal: geef een geheel getal van 1 of meer.")
    return number
