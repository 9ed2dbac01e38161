# SPDX-License-Identifier: EUPL-1.2
"""Small text pages: the toegankelijkheidsverklaring (accessibility statement).

The statement follows the Dutch model (Besluit digitale toegankelijkheid overheid; the model of
digitoegankelijk.nl / toegankelijkheidsverklaring.nl): scope, compliance status and the evidence for
it, known limitations, measures, how to report a problem, what to do when the answer does not
satisfy, and the date. The organisation's contact route and the date of its own statement come from
``KM_ACCESSIBILITY_CONTACT`` and ``KM_ACCESSIBILITY_DATE`` (docs/configuration.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

import kwaliteitsmonitor
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.monitor import site
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb

# When this software's statement text was last checked against the software (axe scan, walk-through).
STATEMENT_DATE = dt.date(2026, 11, 23)


def dutch_date(day: dt.date) -> str:
    """'23 november 2026' (the month label of the period grammar, e.g. 'november 2026')."""
    return f"{day.day} {period_label(f'{day.year}MM{day.month:02d}')}"


def statement_date() -> dt.date:
    text = settings.KM_ACCESSIBILITY_DATE
    if not text:
        return STATEMENT_DATE
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"KM_ACCESSIBILITY_DATE moet een datum zijn als 2026-11-23, niet {text!r}."
        ) from exc


def contact() -> dict[str, str]:
    """The reporting route: ``kind`` is ``email``, ``url``, ``text`` or ``none``; ``href`` for a link."""
    value = settings.KM_ACCESSIBILITY_CONTACT
    if not value:
        return {"kind": "none", "value": "", "href": ""}
    if value.startswith(("https://", "http://")):
        return {"kind": "url", "value": value, "href": value}
    if "@" in value and " " not in value and "://" not in value:
        return {"kind": "email", "value": value, "href": f"mailto:{value}"}
    return {"kind": "text", "value": value, "href": ""}


def toegankelijkheid_page() -> dict[str, Any]:
    info = site.site_info()
    organisation = info["organisation"] or "de organisatie achter deze website"
    day = statement_date()
    return {
        "page": "toegankelijkheid",
        "title": "Toegankelijkheidsverklaring",
        "url": reverse("monitor:toegankelijkheid"),
        "json_url": None,
        "breadcrumbs": [home_crumb(), crumb("Toegankelijkheid")],
        "organisation": organisation,
        "site_name": info["site_name"],
        "is_fictitious": info["is_fictitious"],
        "status": {"code": "C", "label": "eerste maatregelen genomen"},
        "standard": "WCAG 2.1 niveau A en AA (EN 301 549)",
        "contact": contact(),
        "date": day.isoformat(),
        "date_label": dutch_date(day),
        "scan_date_label": dutch_date(STATEMENT_DATE),  # the axe scan of this software version
        "own_date": bool(settings.KM_ACCESSIBILITY_DATE),
        "software_version": kwaliteitsmonitor.__version__,
        "api_docs_url": "/api/v1/docs/",
    }
