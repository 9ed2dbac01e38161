# SPDX-License-Identifier: EUPL-1.2
"""Bulk load against raw inserts (DESIGN.md §6).

A KWB-shaped batch (every area × the KWB-like indicators × one new year) is imported through
``load_observations`` into the workload's observation table, and the same rows are bulk-inserted raw
(sqlite3 ``executemany`` in one transaction / PostgreSQL ``COPY``) into the same table, in the same run.
Then the identical batch is imported again: it must write 0 rows. Before every measurement the batch is
deleted, so each one starts from the same state.

    .venv/bin/python -m bench.bench_load --workload small --engine sqlite [--repeat 3] [--profile]

Targets: load rate ≥ 40% of the raw rate; identical re-import ≤ 50% of the first import's time.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import json
import pstats
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import BENCH_DIR, setup_django

LOAD_TARGET = 0.40  # load rate / raw rate, at least
REIMPORT_TARGET = 0.50  # re-import time / first import time, at most


class PhaseTimer:
    """Wraps the load step's internal functions (module globals) to time them without changing the code.

    Times are cumulative per function (a function called by another one is counted in both)."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.seconds: dict[str, float] = defaultdict(float)
        # Every private function of the load module: follows the module as its owner refactors it.
        self.originals = {
            name: obj
            for name, obj in vars(module).items()
            if name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__
        }

    def __enter__(self) -> PhaseTimer:
        for name, func in self.originals.items():
            setattr(self.module, name, self._wrap(name, func))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, func in self.originals.items():
            setattr(self.module, name, func)

    def _wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start

        return timed


def _log(message: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def _settle(period: str) -> None:
    """Delete the batch and bring the table back to the same physical state."""
    from django.db import connection

    from .bulk import delete_period

    delete_period(period)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE) indicators_observation")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def build_batch(workload: str) -> tuple[list[Any], list[tuple[Any, ...]], str]:
    """The batch as load-step records (codes) and as raw rows (ids), plus its period."""
    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.indicators.models import Indicator
    from kwaliteitsmonitor.indicators.records import ObservationRecord

    from .plan import SPECS, plan_areas, plan_indicators
    from .values import observation_rows

    spec = SPECS[workload]
    areas = plan_areas(spec)
    kwb = [p for p in plan_indicators(spec) if p.family == "kwb"]
    rows = list(observation_rows(spec, areas, kwb, [spec.batch_year]))
    records = [
        ObservationRecord(
            indicator=r[0],
            area=r[1],
            period=r[2],
            breakdown=r[3],
            value=r[4],
            numerator=r[5],
            denominator=r[6],
            ci_low=r[7],
            ci_high=r[8],
            n=r[9],
            status=r[10],
            value_attribute=r[11],
            file="kwb-bench.csv",
            row=i + 2,
        )
        for i, r in enumerate(rows)
    ]
    area_ids = dict(Area.objects.values_list("code", "id"))
    indicator_ids = dict(Indicator.objects.values_list("code", "id"))
    raw = [(indicator_ids[r[0]], area_ids[r[1]], *r[2:]) for r in rows]
    return records, raw, f"{spec.batch_year}JJ00"


def _measure_raw(raw: list[tuple[Any, ...]], run_id: int, period: str) -> float:
    from .bulk import count_period, insert_prepared

    prepared = [(*r, run_id, 0) for r in raw]  # complete rows: the reference does nothing but write
    start = time.perf_counter()
    insert_prepared(prepared)
    seconds = time.perf_counter() - start
    assert count_period(period) == len(raw), "raw insert wrote an unexpected number of rows"
    return seconds


def _measure_load(
    records: list[Any], period: str, label: str, phases: dict[str, list[float]]
) -> tuple[float, Any, int]:
    from kwaliteitsmonitor.indicators import load

    run = load.start_run("bench-load", label, actor="bench")
    with PhaseTimer(load) as timer:
        start = time.perf_counter()
        result = load.load_observations(records, run)
        seconds = time.perf_counter() - start
    load.finish_run(run, result)
    for name, value in timer.seconds.items():
        phases[f"{label}.{name}"].append(value)
    return seconds, result, run.pk


