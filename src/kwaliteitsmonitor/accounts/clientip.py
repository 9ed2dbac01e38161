# SPDX-License-Identifier: EUPL-1.2
"""The client's address, as seen through trusted proxies only.

``KM_TRUSTED_PROXY_COUNT`` says how many reverse proxies stand in front of the monitor. Each appends the
address it received the request from to ``X-Forwarded-For``; only those last entries are trustworthy, and
anything to their left was written by the client. With 0 proxies (the default) the header is ignored and
the socket address (``REMOTE_ADDR``) counts. One function for the login lockout (django-axes), the API
throttle and the logs, so a spoofed header can neither unlock, lock out someone else nor dodge a limit.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: Any) -> str | None:
    """The address of the client; ``None`` when no valid address can be found (a request made in code)."""
    meta = getattr(request, "META", {}) or {}
    remote = _valid(str(meta.get("REMOTE_ADDR", "") or ""))
    proxies = int(getattr(settings, "KM_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        hops = [h.strip() for h in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
        # The last `proxies` entries were added by our proxies; the one the first of them received the
        # request from is at position -proxies. Fewer entries than proxies: the header is not ours.
        if len(hops) >= proxies:
            candidate = _valid(hops[-proxies])
            if candidate is not None:
                return candidate
    return remote


def login_username(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    """The account name of a login attempt, for django-axes: from the credentials given to
    ``authenticate`` or, before that, from the login form's field (``auth-username``)."""
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    data = getattr(request, "POST", None) or {}
    name = data.get("auth-username") or data.get("username")
    return str(name) if name else None
