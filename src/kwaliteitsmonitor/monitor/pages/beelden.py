# SPDX-License-Identifier: EUPL-1.2
"""Beelden: per opgave a thematic picture (after Zwolle's "Sociaal domein in beeld"). The chain
interventies → mechanismen → verwachte effecten, the monitoring information at the effects (each linked
indicator with its latest protected value), the external factors that influence the effects, and around
the chain the stuurknoppen, the wijkteam and the other parties and funding."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format

from kwaliteitsmonitor.agenda.models import (
    Agenda,
    Picture,
    PictureItem,
    PictureItemKind,
    Theme,
    reports_by_period,
)
from kwaliteitsmonitor.analysis.vocabulary import NO_DATA, SYMBOLS, status_label
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages.common import (
    crumb,
    home_crumb,
    of_kind,
    require_agenda,
    series_kind,
    value_dict,
)
from kwaliteitsmonitor.monitor.text import markdown_to_html
from kwaliteitsmonitor.publications.queries import ValueRow, values_for_indicators

Kind = PictureItemKind

# Per part of a beeld: the heading it gets and the question of the Zwolle approach it answers.
GROUPS: dict[str, tuple[str, str]] = {
    Kind.INTERVENTION: ("Interventies", "Welke interventies en werkwijzen zetten we in?"),
    Kind.MECHANISM: ("Mechanismen", "Welke mechanismen spelen er: hoe ontstaan de effecten?"),
    Kind.EFFECT: ("Verwachte effecten", "Welke effecten verwachten we, en hoe dragen die bij aan de opgave?"),
    Kind.MONITORING: ("Wat we al weten", "Welke monitoringsinformatie is er nu al?"),
    Kind.INFORMATION_NEED: ("Wat we nog willen weten", "Welke informatie zou nog meer mogelijk zijn?"),
    Kind.EXTERNAL_FACTOR: ("Externe factoren", "Wat speelt mee buiten de interventies om?"),
    Kind.LEVER: ("Stuurknoppen", "Waar zitten de beleidsmatige stuurknoppen van raad en college?"),
    Kind.TEAM_ROLE: ("Rol van het wijkteam", "Welke rol en regie heeft het wijkteam?"),
    Kind.PARTY: (
        "Andere partijen en financiering",
        "Hoe zitten andere uitvoerders en financiers in het spel?",
    ),
}
CHAIN = [Kind.INTERVENTION, Kind.MECHANISM, Kind.EFFECT]
AROUND = [Kind.LEVER, Kind.TEAM_ROLE, Kind.PARTY]
TITLE = "Beelden per thema"


def _theme_url(theme_slug: str, name: str = "beeld") -> str:
    return reverse(f"monitor:{name}", kwargs={"theme": theme_slug})


def _day(value: Any) -> dict[str, str] | None:
    return {"iso": value.isoformat(), "text": date_format(value, "j F Y")} if value else None


def _counts(counter: Counter[str]) -> list[dict[str, Any]]:
    return [
        {"kind": str(kind), "label": GROUPS[kind][0], "count": counter[kind]}
        for kind in GROUPS
        if counter[kind]
    ]


def beelden_page() -> dict[str, Any]:
    """Overview: every opgave of the agenda, with its beeld (what it holds) or the note that there is none."""
    agenda = require_agenda()
    kinds: dict[int, Counter[str]] = {}
    for picture_id, kind in PictureItem.objects.filter(picture__theme__agenda=agenda).values_list(
        "picture_id", "kind"
    ):
        kinds.setdefault(picture_id, Counter())[kind] += 1
    pictures = {p.theme_id: p for p in Picture.objects.filter(theme__agenda=agenda)}
    rows = []
    for theme in Theme.objects.filter(agenda=agenda).order_by("order", "id"):
        picture = pictures.get(theme.pk)
        entry: dict[str, Any] = {
            "slug": theme.slug,
            "title": theme.title,
            "url": _theme_url(theme.slug, "opgave"),
            "picture": None,
        }
        if picture is not None:
            counts = kinds.get(picture.pk, Counter())
            entry["picture"] = {
                "url": _theme_url(theme.slug),
                "json_url": _theme_url(theme.slug, "beeld-json"),
                "summary_html": markdown_to_html(picture.summary),
                "drawn_up_on": _day(picture.drawn_up_on),
                "item_count": sum(counts.values()),
                "counts": _counts(counts),
            }
        rows.append(entry)
    return {
        "page": "beelden",
        "title": TITLE,
        "url": reverse("monitor:beelden"),
        "json_url": reverse("monitor:beelden-json"),
        "breadcrumbs": [home_crumb(), crumb(TITLE)],
        "agenda": {"title": agenda.title, "period": agenda.period_label, "organisation": agenda.organisation},
        "themes": rows,
        "picture_count": sum(1 for row in rows if row["picture"]),
    }


def _load_picture(agenda_id: int, theme_slug: str) -> Picture:
    theme = Theme.objects.filter(agenda_id=agenda_id, slug=theme_slug).first()
    if theme is None:
        raise Http404("Deze opgave bestaat niet.")
    items = PictureItem.objects.select_related("effort__goal__theme", "goal__theme", "indicator").order_by(
        "order", "id"
    )
    picture = (
        Picture.objects.filter(theme=theme)
        .prefetch_related(
            Prefetch("items", queryset=items),
            Prefetch("items__effort__progress_reports", queryset=reports_by_period()),
        )
        .first()
    )
    if picture is None:
        raise Http404("Voor deze opgave is nog geen beeld uitgewerkt.")
    picture.theme = theme
    return picture


def _latest(indicator: Indicator, rows: list[ValueRow]) -> dict[str, Any]:
    """The agenda area's latest shown value (a secret one stays secret), from one kind of period."""
    series = of_kind(rows, series_kind(rows, indicator.period_type))
    shown = [r for r in series if r.value is not None or r.secret]
    return value_dict(shown[-1] if shown else None)


