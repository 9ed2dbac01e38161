# SPDX-License-Identifier: EUPL-1.2
"""The API throttle: counted per client address as seen through trusted proxies only
(``accounts.clientip``), in the cache every worker and server shares (``CACHES["shared"]``), so neither
an invented ``X-Forwarded-For`` nor a request landing on another worker escapes the limit."""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

from kwaliteitsmonitor.accounts.clientip import client_ip


class ClientRateThrottle(AnonRateThrottle):
    scope = "anon"

    @property
    def cache(self) -> Any:  # type: ignore[override]
        return caches["shared"]

    def get_ident(self, request: Any) -> str:
        return client_ip(request) or "unknown"

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
