# SPDX-License-Identifier: EUPL-1.2
"""Static export of the public monitor (``kwaliteitsmonitor export-site <map>``; docs/export.md).

Renders the site with Django's test ``Client`` (anonymous, like any visitor), starting at the home page
and following every internal link: pages (written as ``…/index.html``), their ``.json`` twins, chart
images (``/grafiek/…``), table downloads (``…/tabel-<n>.csv|xlsx``) and the static files they use
(collected into ``<map>/static/``). Links are rewritten to relative ones, so the export works from any
web server and from any sub-path.

What a static site cannot do is made explicit instead of silently wrong: links with a query string,
the API (``/api/``) and the admin (``/beheer/``) point to the live monitor when ``--live-url`` is given
and otherwise to the page ``statische-versie/`` that explains why; GET forms (search, the choices on
ontdekken, prognose, vergelijken, …) submit to the same place and get a note.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

MARKER = ".kwaliteitsmonitor-export"
NOTE_PATH = "/statische-versie/"
SKIPPED_PREFIXES = ("/beheer/", "/api/")
KINDS = {".json": "json", ".svg": "grafiek", ".png": "grafiek", ".csv": "download", ".xlsx": "download"}
_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src|action))="(?P<url>[^"]*)"')
_SRCSET = re.compile(r'\bsrcset="(?P<value>[^"]*)"')
_FORM = re.compile(r'<form\b[^>]*\bmethod="get"[^>]*>', re.IGNORECASE)
_ACTION = re.compile(r'\baction="(?P<url>[^"]*)"')
_CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")]+)['"]?\s*\)""")
FORM_NOTE = (
    '<p class="utrecht-paragraph km-export-note" role="note"><strong>In de statische versie werkt deze '
    "keuze niet;</strong> gebruik de live monitor.{live} "
    '<a class="utrecht-link" href="{note}">Over deze statische versie</a></p>'
)


class ExportError(Exception):
    """A problem that stops the export (message in Dutch for the command line)."""


@dataclass
class Report:
    written: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, int]] = field(default_factory=list)
    elsewhere: set[str] = field(default_factory=set)  # links pointed to the live monitor or the note
    broken: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.written.values())


def file_for(path: str) -> str:
    """Where the URL path is written, relative to the export directory."""
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def relative(target: str, page: str) -> str:
    """``target`` (a site path, maybe with ``#fragment``) as a link relative to the page at ``page``."""
    path, hash_, fragment = target.partition("#")
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    link = posixpath.relpath(path, base) if path != base else "."
    if path.endswith("/") and not link.endswith("/"):
        link += "/"
    return link + hash_ + fragment


def prepare_directory(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} bestaat al en is geen map.")
    if target.is_dir() and any(target.iterdir()):
        if not force:
            raise ExportError(
                f"De map {target} is niet leeg. Kies een lege map, of gebruik --force om een eerdere "
                "export in deze map te vervangen."
            )
        if not (target / MARKER).exists():
            raise ExportError(
                f"De map {target} is niet leeg en bevat geen eerdere export van de Kwaliteitsmonitor; "
                "uit voorzorg wordt er niets verwijderd, ook niet met --force. Kies een lege map."
            )
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text("Statische export van de Kwaliteitsmonitor; mag vervangen worden.\n")


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


