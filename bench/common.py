# SPDX-License-Identifier: EUPL-1.2
"""Shared helpers for the benchmarks: where databases live, Django setup, statistics, machine facts.

Each benchmark runs in its own process with ``DATABASE_URL`` and ``KM_DATA_DIR`` set before Django is
imported, because Django reads its settings once per process.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
VAR_DIR = BENCH_DIR / "var"
PG_SERVER = os.environ.get("KM_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
ENGINES = ("sqlite", "postgresql")


def database_url(workload: str, engine: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{VAR_DIR / f'{workload}.sqlite3'}"
    return f"{PG_SERVER}/km_bench_{workload}"


def data_dir(workload: str, engine: str) -> Path:
    return VAR_DIR / f"data-{workload}-{engine}"


def bench_env(workload: str, engine: str, **extra: str) -> dict[str, str]:
    """The environment for a process that works on ``workload`` in ``engine``."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(workload, engine),
        KM_DATA_DIR=str(data_dir(workload, engine)),
        DJANGO_SETTINGS_MODULE="kwaliteitsmonitor.settings",
        DEBUG="0",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
    )
    env.update(extra)
    return env


def setup_django(workload: str, engine: str) -> None:
    """Point this process at the workload database and set Django up (call before any model import)."""
    os.environ.update({k: v for k, v in bench_env(workload, engine).items() if k != "PYTHONPATH"})
    data_dir(workload, engine).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:
        return False


def ensure_database(workload: str, engine: str) -> None:
    """Create the benchmark database (PostgreSQL) or its directory (SQLite) when missing."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    data_dir(workload, engine).mkdir(parents=True, exist_ok=True)
    if engine != "postgresql":
        return
    import psycopg

    name = f"km_bench_{workload}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(workload: str, engine: str, *args: str, quiet: bool = True) -> None:
    """Run a ``kwaliteitsmonitor`` management command against the workload database."""
    cmd = [sys.executable, "-m", "kwaliteitsmonitor.cli", *args]
    out = subprocess.DEVNULL if quiet else None
    subprocess.run(cmd, env=bench_env(workload, engine), check=True, cwd=ROOT, stdout=out)


def fresh_database(workload: str, engine: str, *, collectstatic: bool = False) -> None:
    """An empty, migrated database for ``workload`` (a benchmark that builds its own data)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(database_url(workload, engine).removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "km_bench_{workload}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "km_bench_{workload}"')
    manage(workload, engine, "migrate", "--noinput")
    if collectstatic:
        manage(workload, engine, "collectstatic", "--noinput")  # pages that name hashed static files


# --- statistics ------------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(seconds: list[float]) -> dict[str, float]:
    return {"best": min(seconds), "median": statistics.median(seconds), "runs": len(seconds)}


# --- machine facts ---------------------------------------------------------------------------------


def _mem_total_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def postgres_version() -> str:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "?"
    except Exception:
        return "niet bereikbaar"


def machine() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": _mem_total_gb(),
        "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(),
        "platform": platform.platform(),
    }


# --- stand-alone benchmarks (bench_import, bench_compare) ----------------------------------------------


def engines_to_run(choice: str) -> list[str]:
    """``sqlite``, ``postgresql`` or ``all`` (PostgreSQL only when reachable)."""
    engines = list(ENGINES) if choice == "all" else [choice]
    if "postgresql" in engines and not postgres_reachable():
        engines.remove("postgresql")
    return engines


def run_child(module: str, workload: str, engine: str, *args: str) -> dict[str, Any]:
    """Run ``python -m bench.<module> --child <engine> ...`` against the workload database; its last
    stdout line is the JSON result."""
    out = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args, "--child", engine],
        env=bench_env(workload, engine), cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def record(section: str, *, dry: bool) -> None:
    """Print a results section and append it to ``bench/RESULTS.md`` unless ``dry``."""
    print(section)
    if not dry:
        with (BENCH_DIR / "RESULTS.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + section)
