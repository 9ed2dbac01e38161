# SPDX-License-Identifier: EUPL-1.2
"""Whole-response cache for the public pages (DESIGN.md §6; docs/caching.md).

A public GET page (HTML, its JSON twin, a table download) is stored once rendered, keyed by the
database, the **data version**, scheme, host, path and query string. The data version is a random token
kept in the same cache; every committed change to the data (an import, the demo, an edit in the admin,
``migrate``/``flush``) replaces it, so the next request renders afresh and old entries are never read
again (they expire or are culled). Nothing needs to be deleted when data change, and every process
that shares the cache (gunicorn workers, ``kwaliteitsmonitor import``) sees the new version at once.

What is never cached:

- anything that is not a GET of a view that marked itself public (:func:`public_page`): the admin,
  the API, forms that post;
- requests that carry a session or messages cookie (staff, anyone logged in), so a page can never be
  shared between a member of staff and the public;
- responses that set a cookie, use the CSRF token, or are not 200;
- requests handled inside an open database transaction (``ATOMIC_REQUESTS`` or a test case): what such
  a request reads may still be rolled back.

The middleware sits right after WhiteNoise and the CSP middleware, so a hit costs two small cache
reads and no database query, session or template work; the outer middlewares still add the security
headers to every response.

The cache is an optimisation, never a point of failure (docs/operations.md): any error reading or
writing it (a read-only or full disk, a directory the command-line user cannot write, Redis down) is
logged once per process and the request is served uncached; a corrupt entry or version token is
replaced. A page declares the query parameters it reads (:func:`public_page`); a request with any other
parameter is served uncached, so no visitor can make the server store arbitrary variants.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from kwaliteitsmonitor.publications import context as publication_context

ALIAS = "pages"
VERSION_KEY = "km:data-version"
PROBE_KEY = "km:probe"  # written now and then: can this process still write the cache?
PROBE_SECONDS = 30.0  # how often a process checks that it can write the cache
BROKEN_SECONDS = 30.0  # after a failed write, the cache is left alone this long
# Models of these apps are what the public pages show; a change to any of them is a new data version.
DATA_APPS = frozenset({"areas", "indicators", "agenda", "processes", "connectors", "demo", "monitor", "api"})
PUBLIC_ATTRIBUTE = "km_public_page"
QUERY_ATTRIBUTE = "km_query"  # on a public view: the query parameters it reads (None: any)
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")

logger = logging.getLogger(__name__)
_reported: set[str] = set()
_state = {"broken_until": 0.0, "probe_at": 0.0}


def enabled() -> bool:
    return settings.KM_PAGE_CACHE != "off"


def store() -> BaseCache:
    return caches[ALIAS]


# --- the data version ------------------------------------------------------------------------------


def report(what: str, exc: BaseException) -> None:
    """Log a cache failure once per process and kind (then at debug level): a broken cache must not
    flood the log with a line per request."""
    kind = f"{what}:{type(exc).__name__}"
    if kind in _reported:
        logger.debug("paginacache: %s mislukt: %s", what, exc)
        return
    _reported.add(kind)
    logger.warning(
        "paginacache: %s mislukt (%s: %s); verzoeken worden zonder cache bediend tot dit werkt",
        what,
        type(exc).__name__,
        exc,
    )


def reset() -> None:
    """Forget failures seen so far in this process (tests; a repaired cache is also tried again after
    BROKEN_SECONDS by itself)."""
    _reported.clear()
    _state.update(broken_until=0.0, probe_at=0.0)


def safe_get(key: str) -> Any:
    """The entry under ``key``, or None when it is missing or cannot be read (a corrupt entry is removed)."""
    try:
        return store().get(key)
    except Exception as exc:
        report("lezen", exc)
        safe_delete(key)
        return None


def safe_set(key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> bool:
    try:
        store().set(key, value, timeout)
    except Exception as exc:
        report("schrijven", exc)
        # A cache this process cannot write may hold pages of an old data version that no process
        # could replace: leave it alone for a while (served uncached), then try again.
        _state["broken_until"] = time.monotonic() + BROKEN_SECONDS
        return False
    return True


def safe_delete(key: str) -> None:
    try:
        store().delete(key)
    except Exception as exc:
        report("verwijderen", exc)


def safe_clear() -> bool:
    """Remove every entry (after a restore). False when the cache could not be cleared."""
    if not enabled():
        return True
    try:
        store().clear()
    except Exception as exc:
        report("wissen", exc)
        return False
    return True


# --- the data version ------------------------------------------------------------------------------


def data_version() -> str | None:
    """The current data version: a token that changes with every committed change to the data. None
    when the cache cannot be read or written: then nothing may be served from it or stored in it."""
    if not enabled():
        return "uit"
    now = time.monotonic()
    if now < _state["broken_until"]:
        return None
    if now >= _state["probe_at"]:
        _state["probe_at"] = now + PROBE_SECONDS
        if not safe_set(PROBE_KEY, os.getpid(), PROBE_SECONDS * 4):
            return None
    token = safe_get(VERSION_KEY)
    if isinstance(token, str) and TOKEN_RE.match(token):
        return token
    if token is None:
        # No token yet (or an unreadable one, removed): start one. ``add``: when another process does
        # the same at the same moment, the first one wins and both read it back.
        try:
            store().add(VERSION_KEY, uuid.uuid4().hex, None)
        except Exception as exc:
            report("schrijven", exc)
            _state["broken_until"] = time.monotonic() + BROKEN_SECONDS
            return None
    else:  # not a token: a foreign entry, replaced
        report("versie lezen", ValueError(f"ongeldig versietoken {token!r:.40}"))
        if not safe_set(VERSION_KEY, uuid.uuid4().hex, None):
            return None
    token = safe_get(VERSION_KEY)
    return token if isinstance(token, str) and TOKEN_RE.match(token) else None


def bump() -> None:
    """Start a new data version now (after a commit: see :func:`data_changed`). When the token cannot
    be written the old pages could be served on: the entry is removed instead, and when even that fails
    the failure is logged (docs/operations.md says what to do)."""
    if not enabled():
        return
    if safe_set(VERSION_KEY, uuid.uuid4().hex, None):
        return
    safe_delete(VERSION_KEY)
    logger.error(
        "paginacache: nieuwe gegevensversie niet vastgelegd; bezoekers kunnen oude pagina's zien tot "
        "de cache gewist is (%s)",
        describe(),
    )


def describe() -> str:
    location = settings.CACHES.get(ALIAS, {}).get("LOCATION", "")
    return f"KM_PAGE_CACHE={settings.KM_PAGE_CACHE}, {location}"


def _bump_after_commit() -> None:
    bump()


def data_changed(using: str | None = None) -> None:
    """Record that data changed: a new version once the current transaction commits (at once outside
    one). Bumping before the commit would let a request cache the old rows under the new version."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        bump()
        return
    # One bump per transaction, however many rows it saves (the demo saves thousands).
    if any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
        return
    # robust: the data are committed by then; nothing may turn that into a reported failure.
    transaction.on_commit(_bump_after_commit, using=connection.alias, robust=True)


