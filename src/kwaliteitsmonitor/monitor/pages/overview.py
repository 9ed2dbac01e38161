# SPDX-License-Identifier: EUPL-1.2
"""The status overview on home, every opgave and every doel: per resultaat its status (from the
publication, ``publications.insights``) and per inspanning its progress (its latest report), in the same
words and symbols as the doel page, each linking to its place there.

An overview never counts only the inspanningen: a doel whose inspanningen are all "gereed" but whose
resultaat is "niet op koers" shows both, resultaten first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Result, ResultIndicator, reports_by_period
from kwaliteitsmonitor.analysis import status as status_mod
from kwaliteitsmonitor.analysis.vocabulary import COLOURS, GENERIC_STATUSES, NO_DATA, SYMBOLS, status_label
from kwaliteitsmonitor.publications import insights

# Order in which result statuses are counted: the worst news first.
RESULT_ORDER = [
    status_mod.OFF_TRACK,
    status_mod.NO_RELIABLE_SIGNAL,
    status_mod.INSUFFICIENT_DATA,
    status_mod.ON_TRACK,
    status_mod.ACHIEVED,
]


def goals_with_parts(goals: Any) -> Any:
    """``goals`` (a queryset) with what an overview needs prefetched: resultaten with their first
    indicator, inspanningen with their reports."""
    links = ResultIndicator.objects.select_related("indicator").order_by("order", "id")
    return goals.prefetch_related(
        Prefetch("results", queryset=Result.objects.order_by("order", "id")),
        Prefetch("results__indicator_links", queryset=links),
        Prefetch("efforts", queryset=Effort.objects.order_by("order", "id")),
        Prefetch("efforts__progress_reports", queryset=reports_by_period()),
    )


def result_anchor(number: int) -> str:
    return f"resultaat-{number}"


def effort_anchor(number: int) -> str:
    return f"inspanning-{number}"


def effort_state(effort: Effort, label_set: str) -> dict[str, Any]:
    """An inspanning's status and progress as its latest report has them (the doel page's words)."""
    latest = effort.latest_report()
    status = latest.status if latest else NO_DATA
    progress = latest.progress if latest else None
    return {
        "status": status,
        "status_label": latest.display_status(label_set) if latest else status_label(status, label_set),
        "status_symbol": SYMBOLS.get(status, ""),
        "status_colour": COLOURS.get(status, ""),
        "progress": progress,
        "progress_text": f"{progress}%" if progress is not None else "onbekend",
    }


def goal_overview(
    goal: Goal, url: str, statuses: dict[int, dict[str, Any]], label_set: str
) -> dict[str, Any]:
    """One doel: its resultaten with status and its inspanningen with progress, with counts."""
    results = []
    for i, result in enumerate(goal.results.all(), start=1):
        status = statuses.get(result.pk) or {}
        code = status.get("code", status_mod.INSUFFICIENT_DATA)
        results.append(
            {
                "title": result.title,
                "url": f"{url}#{result_anchor(i)}",
                "status": code,
                "status_label": status.get("label", status_mod.LABELS[code]),
                "status_symbol": status.get("symbol", insights.STATUS_SYMBOLS[code]),
                "status_css": status.get("css", insights.STATUS_CLASSES[code]),
            }
        )
    efforts = [
        {"title": effort.title, "url": f"{url}#{effort_anchor(i)}", **effort_state(effort, label_set)}
        for i, effort in enumerate(goal.efforts.all(), start=1)
    ]
    return {
        "results": results,
        "efforts": efforts,
        "result_counts": result_counts(results),
        "effort_counts": effort_counts([e["status"] for e in efforts], label_set),
    }


def result_counts(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts per result status, worst first, with label and symbol."""
    counts = Counter(r["status"] for r in results)
    return [
        {
            "status": code,
            "label": status_mod.LABELS[code],
            "symbol": insights.STATUS_SYMBOLS[code],
            "css": insights.STATUS_CLASSES[code],
            "count": counts[code],
        }
        for code in RESULT_ORDER
        if counts[code]
    ]


def effort_counts(statuses: list[str], label_set: str) -> list[dict[str, Any]]:
    """Counts per inspanning status, in the order of the vocabulary, with label and symbol."""
    counts = Counter(statuses)
    return [
        {"status": s, "label": status_label(s, label_set), "symbol": SYMBOLS[s], "count": counts[s]}
        for s in GENERIC_STATUSES
        if counts[s]
    ]


def overviews(agenda: Agenda, goals: list[Goal]) -> dict[int, dict[str, Any]]:
    """Overview per doel id for ``goals`` (prefetched with :func:`goals_with_parts`, ``theme`` selected):
    all statuses of the resultaten come from one query of the publication."""
    results = [r for goal in goals for r in goal.results.all()]
    statuses = insights.result_statuses(results, agenda.area.code) if results else {}
    out = {}
    for goal in goals:
        url = reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug})
        out[goal.pk] = goal_overview(goal, url, statuses, agenda.label_set)
    return out


def totals(items: Iterable[dict[str, Any]], label_set: str) -> dict[str, Any]:
    """Counts over several doelen (an opgave, the whole agenda)."""
    results: list[dict[str, Any]] = []
    efforts: list[str] = []
    for item in items:
        results += item["results"]
        efforts += [e["status"] for e in item["efforts"]]
    return {
        "result_count": len(results),
        "effort_count": len(efforts),
        "result_counts": result_counts(results),
        "effort_counts": effort_counts(efforts, label_set),
    }
