# SPDX-License-Identifier: EUPL-1.2
"""Freezing a rapportage (snapshot) of a whole workload (issue 12: national ≤ 60 s).

    python -m bench.bench_snapshot --workload small                  # SQLite, and PostgreSQL when reachable
    python -m bench.bench_snapshot --workload national --engine sqlite --no-record

On the workload database (generated first when missing, see ``bench/workload.py``; published with
``publish --full`` when it has no live publication yet), measured as the commands an operator runs,
alternating, in the same run:

* **reference**: ``kwaliteitsmonitor export-site`` of the same site into an empty directory: the same crawl
  of every public page from home (rendering, link rewriting, writing files), without the database;
* **freeze**: ``kwaliteitsmonitor snapshot create --json``: the same crawl, bytes and sha256 into the
  database, plus "wat is er veranderd" against the previous snapshot.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import ENGINES, ROOT, bench_env, engines_to_run, machine
from bench.report import machine_line


def _command(workload: str, engine: str, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "kwaliteitsmonitor.cli", *args],
        env=bench_env(workload, engine), cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} mislukte (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return seconds, out.stdout


def measure(workload: str, engine: str, repeat: int) -> dict[str, Any]:
    from bench.run import _child as generate

    facts = generate("workload", workload, engine)
    _command(workload, engine, "migrate", "--noinput")
    _command(workload, engine, "collectstatic", "--noinput")
    _seconds, status = _command(workload, engine, "publish", "--status", "--json")
    if '"live"' not in status:
        _command(workload, engine, "publish", "--full", "--json")
    exports, freezes, rows = [], [], []
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    for i in range(repeat):
        target = Path(tempfile.mkdtemp(prefix="km-bench-export-"))
        try:
            seconds, _out = _command(workload, engine, "export-site", str(target / "site"))
            exports.append(seconds)
        finally:
            shutil.rmtree(target, ignore_errors=True)
        seconds, out = _command(
            workload, engine, "snapshot", "create", "--name", f"Bench {stamp} {i + 1}", "--json",
            "--ondanks-concept",
        )  # fmt: skip
        freezes.append(seconds)
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return {
        "engine": engine,
        "workload": workload,
        "observations": facts.get("observations"),
        "export": exports,
        "freeze": freezes,
        "pages": rows[-1]["pages"] if rows else None,
    }


def section(results: list[dict[str, Any]]) -> str:
    workload = results[0]["workload"] if results else "?"
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — freezing a rapportage, workload `{workload}`",
        "",
        f"- Machine: {machine_line(machine())}",
        "- Reference: `kwaliteitsmonitor export-site` of the same site (same crawl from home, files on disk).",
        "- Freeze: `kwaliteitsmonitor snapshot create --json` (every public page, JSON twin, chart and download"
        ' stored with sha256, plus "wat is er veranderd"). Both as commands, Django start-up included;'
        " alternating, best of the runs. Target: national ≤ 60 s.",
        "",
        "| DB | values | pages frozen | export-site | freeze | freeze/export | runs |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        export, freeze = min(r["export"]), min(r["freeze"])
        lines.append(
            f"| {r['engine']} | {r['observations'] or 0:,} | {r['pages'] or 0:,} | {export:.1f} s | "
            f"{freeze:.1f} s | {freeze / export:.2f}× | {len(r['freeze'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=["small", "national"], default="small")
    parser.add_argument("--engine", choices=[*ENGINES, "all"], default="all")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    args = parser.parse_args(argv)
    results = []
    for engine in engines_to_run(args.engine):
        results.append(measure(args.workload, engine, args.repeat))
        print(json.dumps(results[-1], default=str)[:2000], flush=True)
    text = section(results)
    print(text)
    if not args.no_record:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
