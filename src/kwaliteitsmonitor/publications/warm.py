# SPDX-License-Identifier: EUPL-1.2
"""Rendering the public pages of a publication ahead of its visitors.

While a publication is built, every public page is rendered once inside the build, so each status,
projection, comparison and forecast a page shows is computed and stored with the publication
(``figures.remember``). After the switch, the pages are rendered again as an anonymous visitor would
see them, which fills the page cache: no visitor pays for a first render.

The crawl starts at the home page and follows internal links to HTML pages (no query strings, no JSON
twins, downloads, charts, API, admin, staff pages or snapshots). After the switch the pages are known (the
build recorded them), so :func:`warm` renders them in several processes at once (``KM_WARM_PROCESSES``,
by default one per core): a page is Python work, and the processes of a 2-core machine render the ~180
pages of the national workload in about half the time of one.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

logger = logging.getLogger(__name__)

_HREF = re.compile(r'\bhref="(?P<url>/[^"#?]*)"')
_SKIP = re.compile(
    r"^/(api|beheer|werkplek|static|grafiek|rapportages|account|accounts|gezondheid)/|\.(json|csv|xlsx|svg|png)$|"
    r"/tabel-\d+\."
)


@dataclass
class CrawlReport:
    pages: int = 0
    errors: list[tuple[str, int]] = field(default_factory=list)
    processes: int = 1


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _static_ready() -> None:
    """Pages name hashed static files from the manifest that ``collectstatic`` writes (``serve`` runs
    it too); a fresh data directory has none yet."""
    storage = staticfiles_storage
    manifest = getattr(storage, "manifest_name", None)
    if manifest and not storage.exists(manifest):
        call_command("collectstatic", interactive=False, verbosity=0)
        if hasattr(storage, "load_manifest"):
            storage.hashed_files, storage.manifest_hash = storage.load_manifest()


def crawl(
    progress: Callable[[int, str], None] | None = None,
    limit: int = 20_000,
    *,
    paths: list[str] | None = None,
    record: dict[str, list[str]] | None = None,
) -> CrawlReport:
    """Render every public HTML page reachable from the home page, or exactly ``paths`` (no links followed).
    With ``record``, note per page the keys of the figures it asked for (``figures.remember``)."""
    from . import figures

    _static_ready()
    client = Client(raise_request_exception=False, HTTP_HOST=_host())
    report = CrawlReport()
    seen = set(paths) if paths is not None else {"/"}
    queue = list(paths) if paths is not None else ["/"]
    while queue and report.pages < limit:
        path = queue.pop(0)
        asked: set[str] = set()
        token = figures._asked.set(asked if record is not None else None)
        try:
            response = client.get(path)
        finally:
            figures._asked.reset(token)
        report.pages += 1
        if progress:
            progress(report.pages, path)
        if response.status_code != 200:
            if response.status_code >= 500:
                report.errors.append((path, response.status_code))
                logger.error("publicatie: pagina %s gaf %s", path, response.status_code)
            continue
        if record is not None:
            record[path] = sorted(asked)
        if paths is not None or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for match in _HREF.finditer(response.content.decode("utf-8", "replace")):
            url = urlsplit(match.group("url")).path
            if url and url not in seen and not _SKIP.search(url):
                seen.add(url)
                queue.append(url)
    return report


def render_for_figures(
    number: int,
    before: object,
    *,
    same_indicators: bool,
    dirty: set[str],
    prints: dict[str, object],
    progress: Callable[[int, str], None] | None = None,
) -> CrawlReport:
    """Render the public pages inside the build of publication ``number``, so every figure they show is
    computed and stored.

    The first build and any build after a change to the agenda, the areas or the set of indicators crawls
    the whole site. Otherwise only the pages that asked the previous publication (``before``: its page →
    figure keys) for a figure this one could not keep are rendered again; every other page finds all its
    figures carried over. The pages and their figures are recorded in ``prints["pages"]``."""
    from . import figures

    pages: dict[str, list[str]] = {}
    partial = isinstance(before, dict) and same_indicators and not {figures.AGENDA, figures.AREAS} & dirty
    if partial:
        assert isinstance(before, dict)
        kept = figures.kept_keys(number)
        again = [path for path, keys in before.items() if not kept.issuperset(keys)]
        pages.update(before)
        report = crawl(progress, paths=again, record=pages)
    else:
        report = crawl(progress, record=pages)
    prints["pages"] = pages
    return report


def warm(
    paths: list[str] | None, progress: Callable[[int, str], None] | None = None, processes: int | None = None
) -> CrawlReport:
    """Fill the page cache with the live publication's pages: ``paths`` (the pages its build recorded)
    spread over ``processes`` (``KM_WARM_PROCESSES``), else a crawl from home in this process. One process
    too when the work is small, inside a transaction (the other processes would not see it) or on an
    in-memory database (tests). A process that dies leaves its pages to this one."""
    wanted = processes or settings.KM_WARM_PROCESSES
    if not paths or not _may_fork(wanted, len(paths)):
        return crawl(progress)
    _static_ready()
    count = min(wanted, len(paths))
    batches = [paths[i : i + _BATCH] for i in range(0, len(paths), _BATCH)]
    connections.close_all()  # each process opens its own connection; none may share this one
    report = CrawlReport(processes=count)
    left = set(range(len(batches)))
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_warm_batch, batch): n for n, batch in enumerate(batches)}
            for future in as_completed(futures):
                done = future.result()
                left.discard(futures[future])
                report.pages += done.pages
                report.errors.extend(done.errors)
                if progress:
                    progress(report.pages, "")
    except BrokenProcessPool:
        logger.exception("publicatie: een proces voor het klaarzetten van pagina's stopte; de rest hier")
        rest = crawl(progress, paths=[p for n in sorted(left) for p in batches[n]])
        report.pages += rest.pages
        report.errors.extend(rest.errors)
    return report


_BATCH = 4  # pages per task: small enough that the processes finish together


def _may_fork(processes: int, pages: int) -> bool:
    if processes < 2 or pages < 2 * processes or connection.in_atomic_block:
        return False
    in_memory = getattr(connection, "is_in_memory_db", None)
    return not (connection.vendor == "sqlite" and in_memory is not None and in_memory())


def _warm_batch(paths: list[str]) -> CrawlReport:
    """In a forked process: render ``paths`` as a visitor would (the page cache stores them)."""
    return crawl(paths=paths)
