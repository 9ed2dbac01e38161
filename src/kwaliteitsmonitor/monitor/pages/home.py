# SPDX-License-Identifier: EUPL-1.2
"""Home: the agenda, its introduction and the opgaven with their doelen."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.monitor.pages import overview
from kwaliteitsmonitor.monitor.pages.common import current_agenda
from kwaliteitsmonitor.monitor.text import markdown_to_html


def goal_link(theme_slug: str, goal: Goal) -> dict[str, Any]:
    kwargs = {"theme": theme_slug, "goal": goal.slug}
    return {
        "slug": goal.slug,
        "number": goal.number,
        "title": goal.title,
        "url": reverse("monitor:doel", kwargs=kwargs),
        "json_url": reverse("monitor:doel-json", kwargs=kwargs),
    }


def home_page() -> dict[str, Any]:
    agenda = current_agenda()
    data: dict[str, Any] = {
        "page": "home",
        "url": reverse("monitor:home"),
        "json_url": reverse("monitor:home-json"),
        "breadcrumbs": [],
        "agenda": None,
        "themes": [],
    }
    if agenda is None:
        data["title"] = "Er is nog geen agenda"
        return data
    data["title"] = agenda.title
    data["agenda"] = {
        "title": agenda.title,
        "organisation": agenda.organisation,
        "period": agenda.period_label,
        "start_year": agenda.start_year,
        "end_year": agenda.end_year,
        "intro_html": markdown_to_html(agenda.intro),
        "area": {"code": agenda.area.code, "name": agenda.area.name},
        "is_fictitious": agenda.is_fictitious,
    }
    goals = overview.goals_with_parts(Goal.objects.select_related("theme").order_by("order", "id"))
    themes = list(agenda.themes.prefetch_related(Prefetch("goals", queryset=goals)))
    states = overview.overviews(agenda, [g for theme in themes for g in theme.goals.all()])
    for theme in themes:
        goal_items = [{**goal_link(theme.slug, g), "overview": states[g.pk]} for g in theme.goals.all()]
        data["themes"].append(
            {
                "slug": theme.slug,
                "title": theme.title,
                "summary_html": markdown_to_html(theme.summary),
                "url": reverse("monitor:opgave", kwargs={"theme": theme.slug}),
                "json_url": reverse("monitor:opgave-json", kwargs={"theme": theme.slug}),
                "goals": goal_items,
                "totals": overview.totals((g["overview"] for g in goal_items), agenda.label_set),
            }
        )
    data["totals"] = overview.totals(
        (g["overview"] for t in data["themes"] for g in t["goals"]), agenda.label_set
    )
    return data
