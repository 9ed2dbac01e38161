# SPDX-License-Identifier: EUPL-1.2
"""What every page needs to know about the site, cached briefly so it costs no query per request."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache

from kwaliteitsmonitor.agenda.models import Agenda
from kwaliteitsmonitor.monitor import cache as page_cache

_KEY = "km:site-info"


def active_agenda() -> Agenda | None:
    return Agenda.objects.select_related("area").filter(is_active=True).order_by("-start_year").first()


def _key() -> str:
    # By data version: a change made in another process (an import) is seen at once here too.
    return f"{_KEY}:{page_cache.data_version()}"


def site_info() -> dict[str, Any]:
    info = cache.get(_key())
    if info is None:
        agenda = active_agenda()
        themes = list(agenda.themes.values("slug", "title")) if agenda else []
        info = {
            "site_name": settings.KM_SITE_NAME,
            "organisation": agenda.organisation if agenda else "",
            "agenda_id": agenda.pk if agenda else None,
            "area_code": agenda.area.code if agenda else None,
            "themes": themes,
            "is_fictitious": bool(agenda and agenda.is_fictitious),
        }
        cache.set(_key(), info, 60)
    return info


def forget() -> None:
    """Call after the agenda changed (imports, demo, admin) so the next page sees it."""
    cache.delete(_key())