def _item(item: PictureItem, values: dict[str, list[ValueRow]], agenda: Agenda) -> dict[str, Any]:
    """One part with its links; an inspanning or doel of another agenda, or an indicator that is not
    published, is not linked (the text stays)."""
    data: dict[str, Any] = {
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "title": item.title,
        "text_html": markdown_to_html(item.text),
        "effort": None,
        "goal": None,
        "indicator": None,
    }
    if item.effort is not None and item.effort.goal.theme.agenda_id == agenda.pk:
        effort, goal = item.effort, item.effort.goal
        latest = effort.latest_report()  # by the report period's date: the one source of the status
        status = latest.status if latest else NO_DATA
        data["effort"] = {
            "title": effort.title,
            "status": status,
            "status_label": latest.display_status(agenda.label_set)
            if latest
            else status_label(status, agenda.label_set),
            "status_symbol": SYMBOLS.get(status, ""),
            "progress": latest.progress if latest else None,
            "goal_title": str(goal),
            "url": reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug})
            + "#inspanningen",
        }
    if item.goal is not None and item.goal.theme.agenda_id == agenda.pk:
        goal = item.goal
        data["goal"] = {
            "number": goal.number,
            "title": goal.title,
            "label": str(goal),
            "url": reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug}),
        }
    indicator = item.indicator
    if indicator is not None and indicator.is_published:
        data["indicator"] = {
            "code": indicator.code,
            "name": indicator.name,
            "url": reverse("monitor:indicator", kwargs={"code": indicator.code}),
            "json_url": reverse("monitor:indicator-json", kwargs={"code": indicator.code}),
            "latest": _latest(indicator, values.get(indicator.code, [])),
        }
    return data


def beeld_page(theme_slug: str) -> dict[str, Any]:
    agenda = require_agenda()
    picture = _load_picture(agenda.pk, theme_slug)
    theme = picture.theme
    items = list(picture.items.all())
    indicators = {i.indicator_id: i.indicator for i in items if i.indicator and i.indicator.is_published}
    values = values_for_indicators(indicators.values(), Q(area_id=agenda.area_id, breakdown=""))
    groups: dict[str, dict[str, Any]] = {
        str(kind): {"kind": str(kind), "heading": heading, "question": question, "items": []}
        for kind, (heading, question) in GROUPS.items()
    }
    for item in items:
        groups[item.kind]["items"].append(_item(item, values, agenda))
    opgave_url = _theme_url(theme.slug, "opgave")
    return {
        "page": "beeld",
        "title": f"Beeld: {theme.title}",
        "url": _theme_url(theme.slug),
        "json_url": _theme_url(theme.slug, "beeld-json"),
        "breadcrumbs": [
            home_crumb(),
            crumb(theme.title, opgave_url),
            crumb("Beeld"),
        ],
        "area": {"code": agenda.area.code, "name": agenda.area.name},
        "theme": {"slug": theme.slug, "title": theme.title, "url": opgave_url},
        "picture": {
            "summary_html": markdown_to_html(picture.summary),
            "participants_html": markdown_to_html(picture.participants),
            "reflection_html": markdown_to_html(picture.reflection),
            "drawn_up_on": _day(picture.drawn_up_on),
        },
        "chain": [groups[k] for k in CHAIN],
        "monitoring": groups[Kind.MONITORING],
        "information_needs": groups[Kind.INFORMATION_NEED],
        "external_factors": groups[Kind.EXTERNAL_FACTOR],
        "around": [groups[k] for k in AROUND],
        "counts": _counts(Counter(item.kind for item in items)),
    }
