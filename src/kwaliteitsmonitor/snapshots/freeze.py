# SPDX-License-Identifier: EUPL-1.2
"""Freezing: render every public page of the live publication once and store the bytes.

The crawl is the static export's (``monitor/export.py``): Django's test ``Client`` as an anonymous
visitor, from the home page along every internal link, reading the snapshot's publication. Each HTML
page gets its internal links rewritten to stay inside ``/rapportages/<slug>/``, the banner "Stand van
<datum> — <naam>" with a link to the same page in the current monitor, and on doel and indicator pages
an insertion point for approved duiding (``<!--km:duiding goal=<id>-->``). JSON twins get their ``…url``
fields rewritten the same way. Links with a query string, the API and forms keep pointing to the live
monitor: a frozen page cannot answer a new question.

Because the pages are stored as bytes, a later import or an edit in the working store (a goal title,
an inspanning's progress) cannot change them: "byte-identical" holds by construction.

Chart images and table downloads are frozen as what makes them, not as bytes: a chart as its Vega-Lite
spec (the file its hash names), a download as the table of the page's frozen JSON twin with the notes the
download writes under it. ``snapshots.frozen`` makes the file from that recipe on its first request and
stores it. Rendering every chart as SVG and PNG and every table as CSV and Excel up front took most of
the time of a freeze (issue 12: a national snapshot in ≤ 60 s), for files that are rarely all asked for;
the recipe holds everything they show, so what is served later is what the moment showed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.analysis.periods import dutch_date
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import charts, downloads
from kwaliteitsmonitor.monitor.export import _host
from kwaliteitsmonitor.publications import context as publication_context
from kwaliteitsmonitor.publications.models import Publication, State

from .models import FrozenPage, Snapshot, Stage

PREFIX = "/rapportages/"
CHANGES_PAGE = "wat-is-er-veranderd/"
NOTES_MARKER = "<!--km:correcties-->"
SKIPPED = ("/beheer/", "/api/", "/werkplek/", PREFIX, "/gezondheid/")
_LINK = re.compile(r'(?P<name>\b(?:href|src))="(?P<url>[^"]*)"')
_SRCSET = re.compile(r'\bsrcset="(?P<value>[^"]*)"')
_HEADER = '<header class="utrecht-page-header'
_CHART = re.compile(r"^/grafiek/(?P<digest>[0-9a-f]{40})\.(?P<fmt>svg|png)$")
_DOWNLOAD = re.compile(r"^(?P<page>/(?:[^/]+/)*)tabel-(?P<number>[1-9][0-9]{0,2})\.(?P<fmt>csv|xlsx)$")
BATCH = 200

Progress = Callable[[int, int, str], None]


class FreezeRefused(Exception):
    """Freezing is not possible now; the message (Dutch) says why and what to do."""


def base_url(slug: str) -> str:
    return f"{PREFIX}{slug}/"


def _skipped(path: str) -> bool:
    return path.startswith(SKIPPED) or path.startswith(settings.STATIC_URL)


# --- preparing ---------------------------------------------------------------------------------------


def prepare(
    name: str,
    as_of: dt.date | None = None,
    user: Any = None,
    slug: str = "",
    ignore_draft: bool = False,
) -> Snapshot:
    """Check and create the snapshot row (stage "wordt bevroren"); :func:`run` fills it."""
    name = (name or "").strip()
    if not name:
        raise FreezeRefused("Geef de rapportage een naam (veld naam), bijvoorbeeld 'Najaarsnota 2026'.")
    slug = slugify(slug or name)[:80]
    if not slug:
        raise FreezeRefused(f"Van de naam '{name}' is geen korte naam voor het adres te maken (veld naam).")
    if Snapshot.objects.filter(slug=slug).exists():
        raise FreezeRefused(
            f"Er is al een rapportage met de korte naam '{slug}' (veld naam); kies een andere naam."
        )
    live = Publication.objects.filter(state=State.LIVE).first()
    if live is None:
        raise FreezeRefused(
            "Er is nog geen gepubliceerde publicatie om te bevriezen. Publiceer eerst de cijfers (werkplek, "
            "Publicaties, of 'kwaliteitsmonitor publish')."
        )
    newer = (
        Publication.objects.filter(number__gt=live.number, state__in=(State.DRAFT, State.BUILDING))
        .order_by("-number")
        .first()
    )
    if newer is not None and not ignore_draft:
        raise FreezeRefused(
            f"Publicatie {newer.number} is nieuwer dan de gepubliceerde publicatie {live.number} maar nog "
            f"niet gepubliceerd ({newer.get_state_display().lower()}). Publiceer die eerst, of bevries "
            f"bewust publicatie {live.number} (--ondanks-concept)."
        )
    previous = (
        Snapshot.objects.filter(stage__in=(Stage.PRERELEASE, Stage.PUBLIC))
        .order_by("-frozen_at", "-pk")
        .first()
    )
    return Snapshot.objects.create(
        name=name,
        slug=slug,
        as_of=as_of or timezone.localdate(),
        publication=live,
        frozen_by=user if getattr(user, "is_authenticated", False) else None,
        previous=previous,
    )


# --- rewriting ---------------------------------------------------------------------------------------


def banner(snapshot: Snapshot, path: str) -> str:
    base = base_url(snapshot.slug)
    title = f"Stand van {dutch_date(snapshot.as_of)} — {snapshot.name}."
    return (
        '<div class="km-demo-banner km-snapshot-banner" role="note"><p class="utrecht-paragraph">'
        f"<strong>{html.escape(title)}</strong> "
        "Deze rapportage is bevroren: cijfers en teksten veranderen niet meer. "
        f'<a class="utrecht-link" href="{html.escape(path)}">Deze pagina in de actuele monitor</a> · '
        f'<a class="utrecht-link" href="{base}{CHANGES_PAGE}">Wat is er veranderd</a> · '
        f'<a class="utrecht-link" href="{PREFIX}">Alle rapportages</a></p>{NOTES_MARKER}</div>'
    )


def rewrite_html(text: str, prefix: str, queue: list[str]) -> str:
    """Internal links point into the snapshot (and are queued); the rest is left as it is."""

    def one(url: str) -> str:
        raw = html.unescape(url)
        if not raw.startswith("/") or raw.startswith("//"):
            return url
        parts = urlsplit(raw)
        if parts.query or _skipped(parts.path):
            return url  # the live monitor answers questions and serves static files
        queue.append(parts.path)
        return html.escape(prefix + raw.lstrip("/"))

    def srcset(match: re.Match[str]) -> str:
        items = []
        for item in match["value"].split(","):
            url, _, size = item.strip().partition(" ")
            items.append(" ".join(filter(None, [one(url), size])))
        return f'srcset="{", ".join(items)}"'

    text = _LINK.sub(lambda m: f'{m["name"]}="{one(m["url"])}"', text)
    return _SRCSET.sub(srcset, text)


def rewrite_json(data: Any, prefix: str) -> Any:
    """Every ``…url`` field with an internal path points into the snapshot."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if (
                isinstance(value, str)
                and key.endswith("url")
                and value.startswith("/")
                and not value.startswith("//")
                and "?" not in value
                and not _skipped(urlsplit(value).path)
            ):
                out[key] = prefix + value.lstrip("/")
            else:
                out[key] = rewrite_json(value, prefix)
        return out
    if isinstance(data, list):
        return [rewrite_json(v, prefix) for v in data]
    return data


