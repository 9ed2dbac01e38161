# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore of the whole database, online (docs/operations.md).

- SQLite: Python's online backup API (``sqlite3.Connection.backup``), consistent while the monitor runs;
  never a copy of the file (which would miss the ``-wal`` file).
- PostgreSQL: ``pg_dump -Fc`` (a consistent snapshot that blocks no reader or writer) and
  ``pg_restore --clean --if-exists --single-transaction``; the client tools must be installed.

A backup is written to a temporary file next to the target and renamed when complete, so a failed
backup never leaves a half-written file under the name asked for. A restore refuses a database that
holds data unless forced, and afterwards makes every cache stale (signal :data:`restored`: the page cache
gets a new data version and is cleared; the publications' definitions cache is emptied).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.dispatch import Signal

Progress = Callable[[str], None]
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PAGES_PER_STEP = 2048
# Tables that a freshly migrated, empty database already fills: they do not make it "not empty".
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})

restored = Signal()  # sent after a restore; receivers make their caches stale


class BackupError(Exception):
    """A Dutch message for the operator; nothing was changed."""


def _connection():
    return connections[DEFAULT_DB_ALIAS]


# --- backup ---------------------------------------------------------------------------------------------


def backup(target: Path, progress: Progress) -> int:
    """Write a backup of the database to ``target``; returns its size in bytes."""
    target = target.resolve()
    if not target.parent.is_dir():
        raise BackupError(f"De map {target.parent} bestaat niet.")
    partial = target.with_name(f".{target.name}.deel")
    try:
        if _connection().vendor == "sqlite":
            _sqlite_backup(partial, progress)
        elif _connection().vendor == "postgresql":
            _pg_dump(partial, progress)
        else:
            raise BackupError(f"Back-up van een {_connection().vendor}-database wordt niet ondersteund.")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _sqlite_backup(partial: Path, progress: Progress) -> None:
    connection = _connection()
    connection.ensure_connection()
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        connection.connection.backup(
            destination, pages=PAGES_PER_STEP, progress=lambda _s, left, total: _pages(progress, left, total)
        )
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = destination.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        destination.close()
    if check != "ok":
        raise BackupError(f"De back-up is niet in orde (SQLite quick_check: {check}).")


def _pages(progress: Progress, left: int, total: int) -> None:
    done = total - left
    progress(f"{done} van {total} pagina's ({done / total:.0%})" if total else "0 pagina's")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"Het programma '{name}' is niet gevonden. Installeer de PostgreSQL-clientprogramma's "
            "(Debian/Ubuntu: apt install postgresql-client), even nieuw als de server of nieuwer."
        )
    return found


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = _connection().settings_dict
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line (visible in ps)
    return args, env


def _pg_dump(partial: Path, progress: Progress) -> None:
    args, env = _pg_args()
    tables = _table_count()
    command = [
        _tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--verbose",
        "--file",
        str(partial),
        *args,
    ]
    _run(command, env, progress, "dumping contents of table", tables)


def _run(command: list[str], env: dict[str, str], progress: Progress, marker: str, total: int) -> None:
    """Run a PostgreSQL client tool, turning its verbose lines into a progress line."""
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    errors: list[str] = []
    done = 0
    for line in process.stderr:
        if marker in line:
            done += 1
            progress(f"tabel {done} van {total}" if total else f"tabel {done}")
        elif "error" in line.lower() or "fout" in line.lower() or "fatal" in line.lower():
            errors.append(line.strip())
    if process.wait() != 0:
        detail = errors[0] if errors else f"afgesloten met code {process.returncode}"
        raise BackupError(f"{Path(command[0]).name} is mislukt: {detail}")


def _table_count() -> int:
    return len(_connection().introspection.table_names())


# --- restore --------------------------------------------------------------------------------------------


def kind_of(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    return "onbekend"


def rows_present() -> list[tuple[str, int]]:
    """Tables that hold data (beyond what ``migrate`` itself fills), with their row counts."""
    connection = _connection()
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in SETUP_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            count = cursor.fetchone()[0]
            if count:
                found.append((table, count))
    return found


def restore(source: Path, progress: Progress, *, force: bool = False) -> None:
    if not source.is_file():
        raise BackupError(f"Het bestand {source} bestaat niet.")
    vendor = _connection().vendor
    kind = kind_of(source)
    if kind == "onbekend":
        raise BackupError(
            f"{source} is geen back-up van de Kwaliteitsmonitor (geen SQLite- of pg_dump-bestand)."
        )
    if kind != vendor:
        raise BackupError(f"{source} is een {kind}-back-up, maar de database is {vendor}.")
    present = rows_present()
    if present and not force:
        shown = ", ".join(f"{table} ({count})" for table, count in present[:3])
        raise BackupError(
            f"De database is niet leeg: {len(present)} tabellen met gegevens, o.a. {shown}. "
            "Een terugzetting vervangt alles; gebruik --force als dat de bedoeling is."
        )
    if vendor == "sqlite":
        _sqlite_restore(source, progress)
    else:
        _pg_restore(source, progress)
    restored.send(sender=BackupError)


def _sqlite_restore(source: Path, progress: Progress) -> None:
    origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check = origin.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"De back-up {source} is beschadigd (SQLite quick_check: {check}).")
        connection = _connection()
        connection.ensure_connection()
        origin.backup(
            connection.connection,
            pages=PAGES_PER_STEP,
            progress=lambda _s, left, total: _pages(progress, left, total),
        )
    finally:
        origin.close()
    _connection().close()


def _pg_restore(source: Path, progress: Progress) -> None:
    args, env = _pg_args()
    _connection().close()  # no session of ours holds a lock on a table being replaced
    command = [
        _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--single-transaction", "--exit-on-error", "--verbose", *args, str(source),
    ]  # fmt: skip
    _run(command, env, progress, "processing data for table", _archive_tables(source))


def _archive_tables(source: Path) -> int:
    """How many tables' data the archive holds (from ``pg_restore --list``), for the progress line."""
    try:
        listing = subprocess.run(
            [_tool("pg_restore"), "--list", str(source)], capture_output=True, text=True, check=True
        ).stdout
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{source} is geen leesbaar pg_dump-bestand: {exc.stderr.strip()[:200]}") from exc
    return sum(" TABLE DATA " in line for line in listing.splitlines())


# --- checking a restore -------------------------------------------------------------------------------


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a checksum of their contents (independent of row order), to
    check that a restored database equals the one backed up (the yearly restore test of BIO2 8.13)."""
    connection = _connection()
    found: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            digests = sorted(hashlib.sha256(_canonical(row).encode()).digest() for row in cursor.fetchall())
            total = hashlib.sha256(b"".join(digests)).hexdigest()[:16]
            found[table] = (len(digests), total)
    return found


def _canonical(row: tuple[Any, ...]) -> str:
    parts = []
    for value in row:
        if isinstance(value, memoryview | bytes):
            parts.append(bytes(value).hex())
        elif hasattr(value, "isoformat"):
            parts.append(value.isoformat())
        else:
            parts.append(repr(value))
    return "\x1f".join(parts)
