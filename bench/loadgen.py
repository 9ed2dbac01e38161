# SPDX-License-Identifier: EUPL-1.2
"""A small, bounded HTTP load generator: N requests over C keep-alive connections (threads).

Pure standard library, so ``make bench`` needs nothing extra. Loopback only; every request has a timeout
and the total number of requests is fixed, so a run always ends.
"""

from __future__ import annotations

import http.client
import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .common import percentile

TIMEOUT = 30.0


@dataclass
class Fetch:
    status: int
    body: bytes
    headers: dict[str, str]


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    bytes: int = 0

    def merge(self, other: LoadResult) -> None:
        self.latencies.extend(other.latencies)
        self.errors.extend(other.errors)
        self.wall += other.wall
        self.bytes += other.bytes

    def stats(self) -> dict[str, Any]:
        ms = [v * 1000 for v in self.latencies]
        if not ms:
            return {"requests": 0, "errors": len(self.errors)}
        return {
            "requests": len(ms),
            "errors": len(self.errors),
            "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99),
            "mean_ms": sum(ms) / len(ms),
            "rps": len(ms) / self.wall if self.wall else 0.0,
        }


def fetch(port: int, path: str, timeout: float = TIMEOUT) -> Fetch:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        resp = conn.getresponse()
        return Fetch(resp.status, resp.read(), {k.lower(): v for k, v in resp.getheaders()})
    finally:
        conn.close()


def wait_until_up(port: int, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(port, "/beheer/login/", timeout=5)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def hammer(
    port: int, path: str, requests: int, concurrency: int = 8, budget: float | None = None
) -> LoadResult:
    """GET ``path`` ``requests`` times from ``concurrency`` clients; latency per request.

    With ``budget`` (seconds) no new request starts after that time, so a slow page cannot stretch a run.
    """
    tickets = itertools.count()
    deadline = time.perf_counter() + budget if budget else float("inf")
    lock = threading.Lock()
    result = LoadResult()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        local: list[float] = []
        errors: list[str] = []
        size = 0
        while next(tickets) < requests and time.perf_counter() < deadline:
            for attempt in range(2):  # the server may close an idle keep-alive connection: reconnect once
                start = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Host": "127.0.0.1"})
                    resp = conn.getresponse()
                    body = resp.read()
                except (http.client.HTTPException, OSError) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                    if attempt:
                        errors.append(type(exc).__name__)
                    continue
                local.append(time.perf_counter() - start)
                size += len(body)
                if resp.status != 200:
                    errors.append(str(resp.status))
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                break
        conn.close()
        with lock:
            result.latencies.extend(local)
            result.errors.extend(errors)
            result.bytes += size

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=TIMEOUT * requests)
    result.wall = time.perf_counter() - started
    return result


_HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')


def links(html: bytes) -> list[str]:
    """Internal links (paths) of a page, in order, without duplicates, static files and the admin."""
    seen: dict[str, None] = {}
    for match in _HREF.finditer(html.decode("utf-8", "replace")):
        path = match.group(1)
        if not path.startswith(("/static/", "/beheer/", "/api/")):
            seen.setdefault(path, None)
    return list(seen)
