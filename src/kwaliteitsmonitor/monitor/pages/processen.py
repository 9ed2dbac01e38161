# SPDX-License-Identifier: EUPL-1.2
"""Procesmonitors (Beschermd Thuis, Aanpak Dakloosheid): the list of monitors, the overview of one
monitor over all regions for a round, and one region with its dataroos, statuses and yes/no answers.

Statuses are shown in the dashboard's own labels, always as text with a symbol (never colour alone).
These are process statuses filled in per region, not observations: no disclosure control applies.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.analysis.periods import dutch_date
from kwaliteitsmonitor.analysis.vocabulary import (
    ANSWER_SYMBOLS,
    ANSWERS,
    CHANGE_WORDS,
    COLOURS,
    GENERIC_STATUSES,
    NO_DATA,
    SYMBOLS,
    status_change,
    status_fraction,
)
from kwaliteitsmonitor.monitor import charts, chartspecs
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb
from kwaliteitsmonitor.monitor.text import markdown_to_html
from kwaliteitsmonitor.processes import public
from kwaliteitsmonitor.processes.models import (
    ProcessMonitor,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    SubThemeStatus,
)

from .processen_history import history_table

MISSING_STATUS = {"status": "", "label": "niet ingevuld", "symbol": "·", "fraction": 0.0}
NO_DATA_STUB = 0.12  # a no-data sector shows as a short grey stub in the dataroos, not as nothing


def regions_text(count: int, total: int) -> str:
    """'3 van de 5 regio's' (Dutch: 'regio' for one)."""
    return f"{count} van de {total} {'regio' if total == 1 else 'regio’s'}"


def _status(monitor: ProcessMonitor, status: str | None) -> dict[str, Any]:
    if not status:
        return dict(MISSING_STATUS)
    return {
        "status": status,
        "label": monitor.label(status),
        "symbol": SYMBOLS.get(status, ""),
        "fraction": status_fraction(status, monitor.label_set),
    }


def _shown_statuses(monitor: ProcessMonitor, found: set[str]) -> list[str]:
    """The monitor's statuses in order, then any other status that was stored (entered without the
    admin's check), then "" (not filled in) when it occurs: so the counts always add up."""
    extra = [s for s in GENERIC_STATUSES if s in found and s not in monitor.statuses]
    return [*monitor.statuses, *extra, *([""] if "" in found else [])]


def _mark(kind: str, code: str | None, symbol: str) -> dict[str, str]:
    """A symbol in a table cell (``includes/table.html``): kind ``status`` or ``answer``, its code."""
    return {"kind": kind, "code": code or "missing", "symbol": symbol}


def _legend(monitor: ProcessMonitor) -> list[dict[str, Any]]:
    return [_status(monitor, s) for s in monitor.statuses]


def _monitor_urls(monitor: ProcessMonitor) -> dict[str, str]:
    kwargs = {"monitor": monitor.slug}
    return {
        "url": reverse("monitor:procesmonitor", kwargs=kwargs),
        "json_url": reverse("monitor:procesmonitor-json", kwargs=kwargs),
    }


def _region_urls(monitor: ProcessMonitor, region: ProcessRegion) -> dict[str, str]:
    kwargs = {"monitor": monitor.slug, "region": region.slug}
    return {
        "url": reverse("monitor:procesregio", kwargs=kwargs),
        "json_url": reverse("monitor:procesregio-json", kwargs=kwargs),
    }


def _list_crumb() -> dict[str, Any]:
    return crumb("Procesmonitors", reverse("monitor:processen"))


def _monitor_info(monitor: ProcessMonitor) -> dict[str, Any]:
    return {
        "slug": monitor.slug,
        "name": monitor.name,
        "description_html": markdown_to_html(monitor.description),
        "source": monitor.source,
        "is_fictitious": monitor.is_fictitious,
        "legend": _legend(monitor),
        **_monitor_urls(monitor),
    }


def _round_info(item: ProcessRound | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "slug": item.slug,
        "label": item.label,
        "reference_date": item.reference_date.isoformat(),
        "reference_date_text": dutch_date(item.reference_date),
    }


