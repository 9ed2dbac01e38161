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
"""

from __future__ import annotations

import functools
import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse

from kwaliteitsmonitor.publications import context as publication_context

ALIAS = "pages"
VERSION_KEY = "km:data-version"
# Models of these apps are what the public pages show; a change to any of them is a new data version.
DATA_APPS = frozenset({"areas", "indicators", "agenda", "processes", "connectors", "demo", "monitor", "api"})
PUBLIC_ATTRIBUTE = "km_public_page"


def enabled() -> bool:
    return settings.KM_PAGE_CACHE != "off"


def store() -> BaseCache:
    return caches[ALIAS]


# --- the data version ------------------------------------------------------------------------------


def data_version() -> str:
    """The current data version: a token that changes with every committed change to the data."""
    if not enabled():
        return "uit"
    cache = store()
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY) or "onbekend"
    return str(token)


def bump() -> None:
    """Start a new data version now (after a commit: see :func:`data_changed`)."""
    if enabled():
        store().set(VERSION_KEY, uuid.uuid4().hex, None)


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
    transaction.on_commit(_bump_after_commit, using=connection.alias)


def model_changed(sender: Any, **kwargs: Any) -> None:
    """Receiver for ``post_save``, ``post_delete`` and ``m2m_changed`` (wired in ``apps.py``)."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in DATA_APPS:
        data_changed(kwargs.get("using"))


def published(**kwargs: Any) -> None:
    """Receiver for ``publication_switched``: a new publication is live."""
    data_changed()


def migrated(**kwargs: Any) -> None:
    """Receiver for ``post_migrate``: ``migrate`` and ``flush`` change the data without saving models."""
    data_changed(kwargs.get("using"))


# --- marking views and the middleware ------------------------------------------------------------


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's responses as public: the same for every visitor, so they may be cached."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, PUBLIC_ATTRIBUTE, True)
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


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
        request.get_full_path(),
    )
    return "km:page:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _may_use(request: HttpRequest) -> bool:
    if request.method != "GET" or not enabled():
        return False
    if publication_context.current() is not None:
        return False  # a page rendered while a publication is built, or a draft previewed
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not connections[DEFAULT_DB_ALIAS].in_atomic_block


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
    """Serve public pages from the cache; store them after the first rendering."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use(request):
            return self.get_response(request)
        cache = store()
        key = page_key(request, data_version())
        entry = cache.get(key)
        if entry is not None:
            return _thaw(entry)
        response = self.get_response(request)
        if _may_store(request, response):
            cache.set(key, _freeze(response))
        return response
