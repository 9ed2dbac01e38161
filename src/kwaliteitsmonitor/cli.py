# SPDX-License-Identifier: EUPL-1.2
"""The ``kwaliteitsmonitor`` console script: Django's management commands with the project settings.

kwaliteitsmonitor migrate
kwaliteitsmonitor demo
kwaliteitsmonitor serve --port 8000
kwaliteitsmonitor status --json
kwaliteitsmonitor backup FILE / restore FILE

A database that cannot be reached is one Dutch line on stderr and exit code 3, not a traceback: the
connection is tried before any command that needs it, and a connection error raised later is caught too.

The data folder is ``KM_DATA_DIR``, else ``var/`` of the project, else ``var/`` here (``datadir.py``);
without one the tool says so in one Dutch line and exits with 2.
"""

from __future__ import annotations

import os
import sys

EXIT_DATABASE = 3
# Commands that do not need the database (or handle its absence themselves).
WITHOUT_DATABASE = frozenset(
    {
        "help",
        "version",
        "--help",
        "-h",
        "--version",
        "makemigrations",
        "spectacular",
        "collectstatic",
        "check",
        "check-theme",
    }
)


def main(argv: list[str] | None = None) -> None:
    from kwaliteitsmonitor import datadir

    found = datadir.find()
    if found is None:
        sys.stderr.write(datadir.MESSAGE + "\n")
        raise SystemExit(2)
    os.environ["KM_DATA_DIR"] = str(found)  # the web server and worker it starts use the same folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitsmonitor.settings")
    from django.core.management import execute_from_command_line

    from kwaliteitsmonitor.theme import ThemeError

    args = sys.argv[1:] if argv is None else argv
    try:
        if args and args[0] not in WITHOUT_DATABASE:
            _ping_database()
        execute_from_command_line(["kwaliteitsmonitor", *args])
    except ThemeError as exc:  # raised while the settings load: refuse to start, in one Dutch line
        sys.stderr.write(f"{exc}\n")
        raise SystemExit(2) from None
    except Exception as exc:
        from kwaliteitsmonitor.ops.errors import database_unreachable

        if not database_unreachable(exc):
            raise
        sys.stderr.write(database_message(exc) + "\n")
        sys.exit(EXIT_DATABASE)


def _ping_database() -> None:
    import django

    django.setup()
    from django.db import connection

    connection.ensure_connection()


def database_message(exc: BaseException) -> str:
    """One line: which database (without password) and the driver's first line."""
    from django.db import connection

    from kwaliteitsmonitor.ops.health import first_line

    db = connection.settings_dict
    where = db.get("NAME") or ""
    if db.get("HOST"):
        where = f"{db.get('HOST')}:{db.get('PORT') or ''}/{where}"
    return f"Fout: de database {where} ({connection.vendor}) is niet bereikbaar: {first_line(exc)}"


if __name__ == "__main__":  # pragma: no cover
    main()
