# SPDX-License-Identifier: EUPL-1.2
"""Where the monitor keeps its data (database, secret key, caches): one rule for settings and the CLI.

1. ``KM_DATA_DIR``, when set (created when missing: the operator asked for it);
2. else ``var/`` of the project the monitor runs from (a checkout with ``pyproject.toml``), whatever
   the current folder;
3. else an existing ``var/`` in the current folder.

Otherwise there is none: the command-line tool says so in one Dutch line and stops, instead of creating an
empty ``var/`` in whatever folder it was started from.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MESSAGE = (
    "Geen gegevensmap gevonden: zet KM_DATA_DIR (bijvoorbeeld KM_DATA_DIR=/srv/kwaliteitsmonitor) "
    "of start in de map van de monitor (met var/)."
)


def project_root(package: Path = PACKAGE) -> Path | None:
    """The checkout the package runs from (``src/kwaliteitsmonitor`` inside it), if any."""
    root = package.parent.parent
    pyproject = root / "pyproject.toml"
    if (
        package.parent.name == "src"
        and pyproject.is_file()
        and 'name = "kwaliteitsmonitor"' in pyproject.read_text(encoding="utf-8")
    ):
        return root
    return None


def find(
    environ: dict[str, str] | None = None, cwd: Path | None = None, package: Path = PACKAGE
) -> Path | None:
    """The data folder by the rule above, or None."""
    environ = dict(os.environ) if environ is None else environ
    explicit = environ.get("KM_DATA_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser().resolve()
    root = project_root(package)
    if root is not None:
        return (root / "var").resolve()
    here = (cwd or Path.cwd()) / "var"
    return here.resolve() if here.is_dir() else None
