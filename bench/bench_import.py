# SPDX-License-Identifier: EUPL-1.2
"""End-to-end import of a national KWB-shaped CBS table against raw inserts of the same rows.

Issue 3 asks that *importing* a national Kerncijfers-wijken-en-buurten table (about 1.8 M values) reaches at
least 40% of the raw bulk-insert rate, and that an identical re-import writes nothing in at most half the time.
This benchmark measures the whole path a user runs, ``kwaliteitsmonitor import cbs <directory>``:
reading the saved OData responses (TableInfos, DataProperties, TypedDataSet with space-padded keys), parsing
them into records, creating the indicator definitions, and the shared load step, in one transaction.

The table is generated deterministically from the genuine DataProperties of 85984NED (KWB 2024) in
``../shared/data`` (the first 100 numeric topics) over 17,443 areas (NL, 342 gemeenten, wijken, buurten), about
2% of the cells empty. The database is created fresh for each engine (``km_bench_kwbimport``).

    python -m bench.bench_import                # SQLite, and PostgreSQL when reachable
    python -m bench.bench_import --engine sqlite --no-record
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import (
    ENGINES,
    ROOT,
    VAR_DIR,
    engines_to_run,
    fresh_database,
    machine,
    record,
    run_child,
    setup_django,
)
from bench.report import machine_line

WORKLOAD = "kwbimport"
SHARED = ROOT.parent / "shared" / "data" / "kwb-2024-85984NED"
TABLE_DIR = VAR_DIR / "kwb-national-table"
TOPICS = 100


def _codes() -> list[str]:
    codes = ["NL00"] + [f"GM{g:04d}" for g in range(1, 343)]
    codes += [f"WK{g:04d}{w:02d}" for g in range(1, 343) for w in range(10)]
    codes += [f"BU{g:04d}{w:02d}{b:02d}" for g in range(1, 343) for w in range(10) for b in range(4)]
    return codes[:17_443]


def write_table(table_dir: Path = TABLE_DIR, largest: int = 5000) -> int:
    """The saved-response directory (deterministic), cells from 0 to ``largest``; returns the number of
    values."""
    properties = json.loads((SHARED / "DataProperties.json").read_text(encoding="utf-8"))
    properties = properties["value"] if isinstance(properties, dict) else properties
    numeric = {"Long", "Double", "Integer", "Decimal"}
    topics = [
        p for p in properties if p.get("odata.type") == "Cbs.OData.Topic" and p.get("Datatype") in numeric
    ]
    topics = topics[:TOPICS]
    keep = {p["Key"] for p in topics}
    selected = [p for p in properties if p.get("odata.type") != "Cbs.OData.Topic" or p["Key"] in keep]
    table_dir.mkdir(parents=True, exist_ok=True)
    (table_dir / "DataProperties.json").write_text(json.dumps({"value": selected}), encoding="utf-8")
    (table_dir / "TableInfos.json").write_bytes((SHARED / "TableInfos.json").read_bytes())
    rng = random.Random(85984)
    rows, values = [], 0
    for index, code in enumerate(_codes()):
        row: dict[str, Any] = {"ID": index, "WijkenEnBuurten": code.ljust(10)}
        for topic in topics:
            cell = rng.randint(0, largest) if rng.random() > 0.02 else None
            row[topic["Key"]] = cell
            values += cell is not None
        rows.append(row)
    (table_dir / "TypedDataSet.json").write_text(json.dumps({"value": rows}), encoding="utf-8")
    return values


def _create_areas() -> None:
    from kwaliteitsmonitor.areas.models import Area

    levels = {"NL": "NL", "GM": "GM", "WK": "WK", "BU": "BU"}
    Area.objects.bulk_create([Area(code=c, name=c, level=levels[c[:2]]) for c in _codes()], batch_size=5000)


def _timed_import(source: str) -> tuple[float, Any]:
    from kwaliteitsmonitor.connectors.pipeline import run_import

    started = time.perf_counter()
    outcome = run_import("cbs", source, actor="bench")
    return time.perf_counter() - started, outcome


def _delete_all() -> None:
    """Empty the table the same way before each measurement (TRUNCATE resets PostgreSQL's storage;
    SQLite's unqualified DELETE is its truncate)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE indicators_observation, indicators_observationrevision")
        else:
            cursor.execute("DELETE FROM indicators_observationrevision")
            cursor.execute("DELETE FROM indicators_observation")


def _raw_rows() -> list[tuple[Any, ...]]:
    """The same rows the import writes, as complete table rows (prepared outside the timer)."""
    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.connectors.registry import get_connector
    from kwaliteitsmonitor.indicators.models import ImportRun, Indicator
    from kwaliteitsmonitor.indicators.records import PAYLOAD_OF

    connector = get_connector("cbs")
    parsed = connector.parse(connector.fetch(str(TABLE_DIR), {}), {})
    indicators = dict(Indicator.objects.values_list("code", "id"))
    areas = dict(Area.objects.values_list("code", "id"))
    run_id = ImportRun.objects.order_by("-pk").values_list("pk", flat=True).first()
    return [
        (indicators[r.indicator], areas[r.area], r.period, r.breakdown, *PAYLOAD_OF(r), run_id, 0)
        for r in parsed.records
    ]


def child(engine: str) -> dict[str, Any]:
    setup_django(WORKLOAD, engine)
    from bench.bulk import insert_prepared

    _create_areas()
    source = str(TABLE_DIR)
    first_seconds, first = _timed_import(source)  # creates the 100 indicator definitions too
    assert first.status == "ok", first.as_json()
    again_seconds, again = _timed_import(source)
    assert (again.result.added, again.result.changed) == (0, 0), again.as_json()
    _delete_all()
    import_seconds, second = _timed_import(source)
    assert second.result.added == first.result.added
    rows = _raw_rows()
    _delete_all()
    started = time.perf_counter()
    insert_prepared(rows)
    raw_seconds = time.perf_counter() - started
    n = len(rows)
    return {
        "engine": engine,
        "values": n,
        "raw_seconds": raw_seconds,
        "first_import_seconds": first_seconds,
        "import_seconds": import_seconds,
        "reimport_seconds": again_seconds,
        "reimport_unchanged": again.result.unchanged,
        "indicators_created": first.indicators_created,
        "ratio": raw_seconds / import_seconds,
        "reimport_ratio": again_seconds / import_seconds,
    }


def _section(results: list[dict[str, Any]]) -> str:
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — end-to-end CBS import, national KWB-shaped table",
        "",
        f"- Machine: {machine_line(machine())}",
        "- What: `run_import('cbs', <saved responses>)` — read TableInfos/DataProperties/TypedDataSet, parse "
        "(padded keys, empty cells), create 100 indicator definitions (first run only), load — against the same "
        "rows inserted raw (sqlite3 `executemany` / PostgreSQL `COPY`) into the same, empty table. Fresh "
        "database per engine; 17,443 areas × 100 topics of 85984NED.",
        "",
        "| DB | values | raw insert (reference) | import (end to end) | import/raw rate (≥ 40%) | identical re-import | "
        "re-import/import (≤ 50%) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n = r["values"]
        lines.append(
            f"| {r['engine']} | {n:,} | {n / r['raw_seconds']:,.0f} rows/s ({r['raw_seconds']:.1f} s) | "
            f"{n / r['import_seconds']:,.0f} rows/s ({r['import_seconds']:.1f} s; first run with definitions "
            f"{r['first_import_seconds']:.1f} s) | {r['ratio']:.0%} **{'voldoet' if r['ratio'] >= 0.4 else 'voldoet niet'}** | "
            f"{r['reimport_seconds']:.1f} s, {r['reimport_unchanged']:,} unchanged, 0 written | "
            f"{r['reimport_ratio']:.0%} **{'voldoet' if r['reimport_ratio'] <= 0.5 else 'voldoet niet'}** |"
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
    engines = engines_to_run(args.engine)
    print(f"KWB-shaped table: {write_table():,} values in {TABLE_DIR}", flush=True)
    results = []
    for engine in engines:
        fresh_database(WORKLOAD, engine)
        results.append(run_child("bench_import", WORKLOAD, engine))
        print(json.dumps(results[-1]), flush=True)
    record(_section(results), dry=args.no_record)


if __name__ == "__main__":
    main()
