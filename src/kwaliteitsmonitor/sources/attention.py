# SPDX-License-Identifier: EUPL-1.2
"""What staff must see about sources: a failed refresh, a late delivery, a discontinued table.

Plain dicts (``title``, ``detail``, ``url``, ``severity``: ``error`` | ``warning`` | ``info``), most
serious first, so that any workspace can list them without knowing this app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from kwaliteitsmonitor.analysis.periods import dutch_date

from . import freshness
from .models import Outcome, Source

_ORDER = {"error": 0, "warning": 1, "info": 2}


def items(today: dt.date | None = None) -> list[dict[str, Any]]:
    today = today or timezone.localdate()
    found: list[dict[str, Any]] = []
    for source in Source.objects.filter(active=True).order_by("name"):
        url = reverse("admin:sources_source_change", args=[source.pk])
        if source.last_outcome == Outcome.FAILED:
            when = timezone.localtime(source.last_checked_at) if source.last_checked_at else None
            found.append(
                {
                    "title": f"Verversing van {source.name} mislukt",
                    "detail": source.last_message
                    + (f" (op {dutch_date(when.date())} om {when:%H:%M})" if when else ""),
                    "url": url,
                    "severity": "error",
                }
            )
        judged = source.freshness(today)
        if judged.state == freshness.TE_LAAT:
            what = "Levering" if source.kind != "cbs" else "Nieuwe versie"
            found.append(
                {
                    "title": f"{what} van {source.name} is te laat",
                    "detail": judged.explanation,
                    "url": url,
                    "severity": "warning",
                }
            )
        elif judged.state == freshness.BEEINDIGD:
            found.append(
                {
                    "title": f"{source.name} is beëindigd",
                    "detail": judged.explanation + " Zoek een opvolger en koppel de indicatoren daaraan.",
                    "url": url,
                    "severity": "info",
                }
            )
    return sorted(found, key=lambda item: _ORDER[item["severity"]])
