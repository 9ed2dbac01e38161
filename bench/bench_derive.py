# SPDX-License-Identifier: EUPL-1.2
"""Computed values on a national hierarchy, against the raw insert of the same rows and the load step.

Derive runs after every import (``indicators.recompute``), so its cost is part of every import. This
benchmark builds a national-shaped hierarchy (NL, 12 provincies, 342 gemeenten, 3,420 wijken, 13,680 buurten,
gemeenten in provincies), loads CBS inhabitants at every level (total and ``leeftijd=18+``) and five own
counts per buurt, defines five rates per 1.000 inhabitants of 18+ from those counts, and measures:

* the load step for the own counts (``load_observations``), as the reference an import pays anyway;
* the first recompute after it (aggregates of the counts to wijk, gemeente and provincie, rates from their
  parts in every area, aggregated rates for the provincies): ~106,000 computed rows;
* the raw insert of exactly those rows (sqlite3 ``executemany`` / PostgreSQL ``COPY``): the physical limit;
* an identical recompute (the values path after an identical re-import: must write 0 rows), a recompute after
  a CBS import of the inhabitants (the five rates depend on it), and ``recompute_all`` (the command).

    python -m bench.bench_derive                  # SQLite, and PostgreSQL when reachable
    python -m bench.bench_derive --engine sqlite --no-record
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import (
    ENGINES,
    engines_to_run,
    fresh_database,
    machine,
    record,
    run_child,
    setup_django,
)
from bench.report import machine_line

WORKLOAD = "derive"
PERIOD = "2024JJ00"
OWN = 5


def _world() -> tuple[list[Any], list[Any]]:
    """Areas with parents and provincie memberships; the indicators; returns (inhabitant rows, own records)."""
    from kwaliteitsmonitor.areas.models import Area, AreaMembership
    from kwaliteitsmonitor.indicators.models import Indicator
    from kwaliteitsmonitor.indicators.records import ObservationRecord

    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    provinces = Area.objects.bulk_create(
        [Area(code=f"PV{p:02d}", name=f"P{p}", level="PV") for p in range(20, 32)]
    )
    gemeenten = Area.objects.bulk_create(
        [Area(code=f"GM{g:04d}", name=f"G{g}", level="GM", parent=nl) for g in range(1, 343)]
    )
    AreaMembership.objects.bulk_create(
        AreaMembership(
            area=gm, kind="provincie", year=2020, group_code=provinces[i % 12].code, group=provinces[i % 12]
        )
        for i, gm in enumerate(gemeenten)
    )
    wijken = Area.objects.bulk_create(
        [
            Area(code=f"WK{g:04d}{w:02d}", name="w", level="WK", parent=gm)
            for g, gm in enumerate(gemeenten, 1)
            for w in range(10)
        ],
        batch_size=5000,
    )
    buurten = Area.objects.bulk_create(
        [
            Area(code=f"BU{wk.code[2:]}{b:02d}", name="b", level="BU", parent=wk)
            for wk in wijken
            for b in range(4)
        ],
        batch_size=5000,
    )
    inwoners = Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
    rng = random.Random(2024)
    population = {bu.code: rng.randint(200, 3000) for bu in buurten}
    for wk in wijken:
        population[wk.code] = sum(population[f"BU{wk.code[2:]}{b:02d}"] for b in range(4))
    for gm in gemeenten:
        population[gm.code] = sum(population[f"WK{gm.code[2:]}{w:02d}"] for w in range(10))
    cbs = [
        ObservationRecord("inwoners", code, PERIOD, value, breakdown=breakdown)
        for code, total in population.items()
        for breakdown, value in (("", total), ("leeftijd=18+", round(total * 0.8)))
    ]
    own = []
    for k in range(OWN):
        count = Indicator.objects.create(code=f"eigen-{k}", name=f"Eigen {k}", unit="count", provider="own")
        Indicator.objects.create(
            code=f"eigen-{k}-per1000", name=f"Eigen {k} per 1.000 van 18+", unit="per_1000", provider="own",
            numerator=count, denominator=inwoners, factor=1000, denominator_breakdown="leeftijd=18+",
        )  # fmt: skip
        own += [
            ObservationRecord(count.code, bu.code, PERIOD, float(rng.randint(0, population[bu.code] // 10)))
            for bu in buurten
        ]
    return cbs, own


def _timed(func: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def child(engine: str) -> dict[str, Any]:
    setup_django(WORKLOAD, engine)
    from django.db import transaction

    from bench.bulk import analyze, insert_prepared
    from kwaliteitsmonitor.indicators import recompute
    from kwaliteitsmonitor.indicators.load import load_observations, start_run
    from kwaliteitsmonitor.indicators.models import Observation

    cbs, own = _world()
    run = start_run("bench", "derive")
    assert load_observations(cbs, run).ok
    analyze()
    own_codes = {f"eigen-{k}": {PERIOD} for k in range(OWN)}
    load_seconds, loaded = _timed(lambda: load_observations(own, run))
    assert loaded.ok and loaded.added == len(own)
    first_seconds, first = _timed(lambda: recompute.changed(values=own_codes, run=run))
    columns = ("indicator_id", "area_id", "period", "breakdown", "value", "numerator", "denominator", "ci_low",
               "ci_high", "n", "status", "value_attribute", "import_run_id", "revision_count")  # fmt: skip
    rows = list(Observation.objects.filter(is_computed=True).values_list(*columns))
    again_seconds, again = _timed(lambda: recompute.changed(values=own_codes, run=run))
    assert again.written == 0, again
    cbs_seconds, after_cbs = _timed(lambda: recompute.changed(values={"inwoners": {PERIOD}}, run=run))
    assert after_cbs.written == 0, after_cbs
    all_seconds, everything = _timed(lambda: recompute.recompute_all(run=run))
    assert everything.written == 0, everything
    with transaction.atomic():
        Observation.objects.filter(is_computed=True).delete()
    raw_seconds, _none = _timed(lambda: insert_prepared(rows))
    return {
        "engine": engine,
        "own_values": len(own),
        "computed": first.added,
        "load_seconds": load_seconds,
        "first_seconds": first_seconds,
        "raw_seconds": raw_seconds,
        "again_seconds": again_seconds,
        "cbs_seconds": cbs_seconds,
        "all_seconds": all_seconds,
        "unchanged": everything.unchanged,
    }


def _section(results: list[dict[str, Any]]) -> str:
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — computed values (derive) on a national hierarchy",
        "",
        f"- Machine: {machine_line(machine())}",
        "- What: 13,680 buurten in 3,420 wijken, 342 gemeenten, 12 provincies; CBS inhabitants at every level; "
        f"{OWN} own counts per buurt (the load: {OWN} × 13,680 values) and {OWN} rates per 1.000 inhabitants of "
        "18+ from them. First recompute = aggregates of the counts + rates from their parts in every area + "
        "aggregated rates for the provincies, against the raw insert of exactly those rows.",
        "",
        "| DB | load of the own counts (reference) | first recompute (rows) | raw insert of those rows | "
        "recompute/raw | identical recompute (0 written) | after a CBS import of the denominator | "
        "`recompute` (everything, 0 written) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['load_seconds']:.2f} s ({r['own_values']:,} values) | "
            f"{r['first_seconds']:.2f} s ({r['computed']:,}) | {r['raw_seconds']:.2f} s | "
            f"{r['first_seconds'] / r['raw_seconds']:.1f}× | {r['again_seconds']:.2f} s | "
            f"{r['cbs_seconds']:.2f} s | {r['all_seconds']:.2f} s ({r['unchanged']:,} unchanged) |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=[*ENGINES, "all"], default="all")
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return
    results = []
    for engine in engines_to_run(args.engine):
        fresh_database(WORKLOAD, engine)
        results.append(run_child("bench_derive", WORKLOAD, engine))
        print(json.dumps(results[-1]), flush=True)
    record(_section(results), dry=args.no_record)


if __name__ == "__main__":
    main()
