# SPDX-License-Identifier: EUPL-1.2
"""Staff sessions end after 30 minutes without activity (and after 8 hours in any case).

The time of the last activity is written at most once a minute (:data:`TOUCH_EVERY_SECONDS`): a page
that only reads then writes nothing, so on SQLite it never waits for the write lock of a long import
(docs/operations.md). The idle limit is therefore exact to within that minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_KEY = "km_last_seen"
TOUCH_EVERY_SECONDS = 60.0


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(_KEY)
            if last is not None and now - float(last) > settings.KM_SESSION_IDLE_SECONDS:
                logout(request)
            elif last is None or now - float(last) >= TOUCH_EVERY_SECONDS:
                request.session[_KEY] = now
        return self.get_response(request)