def _load_monitor(slug: str) -> ProcessMonitor:
    themes = ProcessTheme.objects.order_by("order", "id")
    monitor = (
        ProcessMonitor.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("themes", queryset=themes),
            Prefetch("themes__sub_themes", queryset=ProcessSubTheme.objects.order_by("order", "id")),
            Prefetch("themes__questions", queryset=ProcessQuestion.objects.order_by("order", "id")),
            Prefetch("rounds", queryset=public.rounds()),
            Prefetch("regions", queryset=ProcessRegion.objects.select_related("area").order_by("name")),
        )
        .first()
    )
    if monitor is None:
        raise Http404("Deze procesmonitor bestaat niet.")
    return monitor


def _rounds(
    monitor: ProcessMonitor, slug: str, region: ProcessRegion | None = None
) -> tuple[ProcessRound | None, ProcessRound | None]:
    """The chosen round (the latest when none is chosen) and the one before it: approved rounds only
    (of ``region`` when given)."""
    rounds = list(monitor.rounds.all())
    if region is not None:
        rounds = list(public.rounds(region.pk).filter(monitor=monitor))
    if not rounds:
        if slug:
            raise Http404("Deze ronde bestaat niet.")
        return None, None
    chosen = next((r for r in rounds if r.slug == slug), None) if slug else rounds[-1]
    if chosen is None:
        raise Http404("Deze ronde bestaat niet.")
    index = rounds.index(chosen)
    return chosen, rounds[index - 1] if index > 0 else None


def _round_choices(
    monitor: ProcessMonitor, chosen: ProcessRound | None, region: ProcessRegion | None = None
) -> list[dict[str, Any]]:
    rounds = monitor.rounds.all() if region is None else public.rounds(region.pk).filter(monitor=monitor)
    return [
        {**(_round_info(r) or {}), "selected": chosen is not None and r.pk == chosen.pk}
        for r in reversed(list(rounds))
    ]


def _numbered(monitor: ProcessMonitor) -> list[tuple[str, ProcessTheme, list[tuple[str, ProcessSubTheme]]]]:
    """Themes and sub-themes with their numbers ('2', '2.1') in the monitor's order."""
    return [
        (str(t), theme, [(f"{t}.{s}", sub) for s, sub in enumerate(theme.sub_themes.all(), start=1)])
        for t, theme in enumerate(monitor.themes.all(), start=1)
    ]


def _statuses(item: ProcessRound | None, **filters: Any) -> dict[tuple[int, int], SubThemeStatus]:
    """Statuses of a round by (region id, sub-theme id)."""
    if item is None:
        return {}
    rows = public.statuses().filter(round=item, **filters)
    return {(s.region_id, s.sub_theme_id): s for s in rows}


def _answers(item: ProcessRound | None, **filters: Any) -> dict[tuple[int, int], str]:
    if item is None:
        return {}
    rows = public.answers().filter(round=item, **filters).values_list("region_id", "question_id", "answer")
    return {(region, question): answer for region, question, answer in rows}


def processen_page() -> dict[str, Any]:
    monitors = ProcessMonitor.objects.annotate(
        n_regions=Count("regions", distinct=True), n_themes=Count("themes", distinct=True)
    ).prefetch_related(Prefetch("rounds", queryset=public.rounds()))
    monitors = monitors.order_by("order", "name")  # an aggregate query drops Meta.ordering
    items = []
    for monitor in monitors:
        rounds = list(monitor.rounds.all())
        items.append(
            {
                **_monitor_info(monitor),
                "regions": monitor.n_regions,
                "themes": monitor.n_themes,
                "latest_round": _round_info(rounds[-1] if rounds else None),
                "rounds": len(rounds),
            }
        )
    return {
        "page": "processen",
        "title": "Procesmonitors",
        "url": reverse("monitor:processen"),
        "json_url": reverse("monitor:processen-json"),
        "breadcrumbs": [home_crumb(), crumb("Procesmonitors")],
        "monitors": items,
        "is_fictitious": any(m["is_fictitious"] for m in items),
    }


def _theme_cell(
    monitor: ProcessMonitor, region: ProcessRegion, subs: list[tuple[str, ProcessSubTheme]], found: dict
) -> dict[str, Any]:
    """A region's theme in the overview: its sub-themes' symbols and counts per status as text."""
    parts = []
    for number, sub in subs:
        row = found.get((region.pk, sub.pk))
        parts.append({"number": number, "name": sub.name, **_status(monitor, row.status if row else None)})
    counts = Counter(p["status"] for p in parts)
    summary = [
        f"{counts[s]} {_status(monitor, s)['label']}"
        for s in _shown_statuses(monitor, set(counts))
        if counts[s]
    ]
    return {
        "text": ", ".join(summary) if parts else "geen subthema’s",
        "sub_themes": parts,
        "marks": [_mark("status", p["status"], p["symbol"]) for p in parts],
    }