def insert_before_content_end(text: str, snippet: str) -> str:
    """``snippet`` at the end of the page's main content (before the closing tag of its wrapper)."""
    end = text.rfind("</main>")
    if end < 0:
        return text
    wrapper = text.rfind("</div>", 0, end)
    at = wrapper if wrapper >= 0 else end
    return text[:at] + snippet + "\n" + text[at:]


def duiding_markers() -> dict[str, str]:
    """Site path of every doel and indicator page → its duiding insertion point."""
    markers = {
        reverse("monitor:doel", kwargs={"theme": theme, "goal": goal}): f"<!--km:duiding goal={pk}-->"
        for pk, theme, goal in Goal.objects.values_list("pk", "theme__slug", "slug")
    }
    for pk, code in Indicator.objects.values_list("pk", "code"):
        markers[reverse("monitor:indicator", kwargs={"code": code})] = f"<!--km:duiding indicator={pk}-->"
    return markers


def frozen_html(snapshot: Snapshot, path: str, text: str, queue: list[str], markers: dict[str, str]) -> bytes:
    text = rewrite_html(text, base_url(snapshot.slug), queue)
    if path in markers:
        text = insert_before_content_end(text, markers[path])
    if _HEADER in text:
        text = text.replace(_HEADER, banner(snapshot, path) + "\n" + _HEADER, 1)
    return text.encode("utf-8")


