# SPDX-License-Identifier: EUPL-1.2
"""Comparison of one indicator over all 342 gemeenten plus its 10 most similar municipalities, against the
raw SQL of the same reads (issue 4: at most 20 ms and within 3× raw SQL, national workload).

What is timed, warm, per gemeente: ``similar_areas`` (k = 10, four characteristics from the workload's
indicators, z-standardised over all gemeenten) and ``indicator_comparisons`` with that group as the
comparison group (NL, provincie, COROP, jeugdzorgregio, GGD-regio, stedelijkheid, grootteklasse, group),
each value protected. The reference runs the same reads as raw SQL through the driver and fetches the rows:
the indicator's values for every gemeente and region in the period, the gemeente's memberships, the
members of its groups and the characteristics' values for every gemeente.

    python -m bench.bench_compare --workload national
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.common import ENGINES, ROOT, bench_env, machine, postgres_reachable, setup_django

INDICATOR = "kwb-001-aantal"
CHARACTERISTICS = ("kwb-000-inwoners", "kwb-010-pct", "kwb-012-per1000", "kwb-015-pct")
PERIOD = "2024JJ00"
GEMEENTEN = 12  # measured gemeenten (spread over the code list)
REPEAT = 15


def _raw(cursor: Any, indicator_id: int, char_ids: list[int], area_id: int) -> int:
    """The same reads as raw SQL; returns the number of rows fetched."""
    n = 0
    cursor.execute(
        "SELECT o.area_id, o.value, o.numerator, o.denominator, o.n, o.value_attribute FROM indicators_observation o "
        "JOIN areas_area a ON a.id = o.area_id WHERE o.indicator_id = %s AND o.period = %s AND o.breakdown = '' "
        "AND a.level IN ('GM', 'NL', 'PV', 'CR', 'JZ', 'GG')",
        [indicator_id, PERIOD],
    )
    n += len(cursor.fetchall())
    cursor.execute(
        "SELECT m2.area_id, m2.kind, m2.group_code FROM areas_areamembership m1 JOIN areas_areamembership m2 "
        "ON m2.kind = m1.kind AND m2.year = m1.year AND m2.group_code = m1.group_code "
        "WHERE m1.area_id = %s AND m1.year = (SELECT MAX(year) FROM areas_areamembership WHERE area_id = %s)",
        [area_id, area_id],
    )
    n += len(cursor.fetchall())
    cursor.execute(
        f"SELECT o.area_id, o.indicator_id, o.value FROM indicators_observation o JOIN areas_area a ON a.id = o.area_id "
        f"WHERE o.indicator_id IN ({', '.join(['%s'] * len(char_ids))}) AND o.period = %s AND o.breakdown = '' "
        "AND a.level = 'GM'",
        [*char_ids, PERIOD],
    )
    n += len(cursor.fetchall())
    return n


def child(workload: str, engine: str) -> dict[str, Any]:
    setup_django(workload, engine)
    from django.db import connection

    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.indicators.insights import indicator_comparisons, similar_areas
    from kwaliteitsmonitor.indicators.models import Indicator

    indicator = Indicator.objects.get(code=INDICATOR)
    char_ids = list(Indicator.objects.filter(code__in=CHARACTERISTICS).values_list("id", flat=True))
    gemeenten = list(Area.objects.filter(level="GM").order_by("code"))
    sample = gemeenten[:: max(len(gemeenten) // GEMEENTEN, 1)][:GEMEENTEN]
    app, raw, sizes = [], [], []
    for area in sample:

        def run_app(area: Area = area) -> dict[str, Any]:
            found = similar_areas(area, CHARACTERISTICS, k=10)
            members = [m["area"] for m in found["matches"]]
            group = {"kind": "vergelijkingsgroep", "code": "", "name": "lijkt op", "members": members}
            return indicator_comparisons(indicator, area, PERIOD, peer_group=group) | {"members": members}

        result = run_app()  # warm: parsed settings, cached period helpers, connection open
        assert len(result["members"]) == 10, result
        sizes.append(len(result["comparisons"]))
        with connection.cursor() as cursor:
            _raw(cursor, indicator.pk, char_ids, area.pk)
        for _ in range(REPEAT):
            started = time.perf_counter()
            run_app()
            app.append(time.perf_counter() - started)
            with connection.cursor() as cursor:
                started = time.perf_counter()
                _raw(cursor, indicator.pk, char_ids, area.pk)
                raw.append(time.perf_counter() - started)
    return {
        "engine": engine,
        "gemeenten": len(gemeenten),
        "measured": len(sample),
        "groups": statistics.median(sizes),
        "app_ms": [statistics.median(app) * 1000, sorted(app)[int(len(app) * 0.95)] * 1000],
        "raw_ms": [statistics.median(raw) * 1000, sorted(raw)[int(len(raw) * 0.95)] * 1000],
    }


def _section(workload: str, results: list[dict[str, Any]]) -> str:
    m = machine()
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — comparison over all gemeenten + 10 similar, workload `{workload}`",
        "",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_avg'] or ())}; Python {m['python']}, SQLite {m['sqlite']}, "
        f"PostgreSQL {m['postgresql']}",
        f"- What: `similar_areas` (k = 10 on {len(CHARACTERISTICS)} characteristics) + `indicator_comparisons` "
        f"of `{INDICATOR}` in {PERIOD} with that group, warm, {REPEAT}× for each of the measured gemeenten; "
        "reference: the same reads as raw SQL through the driver, in the same run.",
        "",
        "| DB | gemeenten | comparison groups | function p50 / p95 | raw SQL p50 / p95 | p50 ≤ 20 ms | function/raw p50 (≤ 3×) |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        ratio = r["app_ms"][0] / r["raw_ms"][0]
        lines.append(
            f"| {r['engine']} | {r['gemeenten']} ({r['measured']} measured) | {r['groups']:.0f} | "
            f"{r['app_ms'][0]:.1f} / {r['app_ms'][1]:.1f} ms | {r['raw_ms'][0]:.1f} / {r['raw_ms'][1]:.1f} ms | "
            f"**{'voldoet' if r['app_ms'][0] <= 20 else 'voldoet niet'}** | "
            f"{ratio:.1f}× **{'voldoet' if ratio <= 3 else 'voldoet niet'}** |"
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
    engines = list(ENGINES) if args.engine == "all" else [args.engine]
    if "postgresql" in engines and not postgres_reachable():
        engines.remove("postgresql")
    results = []
    for engine in engines:
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_compare", "--workload", args.workload, "--child", engine],
            env=bench_env(args.workload, engine), cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    section = _section(args.workload, results)
    print(section)
    if not args.no_record:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + section)


if __name__ == "__main__":
    main()
