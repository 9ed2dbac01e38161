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


def _key() -> str | None:
    # By data version: a change made in another process (an import) is seen at once here too. Without
    # a readable data version (a broken page cache) nothing is cached.
    version = page_cache.data_version()
    return None if version is None else f"{_KEY}:{version}"


def site_info() -> dict[str, Any]:
    key = _key()
    info = _get(key) if key else None
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
        if key:
            _set(key, info)
    return info


def _get(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception as exc:  # the cache is an optimisation (docs/operations.md)
        page_cache.report("site-info lezen", exc)
        return None


def _set(key: str, info: dict[str, Any]) -> None:
    try:
        cache.set(key, info, 60)
    except Exception as exc:
        page_cache.report("site-info schrijven", exc)


def forget() -> None:
    """Call after the agenda changed (imports, demo, admin) so the next page sees it."""
    key = _key()
    if key is None:
        return
    try:
        cache.delete(key)
    except Exception as exc:
        page_cache.report("site-info wissen", exc)
