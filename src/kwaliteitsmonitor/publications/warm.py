# SPDX-License-Identifier: EUPL-1.2
"""Rendering the public pages of a publication ahead of its visitors.

While a publication is built, every public page is rendered once inside the build, so each status,
projection, comparison and forecast a page shows is computed and stored with the publication
(``figures.remember``). After the switch, the pages are rendered again as an anonymous visitor would
see them, which fills the page cache: no visitor pays for a first render.

The crawl starts at the home page and follows internal links to HTML pages (no query strings, no JSON
twins, downloads, charts, API, admin, staff pages or snapshots).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
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
