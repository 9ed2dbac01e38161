# SPDX-License-Identifier: EUPL-1.2
"""Security events: failed and locked logins, logins and logouts, permission denials, imports and
publications. One line per event on the logger ``kwaliteitsmonitor.security`` as ``key=value`` pairs:
the event, the account name and the client address (through trusted proxies only) — no other personal
data, never a password or a form's contents."""

from __future__ import annotations

import logging
from typing import Any

from .clientip import client_ip

logger = logging.getLogger("kwaliteitsmonitor.security")

_SAFE = str.maketrans({"\n": " ", "\r": " ", '"': "'"})


def event(
    name: str, request: Any = None, username: str = "", level: int = logging.WARNING, **fields: Any
) -> None:
    if not username and request is not None:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            username = user.get_username()
    parts = {"event": name, "account": username or "-"}
    if request is not None:
        parts["client"] = client_ip(request) or "-"
        parts["path"] = getattr(request, "path", "")
    parts.update({k: v for k, v in fields.items() if v is not None})
    text = " ".join(f'{k}="{str(v).translate(_SAFE)[:200]}"' for k, v in parts.items())
    logger.log(level, text)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_login_failed.connect(_failed, dispatch_uid="km_security_failed")
    user_locked_out.connect(_locked, dispatch_uid="km_security_locked")
    user_logged_in.connect(_logged_in, dispatch_uid="km_security_login")
    user_logged_out.connect(_logged_out, dispatch_uid="km_security_logout")


def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    event("login_failed", request, username=str(credentials.get("username", ""))[:150])


def _locked(
    sender: Any, request: Any = None, username: str = "", ip_address: str = "", **kwargs: Any
) -> None:
    event("login_locked", request, username=str(username or "")[:150])


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    event("login", request, username=user.get_username(), level=logging.INFO)


def _logged_out(sender: Any, request: Any, user: Any = None, **kwargs: Any) -> None:
    event("logout", request, username=user.get_username() if user else "", level=logging.INFO)
