# SPDX-License-Identifier: EUPL-1.2
"""Request limits and session lifetime, before any view reads the request.

* ``BodyLimitMiddleware`` refuses a request body larger than allowed with 413 *before it is read*: for
  anonymous clients ``KM_ANON_MAX_BODY_BYTES`` (64 KB: a login form is far smaller), for staff the upload
  limit plus room for the form. Placed after authentication (which reads only the session cookie) and
  before CSRF (which reads the body).
* ``SessionLifetimeMiddleware`` ends a staff session after ``KM_SESSION_IDLE_SECONDS`` without activity
  and, whatever the activity, ``SESSION_COOKIE_AGE`` (8 hours) after login: the login time is kept in
  the session and the expiry date is absolute, so requests do not extend it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from . import security_log
from .clientip import client_ip

LOGIN_AT = "km_login_at"
LAST_SEEN = "km_last_seen"
TOUCH_EVERY_SECONDS = 60.0


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        chunked = "chunked" in str(request.META.get("HTTP_TRANSFER_ENCODING", "")).lower()
        if length or chunked:
            user = getattr(request, "user", None)
            staff = user is not None and user.is_authenticated
            limit = settings.KM_MAX_UPLOAD_BYTES + 1024 * 1024 if staff else settings.KM_ANON_MAX_BODY_BYTES
            if length > limit or (chunked and not staff):
                security_log.event("body_too_large", request, size=length, limit=limit)
                return HttpResponse(
                    f"Het verzoek is te groot (meer dan {limit // 1024} kB).",
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = float(session.get(LOGIN_AT) or now)
            last = session.get(LAST_SEEN)
            if now - login_at > settings.SESSION_COOKIE_AGE:
                security_log.event("session_expired", request, reason="absolute")
                logout(request)
            elif last is not None and now - float(last) > settings.KM_SESSION_IDLE_SECONDS:
                security_log.event("session_expired", request, reason="idle")
                logout(request)
            elif (
                LOGIN_AT not in session
                or "_session_expiry" not in session  # the absolute expiry is not set yet
                or last is None
                or now - float(last) >= TOUCH_EVERY_SECONDS
            ):
                # Written at most once a minute: a page that only reads then writes nothing, so on SQLite
                # it never waits for the write lock of a long import (docs/operations.md). The idle limit
                # is exact to within that minute.
                if LOGIN_AT not in session:
                    session[LOGIN_AT] = login_at
                session[LAST_SEEN] = now
                expires = datetime.fromtimestamp(login_at + settings.SESSION_COOKIE_AGE, tz=UTC)
                session.set_expiry(expires)
        return self.get_response(request)


def mark_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """At login the absolute lifetime starts (connected to ``user_logged_in``)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = time.time()
        request.session[LAST_SEEN] = time.time()


class AuditContextMiddleware:
    """Who and from where, for every audit log entry a request writes (django-auditlog's own middleware
    believes the first ``X-Forwarded-For`` entry; this one asks :func:`client_ip`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from auditlog.context import auditlog_value, set_actor

        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        try:
            with set_actor(actor, remote_addr=client_ip(request)):
                return self.get_response(request)
        finally:
            auditlog_value.set({})  # django-auditlog leaves the actor set; the next request is someone else
