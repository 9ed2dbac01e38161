# SPDX-License-Identifier: EUPL-1.2
"""The server-error handler: a database that cannot be reached is a 503 that says so, not a crash.

Django calls ``handler500`` for any uncaught exception, in a view or in a middleware. When that exception
is a database connection error, pages get a Dutch 503 page, the API a JSON error (both with
``Retry-After``); anything else gets the plain 500 page. Neither touches the database (no context
processors), so they render while it is down. Static files never reach Django (WhiteNoise).
"""

from __future__ import annotations

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def database_unreachable(exc: BaseException | None) -> bool:
    """Is ``exc`` (or what caused it) a failure to reach the database?"""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        name = type(exc).__module__.split(".")[0]
        if name in {"psycopg", "psycopg2", "sqlite3"} and type(exc).__name__ in {
            "OperationalError",
            "InterfaceError",
        }:
            return True
        if isinstance(exc, DatabaseError) and "connection" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if database_unreachable(exc):
        return unavailable(request)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def unavailable(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {
                "detail": (
                    "De database is tijdelijk niet bereikbaar. Probeer het over een halve minuut opnieuw."
                ),
                "code": "database_onbereikbaar",
            },
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("ops/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
