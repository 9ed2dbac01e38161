# SPDX-License-Identifier: EUPL-1.2
"""Charts: Vega-Lite specs rendered server-side to SVG/PNG by vl-convert, cached on disk by spec hash.

A page only computes the hash of each spec and stores the spec next to the cache (cheap, once); the
image itself is rendered when ``/grafiek/<hash>.svg`` (or ``.png``) is first asked for, and served from
``settings.KM_CHART_CACHE_DIR`` afterwards. The same spec serves the page, a PDF and a static export.

The directory is bounded (``KM_CHART_CACHE_MAX_FILES``, ``KM_CHART_CACHE_MAX_BYTES``): the oldest files
go first. It is an optimisation, never a point of failure: when it cannot be written or read, the spec
is kept in this process (a bounded memory) and the image rendered on request; the failure is logged once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from kwaliteitsmonitor.monitor.chartspecs import narrow_spec

FORMAT_LOCALE = "nl-NL"
HASH_RE = re.compile(r"^[0-9a-f]{40}$")
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
PRUNE_EVERY = 50  # writes between two checks of the directory's bounds
MEMORY_SPECS = 512  # specs kept in this process when the directory cannot be written

logger = logging.getLogger(__name__)
_reported: set[str] = set()
_memory: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()
_writes = 0


class UnknownChart(LookupError):
    """No spec is stored for this hash."""


def cache_dir() -> Path:
    path = Path(settings.KM_CHART_CACHE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _report(what: str, exc: BaseException) -> None:
    kind = f"{what}:{type(exc).__name__}"
    if kind not in _reported:
        _reported.add(kind)
        logger.warning(
            "grafiekcache %s: %s mislukt (%s: %s); grafieken worden zonder cache gemaakt",
            settings.KM_CHART_CACHE_DIR,
            what,
            type(exc).__name__,
            exc,
        )


def _remember(digest: str, text: str) -> None:
    with _lock:
        _memory[digest] = text
        _memory.move_to_end(digest)
        while len(_memory) > MEMORY_SPECS:
            _memory.popitem(last=False)


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def text_hash(text: str) -> str:
    """The name of a chart: the hash of its spec's text (``spec_json``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def spec_hash(spec: dict[str, Any]) -> str:
    return text_hash(spec_json(spec))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _count_write(path.parent)


def _count_write(directory: Path) -> None:
    global _writes
    with _lock:
        _writes += 1
        due = _writes % PRUNE_EVERY == 0
    if due:
        prune(directory)


def prune(directory: Path | None = None) -> tuple[int, int]:
    """Hold the directory under its bounds, removing the oldest images first (down to 90% of each), and
    specs only when the images alone do not make room. A spec is what a page's chart is made from: a
    page in the page cache (or a frozen rapportage being made) that names a chart whose spec was removed
    shows a broken image, while a removed image is simply made again. Returns (files, bytes) left."""
    directory = directory or Path(settings.KM_CHART_CACHE_DIR)
    max_files, max_bytes = settings.KM_CHART_CACHE_MAX_FILES, settings.KM_CHART_CACHE_MAX_BYTES
    files = []
    try:
        for entry in os.scandir(directory):
            if entry.is_file() and not entry.name.startswith(".tmp-"):
                stat = entry.stat()
                files.append((stat.st_mtime, stat.st_size, entry.path))
    except OSError as exc:
        _report("opruimen", exc)
        return 0, 0
    total = sum(size for _, size, _ in files)
    count = len(files)
    if count <= max_files and total <= max_bytes:
        return count, total
    files.sort(key=lambda item: (item[2].endswith(".json"), item[0], item[2]))  # images first, oldest first
    for _, size, name in files:
        if count <= max_files * 0.9 and total <= max_bytes * 0.9:
            break
        try:
            os.unlink(name)
        except OSError as exc:
            _report("opruimen", exc)
            break
        count -= 1
        total -= size
    return count, total


def register(spec: dict[str, Any]) -> str:
    """Store ``spec`` under its hash (once) and return the hash; renders nothing."""
    text = spec_json(spec)
    digest = text_hash(text)
    try:
        path = Path(settings.KM_CHART_CACHE_DIR) / f"{digest}.json"
        if not path.exists():  # usually stored by an earlier request: one stat, and no mkdir per chart
            cache_dir()
            _write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        _report("schrijven", exc)
        _remember(digest, text)
    return digest


def chart_ref(spec: dict[str, Any]) -> dict[str, str]:
    """What a page needs to show a chart: its hash and the URLs of the SVG and PNG, and of the phone
    version (``narrow_svg_url``, see ``chartspecs.narrow_spec``) when the chart has one."""
    digest = register(spec)
    ref = {"hash": digest, "svg_url": chart_url(digest, "svg"), "png_url": chart_url(digest, "png")}
    narrow = narrow_spec(spec)
    if narrow is not None:
        ref["narrow_svg_url"] = chart_url(register(narrow), "svg")
    return ref


