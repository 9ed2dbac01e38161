# SPDX-License-Identifier: EUPL-1.2
"""The workspace's navigation (only what the role may use) and the one render helper."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kwaliteitsmonitor.accounts.models import Profile, Role
from kwaliteitsmonitor.accounts.permissions import allowed, role_of

# (key, title, url name, permission)
NAV = (
    ("home", "Wat vraagt aandacht", "workspace:home", "workspace.enter"),
    ("resultaten", "Resultaten", "workspace:results", "agenda.change_result"),
    ("inspanningen", "Inspanningen", "workspace:efforts", "agenda.change_effort"),
    ("perioden", "Rapportageperioden", "workspace:periods", "agenda.change_report_period"),
    ("duiding", "Duiding", "workspace:duiding", "interpretation.view"),
    ("verbeteracties", "Verbeteracties", "workspace:actions", "interpretation.write"),
    ("vragen", "Raadsvragen", "workspace:questions", "interpretation.view_question"),
    ("importeren", "Importeren", "workspace:imports", "indicators.import_observations"),
    ("uitkomsten", "Uitkomsten", "workspace:outcomes", "outcomes.view_voorziening"),
    ("publicaties", "Publicaties", "workspace:publications", "publications.view_draft"),
    ("rapportages", "Rapportages", "workspace:snapshots", "snapshots.manage"),
    ("processen", "Procesmonitors", "workspace:processes", "processes.change_status"),
    ("logboek", "Logboek", "workspace:audit", "audit.view_log"),
    ("gebruikers", "Gebruikers", "workspace:users", "accounts.manage_users"),
)


def page(
    request: HttpRequest, template: str, key: str, title: str, status: int = 200, **context: Any
) -> HttpResponse:
    user = request.user
    role = role_of(user)
    try:
        profile: Profile | None = user.profile  # type: ignore[union-attr]
    except Profile.DoesNotExist:
        profile = None
    nav = [{"key": k, "title": t, "url": reverse(name)} for k, t, name, perm in NAV if allowed(user, perm)]
    return render(
        request,
        template,
        {
            "title": title,
            "ws_page": key,
            "ws_nav": nav,
            "ws_role": Role(role).label if role else "",
            "ws_scope": profile.scope_text if profile and role != Role.BEHEERDER else "",
            **context,
        },
        status=status,
    )
