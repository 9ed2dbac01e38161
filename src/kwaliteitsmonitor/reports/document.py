# SPDX-License-Identifier: EUPL-1.2
"""What a council report says, collected once from the page JSON twins of a publication
(``content.page_json``) and the approved duiding (``content.duiding_for_goal``). The PDF and the Word
writer both render this one structure, so they cannot disagree.

Structure (plain dicts, all texts already Dutch):

* ``cover``: agenda, gemeente, publication name and number, "stand van" date, fictitious-data label;
* ``overview``: per opgave its doelen with every resultaat and its status (the one-page overview);
* ``themes``: per opgave its doelen, each with resultaten (streefwaarde, status and reasoning),
  inspanningen (status, progress), indicators (chart hash, alt text, table), duiding, sources and the
  notes on hidden cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.analysis.periods import dutch_date
from kwaliteitsmonitor.publications.models import Publication

from . import content

Progress = Callable[[int, int, str], None]

DISCLOSURE_NOTE = (
    "Een cel met ‘geheim’ is niet getoond om te voorkomen dat cijfers over kleine aantallen inwoners "
    "herleidbaar worden (onthullingsbeveiliging). Een andere cel kan geheim zijn om zo’n cel te beschermen."
)


class ReportRefused(Exception):
    """This publication cannot be reported on (message in Dutch)."""


def stand_date(publication: Publication) -> dt.date:
    """The date the report is "stand van": the rapportage's own date when the publication was frozen as one,
    else when the publication went live (else when it was made)."""
    snapshot = content.snapshot_of(publication)
    if snapshot is not None:
        return snapshot.as_of
    moment = publication.published_at or publication.created_at
    return moment.date()


def title_of(publication: Publication) -> str:
    snapshot = content.snapshot_of(publication)
    return publication.name or (snapshot.name if snapshot else "") or f"Publicatie {publication.number}"


def _disclosure(indicators: list[dict[str, Any]]) -> list[str]:
    """The notes on hidden cells: one per distinct reason given by the publication."""
    notes: list[str] = []
    for block in indicators:
        latest = block.get("latest") or {}
        if latest.get("disclosure_note") and latest["disclosure_note"] not in notes:
            notes.append(latest["disclosure_note"])
    return notes


def _has_secret(indicators: list[dict[str, Any]], results: list[dict[str, Any]]) -> bool:
    for block in indicators:
        if (block.get("latest") or {}).get("secret"):
            return True
        figure = block.get("figure") or {}
        for row in (figure.get("table") or {}).get("rows", []):
            if any(cell.get("secret") for cell in row["cells"]):
                return True
    return any((r.get("current") or {}).get("secret") for r in results)


def _dutch(duiding: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The duiding with its dates as Dutch text ("3 november 2026"), whatever type the seam gives."""
    return {
        key: [
            {k: dutch_date(v) if isinstance(v, dt.date) else v for k, v in item.items()}
            for item in duiding.get(key, [])
        ]
        for key in content.EMPTY_DUIDING
    }


def _goal(publication: Publication, theme_slug: str, goal: dict[str, Any]) -> dict[str, Any]:
    page = content.page_json(publication, goal["json_url"])
    goal_id = (
        Goal.objects.filter(theme__slug=theme_slug, slug=page["goal"]["slug"])
        .values_list("pk", flat=True)
        .first()
    )
    duiding = content.duiding_for_goal(publication, goal_id) if goal_id is not None else None
    indicators = [block for block in page.get("indicators", []) if block.get("figure")]
    notes = _disclosure(page.get("indicators", []))
    if _has_secret(page.get("indicators", []), page.get("results", [])):
        notes.insert(0, DISCLOSURE_NOTE)
    return {
        "number": page["goal"]["number"],
        "title": page["goal"]["title"],
        "heading": page["title"],
        "description_html": page["goal"].get("description_html", ""),
        "results": page.get("results", []),
        "efforts": page.get("efforts", []),
        "indicators": indicators,
        "sources": (page.get("sources") or {}).get("items", []),
        "duiding": _dutch(duiding or content.EMPTY_DUIDING),
        "disclosure": notes,
    }


def collect(publication: Publication, progress: Progress | None = None) -> dict[str, Any]:
    """The whole report for ``publication`` (live or superseded). Raises :class:`ReportRefused`."""
    if not publication.readable:
        raise ReportRefused(
            f"Publicatie {publication.number} is niet leesbaar ({publication.get_state_display()}); "
            "een raadsrapportage kan alleen van een gepubliceerde publicatie."
        )
    report = progress or (lambda done, total, stage: None)
    home = content.page_json(publication, "/index.json")
    agenda = home.get("agenda")
    if agenda is None:
        raise ReportRefused(f"Publicatie {publication.number} heeft geen agenda om over te rapporteren.")
    goal_count = sum(len(theme["goals"]) for theme in home["themes"])
    done = 0
    report(done, goal_count, "overzicht")
    themes = []
    for theme in home["themes"]:
        page = content.page_json(publication, theme["json_url"])
        goals = []
        for goal in page["goals"]:
            goals.append(_goal(publication, theme["slug"], goal))
            done += 1
            report(done, goal_count, goal["title"])
        themes.append(
            {
                "slug": theme["slug"],
                "title": theme["title"],
                "summary_html": theme["summary_html"],
                "goals": goals,
            }
        )
    date = stand_date(publication)
    return {
        "title": f"Raadsrapportage {title_of(publication)}",
        "cover": {
            "agenda": agenda["title"],
            "period": agenda["period"],
            "organisation": agenda["organisation"],
            "gemeente": agenda["area"]["name"],
            "publication": title_of(publication),
            "number": publication.number,
            "date": date.isoformat(),
            "date_text": dutch_date(date),
            "fictitious": bool(agenda.get("is_fictitious")),
        },
        "totals": home.get("totals", {}),
        "overview": [
            {
                "title": theme["title"],
                "goals": [
                    {
                        "number": goal["number"],
                        "title": goal["title"],
                        "results": goal["overview"]["results"],
                        "efforts": goal["overview"]["efforts"],
                    }
                    for goal in theme["goals"]
                ],
            }
            for theme in home["themes"]
        ],
        "themes": themes,
    }