_SAMPLE_DIGEST = "0" * 40


def chart_url(digest: str, fmt: str) -> str:
    """The address of a chart image: ``reverse`` of ``monitor:chart``, with the route looked up once
    (a page names two or three images per chart; reversing each was a twentieth of a doel page)."""
    return _chart_route()[fmt].replace(_SAMPLE_DIGEST, digest)


def _chart_route() -> dict[str, str]:
    where = (get_script_prefix(), get_urlconf())
    routes = _ROUTES.get(where)
    if routes is None:
        routes = _ROUTES[where] = {
            fmt: reverse("monitor:chart", kwargs={"digest": _SAMPLE_DIGEST, "fmt": fmt})
            for fmt in CONTENT_TYPES
        }
    return routes


_ROUTES: dict[tuple[str, Any], dict[str, str]] = {}


_GENERATED_ID = re.compile(r'\bid="((?:clip|gradient|pattern)[-_]?)([0-9]+)"')


def stable_ids(svg: str) -> str:
    """The renderer numbers clip paths and gradients with a counter of its process (``clip7`` in one
    process is ``clip1`` in the next), so the same spec gave different bytes. Renumbered from 1 in order
    of appearance, the same spec always gives the same SVG (a chart is its own document wherever it is
    shown: an ``<img>`` on a page, a data URI in the PDF)."""
    names: dict[str, str] = {}
    for match in _GENERATED_ID.finditer(svg):
        names.setdefault(match[1] + match[2], f"{match[1]}{len(names) + 1}")
    if not names:
        return svg
    used = re.compile(r'(?<=["#])(' + "|".join(map(re.escape, names)) + r')(?=[")])')
    return used.sub(lambda match: names[match[1]], svg)


def _convert(spec: dict[str, Any], fmt: str) -> bytes:
    import vl_convert  # imported late: loading the renderer costs time the pages do not need

    if fmt == "svg":
        return stable_ids(vl_convert.vegalite_to_svg(spec, format_locale=FORMAT_LOCALE)).encode("utf-8")
    return bytes(vl_convert.vegalite_to_png(spec, scale=2, format_locale=FORMAT_LOCALE))


def render_spec(spec: dict[str, Any], fmt: str) -> bytes:
    """``spec`` rendered as ``fmt`` now, without the cache (a frozen rapportage keeps its own copy)."""
    return _convert(spec, fmt)


def render(spec: dict[str, Any], fmt: str = "svg") -> bytes:
    """Render ``spec`` (cached on disk by its hash): the second call does not run vl-convert."""
    digest = register(spec)
    return render_cached(digest, fmt)


def render_svg(spec: dict[str, Any]) -> str:
    return render(spec, "svg").decode("utf-8")


def cached_path(digest: str, fmt: str) -> Path:
    if not HASH_RE.match(digest) or fmt not in CONTENT_TYPES:
        raise UnknownChart(digest)
    return cache_dir() / f"{digest}.{fmt}"


def spec_text(digest: str) -> str:
    """The stored spec of a registered hash, as the text it was hashed from. Raises :class:`UnknownChart`."""
    with _lock:
        remembered = _memory.get(digest)
    if remembered is not None:
        return remembered
    try:
        return (cache_dir() / f"{digest}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnknownChart(digest) from None
    except (OSError, UnicodeDecodeError) as exc:
        _report("lezen", exc)
        raise UnknownChart(digest) from exc


def render_cached(digest: str, fmt: str) -> bytes:
    """The image for a registered hash, rendering it the first time. Raises :class:`UnknownChart`."""
    if not HASH_RE.match(digest) or fmt not in CONTENT_TYPES:
        raise UnknownChart(digest)
    path = Path(settings.KM_CHART_CACHE_DIR) / f"{digest}.{fmt}"
    try:
        if path.exists():
            return path.read_bytes()
    except OSError as exc:
        _report("lezen", exc)
    try:
        spec = json.loads(spec_text(digest))
    except ValueError as exc:  # a corrupt spec file: gone, so the page registers it again
        _report("lezen", exc)
        with contextlib.suppress(OSError):
            (Path(settings.KM_CHART_CACHE_DIR) / f"{digest}.json").unlink(missing_ok=True)
        raise UnknownChart(digest) from exc
    data = _convert(spec, fmt)
    try:
        _write_atomic(path, data)
    except OSError as exc:
        _report("schrijven", exc)
    return data
