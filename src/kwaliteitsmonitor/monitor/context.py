# SPDX-License-Identifier: EUPL-1.2
"""Template context shared by every page: site name, the active agenda and the demo-data flag."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kwaliteitsmonitor.monitor import site
from kwaliteitsmonitor.monitor.sections import section_links
from kwaliteitsmonitor.publications import context as publication_context


def site_context(request: HttpRequest) -> dict[str, Any]:
    info = site.site_info()
    return {
        "site": info,
        "sections": section_links(has_agenda=info["agenda_id"] is not None),
        "is_fictitious": info["is_fictitious"],
        "debug": settings.DEBUG,
        "publication": publication_context.describe(),
        "site_theme": settings.KM_THEME,
    }
