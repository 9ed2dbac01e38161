# SPDX-License-Identifier: EUPL-1.2
"""Building blocks the page data functions share: the active agenda, values as shown, indicator
descriptions and data tables. Everything returned is plain data (JSON-serialisable)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Agenda
from kwaliteitsmonitor.analysis.periods import parse_period, period_sort_key
from kwaliteitsmonitor.analysis.units import format_number, format_value, unit
from kwaliteitsmonitor.analysis.vocabulary import FIGURE_STATUSES
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import site
from kwaliteitsmonitor.monitor.text import markdown_to_html
from kwaliteitsmonitor.publications.queries import ValueRow

SECRET_TEXT = "geheim"  # noqa: S105 - the word shown for a suppressed value
MISSING_TEXT = "–"
NATIONAL = "NL00"


def current_agenda() -> Agenda | None:
    agenda_id = site.site_info()["agenda_id"]
    if agenda_id is None:
        return None
    return Agenda.objects.select_related("area").filter(pk=agenda_id).first()


def require_agenda() -> Agenda:
    agenda = current_agenda()
    if agenda is None:
        raise Http404("Er is nog geen agenda gepubliceerd.")
    return agenda


def crumb(label: str, url: str | None = None) -> dict[str, Any]:
    return {"label": label, "url": url}


def home_crumb() -> dict[str, Any]:
    return crumb("Home", reverse("monitor:home"))


def unit_title(code: str, unit_label: str = "") -> str:
    """Column or axis title for a unit, e.g. 'Percentage (%)', 'Aantal per 1.000'."""
    if unit_label:
        return unit_label[:1].upper() + unit_label[1:]
    u = unit(code)
    text = u.long_label[:1].upper() + u.long_label[1:]
    return f"{text} (%)" if code == "pct" else text


def status_text(status: str) -> str:
    return FIGURE_STATUSES.get(status, status or "")


def value_text(row: ValueRow | None, *, with_unit: bool = True) -> str:
    if row is None:
        return MISSING_TEXT
    return figure_text(row.value, row.secret, row.unit, row.decimals, with_unit=with_unit)


def figure_text(
    value: float | None, secret: bool, unit: str, decimals: int, *, with_unit: bool = True
) -> str:
    """A protected figure as text: "geheim", "–" when missing, else Dutch number (with unit)."""
    if secret:
        return SECRET_TEXT
    if value is None:
        return MISSING_TEXT
    if with_unit:
        return format_value(value, unit, decimals)
    return format_number(value, decimals)


def value_dict(row: ValueRow | None) -> dict[str, Any]:
    """One value as a page shows it: number, Dutch text, period, status, secrecy, revision."""
    if row is None:
        return {
            "value": None,
            "text": MISSING_TEXT,
            "number_text": MISSING_TEXT,
            "missing": True,
            "secret": False,
        }
    return {
        "value": row.value,
        "text": value_text(row),
        "number_text": value_text(row, with_unit=False),
        "missing": row.value is None and not row.secret,
        "secret": row.secret,
        "area": row.area,
        "area_name": row.area_name,
        "period": row.period,
        "period_label": row.period_label,
        "breakdown": row.breakdown,
        "status": row.status,
        "status_label": status_text(row.status),
        "revised": row.revised,
        "computed": row.computed,
        "disclosure_note": row.disclosure_note,
        "ci_low": row.ci_low,
        "ci_high": row.ci_high,
    }


def indicator_urls(code: str) -> dict[str, str]:
    return {
        "url": reverse("monitor:indicator", kwargs={"code": code}),
        "json_url": reverse("monitor:indicator-json", kwargs={"code": code}),
    }


def indicator_meta(indicator: Indicator) -> dict[str, Any]:
    """What every indicator shows next to its figures: definition, source, unit, period type, rule."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "label": indicator.label,
        "category": indicator.category,
        "definition": indicator.definition,
        "explanation_html": markdown_to_html(indicator.explanation),
        "source": indicator.source,
        "source_table": indicator.source_table,
        "source_url": indicator.source_url
        if indicator.source_url.startswith(("http://", "https://"))
        else "",
        "provider": indicator.get_provider_display(),
        "unit": indicator.unit,
        "unit_title": unit_title(indicator.unit, indicator.unit_label),
        "decimals": indicator.decimals,
        "polarity": indicator.get_polarity_display(),
        "nature": indicator.get_nature_display(),
        "period_type": indicator.get_period_type_display(),
        "disclosure": indicator.disclosure_rule.description,
        **indicator_urls(indicator.code),
    }


def national_comparable(indicator: Indicator) -> bool:
    """A count for the Netherlands dwarfs a gemeente's: only rates, scores and means are compared."""
    return not unit(indicator.unit).additive


@lru_cache(maxsize=4096)
def period_kind(period: str) -> str:
    return parse_period(period).kind


@lru_cache(maxsize=4096)
def sort_key(period: str) -> tuple[float, int]:
    return period_sort_key(period)


def series_kind(rows: list[ValueRow], period_type: str) -> str:
    """Which period kind a time series shows: a series never mixes years and half-years."""
    kinds = {period_kind(r.period) for r in rows}
    preferred = {"halfyear": ["HJ", "JJ"], "quarter": ["KW", "JJ"], "month": ["MM", "JJ"]}.get(
        period_type, ["JJ"]
    )
    for kind in [*preferred, "JJ", "HJ", "KW", "MM"]:
        if kind in kinds:
            return kind
    return "JJ"


def of_kind(rows: list[ValueRow], kind: str) -> list[ValueRow]:
    return sorted((r for r in rows if period_kind(r.period) == kind), key=lambda r: sort_key(r.period))


def latest_period(rows: list[ValueRow]) -> str | None:
    periods = {r.period for r in rows if r.value is not None or r.secret}
    return max(periods, key=sort_key) if periods else None


@lru_cache(maxsize=4096)
def short_label(period: str) -> str:
    return parse_period(period).short_label


def table(caption: str, columns: list[str], rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """A data table: ``rows`` are (row header, cells) or (row header, cells, extra); cells are value
    dicts (``text``, ``secret``...). ``extra`` may give the row a ``url`` (the header links there) and a
    ``note`` (a line under the header, e.g. why a row is what it is; downloads add it to the header)."""
    return {
        "caption": caption,
        "columns": columns,
        "rows": [
            {
                "header": header,
                **(extra[0] if extra else {}),
                "cells": [
                    {
                        "text": c.get("text", MISSING_TEXT),
                        "secret": bool(c.get("secret")),
                        "revised": bool(c.get("revised")),
                        "computed": bool(c.get("computed")),
                        "status": c.get("status_label", ""),
                    }
                    for c in cells
                ],
            }
            for header, cells, *extra in rows
        ],
    }