def frozen_json(snapshot: Snapshot, data: Any) -> bytes:
    data = rewrite_json(data, base_url(snapshot.slug))
    return json.dumps(data, ensure_ascii=False, sort_keys=False).encode("utf-8")


# --- recipes: charts and downloads, made on first request ---------------------------------------------


def chart_recipe(path: str) -> tuple[dict[str, Any], str] | None:
    """The recipe of chart image ``path`` (``/grafiek/<hash>.svg``): its spec, checked against the hash
    that names it. None when this server does not hold the spec (then the chart is fetched as a page)."""
    match = _CHART.match(path)
    if match is None:
        return None
    try:
        text = charts.spec_text(match["digest"])
    except charts.UnknownChart:
        return None
    if charts.text_hash(text) != match["digest"]:
        return None
    return {"kind": "chart", "fmt": match["fmt"], "spec": text}, charts.CONTENT_TYPES[match["fmt"]]


def twin_path(page_path: str) -> str:
    """The JSON twin of an HTML page: ``/`` → ``/index.json``, ``/opgave/a/`` → ``/opgave/a.json``."""
    return "/index.json" if page_path == "/" else page_path.rstrip("/") + ".json"


def download_recipe(
    path: str, twins: dict[str, Any], found_tables: dict[str, list[Any]] | None = None
) -> tuple[dict[str, Any], str] | None:
    """The recipe of download ``path`` (``<page>tabel-<n>.csv|xlsx``): the n-th table of the page's
    frozen JSON twin, which holds the page data the download view reads, with the notes the download
    writes under it (site, source, page address) as they are now. None when the twin was not frozen or
    has no such table (then the download is fetched as a page and answers as the live view does).
    ``found_tables`` keeps each twin's tables: a page's CSV and Excel downloads of all its tables walk
    the twin once."""
    match = _DOWNLOAD.match(path)
    twin = twin_path(match["page"]) if match else ""
    if match is None or twin not in twins:
        return None
    found_tables = {} if found_tables is None else found_tables
    if twin not in found_tables:
        found_tables[twin] = downloads.tables(twins[twin])
    found = found_tables[twin]
    number = int(match["number"])
    if not 1 <= number <= len(found):
        return None
    table, source = found[number - 1]
    lines = downloads.notes(table, source, f"http://{_host()}{match['page']}")
    recipe = {
        "kind": "table",
        "fmt": match["fmt"],
        "table": table,
        "lines": lines,
        "title": f"Tabel {number}",
    }
    return recipe, downloads.FORMATS[match["fmt"]]


def make(recipe: dict[str, Any]) -> bytes:
    """The file a recipe describes (:func:`chart_recipe`, :func:`download_recipe`)."""
    if recipe["kind"] == "chart":
        return charts.render_spec(json.loads(recipe["spec"]), recipe["fmt"])
    if recipe["fmt"] == "csv":
        return downloads.to_csv(recipe["table"], recipe["lines"])
    return downloads.to_xlsx(recipe["table"], recipe["lines"], recipe["title"])


# --- crawling ----------------------------------------------------------------------------------------


def page_row(snapshot: Snapshot, path: str, body: bytes, content_type: str, **extra: Any) -> FrozenPage:
    return FrozenPage(
        snapshot=snapshot,
        path=path,
        content_type=content_type,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        **extra,
    )


def recipe_row(snapshot: Snapshot, path: str, recipe: dict[str, Any], content_type: str) -> FrozenPage:
    return FrozenPage(
        snapshot=snapshot, path=path, content_type=content_type, body=b"", sha256="", recipe=recipe
    )


class PublicationSwitched(Exception):
    """Another publication went live while the pages were read as a visitor reads them."""


def _reading(number: int, pinned: bool) -> tuple[AbstractContextManager[Any], bool]:
    """How the crawl reads publication ``number``: when it is the live one (and not ``pinned``), as a
    visitor does, so the page cache that publishing warmed answers (the same bytes, rendered once);
    otherwise pinned to it with ``publications.context.use``, every page rendered anew."""
    if not pinned and publication_context.live_number() == number:
        return nullcontext(), True
    return publication_context.use(number), False


