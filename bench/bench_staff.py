# SPDX-License-Identifier: EUPL-1.2
"""Staff page latency while a national import writes (issue 15, item 4), before and after.

A member of staff browses the admin (index, the list of import runs, the upload page) while
``run_import('cbs', …)`` of the national KWB-shaped table of ``bench_import`` (17,443 areas × 100 topics,
about 1.7 M values) runs in another process, in one transaction. The reference is the same pages in the
same run with no import running. "Voor" is the behaviour before this change: the idle-session middleware
wrote the session on every request, so on SQLite every staff request waited for the import's write lock
(``busy_timeout`` 5 s, then an error); "na" writes it at most once a minute
(``monitor.middleware.TOUCH_EVERY_SECONDS``), so a page that only reads never waits (WAL).

    python -m bench.bench_staff                 # SQLite (the case of the issue)
    python -m bench.bench_staff --engine all    # and PostgreSQL when reachable
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench import bench_import
from bench.bench_import import _create_areas, _delete_all
from bench.common import (
    ROOT,
    VAR_DIR,
    bench_env,
    engines_to_run,
    fresh_database,
    machine,
    percentile,
    record,
    run_child,
    setup_django,
)
from bench.report import machine_line

WORKLOAD = "staffimport"
TABLE_DIR = VAR_DIR / "kwb-national-table-0-100"
PAGES = ["/beheer/", "/beheer/indicators/importrun/", "/beheer/importeren/"]
THINK_SECONDS = 0.2  # between two requests of the member of staff
IDLE_REQUESTS = 45


def write_table() -> int:
    """The table of ``bench_import`` with every cell between 0 and 100, so that it passes the indicator
    contract whatever the unit of a topic (a percentage must lie between 0 and 100)."""
    return bench_import.write_table(TABLE_DIR, largest=100)


def _import_only() -> dict[str, Any]:
    from kwaliteitsmonitor.connectors.pipeline import run_import

    started = time.perf_counter()
    outcome = run_import("cbs", str(TABLE_DIR), actor="bench")
    return {"status": outcome.status, "added": outcome.result.added, "seconds": time.perf_counter() - started}


def _get(client: Any, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - started, response.status_code


def _stats(samples: list[tuple[float, int]]) -> dict[str, Any]:
    seconds = [s for s, _ in samples]
    return {
        "requests": len(samples),
        "p50_ms": percentile(seconds, 50) * 1000,
        "p95_ms": percentile(seconds, 95) * 1000,
        "max_ms": max(seconds) * 1000,
        "slow": sum(s >= 1.0 for s in seconds),
        "errors": sum(status != 200 for _, status in samples),
    }


def _variant(engine: str, touch_every: float, staff: Any) -> dict[str, Any]:
    from django.test import Client

    from kwaliteitsmonitor.monitor import middleware

    middleware.TOUCH_EVERY_SECONDS = touch_every
    client = Client(raise_request_exception=False, HTTP_HOST="localhost")
    client.force_login(staff)
    idle = [_get(client, PAGES[i % len(PAGES)]) for i in range(IDLE_REQUESTS)]
    assert not _stats(idle)["errors"], "the staff pages do not answer 200 without an import"
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_staff", "--import-only", "--child", engine],
        env=bench_env(WORKLOAD, engine), cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    during: list[tuple[float, int]] = []
    i = 0
    while child.poll() is None:
        during.append(_get(client, PAGES[i % len(PAGES)]))
        i += 1
        time.sleep(THINK_SECONDS)
    out, _ = child.communicate()
    imported = json.loads(out.strip().splitlines()[-1])
    assert imported["status"] == "ok", imported
    _delete_all()
    return {"idle": _stats(idle), "during": _stats(during), "import": imported}


def child(engine: str) -> dict[str, Any]:
    setup_django(WORKLOAD, engine)
    from django.contrib.auth import get_user_model

    from kwaliteitsmonitor.connectors.pipeline import run_import

    _create_areas()
    first = run_import("cbs", str(TABLE_DIR), actor="bench")  # definitions, once
    assert first.status == "ok", first.as_json()["errors"][:3]
    _delete_all()
    staff = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-wachtwoord-123")
    return {
        "engine": engine,
        "voor": _variant(engine, 0.0, staff),
        "na": _variant(engine, 60.0, staff),
    }


def _section(results: list[dict[str, Any]]) -> str:
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — staff pages during a national import (issue 15)",
        "",
        f"- Machine: {machine_line(machine())}",
        "- What: a logged-in member of staff requests " + ", ".join(f"`{p}`" for p in PAGES) + " in turn "
        f"({THINK_SECONDS:.1f} s between requests) while `run_import('cbs', …)` of the national KWB-shaped table "
        "(17,443 areas × 100 topics, cells 0–100) runs in another process; reference: the same pages, same run, no import. "
        "*Voor*: the session written on every request (the old idle-timeout middleware); *na*: at most once a "
        "minute. Latency in the Django test client (whole middleware stack, no network).",
        "",
        "| DB | variant | no import: p50 / p95 / max | during the import: p50 / p95 / max | ≥ 1 s | errors | "
        "import |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name in ("voor", "na"):
            v = r[name]
            idle, during = v["idle"], v["during"]
            lines.append(
                f"| {r['engine']} | {name} | {idle['p50_ms']:.0f} / {idle['p95_ms']:.0f} / {idle['max_ms']:.0f} ms | "
                f"{during['p50_ms']:.0f} / {during['p95_ms']:.0f} / {during['max_ms']:.0f} ms "
                f"({during['requests']} requests) | {during['slow']} | {during['errors']} | "
                f"{v['import']['seconds']:.1f} s, {v['import']['added']:,} values |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "all"], default="sqlite")
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--import-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child and args.import_only:
        setup_django(WORKLOAD, args.child)
        print(json.dumps(_import_only()))
        return
    if args.child:
        print(json.dumps(child(args.child)))
        return
    print(f"KWB-shaped table: {write_table():,} values in {TABLE_DIR}", flush=True)
    results = []
    for engine in engines_to_run(args.engine):
        fresh_database(WORKLOAD, engine, collectstatic=True)
        results.append(run_child("bench_staff", WORKLOAD, engine))
        print(json.dumps(results[-1]), flush=True)
    record(_section(results), dry=args.no_record)


if __name__ == "__main__":
    main()