class Exporter:
    def __init__(
        self,
        target: Path,
        live_url: str = "",
        progress: Callable[[int, str], None] | None = None,
    ) -> None:
        self.target = target
        self.live_url = live_url.rstrip("/")
        self.progress = progress or (lambda count, path: None)
        self.client = Client(raise_request_exception=False, HTTP_HOST=_host())
        self.report = Report()
        self.static: set[str] = set()

    # --- links --------------------------------------------------------------------------------

    def _rewrite(self, url: str, page: str, queue: list[str]) -> str:
        """The link as it is written in the export; internal targets are queued for crawling."""
        raw = html.unescape(url)
        if not raw.startswith("/") or raw.startswith("//"):
            return url  # external, fragment-only, mailto:, data:
        parts = urlsplit(raw)
        if parts.query or parts.path.startswith(SKIPPED_PREFIXES):
            self.report.elsewhere.add(raw)
            if self.live_url:
                return html.escape(self.live_url + raw)
            return html.escape(relative(NOTE_PATH, page))
        if parts.path.startswith(settings.STATIC_URL):
            self.static.add(parts.path[len(settings.STATIC_URL) :])
        else:
            queue.append(parts.path)
        target = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        return html.escape(relative(target, page))

    def _form_target(self, action: str, page: str) -> str:
        self.report.elsewhere.add(html.unescape(action) + "?…")
        if self.live_url:
            return html.escape(self.live_url + html.unescape(action))
        return html.escape(relative(NOTE_PATH, page))

    def rewrite_html(self, text: str, page: str, queue: list[str]) -> str:
        def attribute(match: re.Match[str]) -> str:
            return f'{match["name"]}="{self._rewrite(match["url"], page, queue)}"'

        def srcset(match: re.Match[str]) -> str:
            items = []
            for item in match["value"].split(","):
                url, _, size = item.strip().partition(" ")
                items.append(" ".join(filter(None, [self._rewrite(url, page, queue), size])))
            return f'srcset="{", ".join(items)}"'

        note = html.escape(relative(NOTE_PATH, page))
        live = (
            f' <a class="utrecht-link" href="{html.escape(self.live_url)}">Naar de live monitor</a>.'
            if self.live_url
            else ""
        )

        def form(match: re.Match[str]) -> str:
            # A GET form submits to the live monitor (or to the explanation): a static server would
            # ignore the query string and show the default choice as if it were the answer.
            tag = _ACTION.sub(lambda m: f'action="{self._form_target(m["url"], page)}"', match[0])
            if "km-header-search" in tag:
                return tag  # the header's search form on every page: no note, just the redirect
            return FORM_NOTE.format(note=note, live=live) + tag

        text = _FORM.sub(form, text)
        text = _ATTRIBUTE.sub(attribute, text)
        return _SRCSET.sub(srcset, text)

    # --- crawling -----------------------------------------------------------------------------

    def fetch(self, path: str) -> tuple[int, bytes, str]:
        response = self.client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body, response.get("Content-Type", "")

    def crawl(self, start: str = "/") -> None:
        queue, seen = [start], set()
        while queue:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            status, body, content_type = self.fetch(path)
            if status != 200:
                self.report.failed.append((path, status))
                continue
            if content_type.startswith("text/html"):
                body = self.rewrite_html(body.decode("utf-8"), path, queue).encode("utf-8")
                kind = "pagina"
            else:
                kind = KINDS.get(posixpath.splitext(path)[1], "bestand")
            self._write(path, body)
            self.report.written[kind] += 1
            self.progress(self.report.total, path)

    def _write(self, path: str, body: bytes) -> None:
        destination = self.target / file_for(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(body)

    def write_note_page(self) -> None:
        request = RequestFactory(HTTP_HOST=_host()).get(NOTE_PATH)
        data = {
            "page": "statische-versie",
            "title": "Over deze statische versie",
            "url": NOTE_PATH,
            "json_url": "",
            "breadcrumbs": [
                {"label": "Home", "url": "/"},
                {"label": "Over deze statische versie", "url": None},
            ],
            "made_on": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
            "live_url": self.live_url,
        }
        text = render_to_string("monitor/export_note.html", {"data": data}, request=request)
        queue: list[str] = []
        self._write(NOTE_PATH, self.rewrite_html(text, NOTE_PATH, queue).encode("utf-8"))
        self.report.written["pagina"] += 1

    # --- static files -----------------------------------------------------------------------------

    def copy_static(self, collected: Path) -> None:
        """Copy the static files the pages use, and what their stylesheets refer to, from ``collected``."""
        todo, done = sorted(self.static), set()
        while todo:
            name = posixpath.normpath(todo.pop())
            if name in done or name.startswith(".."):
                continue
            done.add(name)
            source = collected / name
            if not source.is_file():
                continue  # reported by the link check
            destination = self.target / "static" / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            self.report.written["statisch"] += 1
            if name.endswith(".css"):
                for url in _CSS_URL.findall(source.read_text(encoding="utf-8", errors="replace")):
                    if not url.startswith(("data:", "http:", "https:", "#", "/")):
                        todo.append(posixpath.join(posixpath.dirname(name), url.split("?")[0].split("#")[0]))

    def run(self) -> Report:
        # Render with the static files collected into a temporary directory, so the names in the pages
        # (with content hashes, when the manifest storage is used) are the names of the files copied.
        with (
            tempfile.TemporaryDirectory(prefix="km-export-static-") as collected,
            override_settings(STATIC_ROOT=collected),
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
            self.crawl("/")
            self.write_note_page()
            self.copy_static(Path(collected))
        self.report.broken = broken_links(self.target)
        return self.report


# --- checking an export ------------------------------------------------------------------------------


def _links_in(path: Path, root: Path) -> Iterator[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        for match in _ATTRIBUTE.finditer(text):
            yield html.unescape(match["url"])
        for match in _SRCSET.finditer(text):
            for item in match["value"].split(","):
                yield html.unescape(item.strip().split(" ")[0])
    elif path.suffix == ".css":
        yield from (m["url"] for m in _CSS_URL.finditer(text))


def broken_links(root: Path) -> list[str]:
    """Links and images in the written HTML and CSS that do not resolve to a written file."""
    broken = []
    for path in sorted([*root.rglob("*.html"), *root.rglob("*.css")]):
        page_dir = path.parent
        for url in _links_in(path, root):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (root / parts.path.lstrip("/")) if url.startswith("/") else page_dir / parts.path
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.resolve().is_file() or root.resolve() not in target.resolve().parents:
                broken.append(f"{path.relative_to(root)}: {url}")
    return broken
