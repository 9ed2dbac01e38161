# SPDX-License-Identifier: EUPL-1.2
"""Every workspace view is wrapped in :func:`requires`: logged in, with a verified second factor, and
granted the named permission by the accounts' rule set. Outside that: to the login (anonymous), to
setting up two-factor authentication (no device yet), or 403 with a line in the security log."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.accounts.permissions import allowed

View = Callable[..., HttpResponse]


def requires(perm: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("two_factor:login"))
            if not user.is_verified():  # type: ignore[union-attr]
                if not user_has_device(user):
                    return redirect("two_factor:setup")
                return redirect_to_login(request.get_full_path(), reverse("two_factor:login"))
            check(request, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def check(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    """403 (and a line in the security log) unless the rule set grants ``perm`` (on ``obj``)."""
    if not allowed(request.user, perm, obj):
        security_log.event(
            "permission_denied",
            request,
            permission=perm,
            object=f"{obj._meta.label}:{obj.pk}" if obj is not None else None,
        )
        raise PermissionDenied("U heeft geen toegang tot deze pagina of dit onderdeel.")
