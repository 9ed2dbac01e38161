# SPDX-License-Identifier: EUPL-1.2
"""Docs that cannot drift: every environment variable the settings read is documented, the README
starts with the two commands, and the architecture map names every package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "src" / "kwaliteitsmonitor" / "settings.py"
PACKAGE = ROOT / "src" / "kwaliteitsmonitor"


def test_every_setting_is_documented():
    names = set(re.findall(r'env(?:str|bool|int)\("([A-Z0-9_]+)"', SETTINGS.read_text(encoding="utf-8")))
    assert names, "no environment variables found in settings.py"
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"document these in docs/configuration.md: {missing}"


def test_readme_starts_with_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    assert "make demo" in head and "make test" in head


def test_architecture_map_names_every_package():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    missing = [p for p in packages if f"`{p}/`" not in text]
    assert not missing, f"docs/architecture.md does not describe: {missing}"