def _matrix(monitor: ProcessMonitor, numbered: list, regions: list[ProcessRegion], found: dict, label: str):
    return {
        "caption": f"Status per regio en thema, {label}: per thema het aantal subthema’s met elke status.",
        "columns": ["Regio", *[theme.name for _n, theme, _s in numbered]],
        "numeric": False,
        "rows": [
            {
                "header": r.name,
                **_region_urls(monitor, r),
                "cells": [_theme_cell(monitor, r, subs, found) for _n, _t, subs in numbered],
            }
            for r in regions
        ],
    }


def _sub_theme_table(
    monitor: ProcessMonitor, numbered: list, regions: list[ProcessRegion], found: dict, label: str
) -> dict[str, Any]:
    """Per sub-theme the number of regions with each status, and the sentence "3 van de 5 regio's:
    Gereed" for each."""
    total = len(regions)
    counts_by_sub = {
        sub.pk: Counter(found[(r.pk, sub.pk)].status if (r.pk, sub.pk) in found else "" for r in regions)
        for _n, _t, subs in numbered
        for _sn, sub in subs
    }
    statuses = _shown_statuses(monitor, {s for c in counts_by_sub.values() for s, n in c.items() if n})
    rows = []
    for _number, theme, subs in numbered:
        for number, sub in subs:
            counts = counts_by_sub[sub.pk]
            cells = [{**_status(monitor, s), "count": counts[s], "text": str(counts[s])} for s in statuses]
            rows.append(
                {
                    "header": f"{number} {sub.name}",
                    "theme": theme.name,
                    "cells": cells,
                    "summary": [
                        f"{regions_text(c['count'], total)}: {c['label']}" for c in cells if c["count"]
                    ],
                }
            )
    return {
        "caption": f"Aantal regio’s (van de {total}) per status, per subthema, {label}.",
        "columns": ["Subthema", *[_status(monitor, s)["label"] for s in statuses]],
        "numeric": True,
        "statuses": [_status(monitor, s) for s in statuses],
        "rows": rows,
    }


def _question_tables(numbered: list, regions: list[ProcessRegion], answers: dict, label: str) -> list:
    total = len(regions)
    result = []
    for _number, theme, _subs in numbered:
        questions = list(theme.questions.all())
        if not questions:
            continue
        counts = {q.pk: Counter(answers.get((r.pk, q.pk), "") for r in regions) for q in questions}
        codes = list(ANSWERS)
        if any(c[""] for c in counts.values()):
            codes.append("")
        names = {**ANSWERS, "": "Niet ingevuld"}
        rows = [
            {
                "header": q.text,
                "group": q.group,
                "note": _group_note(q),
                "cells": [
                    {"answer": c, "count": counts[q.pk][c], "text": str(counts[q.pk][c])} for c in codes
                ],
                "summary": [
                    f"{names[c]}: {regions_text(counts[q.pk][c], total)}" for c in codes if counts[q.pk][c]
                ],
            }
            for q in questions
        ]
        result.append(
            {
                "theme": theme.name,
                "caption": f"{theme.name}: aantal regio’s (van de {total}) per antwoord, {label}.",
                "columns": ["Vraag", *[names[c] for c in codes]],
                "numeric": True,
                "rows": rows,
            }
        )
    return result


def procesmonitor_page(monitor: str, ronde: str = "") -> dict[str, Any]:
    item = _load_monitor(monitor)
    chosen, previous = _rounds(item, ronde)
    regions = list(item.regions.all())
    numbered = _numbered(item)
    found = _statuses(chosen)
    answers = _answers(chosen)
    has_data = bool(found) or bool(answers)
    label = chosen.label if chosen else ""
    return {
        "page": "procesmonitor",
        "title": item.name,
        **_monitor_urls(item),
        "breadcrumbs": [home_crumb(), _list_crumb(), crumb(item.name)],
        "monitor": _monitor_info(item),
        "round": _round_info(chosen),
        "previous_round": _round_info(previous),
        "rounds": _round_choices(item, chosen),
        "themes": [
            {"number": n, "name": t.name, "sub_themes": [{"number": sn, "name": s.name} for sn, s in subs]}
            for n, t, subs in numbered
        ],
        "regions": [{"name": r.name, "area": r.area.code, **_region_urls(item, r)} for r in regions],
        "matrix": _matrix(item, numbered, regions, found, label) if has_data else None,
        "sub_themes": _sub_theme_table(item, numbered, regions, found, label) if has_data else None,
        "questions": _question_tables(numbered, regions, answers, label) if has_data else [],
        "message": "" if has_data else _empty_message(item, chosen, item.name, len(regions)),
    }


