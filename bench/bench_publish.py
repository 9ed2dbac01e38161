# SPDX-License-Identifier: EUPL-1.2
"""Publishing a whole workload, and republishing after a one-indicator import (issue "Publications").

    python -m bench.bench_publish --workload small                  # SQLite, and PostgreSQL when reachable
    python -m bench.bench_publish --workload national --engine sqlite --no-record

Measured on the workload database (generated first when missing, see ``bench/workload.py``):

* **reference**: one ``INSERT … SELECT`` copy of every stored value into a scratch table, the least any
  publication of those values must do (read them all, write them all once);
* **full publish**: ``kwaliteitsmonitor publish --full`` in its own process, protection, audit, figures and
  page warming included, with the process's peak memory (``ru_maxrss`` of the child);
* **republish after a one-indicator import**: one indicator's newest year changed through the load step
  (as an import does), then ``kwaliteitsmonitor publish``.

Each step runs as the command an operator runs, so its figures include Django's start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import (
    ENGINES,
    ROOT,
    bench_env,
    engines_to_run,
    machine,
    run_child,
    setup_django,
)
from bench.report import machine_line


def _command(workload: str, engine: str, *args: str) -> dict[str, Any]:
    """Run a ``kwaliteitsmonitor`` command; wall seconds, the command's own peak memory (``wait4``) and its
    JSON output."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "kwaliteitsmonitor.cli", *args],
            env=bench_env(workload, engine), cwd=ROOT, stdout=out, stderr=err, text=True,
        )  # fmt: skip
        _pid, status, usage = os.wait4(process.pid, 0)  # reaps the child: its own resource usage
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    code = process.returncode = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} mislukte (exit {code}):\n{stderr[-2000:]}")
    return {
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "result": json.loads(stdout.strip().splitlines()[-1]),
    }


def child(engine: str) -> dict[str, Any]:
    """In the workload database: the reference copy and the one-indicator change (steps 1 and 3)."""
    from django.db import connection, transaction

    from kwaliteitsmonitor.indicators.load import load_observations, start_run
    from kwaliteitsmonitor.indicators.models import Indicator, Observation
    from kwaliteitsmonitor.indicators.records import ObservationRecord

    mode = sys.argv[sys.argv.index("--step") + 1]
    if mode == "reference":
        table = Observation._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_publish_copy")
            started = time.perf_counter()
            cursor.execute(f"CREATE TABLE bench_publish_copy AS SELECT * FROM {table}")
            seconds = time.perf_counter() - started
            cursor.execute("SELECT COUNT(*) FROM bench_publish_copy")
            rows = cursor.fetchone()[0]
            cursor.execute("DROP TABLE bench_publish_copy")
        return {"seconds": seconds, "rows": rows}
    # One indicator: a count of the gemeente's own registration, its newest year, every area, +1.
    indicator = Indicator.objects.filter(provider="own", unit="count").order_by("code").first()
    if indicator is None:
        indicator = Indicator.objects.order_by("code").first()
    assert indicator is not None, "workload zonder indicatoren"
    newest = Observation.objects.filter(indicator=indicator).order_by("-period").values("period").first()
    assert newest is not None
    rows = Observation.objects.filter(
        indicator=indicator, period=newest["period"], is_computed=False, value__isnull=False
    ).values_list("area__code", "breakdown", "value")
    records = [
        ObservationRecord(indicator.code, area, newest["period"], value + 1, breakdown=breakdown)
        for area, breakdown, value in rows
    ]
    started = time.perf_counter()
    result = load_observations(records, start_run("bench", "publish"))
    return {
        "seconds": time.perf_counter() - started,
        "indicator": indicator.code,
        "period": newest["period"],
        "changed": result.changed,
        "errors": len(result.errors),
    }


def measure(workload: str, engine: str) -> dict[str, Any]:
    from bench.run import _child as generate

    workload_facts = generate("workload", workload, engine)
    reference = run_child("bench_publish", workload, engine, "--workload", workload, "--step", "reference")
    full = _command(workload, engine, "publish", "--full", "--json")
    change = run_child("bench_publish", workload, engine, "--workload", workload, "--step", "change")
    again = _command(workload, engine, "publish", "--json")
    return {
        "engine": engine,
        "workload": workload,
        "observations": workload_facts.get("observations"),
        "reference": reference,
        "full": full,
        "change": change,
        "again": again,
    }


def _publication_line(result: dict[str, Any]) -> str:
    summary = result.get("summary") or {}
    audit = result.get("audit") or {}
    return (
        f"publication {result.get('number')}: {summary.get('rebuilt', '?')} of "
        f"{summary.get('indicators', '?')} indicators protected again, {summary.get('pages', '?')} pages warmed; "
        f"hidden {audit.get('primary', '?')} primary / {audit.get('secondary', '?')} secondary; "
        f"recoverable {audit.get('recoverable', '?')}"
    )


def _mb(value: float | None) -> str:
    return f"{value:,.0f} MB" if value is not None else "–"


def section(results: list[dict[str, Any]]) -> str:
    workload = results[0]["workload"] if results else "?"
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — publishing, workload `{workload}`",
        "",
        f"- Machine: {machine_line(machine())}",
        "- Reference: one `INSERT … SELECT` copy of every stored value (the least a publication of them costs).",
        "- Full: `kwaliteitsmonitor publish --full` (protection of every table, LP audit, statuses/projections/"
        "comparisons, warming the public pages); peak = the command's own maximum resident memory.",
        "- Republish: one indicator's newest year changed through the load step, then `kwaliteitsmonitor publish`.",
        "",
        "| DB | values | reference copy | full publish | full/reference | peak memory | one-indicator "
        "import | republish | peak memory | outcome |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ref, full, again = r["reference"]["seconds"], r["full"]["seconds"], r["again"]["seconds"]
        lines.append(
            f"| {r['engine']} | {r['reference']['rows']:,} | {ref:.1f} s | {full:.1f} s | "
            f"{full / ref:.0f}× | {_mb(r['full']['peak_mb'])} | {r['change']['seconds']:.1f} s "
            f"({r['change']['changed']:,} values of `{r['change']['indicator']}`) | {again:.1f} s | "
            f"{_mb(r['again']['peak_mb'])} | full: {_publication_line(r['full']['result'])}; "
            f"again: {_publication_line(r['again']['result'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=["small", "national"], default="small")
    parser.add_argument("--engine", choices=[*ENGINES, "all"], default="all")
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--step", choices=["reference", "change"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        setup_django(args.workload, args.child)
        print(json.dumps(child(args.child)))
        return
    results = []
    for engine in engines_to_run(args.engine):
        results.append(measure(args.workload, engine))
        print(json.dumps(results[-1], default=str)[:2000], flush=True)
    text = section(results)
    print(text)
    if not args.no_record:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
