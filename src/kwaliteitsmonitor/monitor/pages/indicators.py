# SPDX-License-Identifier: EUPL-1.2
"""Indicatoren: every published indicator, filtered by opgave, bron and thema and by a search text.

The filters are plain GET parameters (``opgave``, ``bron``, ``thema``, ``q``), so every selection has its
own address; an unknown value is a Dutch message, never an error. No figures are shown here: the list
links to each indicator page, which reads its values from the publication.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Effort, ResultIndicator, Theme
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages.common import crumb, current_agenda, home_crumb, unit_title
from kwaliteitsmonitor.monitor.pages.zoeken import MAX_QUERY, folded, query_words

ALL = ""


def _themes_of(agenda_id: int | None) -> tuple[list[Theme], dict[int, list[str]]]:
    """The agenda's opgaven, and per indicator id the slugs of the opgaven it serves (through a
    resultaat or an inspanning)."""
    if agenda_id is None:
        return [], {}
    themes = list(Theme.objects.filter(agenda_id=agenda_id).order_by("order", "id"))
    served: dict[int, list[str]] = defaultdict(list)
    links = ResultIndicator.objects.filter(result__goal__theme__agenda_id=agenda_id).values_list(
        "indicator_id", "result__goal__theme__slug"
    )
    efforts = Effort.indicators.through.objects.filter(effort__goal__theme__agenda_id=agenda_id).values_list(
        "indicator_id", "effort__goal__theme__slug"
    )
    for indicator_id, slug in [*links, *efforts]:
        if slug not in served[indicator_id]:
            served[indicator_id].append(slug)
    return themes, served


def _options(values: list[str], chosen: str) -> list[dict[str, Any]]:
    return [{"value": v, "label": v, "selected": v == chosen} for v in values]


def indicator_list_page(opgave: str = ALL, bron: str = ALL, thema: str = ALL, q: str = "") -> dict[str, Any]:
    agenda = current_agenda()
    themes, served = _themes_of(agenda.pk if agenda else None)
    titles = {t.slug: t.title for t in themes}
    indicators = list(Indicator.objects.filter(is_published=True).order_by("name", "code"))
    sources = sorted({i.source for i in indicators if i.source}, key=str.casefold)
    categories = sorted({i.category for i in indicators if i.category}, key=str.casefold)
    query = " ".join(q.split())[:MAX_QUERY]
    words = query_words(query)
    messages = []
    if opgave and opgave not in titles:
        messages.append(f"Er is geen opgave ‘{opgave}’; het filter op opgave is niet gebruikt.")
        opgave = ALL
    if bron and bron not in sources:
        messages.append(f"Er is geen bron ‘{bron}’; het filter op bron is niet gebruikt.")
        bron = ALL
    if thema and thema not in categories:
        messages.append(f"Er is geen thema ‘{thema}’; het filter op thema is niet gebruikt.")
        thema = ALL
    shown = []
    for ind in indicators:
        if opgave and opgave not in served.get(ind.pk, []):
            continue
        if (bron and ind.source != bron) or (thema and ind.category != thema):
            continue
        text = folded(
            " ".join((ind.name, ind.short_name, ind.code, ind.category, ind.definition, ind.source))
        )
        if any(word not in text for word in words):
            continue
        shown.append(
            {
                "code": ind.code,
                "name": ind.name,
                "url": reverse("monitor:indicator", kwargs={"code": ind.code}),
                "json_url": reverse("monitor:indicator-json", kwargs={"code": ind.code}),
                "category": ind.category,
                "source": ind.source,
                "unit": unit_title(ind.unit, ind.unit_label),
                "opgaven": [
                    {"slug": s, "title": titles[s], "url": reverse("monitor:opgave", kwargs={"theme": s})}
                    for s in served.get(ind.pk, [])
                ],
            }
        )
    count = len(shown)
    summary = f"{count} van de {len(indicators)} indicator{'' if len(indicators) == 1 else 'en'}"
    return {
        "page": "indicatoren",
        "title": "Indicatoren",
        "url": reverse("monitor:indicatoren"),
        "json_url": reverse("monitor:indicatoren-json"),
        "breadcrumbs": [home_crumb(), crumb("Indicatoren")],
        "filters": {
            "opgave": [{"value": t.slug, "label": t.title, "selected": t.slug == opgave} for t in themes],
            "bron": _options(sources, bron),
            "thema": _options(categories, thema),
            "q": query,
            "chosen": {"opgave": opgave, "bron": bron, "thema": thema, "q": query},
        },
        "messages": messages,
        "summary": summary,
        "count": count,
        "total": len(indicators),
        "indicators": shown,
    }
