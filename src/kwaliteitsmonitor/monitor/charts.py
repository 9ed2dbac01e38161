# SPDX-License-Identifier: EUPL-1.2
"""Charts: Vega-Lite specs rendered server-side to SVG/PNG by vl-convert, cached on disk by spec hash.

A page only computes the hash of each spec and stores the spec next to the cache (cheap, once); the
image itself is rendered when ``/grafiek/<hash>.svg`` (or ``.png``) is first asked for, and served from
``settings.KM_CHART_CACHE_DIR`` afterwards. The same spec serves the page, a PDF and a static export.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from kwaliteitsmonitor.monitor.chartspecs import narrow_spec

FORMAT_LOCALE = "nl-NL"
HASH_RE = re.compile(r"^[0-9a-f]{40}$")
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


class UnknownChart(LookupError):
    """No spec is stored for this hash."""


def cache_dir() -> Path:
    path = Path(settings.KM_CHART_CACHE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def spec_hash(spec: dict[str, Any]) -> str:
    return hashlib.sha256(spec_json(spec).encode("utf-8")).hexdigest()[:40]


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def register(spec: dict[str, Any]) -> str:
    """Store ``spec`` under its hash (once) and return the hash; renders nothing."""
    digest = spec_hash(spec)
    path = cache_dir() / f"{digest}.json"
    if not path.exists():
        _write_atomic(path, spec_json(spec).encode("utf-8"))
    return digest


def chart_ref(spec: dict[str, Any]) -> dict[str, str]:
    """What a page needs to show a chart: its hash and the URLs of the SVG and PNG, and of the phone
    version (``narrow_svg_url``, see ``chartspecs.narrow_spec``) when the chart has one."""
    digest = register(spec)
    ref = {
        "hash": digest,
        "svg_url": reverse("monitor:chart", kwargs={"digest": digest, "fmt": "svg"}),
        "png_url": reverse("monitor:chart", kwargs={"digest": digest, "fmt": "png"}),
    }
    narrow = narrow_spec(spec)
    if narrow is not None:
        ref["narrow_svg_url"] = reverse("monitor:chart", kwargs={"digest": register(narrow), "fmt": "svg"})
    return ref


def _convert(spec: dict[str, Any], fmt: str) -> bytes:
    import vl_convert  # imported late: loading the renderer costs time the pages do not need

    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, format_locale=FORMAT_LOCALE).encode("utf-8")
    return bytes(vl_convert.vegalite_to_png(spec, scale=2, format_locale=FORMAT_LOCALE))


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


def render_cached(digest: str, fmt: str) -> bytes:
    """The image for a registered hash, rendering it the first time. Raises :class:`UnknownChart`."""
    path = cached_path(digest, fmt)
    if path.exists():
        return path.read_bytes()
    spec_path = cache_dir() / f"{digest}.json"
    if not spec_path.exists():
        raise UnknownChart(digest)
    data = _convert(json.loads(spec_path.read_text(encoding="utf-8")), fmt)
    _write_atomic(path, data)
    return data