def model_changed(sender: Any, **kwargs: Any) -> None:
    """Receiver for ``post_save``, ``post_delete`` and ``m2m_changed`` (wired in ``apps.py``)."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in DATA_APPS:
        data_changed(kwargs.get("using"))


def published(**kwargs: Any) -> None:
    """Receiver for ``publication_switched``: a new publication is live."""
    data_changed()


def restored(**kwargs: Any) -> None:
    """Receiver for ``ops.backup.restored``: every row may differ, so a new version and an empty cache
    (also the per-process caches keyed by the version: site info, search index)."""
    bump()
    safe_clear()
    from kwaliteitsmonitor.publications.build import definitions_cache

    definitions_cache.clear()


def migrated(**kwargs: Any) -> None:
    """Receiver for ``post_migrate``: ``migrate`` and ``flush`` change the data without saving models."""
    data_changed(kwargs.get("using"))


# --- marking views and the middleware ------------------------------------------------------------


def public_page(
    view: Callable[..., HttpResponse] | None = None, *, query: tuple[str, ...] | None = ()
) -> Any:
    """Mark a view's responses as public: the same for every visitor, so they may be cached. ``query``
    names the query parameters the view reads (None: it reads the whole query string); a request with
    any other parameter is served uncached."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            setattr(response, PUBLIC_ATTRIBUTE, True)
            return response

        wrapped.__name__ = getattr(view, "__name__", "view")
        wrapped.__doc__ = view.__doc__
        setattr(wrapped, QUERY_ATTRIBUTE, None if query is None else frozenset(query))
        return wrapped

    return decorate(view) if view is not None else decorate


def database_identity() -> str:
    """Which database the pages come from (two test databases or two sites never share entries)."""
    db = connections[DEFAULT_DB_ALIAS].settings_dict
    name = str(db.get("NAME") or "")
    if "memory" in name or name in {"", ":memory:"}:
        name += f"@{os.getpid()}"  # an in-memory database belongs to this process alone
    return f"{db.get('ENGINE')}|{db.get('HOST') or ''}|{db.get('PORT') or ''}|{name}"


@functools.lru_cache(maxsize=1)
def code_identity() -> str:
    """Which code renders the pages: a fingerprint of the package's files (name, size, modification
    time), taken once per process. A deploy or an edited template gives new keys, so a page rendered by
    the old code is never served after an update."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".html", ".css", ".js", ".svg"} and "tests" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def page_key(request: HttpRequest, version: str) -> str:
    parts = (
        database_identity(),
        code_identity(),
        version,
        request.scheme,
        request.META.get("HTTP_HOST", ""),
        request.path,
        "&".join(f"{name}={value}" for name, value in sorted(request.GET.lists())),
    )
    return "km:page:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


_UNKNOWN = object()


def _declared_query(request: HttpRequest) -> Any:
    """The query parameters the public view of this path reads (None: any), or ``_UNKNOWN`` when the
    path is no public page (nothing to read from or store in the cache)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return _UNKNOWN
    return getattr(match.func, QUERY_ATTRIBUTE, _UNKNOWN)


def _may_use(request: HttpRequest) -> bool:
    if request.method != "GET" or not enabled():
        return False
    if publication_context.current() is not None:
        return False  # a page rendered while a publication is built, or a draft previewed
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    declared = _declared_query(request)
    if declared is _UNKNOWN:
        return False
    # A parameter the page does not read would only make a new variant of the same page.
    return declared is None or all(name in declared for name in request.GET)


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return (
        getattr(response, PUBLIC_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _freeze(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    return response.status_code, list(response.items()), response.content


def _thaw(entry: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve public pages from the cache; store them after the first rendering. Never fails because of
    the cache: without a readable data version the request is served uncached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use(request):
            return self.get_response(request)
        version = data_version()
        if version is None:
            return self.get_response(request)
        key = page_key(request, version)
        entry = safe_get(key)
        if entry is not None:
            try:
                return _thaw(entry)
            except Exception as exc:  # not an entry of ours: replace it
                report("lezen", exc)
                safe_delete(key)
        response = self.get_response(request)
        if _may_store(request, response):
            safe_set(key, _freeze(response))
        return response
