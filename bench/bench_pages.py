# SPDX-License-Identifier: EUPL-1.2
"""Page latency against a static file of the same size (DESIGN.md §6).

Starts the app under gunicorn with the processes and threads ``kwaliteitsmonitor serve`` starts
(``kwaliteitsmonitor.ops.server``: on a 2-core machine 4 single-threaded processes; loopback, a free
port), finds the pages of the workload's agenda (home, doel, indicator: by following links from the home
page; a page that does not exist yet is skipped with a note), writes for every page a static file of
exactly the same byte size into the static directory, and measures both with 8 concurrent clients in
alternating rounds in the same run.

    .venv/bin/python -m bench.bench_pages --workload small --engine sqlite [--requests 400]

Every page is measured twice, each time in a freshly started server: with the page cache off
(``KM_PAGE_CACHE=off``: every request renders the page, "uncached") and on ("cached": after the warm-up
the requests are cache hits, which is what a visitor meets once anyone has asked for the page since the
last import). The first request to each page in a fresh server is reported too (cold start), and the
weight of each page: its HTML plus the stylesheets and scripts it links.

Targets: p50(page) ≤ 4 × p50(static file of the same size); p95(page) ≤ 150 ms; HTML + CSS + JS
≤ 300 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kwaliteitsmonitor.ops import server as serve_defaults

from . import loadgen
from .common import ROOT, bench_env, data_dir, manage, setup_django

RATIO_TARGET = 4.0
P95_TARGET_MS = 150.0
WEIGHT_TARGET = 300 * 1024
MODES = (("uncached", "off"), ("cached", "file"))
CONCURRENCY = 8
SERIAL_REQUESTS = 20
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn serving the app for one workload database; stopped by its own pid."""

    def __init__(self, workload: str, engine: str, page_cache: str = "file") -> None:
        self.workload, self.engine, self.page_cache = workload, engine, page_cache
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir(workload, engine) / "gunicorn.log"

    def __enter__(self) -> Server:
        cmd = [
            GUNICORN,
            "kwaliteitsmonitor.wsgi",
            "-w",
            str(serve_defaults.workers()),
            "--threads",
            str(serve_defaults.threads()),
            "-b",
            f"127.0.0.1:{self.port}",
        ]
        cmd += ["--log-level", "warning", "--timeout", "60"]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=bench_env(self.workload, self.engine, KM_PAGE_CACHE=self.page_cache),
                stdout=log,
                stderr=log,
            )
        if not loadgen.wait_until_up(self.port):
            self.__exit__()
            raise RuntimeError(f"gunicorn kwam niet op; zie {self.log}")
        return self

    def worker_rss_mb(self) -> float | None:
        """The largest resident memory of the gunicorn workers now (VmHWM: the peak over their life)."""
        if not self.proc:
            return None
        peaks = []
        for child in Path("/proc").glob("[0-9]*"):
            try:
                status = (child / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{self.proc.pid}\n" in status:
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        return max(peaks) if peaks else None

    def __exit__(self, *exc: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def agenda_targets() -> tuple[list[str], list[str], list[str]]:
    """Slugs of the themes and goals and codes of the indicators of the workload's agenda."""
    from kwaliteitsmonitor.agenda.models import Agenda, Goal, ResultIndicator, Theme

    agenda = Agenda.objects.filter(is_fictitious=True, is_active=True).order_by("-start_year").first()
    if agenda is None:
        return [], [], []
    themes = list(Theme.objects.filter(agenda=agenda).values_list("slug", flat=True))
    goals = list(Goal.objects.filter(theme__agenda=agenda).values_list("slug", flat=True))
    codes = list(
        ResultIndicator.objects.filter(result__goal__theme__agenda=agenda).values_list(
            "indicator__code", flat=True
        )
    )
    return themes, goals, codes


def discover(port: int, notes: list[str], max_fetches: int = 40) -> dict[str, str]:
    """Follow links from the home page to one opgave, doel and indicator page of the agenda."""
    themes, goals, codes = agenda_targets()
    kinds = [("doel", goals), ("indicator", codes), ("opgave", themes)]
    found: dict[str, str] = {}
    home = loadgen.fetch(port, "/")
    if home.status != 200:
        notes.append(f"home / gaf {home.status}: pagina's overgeslagen (nog geen website?)")
        return found
    found["home"] = "/"
    queue, seen, fetches = loadgen.links(home.body), {"/"}, 0
    while queue and fetches < max_fetches and len(found) < 4:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        segments = set(path.strip("/").split("/"))
        kind = next((k for k, keys in kinds if k not in found and segments & set(keys)), None)
        if kind is None and not segments & set(themes + goals):
            continue  # only walk the agenda's own tree
        page = loadgen.fetch(port, path)
        fetches += 1
        if page.status != 200:
            notes.append(f"{path} gaf {page.status}")
            continue
        if kind:
            found[kind] = path
        queue.extend(p for p in loadgen.links(page.body) if p not in seen)
    for kind in ("doel", "indicator"):
        if kind not in found:
            notes.append(f"geen {kind}pagina gevonden via links vanaf de homepage: overgeslagen")
    return found


def write_same_size(static_root: Path, size: int) -> str:
    """A static HTML file of exactly ``size`` bytes; returns its URL path."""
    target = static_root / "bench"
    target.mkdir(parents=True, exist_ok=True)
    head = b"<!doctype html><html lang=nl><title>bench</title><p>"
    tail = b"</p></html>\n"
    body = head + b"x" * max(0, size - len(head) - len(tail)) + tail
    body = body[:size] if len(body) > size else body
    (target / f"same-size-{size}.html").write_bytes(body)
    return f"/static/bench/same-size-{size}.html"


_ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="(/[^"]+)"')


