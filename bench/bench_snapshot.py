# SPDX-License-Identifier: EUPL-1.2
"""Freezing a rapportage (snapshot) of a whole workload (issue 12: national ≤ 60 s).

    python -m bench.bench_snapshot --workload small                  # SQLite, and PostgreSQL when reachable
    python -m bench.bench_snapshot --workload national --engine sqlite --no-record

On the workload database (generated first when missing, see ``bench/workload.py``; published with
``publish --full`` when it has no live publication yet), measured as commands, alternating, in the same
run, each repetition starting from an empty page cache:

* **reference**: the warm crawl that publishing runs after the switch (``publications.warm.crawl``: every
  public HTML page from home, as a visitor, into the page cache), as its own process;
* **freeze after publishing**: then ``kwaliteitsmonitor snapshot create --json``: the same pages (from the
  page cache the crawl filled), their JSON twins (rendered), charts and downloads as recipes, bytes and
  sha256 into the database, plus "wat is er veranderd" against the previous snapshot;
* **freeze, cache empty**: the page cache emptied again, then the same command (every page rendered).

``kwaliteitsmonitor export-site`` was the reference before: it writes every chart as SVG and PNG and every
download as CSV and Excel, which a freeze no longer does, and on the national workload it ran for 45
minutes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import ENGINES, ROOT, bench_env, data_dir, engines_to_run, machine
from bench.report import machine_line


def _timed(workload: str, engine: str, argv: list[str], what: str) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, *argv],
        env=bench_env(workload, engine), cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"{what} mislukte (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return seconds, out.stdout


def _command(workload: str, engine: str, *args: str) -> tuple[float, str]:
    return _timed(workload, engine, ["-m", "kwaliteitsmonitor.cli", *args], " ".join(args))


WARM = "import django; django.setup(); from kwaliteitsmonitor.publications import warm; print(warm.crawl().pages)"


def _python(workload: str, engine: str, code: str) -> tuple[float, str]:
    return _timed(workload, engine, ["-c", code], "warm crawl")


def _empty_page_cache(workload: str, engine: str) -> None:
    """As docs/caching.md allows: removing the directory gives a new data version and no entries."""
    shutil.rmtree(data_dir(workload, engine) / "cache" / "pages", ignore_errors=True)


def measure(workload: str, engine: str, repeat: int) -> dict[str, Any]:
    from bench.run import _child as generate

    facts = generate("workload", workload, engine)
    _command(workload, engine, "migrate", "--noinput")
    _command(workload, engine, "collectstatic", "--noinput")
    _seconds, status = _command(workload, engine, "publish", "--status", "--json")
    if '"live"' not in status:
        _command(workload, engine, "publish", "--full", "--json")
    warms, freezes, colds, rows = [], [], [], []
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")

    def freeze(label: str) -> tuple[float, dict[str, Any]]:
        seconds, out = _command(
            workload, engine, "snapshot", "create", "--name", f"Bench {stamp} {label}", "--json",
            "--ondanks-concept",
        )  # fmt: skip
        return seconds, json.loads(out.strip().splitlines()[-1])

    for i in range(repeat):
        _empty_page_cache(workload, engine)
        seconds, pages = _python(workload, engine, WARM)
        warms.append(seconds)
        seconds, row = freeze(f"{i + 1}")
        freezes.append(seconds)
        rows.append(row)
        _empty_page_cache(workload, engine)
        seconds, _row = freeze(f"{i + 1} leeg")
        colds.append(seconds)
    return {
        "engine": engine,
        "workload": workload,
        "observations": facts.get("observations"),
        "warm": warms,
        "warm_pages": int(pages.strip().splitlines()[-1]) if warms else None,
        "freeze": freezes,
        "cold": colds,
        "pages": rows[-1]["pages"] if rows else None,
    }


def section(results: list[dict[str, Any]]) -> str:
    workload = results[0]["workload"] if results else "?"
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — freezing a rapportage, workload `{workload}`",
        "",
        f"- Machine: {machine_line(machine())}",
        "- Reference: the warm crawl that publishing runs after the switch (every public HTML page from home,"
        " as a visitor, into an empty page cache), as its own process.",
        "- Freeze after publishing: then `kwaliteitsmonitor snapshot create --json` (pages from that cache,"
        ' JSON twins rendered, charts and downloads stored as recipes, sha256, "wat is er veranderd").'
        " Freeze, cache empty: the same command after emptying the page cache again (every page rendered)."
        " Commands with Django start-up; best of the runs. Target: national ≤ 60 s.",
        "",
        "| DB | values | pages warmed | files frozen | warm crawl | freeze after publishing | freeze/warm |"
        " freeze, cache empty | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        warm, freeze, cold = min(r["warm"]), min(r["freeze"]), min(r["cold"])
        lines.append(
            f"| {r['engine']} | {r['observations'] or 0:,} | {r['warm_pages'] or 0:,} | {r['pages'] or 0:,} | "
            f"{warm:.1f} s | {freeze:.1f} s | {freeze / warm:.2f}× | {cold:.1f} s | {len(r['freeze'])} |"
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
