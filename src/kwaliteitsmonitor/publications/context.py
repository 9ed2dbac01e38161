# SPDX-License-Identifier: EUPL-1.2
"""Which publication a piece of code reads: the one being built, one chosen for the request (a draft for
staff, a snapshot), or the live one.

Public views run inside :class:`PublicationMiddleware`, which sets the live publication (or the draft a
member of staff chose to preview) for the request. The builder sets the publication it is building, and
nested reads (a page rendered while building, to compute its figures) keep reading that one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class Reading:
    number: int
    building: bool = False  # figures computed now are stored with this publication
    label: str = ""  # "concept", "publicatie 12", ... for banners
    overlay: bool = False  # indicators carry the definition of this publication (public pages, API)
    info: dict[str, Any] | None = None  # number, state, dates and name, when already read


_current: ContextVar[Reading | None] = ContextVar("km_publication", default=None)


def current() -> Reading | None:
    return _current.get()


def live_number() -> int | None:
    from .models import Publication, State

    return Publication.objects.filter(state=State.LIVE).values_list("number", flat=True).first()


def reading_number() -> int | None:
    """The publication to read: the one set for this context, else the live one (None: none yet)."""
    reading = _current.get()
    return reading.number if reading is not None else live_number()


def is_building() -> bool:
    reading = _current.get()
    return bool(reading and reading.building)


@contextmanager
def use(
    number: int,
    *,
    building: bool = False,
    label: str = "",
    overlay: bool = True,
    info: dict[str, Any] | None = None,
) -> Iterator[Reading]:
    reading = Reading(number, building, label, overlay, info)
    token = _current.set(reading)
    try:
        yield reading
    finally:
        _current.reset(token)


# Public URL namespaces: their requests read a publication. Staff pages and the admin read the working store.
PUBLIC_NAMESPACES = frozenset({"monitor", "api"})
PREVIEW_SESSION_KEY = "km_preview_publication"


class PublicationMiddleware:
    """Sets the publication a public request reads: the live one, or (for staff who chose to preview it)
    a draft. A publication already set by the caller (the builder rendering pages) is left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _current.get() is not None:
            return self.get_response(request)
        public = _is_public(request)
        info = _requested(request) if public else _publication_info(None)
        if info is None:
            return self.get_response(request)
        with use(info["number"], label="concept" if info["draft"] else "", overlay=public, info=info):
            return self.get_response(request)


def _is_public(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(match.namespaces) and match.namespaces[0] in PUBLIC_NAMESPACES


def _requested(request: HttpRequest) -> dict[str, Any] | None:
    session = getattr(request, "session", None)
    preview = session.get(PREVIEW_SESSION_KEY) if session is not None else None
    user = getattr(request, "user", None)
    # Who may read a draft is one rule of the accounts' rule set; asked by name, not imported.
    if preview and user is not None and user.is_authenticated and user.has_perm("publications.view_draft"):
        return _publication_info(int(preview))
    return _publication_info(None)


def _publication_info(number: int | None) -> dict[str, Any] | None:
    """The live publication (or publication ``number``) as pages describe it; one query."""
    from django.utils import formats, timezone

    from .models import Publication, State

    found = (
        Publication.objects.filter(state=State.LIVE)
        if number is None
        else Publication.objects.filter(number=number)
    )
    row = found.values("number", "state", "published_at", "created_at", "name").first()
    if row is None:
        return None
    moment = row["published_at"] or row["created_at"]
    local = timezone.localtime(moment) if moment else None
    return {
        "number": row["number"],
        "name": row["name"],
        "state": row["state"],
        "draft": row["state"] in (State.DRAFT, State.BUILDING),
        "date": local.date().isoformat() if local else None,
        "date_text": formats.date_format(local, "j F Y") if local else "",
    }


def describe() -> dict[str, Any] | None:
    """Which publication the current request reads, for the line on every page and its JSON twin."""
    reading = _current.get()
    if reading is not None and reading.info is not None:
        return reading.info
    return _publication_info(reading.number if reading is not None else None)
