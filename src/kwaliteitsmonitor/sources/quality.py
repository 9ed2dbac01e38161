# SPDX-License-Identifier: EUPL-1.2
"""Freshness facts per indicator for the public pages: which sources feed it, when they were last
retrieved, when the next update is expected and how current they are. No figures: completeness is
counted by the page from the published values (``monitor.pages.quality``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils import timezone

from kwaliteitsmonitor.analysis.periods import dutch_date
from kwaliteitsmonitor.indicators import runs
from kwaliteitsmonitor.indicators.models import Indicator

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
        "retrieved_on_text": dutch_date(day) or "onbekend",
        "next_expected": nxt.isoformat() if nxt else None,
        "next_expected_text": dutch_date(nxt) or "niet bekend",
        "freshness": judged.state if judged else freshness.ONBEKEND,
        "freshness_label": judged.label if judged else freshness.LABELS[freshness.ONBEKEND],
        "explanation": judged.explanation if judged else "Deze bron staat niet in het bronnenregister.",
    }


def facts(
    indicators: Iterable[Indicator],
    today: dt.date | None = None,
    delivered: Callable[[list[Indicator]], Mapping[int, dt.datetime | None]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Indicator code → one dict per source that feeds it. Two queries for any number of indicators:
    the register, and for indicators not in it the newest import that wrote their values: as
    ``delivered`` gives it (the public pages: what their publication recorded), else from the working
    store's observations."""
    today = today or timezone.localdate()
    chosen = list(indicators)
    result: dict[str, list[dict[str, Any]]] = {i.code: [] for i in chosen}
    if not chosen:
        return result
    codes = {i.pk: i.code for i in chosen}
    links = (
        Source.indicators.through.objects.filter(indicator__in=list(codes))
        .select_related("source")
        .order_by("source__name")
    )
    judged: dict[int, dict[str, Any]] = {}
    for link in links:
        source = link.source
        if source.pk not in judged:
            judged[source.pk] = _fact(
                source.name, source.get_kind_display(), source.retrieved_at, source.freshness(today)
            )
        result[codes[link.indicator_id]].append(judged[source.pk])
    missing = [i for i in chosen if not result[i.code]]
    if not missing:
        return result
    newest = dict(delivered(missing)) if delivered else runs.last_delivered(i.pk for i in missing)
    for indicator in missing:
        name = ", ".join(p for p in (indicator.source, indicator.source_table) if p) or "onbekende bron"
        result[indicator.code].append(
            _fact(name, "niet in het bronnenregister", newest.get(indicator.pk), None)
        )
    return result