def _empty_message(monitor: ProcessMonitor, chosen: ProcessRound | None, who: str, regions: int) -> str:
    if chosen is None:
        return f"Voor {monitor.name} is nog geen ronde ingevuld."
    if not regions:
        return f"{monitor.name} heeft nog geen regio’s."
    return f"In de ronde {chosen.label} is voor {who} nog niets ingevuld."


def _change(
    monitor: ProcessMonitor,
    previous: SubThemeStatus | None,
    current: SubThemeStatus | None,
    has_previous_round: bool,
) -> dict[str, Any]:
    """``word`` ('vooruit'), ``was`` (the earlier label when it differs) and ``text`` ('vooruit (was
    In ontwikkeling)'); all empty without an earlier round."""
    if not has_previous_round:
        return {"code": "", "word": "", "was": "", "text": "", "previous": None}
    before = previous.status if previous else None
    code = status_change(before, current.status if current else None)
    was = monitor.label(before) if before and code != "same" else ""
    word = CHANGE_WORDS[code]
    return {
        "code": code,
        "word": word,
        "was": was,
        "text": f"{word} (was {was})" if was else word,
        "previous": _status(monitor, before) if before else None,
    }


def procesregio_page(monitor: str, region: str, ronde: str = "") -> dict[str, Any]:
    item = _load_monitor(monitor)
    place = next((r for r in item.regions.all() if r.slug == region), None)
    if place is None:
        raise Http404("Deze regio bestaat niet in deze procesmonitor.")
    chosen, previous = _rounds(item, ronde, place)
    label = chosen.label if chosen else ""
    found, before = _statuses(chosen, region=place), _statuses(previous, region=place)
    answers, answers_before = _answers(chosen, region=place), _answers(previous, region=place)
    themes = []
    for number, theme, subs in _numbered(item):
        sub_items = []
        for sub_number, sub in subs:
            row, old = found.get((place.pk, sub.pk)), before.get((place.pk, sub.pk))
            sub_items.append(
                {
                    "number": sub_number,
                    "name": sub.name,
                    **_status(item, row.status if row else None),
                    "explanation": row.explanation if row else "",
                    "change": _change(item, old, row, previous is not None),
                }
            )
        questions = list(theme.questions.all())
        themes.append(
            {
                "number": number,
                "name": theme.name,
                "sub_themes": sub_items,
                "questions": _answer_table(
                    theme.name, questions, place, answers, answers_before if previous else None, label
                )
                if questions
                else None,
            }
        )
    has_data = bool(found) or bool(answers)
    return {
        "page": "procesregio",
        "title": f"{item.name}: {place.name}",
        **_region_urls(item, place),
        "breadcrumbs": [
            home_crumb(), _list_crumb(), crumb(item.name, _monitor_urls(item)["url"]), crumb(place.name)
        ],
        "monitor": _monitor_info(item),
        "region": {
            "name": place.name, "slug": place.slug, "area": {"code": place.area.code, "name": place.area.name}
        },
        "round": _round_info(chosen),
        "previous_round": _round_info(previous),
        "rounds": _round_choices(item, chosen, place),
        "counts": _status_counts(item, themes) if found else [],
        # The dataroos first: the page shows it above the themes, and tables are numbered in this order.
        "figure": rose_figure(item, place.name, label, themes, previous.label if previous else "")
        if found
        else None,
        "themes": themes,
        "history": history_table(item, place),  # below the themes, as on the page
        "other_regions": [
            {"name": r.name, **_region_urls(item, r)} for r in item.regions.all() if r.pk != place.pk
        ],
        "message": "" if has_data else _empty_message(item, chosen, place.name, 1),
    }  # fmt: skip


def _answer(code: str | None) -> dict[str, str]:
    if code is None:
        return {"answer": "", "text": "niet ingevuld", "symbol": "·", "marks": [_mark("answer", "", "·")]}
    symbol = ANSWER_SYMBOLS[code]
    return {"answer": code, "text": ANSWERS[code], "symbol": symbol, "marks": [_mark("answer", code, symbol)]}


