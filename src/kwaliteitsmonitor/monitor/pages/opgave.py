# SPDX-License-Identifier: EUPL-1.2
"""Opgave: its summary and its doelen, each with the number of resultaten and the inspanningen' status."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Effort, Goal, Picture, Theme, reports_by_period
from kwaliteitsmonitor.analysis.vocabulary import GENERIC_STATUSES, NO_DATA, SYMBOLS, status_label
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, require_agenda
from kwaliteitsmonitor.monitor.pages.home import goal_link
from kwaliteitsmonitor.monitor.text import markdown_to_html


def effort_summary(statuses: list[str], label_set: str) -> list[dict[str, Any]]:
    """Counts per status, in the order of the vocabulary, with label and symbol."""
    counts = Counter(statuses)
    return [
        {"status": s, "label": status_label(s, label_set), "symbol": SYMBOLS[s], "count": counts[s]}
        for s in GENERIC_STATUSES
        if counts[s]
    ]


def _status(effort: Effort) -> str:
    """The status of the inspanning's latest report (by the period's date); none: no information."""
    latest = effort.latest_report()
    return latest.status if latest else NO_DATA


def opgave_page(theme_slug: str) -> dict[str, Any]:
    agenda = require_agenda()
    goals = Goal.objects.annotate(result_count=Count("results", distinct=True)).order_by("order", "id")
    efforts = Effort.objects.only("id", "goal_id").order_by("order", "id")
    theme = (
        Theme.objects.filter(agenda=agenda, slug=theme_slug)
        .prefetch_related(
            Prefetch("goals", queryset=goals),
            Prefetch("goals__efforts", queryset=efforts),
            Prefetch("goals__efforts__progress_reports", queryset=reports_by_period()),
        )
        .first()
    )
    if theme is None:
        raise Http404("Deze opgave bestaat niet.")
    url = reverse("monitor:opgave", kwargs={"theme": theme.slug})
    doelen = []
    for goal in theme.goals.all():
        statuses = [_status(e) for e in goal.efforts.all()]
        doelen.append(
            {
                **goal_link(theme.slug, goal),
                "description_html": markdown_to_html(goal.description),
                "result_count": goal.result_count,
                "effort_count": len(statuses),
                "effort_status": effort_summary(statuses, agenda.label_set),
            }
        )
    return {
        "page": "opgave",
        "title": theme.title,
        "url": url,
        "json_url": reverse("monitor:opgave-json", kwargs={"theme": theme.slug}),
        "breadcrumbs": [home_crumb(), crumb(theme.title)],
        "theme": {"slug": theme.slug, "title": theme.title, "summary_html": markdown_to_html(theme.summary)},
        "agenda": {"title": agenda.title, "period": agenda.period_label, "organisation": agenda.organisation},
        "goals": doelen,
        "picture": (
            {
                "url": reverse("monitor:beeld", kwargs={"theme": theme.slug}),
                "json_url": reverse("monitor:beeld-json", kwargs={"theme": theme.slug}),
            }
            if Picture.objects.filter(theme=theme).exists()
            else None
        ),
    }
