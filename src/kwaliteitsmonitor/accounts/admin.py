# SPDX-License-Identifier: EUPL-1.2
"""The Django admin is for beheerders only, after two-factor login; its own password-only login form is
replaced by the workspace login (``/werkplek/inloggen/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from . import security_log
from .models import Profile
from .permissions import allowed


def _has_permission(request: HttpRequest) -> bool:
    user = request.user
    ok = bool(user.is_active and user.is_staff and allowed(user, "admin.use") and user.is_verified())  # type: ignore[union-attr]
    if not ok and user.is_authenticated:
        security_log.event("permission_denied", request, permission="admin.use")
    return ok


def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    return redirect_to_login(request.get_full_path(), reverse("two_factor:login"))


admin.site.has_permission = _has_permission  # type: ignore[method-assign]
admin.site.login = _login  # type: ignore[method-assign]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "region")
    list_filter = ("role",)
    search_fields = ("user__username",)
    raw_id_fields = ("region",)