def _group_note(question: ProcessQuestion) -> str:
    """'(Wonen)' under a question in a table: the group it belongs to, if any."""
    return f"({question.group})" if question.group else ""


def _answer_table(
    theme: str,
    questions: list[ProcessQuestion],
    place: ProcessRegion,
    answers: dict,
    before: dict | None,
    label: str,
) -> dict[str, Any]:
    columns = ["Vraag", f"Antwoord {label}".strip()]
    if before is not None:
        columns.append("Vorige ronde")
    rows = []
    for q in questions:
        cells = [_answer(answers.get((place.pk, q.pk)))]
        if before is not None:
            cells.append(_answer(before.get((place.pk, q.pk))))
        rows.append({"header": q.text, "group": q.group, "note": _group_note(q), "cells": cells})
    return {
        "caption": f"Ja/nee-vragen bij {theme}, {place.name}, {label}.",
        "columns": columns,
        "numeric": False,
        "rows": rows,
    }


def _status_counts(monitor: ProcessMonitor, themes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(s["status"] for t in themes for s in t["sub_themes"])
    total = sum(counts.values())
    return [
        {**_status(monitor, status), "count": counts[status], "text": f"{counts[status]} van de {total}"}
        for status in _shown_statuses(monitor, set(counts))
        if counts[status] or status in monitor.statuses
    ]


def rose_figure(
    monitor: ProcessMonitor,
    region_name: str,
    label: str,
    themes: list[dict[str, Any]],
    previous_label: str = "",
) -> dict[str, Any]:
    """The dataroos through the chart pipeline, with its text alternative and data table."""
    sectors, sizes, rows = [], [], []
    for theme in themes:
        sizes.append(len(theme["sub_themes"]))
        for sub in theme["sub_themes"]:
            status_text = f"{sub['symbol']} {sub['label']}"
            fraction = NO_DATA_STUB if sub["status"] == NO_DATA else sub["fraction"]
            sectors.append({"key": sub["number"], "label": status_text, "fraction": fraction,
                            "text": f"{sub['number']} {sub['symbol']}"})  # fmt: skip
            cells = [
                {"text": theme["name"]},
                {
                    "text": sub["label"],
                    "status": sub["status"],
                    "symbol": sub["symbol"],
                    "marks": [_mark("status", sub["status"], sub["symbol"])],
                },
            ]
            if sub["change"]["code"]:
                cells.append({"text": sub["change"]["text"], "change": sub["change"]["code"]})
            rows.append({"header": f"{sub['number']} {sub['name']}", "label": sub["label"], "cells": cells})
    shown = [
        _status(monitor, st)
        for st in _shown_statuses(monitor, {sub["status"] for t in themes for sub in t["sub_themes"]})
    ]
    legend = [(f"{st['symbol']} {st['label']}", COLOURS[st["status"]]) for st in shown if st["status"]]
    spec = chartspecs.rose_spec(sectors, sizes, legend=legend)
    in_round = f" in {label}" if label else ""
    counts = Counter(r["label"] for r in rows)
    order = [st["label"] for st in shown]
    parts = [f"{counts[name]} {name}" for name in order if counts[name]]
    best = [r["header"] for r in rows if r["label"] == order[0]]
    alt = (
        f"Dataroos van {monitor.name} voor {region_name}{in_round}: {len(rows)} subthema’s in "
        f"{len(themes)} thema’s, elk een sector; hoe verder een subthema is, hoe langer de sector. "
        f"{', '.join(parts)}."
    )
    if best and len(best) < len(rows):
        alt += f" {order[0]}: {', '.join(best)}."
    theme_names = "; ".join(f"{t['number']} {t['name']}" for t in themes)
    columns = ["Subthema", "Thema", "Status"]
    if any(len(r["cells"]) == 3 for r in rows):
        columns.append(f"Verandering sinds {previous_label}")
    return {
        "type": "rose",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": (
            f"Dataroos van {region_name}{in_round}. Elke sector is een subthema (nummer en symbool erbij); "
            "de donkere rand groepeert ze per thema. Hoe verder de sector reikt, hoe verder het subthema is. "
            f"Thema’s: {theme_names}."
        ),
        "table": {
            "caption": f"Status per subthema, {region_name}{in_round}.",
            "columns": columns,
            "numeric": False,
            "rows": rows,
        },
    }