def run(workload: str, engine: str, repeat: int = 3, profile: bool = False) -> dict[str, Any]:
    setup_django(workload, engine)
    from kwaliteitsmonitor.indicators.models import ImportRun, ObservationRevision

    from .bulk import count_period

    records, raw, period = build_batch(workload)
    n = len(records)
    ImportRun.objects.filter(connector__in=["bench-load", "bench-raw"]).delete()
    raw_run = ImportRun.objects.create(connector="bench-raw", source="raw reference", actor="bench")
    revisions_before = ObservationRevision.objects.count()
    times: dict[str, list[float]] = {"raw": [], "load": [], "reimport": []}
    phases: dict[str, list[float]] = defaultdict(list)
    checks: list[str] = []
    for i in range(repeat):
        order = ("raw", "load") if i % 2 == 0 else ("load", "raw")
        for what in order:
            _settle(period)
            if what == "raw":
                times["raw"].append(_measure_raw(raw, raw_run.pk, period))
                _log(f"{workload}/{engine} #{i + 1}: raw {times['raw'][-1]:.2f} s")
                continue
            seconds, result, _ = _measure_load(records, period, "load", phases)
            assert result.ok and result.added == n, f"first import: {result}"
            assert count_period(period) == n
            times["load"].append(seconds)
            seconds, result, rerun_id = _measure_load(records, period, "reimport", phases)
            written = count_period(period, rerun_id) + ObservationRevision.objects.count() - revisions_before
            assert result.added == 0 and result.changed == 0 and result.unchanged == n, f"re-import: {result}"
            assert written == 0 and count_period(period) == n, "identical re-import wrote rows"
            checks.append(f"herhaling {i + 1}: {n} ongewijzigd, 0 rijen geschreven")
            times["reimport"].append(seconds)
            _log(f"{workload}/{engine} #{i + 1}: load {times['load'][-1]:.2f} s, re-import {seconds:.2f} s")
    profile_file = _profile(records, period, workload, engine) if profile else None
    _settle(period)
    ImportRun.objects.filter(connector__in=["bench-load", "bench-raw"]).delete()
    return _summarise(workload, engine, n, times, phases, checks, profile_file)


def _profile(records: list[Any], period: str, workload: str, engine: str) -> str:
    from kwaliteitsmonitor.indicators import load

    _settle(period)
    out = BENCH_DIR / "out"
    out.mkdir(exist_ok=True)
    path = out / f"profile-load-{workload}-{engine}.txt"
    profiler = cProfile.Profile()
    run_obj = load.start_run("bench-load", "profile", actor="bench")
    profiler.runcall(load.load_observations, records, run_obj)
    with path.open("w") as fh:
        pstats.Stats(profiler, stream=fh).sort_stats("cumulative").print_stats(30)
    return str(path.relative_to(BENCH_DIR.parent))


def _summarise(
    workload: str,
    engine: str,
    n: int,
    times: dict[str, list[float]],
    phases: dict[str, list[float]],
    checks: list[str],
    profile_file: str | None,
) -> dict[str, Any]:
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    ratio_best = best["raw"] / best["load"]
    ratio_median = median["raw"] / median["load"]
    re_best = best["reimport"] / best["load"]
    re_median = median["reimport"] / median["load"]
    return {
        "benchmark": "load",
        "workload": workload,
        "engine": engine,
        "rows": n,
        "repeat": len(times["raw"]),
        "seconds": times,
        "best": best,
        "median": median,
        "rate_best": {k: n / v for k, v in best.items()},
        "rate_median": {k: n / v for k, v in median.items()},
        "load_vs_raw": {
            "best": ratio_best,
            "median": ratio_median,
            "target": LOAD_TARGET,
            "pass": ratio_median >= LOAD_TARGET,
        },
        "reimport_vs_load": {
            "best": re_best,
            "median": re_median,
            "target": REIMPORT_TARGET,
            "pass": re_median <= REIMPORT_TARGET,
        },
        "phases_median": {k: statistics.median(v) for k, v in sorted(phases.items())},
        "checks": checks,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "profile": profile_file,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Bulk load against raw inserts")
    parser.add_argument("--workload", default="small")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--profile", action="store_true", help="also write a cProfile of one import to bench/out/"
    )
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    args = parser.parse_args(argv)
    result = run(args.workload, args.engine, args.repeat, args.profile)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text)
    print(
        text if not args.json else f"load {args.workload}/{args.engine}: geschreven naar {args.json}",
        file=sys.stdout,
    )


if __name__ == "__main__":
    main()
