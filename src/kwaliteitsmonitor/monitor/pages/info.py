# SPDX-License-Identifier: EUPL-1.2
"""Small text pages (toegankelijkheid); issue 5 completes the toegankelijkheidsverklaring."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb


def toegankelijkheid_page() -> dict[str, Any]:
    return {
        "page": "toegankelijkheid",
        "title": "Toegankelijkheid",
        "url": reverse("monitor:toegankelijkheid"),
        "json_url": None,
        "breadcrumbs": [home_crumb(), crumb("Toegankelijkheid")],
    }
