# SPDX-License-Identifier: EUPL-1.2
"""Run the benchmarks for one workload on SQLite and PostgreSQL, print a table and append the figures to
``bench/RESULTS.md``.

    .venv/bin/python -m bench --workload small                  # SQLite and (when reachable) PostgreSQL
    .venv/bin/python -m bench --workload national --only load   # the 1.8 M-value import, ~15 min first time
    .venv/bin/python -m bench --workload small --engine sqlite --no-record

Each benchmark runs in its own process (Django reads its settings once per process). The workload is
generated first when its database does not hold it yet (``bench/var/``, PostgreSQL ``km_bench_<workload>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from .common import BENCH_DIR, ROOT, bench_env, machine, postgres_reachable
from .report import render_section, render_table

RESULTS = BENCH_DIR / "RESULTS.md"
OUT = BENCH_DIR / "out"


def _child(module: str, workload: str, engine: str, *args: str) -> dict[str, Any]:
    """Run ``python -m bench.<module>`` for one engine; its JSON result comes back through a file."""
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"{module}-{workload}-{engine}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", f"bench.{module}", "--workload", workload, "--engine", engine, *args]
    if module != "workload":
        cmd += ["--json", str(out)]
        subprocess.run(cmd, cwd=ROOT, env=bench_env(workload, engine), check=True)
        return json.loads(out.read_text())
    done = subprocess.run(cmd, cwd=ROOT, env=bench_env(workload, engine), check=True, stdout=subprocess.PIPE)
    return json.loads(done.stdout)


def _try(report: dict[str, Any], entry: dict[str, Any], key: str, module: str, *args: str) -> None:
    """Run one benchmark; a failure becomes a note in the report instead of ending the whole run."""
    try:
        entry[key] = _child(module, *args)
    except subprocess.CalledProcessError as exc:
        report["notes"].append(
            f"{module} {' '.join(args[:2])} mislukte (exit {exc.returncode}); zie de uitvoer"
        )


def _git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return rev.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def run(args: argparse.Namespace) -> dict[str, Any]:
    engines = ["sqlite", "postgresql"] if args.engine == "all" else [args.engine]
    report: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "workload": args.workload,
        "machine": machine(),
        "git": _git_revision(),
        "engines": {},
        "notes": [],
    }
    for engine in engines:
        if engine == "postgresql" and not postgres_reachable():
            report["notes"].append("PostgreSQL niet bereikbaar: overgeslagen")
            continue
        print(f"== {args.workload} op {engine}", file=sys.stderr, flush=True)
        entry: dict[str, Any] = {"workload": _child("workload", args.workload, engine)}
        report["engines"][engine] = entry
        if "load" in args.only:
            extra = ["--repeat", str(args.repeat)] + (["--profile"] if args.profile else [])
            _try(report, entry, "load", "bench_load", args.workload, engine, *extra)
        if "pages" in args.only:
            extra = ["--requests", str(args.requests), "--max-seconds", str(args.max_seconds)]
            extra += [f"--url={u}" for u in args.url]
            _try(report, entry, "pages", "bench_pages", args.workload, engine, *extra)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Kwaliteitsmonitor benchmarks")
    parser.add_argument("--workload", choices=["small", "national"], default="small")
    parser.add_argument("--engine", choices=["all", "sqlite", "postgresql"], default="all")
    parser.add_argument("--only", default="load,pages", help="comma-separated: load, pages")
    parser.add_argument("--repeat", type=int, default=3, help="load benchmark repetitions (best and median)")
    parser.add_argument(
        "--requests", type=int, default=400, help="measured requests per URL in the page benchmark"
    )
    parser.add_argument("--url", action="append", default=[], help="extra path for the page benchmark")
    parser.add_argument(
        "--max-seconds", type=float, default=120.0, help="page benchmark: time budget per URL"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one import into bench/out/")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--note", default="", help="a remark recorded with the results")
    parser.add_argument("--from-report", help="do not measure: record this saved bench/out/report-*.json")
    args = parser.parse_args(argv)
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    if args.from_report:
        report = json.loads(Path(args.from_report).read_text())
    else:
        report = run(args)
        OUT.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = OUT / f"report-{args.workload}-{stamp}.json"
        saved.write_text(json.dumps(report, indent=2))
        print(f"rapport: {saved.relative_to(ROOT)}", file=sys.stderr)
    if args.note:
        report["notes"].append(args.note)
    print(render_table(report))
    if not args.no_record:
        section = render_section(report)
        with RESULTS.open("a", encoding="utf-8") as fh:
            if RESULTS.stat().st_size == 0:
                fh.write(_HEADER)
            fh.write(section)
        print(f"toegevoegd aan {RESULTS.relative_to(ROOT)}", file=sys.stderr)


_HEADER = """# Benchmark results

Written by `python -m bench` (see `bench/README.md`); each run appends a dated section. Every figure stands
next to its reference measured in the same run on the same machine (DESIGN.md §6).

"""


if __name__ == "__main__":
    main()
