# SPDX-License-Identifier: EUPL-1.2
"""Freshness facts per indicator for the public pages: which sources feed it, when they were last
retrieved, when the next update is expected and how current they are. No figures: completeness is
counted by the page from the published values (``monitor.pages.quality``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Max
from django.utils import timezone

from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

from . import freshness
from .models import Source


def _fact(
    name: str, kind: str, retrieved: dt.datetime | None, judged: freshness.Freshness | None
) -> dict[str, Any]:
    day = timezone.localdate(retrieved) if retrieved else None
    nxt = judged.next_expected if judged else None
    return {
        "name": name,
        "kind": kind,
        "retrieved_on": day.isoformat() if day else None,
        "retrieved_on_text": freshness.dutch_date(day) or "onbekend",
        "next_expected": nxt.isoformat() if nxt else None,
        "next_expected_text": freshness.dutch_date(nxt) or "niet bekend",
        "freshness": judged.state if judged else freshness.ONBEKEND,
        "freshness_label": judged.label if judged else freshness.LABELS[freshness.ONBEKEND],
        "explanation": judged.explanation if judged else "Deze bron staat niet in het bronnenregister.",
    }


def facts(indicators: Iterable[Indicator], today: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Indicator code → one dict per source that feeds it (two queries, plus one per indicator that is
    not in the register: its newest import)."""
    today = today or timezone.localdate()
    chosen = list(indicators)
    result: dict[str, list[dict[str, Any]]] = {i.code: [] for i in chosen}
    sources = Source.objects.filter(indicators__in=chosen).distinct().prefetch_related("indicators")
    for source in sources:
        fact = _fact(source.name, source.get_kind_display(), source.retrieved_at, source.freshness(today))
        for indicator in source.indicators.all():
            if indicator.code in result:
                result[indicator.code].append(fact)
    for indicator in chosen:
        if not result[indicator.code]:
            run_id = Observation.objects.filter(indicator=indicator).aggregate(run=Max("import_run_id"))[
                "run"
            ]
            run = (
                ImportRun.objects.filter(pk=run_id).only("retrieved_at", "finished_at").first()
                if run_id
                else None
            )
            name = ", ".join(p for p in (indicator.source, indicator.source_table) if p) or "onbekende bron"
            retrieved = (run.retrieved_at or run.finished_at) if run else None
            result[indicator.code].append(_fact(name, "niet in het bronnenregister", retrieved, None))
    return result
