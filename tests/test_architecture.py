# SPDX-License-Identifier: EUPL-1.2
"""The dependency rule of docs/architecture.md, enforced.

* ``analysis`` is pure: it imports nothing of Django and nothing else of this project.
* ``areas``, ``agenda`` and ``indicators`` (the domain) import only ``analysis`` and each other.
* ``sources`` (scheduled refresh) sits beside ``connectors``: it imports only ``analysis``, the domain,
  ``connectors`` and ``publications`` (to publish after a refresh).
* ``interpretation`` (duiding, verbeteracties, raadsvragen, reminders) imports only ``analysis``, the domain,
  ``accounts``, ``audit`` and ``publications``.
* Nothing imports ``monitor`` or ``api`` (only the root ``urls.py`` routes to them); ``reports`` may use
  monitor's chart rendering (``monitor.charts``) and nothing else of it: its figures come from the page JSON
  twins (read through the URL resolver) and ``publications``; ``snapshots`` reuses the static export's host
  helper to render the public pages at freeze time.
* ``snapshots`` imports only ``analysis``, the domain, ``publications``, ``monitor`` and ``interpretation``
  (the approved duiding filled into frozen pages); ``reports`` reads a frozen rapportage through
  ``snapshots.frozen`` and the duiding through ``interpretation.public``.
* No source file grows into a place everything falls into.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kwaliteitsmonitor"
DOMAIN = {"areas", "agenda", "indicators"}
LEAVES = {"monitor", "api", "workspace"}
MAX_LINES = 600
# What the council reports may use of the public site: its chart rendering (SVG for the PDF, PNG for Word).
REPORTS_MAY_USE = {"kwaliteitsmonitor.monitor.charts"}


def _modules(subpackage: str | None = None) -> list[Path]:
    root = PACKAGE / subpackage if subpackage else PACKAGE
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            # relative import: resolve against the module's package
            package = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
            names.add(".".join([*package, node.module or ""]).rstrip("."))
    return names


def _project_part(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "kwaliteitsmonitor" or len(parts) < 2:
        return None
    return parts[1]


def test_analysis_imports_no_django_and_nothing_else_of_the_project():
    offenders = []
    for path in _modules("analysis"):
        for module in _imports(path):
            top = module.split(".")[0]
            part = _project_part(module)
            if top == "django" or top == "rest_framework" or (part is not None and part != "analysis"):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders, "analysis/ must stay pure:\n" + "\n".join(offenders)


def test_importing_analysis_does_not_load_django():
    modules = sorted(
        "kwaliteitsmonitor." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in _modules("analysis")
        if p.name != "__init__.py" and "tests" not in p.parts
    )
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("part", sorted(DOMAIN))
def test_domain_imports_only_analysis_and_domain(part):
    allowed = DOMAIN | {"analysis", "audit"}
    offenders = []
    for path in _modules(part):
        if "tests" in path.parts:
            continue
        for module in _imports(path):
            other = _project_part(module)
            if other is not None and other not in allowed:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_sources_import_only_domain_connectors_and_publications():
    allowed = DOMAIN | {"analysis", "connectors", "publications", "sources"}
    offenders = []
    for path in _modules("sources"):
        if "tests" in path.parts:
            continue
        for module in _imports(path):
            other = _project_part(module)
            if other is not None and other not in allowed:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_nothing_imports_the_leaves():
    offenders = []
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in LEAVES or rel == Path("urls.py"):
            continue
        for module in _imports(path):
            if rel.parts[0] == "reports" and module in REPORTS_MAY_USE:
                continue
            if rel.parts[:2] == ("reports", "tests") and module.startswith("kwaliteitsmonitor.monitor.tests"):
                continue  # the monitor's small test world
            part = _project_part(module)
            # A snapshot renders the public pages once, at freeze time (docs/rapportages.md).
            if part in LEAVES and not (rel.parts[0] == "snapshots" and part == "monitor"):
                offenders.append(f"{rel} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_reports_read_figures_only_through_page_json_and_publications():
    allowed = DOMAIN | {"analysis", "publications", "reports", "monitor", "snapshots", "interpretation"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("reports")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None, *allowed}
        or (_project_part(module) == "monitor" and module not in REPORTS_MAY_USE)
    ]
    assert not offenders, "\n".join(offenders)


def test_no_source_file_is_a_gravity_well():
    too_long = [
        f"{p.relative_to(PACKAGE)}: {n} lines"
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not too_long, f"split these modules (>{MAX_LINES} lines):\n" + "\n".join(too_long)


def test_audit_imports_nothing_else_of_the_project():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("audit")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None, "audit"}
    ]
    assert not offenders, "\n".join(offenders)


def test_outcomes_imports_only_analysis_the_domain_and_audit():
    """Voorzieningen and partner submissions sit on the domain: accepting a submission writes through
    ``indicators.load``; pages read the figures from ``publications``, never from here."""
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("outcomes")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None, "outcomes", "analysis", "audit", *DOMAIN}
    ]
    assert not offenders, "\n".join(offenders)


def test_processes_imports_only_analysis_areas_and_audit():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("processes")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None, "processes", "analysis", "areas", "audit"}
    ]
    assert not offenders, "\n".join(offenders)


def test_interpretation_imports_only_domain_accounts_audit_and_publications():
    allowed = DOMAIN | {"analysis", "accounts", "audit", "publications", "interpretation"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("interpretation")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None} | allowed
    ]
    assert not offenders, "\n".join(offenders)


def test_snapshots_import_only_domain_publications_and_monitor():
    allowed = DOMAIN | {"analysis", "publications", "monitor", "snapshots", "interpretation"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _modules("snapshots")
        if "tests" not in path.parts
        for module in _imports(path)
        if _project_part(module) not in {None} | allowed
    ]
    assert not offenders, "\n".join(offenders)
