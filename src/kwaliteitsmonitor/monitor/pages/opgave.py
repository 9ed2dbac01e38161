# SPDX-License-Identifier: EUPL-1.2
"""Opgave: its summary and its doelen, each with the status of its resultaten and the progress of its
inspanningen (``overview``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Goal, Picture, Theme
from kwaliteitsmonitor.monitor.pages import overview
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, require_agenda
from kwaliteitsmonitor.monitor.pages.home import goal_link
from kwaliteitsmonitor.monitor.text import markdown_to_html


def opgave_page(theme_slug: str) -> dict[str, Any]:
    agenda = require_agenda()
    goals = overview.goals_with_parts(Goal.objects.select_related("theme").order_by("order", "id"))
    theme = (
        Theme.objects.filter(agenda=agenda, slug=theme_slug)
        .prefetch_related(Prefetch("goals", queryset=goals))
        .first()
    )
    if theme is None:
        raise Http404("Deze opgave bestaat niet.")
    url = reverse("monitor:opgave", kwargs={"theme": theme.slug})
    states = overview.overviews(agenda, list(theme.goals.all()))
    doelen = []
    for goal in theme.goals.all():
        state = states[goal.pk]
        doelen.append(
            {
                **goal_link(theme.slug, goal),
                "description_html": markdown_to_html(goal.description),
                "result_count": len(state["results"]),
                "effort_count": len(state["efforts"]),
                "effort_status": state["effort_counts"],
                "overview": state,
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
        "totals": overview.totals((g["overview"] for g in doelen), agenda.label_set),
        "picture": (
            {
                "url": reverse("monitor:beeld", kwargs={"theme": theme.slug}),
                "json_url": reverse("monitor:beeld-json", kwargs={"theme": theme.slug}),
            }
            if Picture.objects.filter(theme=theme).exists()
            else None
        ),
    }
