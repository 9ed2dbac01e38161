# SPDX-License-Identifier: EUPL-1.2
"""Raw bulk insert of observation rows: sqlite3 ``executemany`` / PostgreSQL ``COPY``.

This is both how the workload generator fills the table fast and the physical-limit reference of the
load benchmark. It bypasses the ORM and the load step on purpose; it uses Django's connection so it
shares its settings (SQLite PRAGMAs, PostgreSQL session) with the code under test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

COLUMNS = (
    "indicator_id",
    "area_id",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "ci_low",
    "ci_high",
    "n",
    "status",
    "value_attribute",
    "import_run_id",
    "revision_count",
)
TABLE = "indicators_observation"
_COPY = f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN"


def insert_rows(
    rows: Iterable[tuple[Any, ...]],
    *,
    run_id: int | None,
    commit_every: int = 1_000_000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert ``rows`` (12 fields, see ``values.py``) stamped with ``run_id``, committing every
    ``commit_every`` rows (keeps the SQLite WAL small); returns the row count. For the generator."""
    iterator = ((*row, run_id, 0) for row in rows)
    total = 0
    while True:
        chunk = list(itertools.islice(iterator, commit_every))
        if chunk:
            insert_prepared(chunk)
        total += len(chunk)
        if progress:
            progress(len(chunk))
        if len(chunk) < commit_every:
            return total


def insert_prepared(rows: list[tuple[Any, ...]]) -> None:
    """The raw reference: complete rows (all of ``COLUMNS``) in one transaction, nothing else."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(_COPY) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            connection.ensure_connection()
            sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(['?'] * len(COLUMNS))})"
            connection.connection.executemany(sql, rows)


def delete_period(period: str) -> int:
    """Remove every observation of one period (resets the load benchmark to its starting state)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE period = %s", [period])
        return cursor.rowcount


def count_period(period: str, run_id: int | None = None) -> int:
    sql = f"SELECT COUNT(*) FROM {TABLE} WHERE period = %s"
    params: list[Any] = [period]
    if run_id is not None:
        sql += " AND import_run_id = %s"
        params.append(run_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def analyze() -> None:
    """Refresh planner statistics after a bulk change, as an operator would after a large import."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
