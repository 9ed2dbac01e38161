# SPDX-License-Identifier: EUPL-1.2
"""The ``kwaliteitsmonitor`` console script: Django's management commands with the project settings.

kwaliteitsmonitor migrate
kwaliteitsmonitor demo
kwaliteitsmonitor serve --port 8000
kwaliteitsmonitor status --json
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitsmonitor.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kwaliteitsmonitor", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":  # pragma: no cover
    main()
