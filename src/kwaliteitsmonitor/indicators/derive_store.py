# SPDX-License-Identifier: EUPL-1.2
"""Reading and writing observation rows for ``derive.py`` through the database's bulk paths. SQL is built
from constant table and column names only; values are always parameters.

Derive runs inside every import, so it reads and writes like the load step does (``load.py``): plain rows
from the driver's cursor (no ORM objects, no per-value converters), inserts with sqlite3 ``executemany`` or
PostgreSQL ``COPY``. ``bench/bench_derive.py`` measures it against the raw insert of the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection

_TABLE = "indicators_observation"
_INSERT = (
    "indicator_id", "area_id", "period", "breakdown", "value", "numerator", "denominator", "status",
    "value_attribute", "import_run_id", "revision_count", "is_computed",
)  # fmt: skip
_CHUNK = 500  # ids per statement, below SQLite's variable limit


def select(
    indicator_id: int, periods: Sequence[str] | None, columns: Sequence[str], *, with_value: bool = False
) -> Iterator[tuple[Any, ...]]:
    """Rows (tuples of ``columns``) of one indicator in these periods (all when None); ``with_value``:
    only rows with a value (not secret)."""
    sql = f"SELECT {', '.join(columns)} FROM {_TABLE} WHERE indicator_id = %s"  # noqa: S608 (constant names)
    params: list[Any] = [indicator_id]
    if periods is not None:
        if not periods:
            return
        sql += f" AND period IN ({', '.join(['%s'] * len(periods))})"
        params += list(periods)
    if with_value:
        sql += " AND value IS NOT NULL"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.cursor  # the driver's cursor: plain tuples
        while rows := raw.fetchmany(20_000):
            yield from rows


def insert(rows: list[tuple[Any, ...]]) -> None:
    """New computed rows: (indicator, area, period, breakdown, value, numerator, denominator, status,
    import run)."""
    if not rows:
        return
    full = [(*row[:8], "", row[8], 0, True) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {_TABLE} ({', '.join(_INSERT)}) FROM STDIN") as copy:
                for row in full:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {_TABLE} ({', '.join(_INSERT)}) VALUES ({', '.join(['%s'] * len(_INSERT))})"  # noqa: S608
        cursor.executemany(sql, full)


def update(rows: list[tuple[Any, ...]]) -> None:
    """Changed computed rows: (value, numerator, denominator, status, import run, id)."""
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {_TABLE} SET value = %s, numerator = %s, denominator = %s, status = %s, "  # noqa: S608
                "import_run_id = %s WHERE id = %s",
                rows,
            )


def delete(ids: list[int]) -> None:
    """Computed rows that are no longer computed (they have no revisions: nothing else points to them)."""
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {_TABLE} WHERE id IN ({marks})", chunk)  # noqa: S608
