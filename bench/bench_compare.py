# SPDX-License-Identifier: EUPL-1.2
"""Comparison of one indicator over all 342 gemeenten plus its 10 most similar municipalities, against the
raw SQL of the same reads (issue 4: at most 20 ms and within 3× raw SQL, national workload).

Per measured gemeente, its 10 most similar municipalities are found once with ``similar_areas`` (four
characteristics from the workload's indicators, z-standardised over all gemeenten) and saved as its
comparison group, as the product does (a saved group keeps a benchmark reproducible); that step is timed
separately. What is timed, warm: ``indicator_comparisons`` — the indicator over all 342 gemeenten (rank,
percentile) and against Nederland, provincie, COROP, jeugdzorgregio, GGD-regio, stedelijkheid, grootteklasse
and the saved group of 10, every value protected. The reference is the raw SQL of the same query: the statements the function executes are recorded once
(``connection.execute_wrapper``) and replayed with the same parameters through a plain cursor, fetching
every row — the data access without the ORM, the protection and the comparison arithmetic.

    python -m bench.bench_compare --workload national
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import ENGINES, engines_to_run, machine, record, run_child, setup_django
from bench.report import machine_line

INDICATOR = "kwb-001-aantal"
CHARACTERISTICS = ("kwb-000-inwoners", "kwb-010-pct", "kwb-012-per1000", "kwb-015-pct")
PERIOD = "2024JJ00"
GEMEENTEN = 12  # measured gemeenten (spread over the code list)
REPEAT = 15


def _recorded(run: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) that ``run()`` executes, in order."""
    from django.db import connection

    statements: list[tuple[str, Any]] = []

    def note(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        run()
    return statements


def _replay(cursor: Any, statements: list[tuple[str, Any]]) -> int:
    """The reference: the same statements through a plain cursor, rows fetched, nothing else."""
    n = 0
    for sql, params in statements:
        cursor.execute(sql, params)
        n += len(cursor.fetchall())
    return n


def child(workload: str, engine: str) -> dict[str, Any]:
    setup_django(workload, engine)
    from django.db import connection

    from kwaliteitsmonitor.areas.models import Area, ComparisonGroup
    from kwaliteitsmonitor.indicators.models import Indicator
    from kwaliteitsmonitor.publications.insights import (
        indicator_comparisons,
        save_comparison_group,
        similar_areas,
    )

    indicator = Indicator.objects.get(code=INDICATOR)
    gemeenten = list(Area.objects.filter(level="GM").order_by("code"))
    sample = gemeenten[:: max(len(gemeenten) // GEMEENTEN, 1)][:GEMEENTEN]
    app, raw, find, sizes, saved, queries = [], [], [], [], [], []
    try:
        for area in sample:
            started = time.perf_counter()
            found = similar_areas(area, CHARACTERISTICS, k=10)
            find.append(time.perf_counter() - started)
            assert len(found["matches"]) == 10, found
            saved.append(save_comparison_group(area, found).pk)
            result = indicator_comparisons(indicator, area, PERIOD)  # warm
            group = next(c for c in result["comparisons"] if c["kind"] == "vergelijkingsgroep")
            assert group["members"] == 10, group
            sizes.append(len(result["comparisons"]))
            statements = _recorded(lambda area=area: indicator_comparisons(indicator, area, PERIOD))
            queries.append(len(statements))
            for _ in range(REPEAT):
                started = time.perf_counter()
                indicator_comparisons(indicator, area, PERIOD)
                app.append(time.perf_counter() - started)
                with connection.cursor() as cursor:
                    started = time.perf_counter()
                    _replay(cursor, statements)
                    raw.append(time.perf_counter() - started)
    finally:
        ComparisonGroup.objects.filter(pk__in=saved).delete()
    return {
        "engine": engine,
        "gemeenten": len(gemeenten),
        "measured": len(sample),
        "groups": statistics.median(sizes),
        "app_ms": [statistics.median(app) * 1000, sorted(app)[int(len(app) * 0.95)] * 1000],
        "raw_ms": [statistics.median(raw) * 1000, sorted(raw)[int(len(raw) * 0.95)] * 1000],
        "find_ms": statistics.median(find) * 1000,
        "queries": statistics.median(queries),
    }


def _section(workload: str, results: list[dict[str, Any]]) -> str:
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — comparison over all gemeenten + 10 similar, workload `{workload}`",
        "",
        f"- Machine: {machine_line(machine())}",
        f"- What: `indicator_comparisons` of `{INDICATOR}` in {PERIOD} over all gemeenten and eight reference "
        f"groups including the saved group of the 10 most similar municipalities (found with `similar_areas` on "
        f"{len(CHARACTERISTICS)} characteristics and saved first), warm, {REPEAT}× for each measured gemeente; "
        "reference: the very SQL statements the function executes (recorded once), replayed with their "
        "parameters through a plain cursor with every row fetched, in the same run.",
        "",
        "| DB | gemeenten | reference groups | comparison p50 / p95 | raw SQL p50 / p95 | p50 ≤ 20 ms | comparison/raw p50 (≤ 3×) | queries | finding the 10 similar (once, p50) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in results:
        ratio = r["app_ms"][0] / r["raw_ms"][0]
        lines.append(
            f"| {r['engine']} | {r['gemeenten']} ({r['measured']} measured) | {r['groups']:.0f} | "
            f"{r['app_ms'][0]:.1f} / {r['app_ms'][1]:.1f} ms | {r['raw_ms'][0]:.1f} / {r['raw_ms'][1]:.1f} ms | "
            f"**{'voldoet' if r['app_ms'][0] <= 20 else 'voldoet niet'}** | "
            f"{ratio:.1f}× **{'voldoet' if ratio <= 3 else 'voldoet niet'}** | {r['queries']:.0f} | "
            f"{r['find_ms']:.1f} ms |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", default="national")
    parser.add_argument("--engine", choices=[*ENGINES, "all"], default="all")
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.workload, args.child)))
        return
    results = []
    for engine in engines_to_run(args.engine):
        results.append(run_child("bench_compare", args.workload, engine, "--workload", args.workload))
        print(json.dumps(results[-1]), flush=True)
    record(_section(args.workload, results), dry=args.no_record)


if __name__ == "__main__":
    main()
