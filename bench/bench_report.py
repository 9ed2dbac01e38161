# SPDX-License-Identifier: EUPL-1.2
"""The council report (PDF and Word) of a whole agenda, against rendering the same pages as HTML in the
same run (docs/rapport.md).

    .venv/bin/python -m bench.bench_report --workload demo        # the demo agenda (made when missing)
    .venv/bin/python -m bench.bench_report --workload national    # bench/var/national.sqlite3, when published

The reference renders the public HTML pages the report reads (home, every opgave, every doel) through
their views, under the same publication. Each format is made ``--repeat`` times; the first run renders
the charts (vl-convert) into an empty chart cache, later runs find them there.

Targets: PDF and Word each ≤ 15 s for the demo agenda, ≤ 60 s for the national workload.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import BENCH_DIR, database_url, fresh_database, machine, manage, setup_django

TARGETS = {"demo": 15.0, "national": 60.0}
RESULTS = BENCH_DIR / "RESULTS.md"


def _database_file(workload: str) -> Path:
    return Path(database_url(workload, "sqlite").removeprefix("sqlite:///"))


def _has_publication(path: Path) -> bool:
    import sqlite3

    if not path.exists():
        return False
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            row = conn.execute(
                "SELECT count(*) FROM publications_publication WHERE state IN ('live', 'superseded')"
            ).fetchone()
        except sqlite3.DatabaseError:
            return False
    return bool(row and row[0])


def prepare(workload: str) -> str | None:
    """Make sure the workload database holds a readable publication; a note when it cannot."""
    path = _database_file(workload)
    if _has_publication(path):
        manage(workload, "sqlite", "collectstatic", "--noinput")  # the HTML reference names hashed files
        return None
    if workload == "national":
        return (
            f"{path.name}: geen gepubliceerde publicatie (een volledige publicatie van de landelijke "
            "werklast is nog niet binnen de tijd gelukt; zie hierboven), dus geen rapportage gemeten"
        )
    fresh_database(workload, "sqlite", collectstatic=True)
    manage(workload, "sqlite", "demo")
    return None


def _pages(publication: Any) -> list[str]:
    from kwaliteitsmonitor.reports import content

    home = content.page_json(publication, "/index.json")
    paths = ["/"]
    for theme in home["themes"]:
        paths.append(theme["url"])
        paths += [goal["url"] for goal in theme["goals"]]
    return paths


def _html_reference(publication: Any, paths: list[str]) -> int:
    """Render the HTML pages (views called directly, as ``content.page_json`` does for the JSON)."""
    from django.test import RequestFactory
    from django.urls import resolve

    from kwaliteitsmonitor.publications import context

    size = 0
    with context.use(publication.number):
        for path in paths:
            match = resolve(path)
            response = match.func(RequestFactory().get(path), *match.args, **match.kwargs)
            size += len(response.content)
    return size


def measure(workload: str, repeat: int) -> dict[str, Any]:
    setup_django(workload, "sqlite")
    from django.conf import settings

    from kwaliteitsmonitor.publications.models import READABLE, Publication
    from kwaliteitsmonitor.reports import generate

    settings.KM_CHART_CACHE_DIR = Path(tempfile.mkdtemp(prefix="km-bench-charts-"))
    publication = Publication.objects.filter(state__in=READABLE).order_by("-number").first()
    assert publication is not None
    paths = _pages(publication)
    out: dict[str, Any] = {"publication": publication.number, "pages": len(paths), "runs": {}}
    try:
        for fmt in ("html", "pdf", "docx"):
            runs = []
            for _ in range(repeat):
                start = time.perf_counter()
                size = (
                    _html_reference(publication, paths)
                    if fmt == "html"
                    else len(generate.make(publication, fmt))
                )
                runs.append({"seconds": round(time.perf_counter() - start, 2), "bytes": size})
            out["runs"][fmt] = runs
    finally:
        shutil.rmtree(settings.KM_CHART_CACHE_DIR, ignore_errors=True)
    return out


def render(workload: str, result: dict[str, Any], note: str | None) -> str:
    target = TARGETS[workload]
    m = machine()
    lines = [
        "",
        f"## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — raadsrapportage, werklast `{workload}`",
        "",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), load average at start "
        + ", ".join(f"{v:.2f}" for v in m.get("load_avg") or []),
    ]
    if note:
        return "\n".join([*lines, f"- {note}", "", ""])
    runs = result["runs"]
    lines += [
        f"- Publication {result['publication']}; the report reads {result['pages']} pages "
        "(home, every opgave, every doel). Reference: the same pages rendered as HTML in the same process.",
        "- Runs in order; the first PDF and Word runs start with an empty chart cache (charts rendered by "
        "vl-convert), later ones find the charts there.",
        "",
        f"| what | runs (s) | bytes | ≤ {target:.0f} s (slowest run) | slowest / HTML reference |",
        "|---|---|---:|---|---:|",
    ]
    reference = max(r["seconds"] for r in runs["html"]) or 0.01
    for fmt, label in (
        ("html", "HTML pages (reference)"),
        ("pdf", "PDF (PDF/UA-1)"),
        ("docx", "Word (.docx)"),
    ):
        seconds = [r["seconds"] for r in runs[fmt]]
        slowest = max(seconds)
        verdict = "–" if fmt == "html" else ("**voldoet**" if slowest <= target else "**voldoet niet**")
        lines.append(
            f"| {label} | {' / '.join(f'{s:.2f}' for s in seconds)} | {runs[fmt][-1]['bytes']:,} "
            f"| {verdict} | {slowest / reference:.1f}× |"
        )
    return "\n".join(lines) + "\n\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_report")
    parser.add_argument("--workload", choices=sorted(TARGETS), default="demo")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--json", help="also write the result as JSON here")
    args = parser.parse_args(argv)
    note = prepare(args.workload)
    result = {} if note else measure(args.workload, args.repeat)
    section = render(args.workload, result, note)
    print(section)
    if args.json:
        Path(args.json).write_text(json.dumps({"result": result, "note": note}, indent=2))
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(section)


if __name__ == "__main__":
    main()