def weight(port: int, html: bytes) -> dict[str, int]:
    """Bytes of the page's HTML and of the stylesheets and scripts it links (each counted once)."""
    assets = list(dict.fromkeys(_ASSET.findall(html.decode("utf-8", "replace"))))
    css_js = sum(len(loadgen.fetch(port, path).body) for path in assets)
    return {"html": len(html), "css_js": css_js, "total": len(html) + css_js, "files": len(assets)}


def first_requests(port: int, pages: dict[str, str]) -> dict[str, float]:
    """Milliseconds of the first request to each page in a freshly started server (one client)."""
    first = {}
    for kind, path in pages.items():
        started = time.perf_counter()
        loadgen.fetch(port, path)
        first[kind] = (time.perf_counter() - started) * 1000
    return first


def measure(
    port: int, pairs: list[tuple[str, str, str]], requests: int, rounds: int, max_seconds: float
) -> list[dict[str, Any]]:
    """For each (kind, page, static) pair: warm up, then alternate rounds of page and static.

    Each URL gets at most about ``max_seconds``; a slow page then has fewer requests (reported)."""
    results = []
    per_round = max(1, requests // rounds)
    budget = max_seconds / rounds
    for kind, page, static in pairs:
        loadgen.hammer(port, page, 4 * CONCURRENCY, CONCURRENCY, budget)
        loadgen.hammer(port, static, 4 * CONCURRENCY, CONCURRENCY, budget)
        page_res, static_res = loadgen.LoadResult(), loadgen.LoadResult()
        for r in range(rounds):
            first, second = (
                ((page, page_res), (static, static_res))
                if r % 2 == 0
                else ((static, static_res), (page, page_res))
            )
            for path, acc in (first, second):
                acc.merge(loadgen.hammer(port, path, per_round, CONCURRENCY, budget))
        p, s = page_res.stats(), static_res.stats()
        # One client: the service time without queueing, to tell the page's own cost from contention.
        p["serial_p50_ms"] = loadgen.hammer(port, page, SERIAL_REQUESTS, 1, budget).stats().get("p50_ms")
        s["serial_p50_ms"] = loadgen.hammer(port, static, SERIAL_REQUESTS, 1, budget).stats().get("p50_ms")
        ratio = p["p50_ms"] / s["p50_ms"] if s.get("p50_ms") else None
        results.append(
            {
                "kind": kind,
                "path": page,
                "static": static,
                "bytes": int(static.rsplit("-", 1)[1].split(".")[0]),
                "page": p,
                "static_file": s,
                "p50_ratio": ratio,
                "ratio_pass": ratio is not None and ratio <= RATIO_TARGET and not p["errors"],
                "p95_pass": p.get("p95_ms", 1e9) <= P95_TARGET_MS and not p["errors"],
            }
        )
    return results


def run(
    workload: str,
    engine: str,
    requests: int = 400,
    rounds: int = 4,
    extra: list[str] | None = None,
    max_seconds: float = 120.0,
) -> dict[str, Any]:
    setup_django(workload, engine)
    from django.conf import settings

    notes: list[str] = []
    manage(workload, engine, "migrate", "--noinput")  # the pages may need tables newer than the workload
    try:
        manage(workload, engine, "collectstatic", "--noinput")
    except subprocess.CalledProcessError:
        notes.append("collectstatic mislukte; statische bestanden ontbreken mogelijk")
    static_root = Path(settings.STATIC_ROOT)
    static_root.mkdir(parents=True, exist_ok=True)
    # Start without cached pages, so the first requests below are honest cache misses.
    shutil.rmtree(Path(settings.CACHES["pages"]["LOCATION"]), ignore_errors=True)
    weights: dict[str, dict[str, int]] = {}
    with Server(workload, engine, "off") as server:
        pages = discover(server.port, notes)
        pages["beheer-login (Django zonder data)"] = "/beheer/login/"
        for path in extra or []:
            pages[f"extra {path}"] = path
        sizes: dict[str, int] = {}
        for kind, path in list(pages.items()):
            page = loadgen.fetch(server.port, path)
            if page.status != 200:
                notes.append(f"{kind} {path} gaf {page.status}: overgeslagen")
                del pages[kind]
                continue
            sizes[kind] = len(page.body)
            weights[kind] = weight(server.port, page.body)
    pairs = [(kind, path, write_same_size(static_root, sizes[kind])) for kind, path in pages.items()]
    results = []
    # whitenoise indexes the static directory at start-up: start again so it sees the new files.
    for mode, setting in MODES:
        shutil.rmtree(Path(settings.CACHES["pages"]["LOCATION"]), ignore_errors=True)
        with Server(workload, engine, setting) as server:
            first = first_requests(server.port, pages)
            for item in measure(server.port, pairs, requests, rounds, max_seconds):
                item.update(mode=mode, first_ms=first[item["kind"]], weight=weights[item["kind"]])
                item["weight_pass"] = weights[item["kind"]]["total"] <= WEIGHT_TARGET
                results.append(item)
            rss = server.worker_rss_mb()
            if rss is not None:
                notes.append(f"gunicorn-worker, piekgeheugen (VmHWM) na de metingen {mode}: {rss:,.0f} MB")
    return {
        "benchmark": "pages",
        "workload": workload,
        "engine": engine,
        "concurrency": CONCURRENCY,
        "requests_per_url": requests,
        "rounds": rounds,
        "max_seconds_per_url": max_seconds,
        "server": (
            f"gunicorn -w {serve_defaults.workers()} --threads {serve_defaults.threads()} "
            f"({'gthread' if serve_defaults.threads() > 1 else 'sync'}, as `serve` starts it) + whitenoise"
        ),
        "results": results,
        "notes": notes,
        "targets": {"p50_ratio": RATIO_TARGET, "p95_ms": P95_TARGET_MS, "weight_bytes": WEIGHT_TARGET},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Page latency against a static file of the same size")
    parser.add_argument("--workload", default="small")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--requests", type=int, default=400, help="measured requests per URL (page and static)"
    )
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--url", action="append", default=[], help="also measure this path (repeatable)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="measuring time budget per URL")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    started = time.perf_counter()
    result = run(args.workload, args.engine, args.requests, args.rounds, args.url, args.max_seconds)
    result["seconds"] = round(time.perf_counter() - started, 1)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text)
    print(text if not args.json else f"pages {args.workload}/{args.engine}: geschreven naar {args.json}")


if __name__ == "__main__":
    main()
