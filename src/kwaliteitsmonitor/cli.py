# SPDX-License-Identifier: EUPL-1.2
"""The ``kwaliteitsmonitor`` console script: Django's management commands with the project settings.

kwaliteitsmonitor migrate
kwaliteitsmonitor demo
kwaliteitsmonitor serve --port 8000
kwaliteitsmonitor status --json

The data folder is ``KM_DATA_DIR``, else ``var/`` of the project, else ``var/`` here (``datadir.py``);
without one the tool says so in one Dutch line and exits with 2.
"""

from __future__ import annotations

import os
import sys


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

    try:
        execute_from_command_line(["kwaliteitsmonitor", *(sys.argv[1:] if argv is None else argv)])
    except ThemeError as exc:  # raised while the settings load: refuse to start, in one Dutch line
        sys.stderr.write(f"{exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":  # pragma: no cover
    main()