class _Crawl:
    """One crawl's state: what is stored, counted, failed, and the JSON twins read for the downloads."""

    def __init__(self, snapshot: Snapshot, store: Callable[[FrozenPage], None], follow: bool) -> None:
        self.snapshot, self.store, self.follow = snapshot, store, follow
        self.client = Client(raise_request_exception=False, HTTP_HOST=_host())
        self.markers = duiding_markers()
        self.kinds: dict[str, int] = {}
        self.failed: list[list[Any]] = []
        self.twins: dict[str, Any] = {}  # JSON twins as read, for the downloads' recipes
        self.tables: dict[str, list[Any]] = {}  # and their tables, found once per twin

    def count(self, kind: str) -> None:
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def recipe(self, path: str, made: tuple[dict[str, Any], str] | None) -> bool:
        if made is None:
            return False
        self.store(recipe_row(self.snapshot, path, *made))
        self.count(posixpath.splitext(path)[1].lstrip("."))
        return True

    def fetch(self, path: str) -> list[str]:
        """Render ``path`` as a visitor gets it and store it; returns the internal links it holds."""
        response = self.client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            self.failed.append([path, response.status_code])
            return []
        content_type = response.get("Content-Type", "application/octet-stream")
        found: list[str] = []
        if content_type.startswith("text/html"):
            body = frozen_html(self.snapshot, path, body.decode("utf-8"), found, self.markers)
            self.count("pagina")
        elif content_type.startswith("application/json"):
            self.twins[path] = json.loads(body)
            body = frozen_json(self.snapshot, self.twins[path])
            self.count("json")
        else:
            self.count(posixpath.splitext(path)[1].lstrip(".") or "bestand")
        self.store(page_row(self.snapshot, path, body, content_type))
        return found if self.follow else []


def crawl(
    snapshot: Snapshot,
    starts: list[str],
    store: Callable[[FrozenPage], None],
    progress: Progress,
    follow: bool = True,
    pinned: bool = False,
) -> dict[str, Any]:
    """Render ``starts`` (and, with ``follow``, every internal page they link to) from the snapshot's
    publication; each page goes to ``store``, a chart or download as its recipe. Raises
    :class:`PublicationSwitched` when the crawl read the live publication and another one went live
    meanwhile (then crawl again, ``pinned``)."""
    state = _Crawl(snapshot, store, follow)
    queue, seen, later = list(starts), set(), []
    number = snapshot.publication.number
    reading, as_visitor = _reading(number, pinned)
    with reading:
        while queue:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            if _DOWNLOAD.match(path):
                later.append(path)  # made from its page's twin once every twin is read
            elif not state.recipe(path, chart_recipe(path)):
                queue.extend(state.fetch(path))
            progress(len(seen), len(seen) + len(queue), path)
        for path in later:
            if not state.recipe(path, download_recipe(path, state.twins, state.tables)):
                state.fetch(path)
    if as_visitor and publication_context.live_number() != number:
        raise PublicationSwitched(number)
    return {"pages": state.kinds, "failed": state.failed}


def run(snapshot: Snapshot, progress: Progress | None = None) -> Snapshot:
    """Freeze the pages and compute "wat is er veranderd"; the snapshot becomes readable (pre-release)
    only when everything is stored. A failure leaves no pages and the stage "mislukt"."""
    from . import changes

    report = progress or (lambda done, total, path: None)
    batch: list[FrozenPage] = []

    def store(row: FrozenPage) -> None:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()

    def flush() -> None:
        FrozenPage.objects.bulk_create(batch)
        batch.clear()

    def tick(done: int, total: int, path: str) -> None:
        if done % 25 == 0:
            Snapshot.objects.filter(pk=snapshot.pk).update(done=done, total=total)
        report(done, total, path)

    try:
        try:
            summary = crawl(snapshot, ["/"], store, tick)
        except PublicationSwitched:  # a publication went live meanwhile: read the pinned one again
            batch.clear()
            FrozenPage.objects.filter(snapshot=snapshot).delete()
            summary = crawl(snapshot, ["/"], store, tick, pinned=True)
        flush()
        with transaction.atomic():
            snapshot.changes = changes.compute(snapshot)
            snapshot.summary = summary
            snapshot.stage = Stage.PRERELEASE
            snapshot.done = snapshot.total = sum(summary["pages"].values())
            snapshot.save()
    except Exception as exc:
        FrozenPage.objects.filter(snapshot=snapshot).delete()
        Snapshot.objects.filter(pk=snapshot.pk).update(stage=Stage.FAILED, error=str(exc)[:2000])
        raise
    return snapshot


def freeze(
    name: str,
    as_of: dt.date | None = None,
    user: Any = None,
    slug: str = "",
    ignore_draft: bool = False,
    progress: Progress | None = None,
) -> Snapshot:
    return run(prepare(name, as_of, user, slug, ignore_draft), progress)
