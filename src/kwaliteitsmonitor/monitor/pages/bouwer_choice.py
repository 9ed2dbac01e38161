# SPDX-License-Identifier: EUPL-1.2
"""Zelf samenstellen, the choice: parameters checked, areas and periods resolved, values fetched.

All choices are GET parameters (``indicator``, ``area``, ``level``, ``start``, ``end``, ``period`` and
``view``; the first three and ``period`` may repeat), so every view has a URL to share and the form works
without JavaScript. Values come from ``publications.queries.values_for_indicators`` (the one disclosure
stage). Secondary suppression there works over the parts of a total in one result, so the values of a
chosen wijk or gemeente are always fetched together with all its siblings (the other wijken of its
gemeente, all gemeenten) and only then narrowed to the choice: choosing fewer areas never reveals a
value that the full set keeps secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q

from kwaliteitsmonitor.analysis.periods import PeriodError, normalise_period
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages.common import (
    period_kind,
    series_kind,
    short_label,
    sort_key,
)
from kwaliteitsmonitor.publications.queries import ValueRow, values_for_indicators

VIEWS = {"tabel": "Tabel", "lijn": "Lijngrafiek", "staaf": "Staafdiagram", "kaart": "Kaart"}
LEVELS = {"WK": "alle wijken van {name}", "GM": "alle gemeenten"}
AREA_LEVELS = {Level.NL, Level.GM, Level.WK}
MAX_INDICATORS = 6
MAX_AREAS = 400
MAX_PERIODS = 30
MAX_CELLS = 6000  # indicators × areas × periods
MAX_LINE_AREAS = 4  # the line chart tells series apart by colour, dash and marker: four of each
MAX_BAR_AREAS = 50
PERIOD_SAMPLE = 25
MAX_UNKNOWN = 5  # unknown codes named one by one; the rest counted
DEFAULT_PERIODS = 10  # without a choice: the latest ten periods (one for a bar chart or map)


@dataclass
class Choice:
    """The parsed and checked choice; ``problems`` are Dutch messages, ``blocking`` stops the result."""

    indicators: list[Indicator] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)  # explicitly chosen
    levels: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    periods: list[str] = field(default_factory=list)  # explicitly listed
    view: str = "tabel"
    problems: list[str] = field(default_factory=list)
    blocking: bool = False


def _period_key(text: str) -> str | None:
    try:
        return normalise_period(text.strip())
    except (PeriodError, ValueError, KeyError):
        return None


def _distinct(values: list[str] | tuple[str, ...] | str) -> list[str]:
    """The values (repeated or comma-separated), stripped, each once, in order."""
    items = [values] if isinstance(values, str) else list(values)
    parts = (part.strip() for value in items for part in value.split(","))
    return list(dict.fromkeys(part for part in parts if part))


def parse_choice(
    indicator: list[str] | tuple[str, ...] | str = (),
    area: list[str] | tuple[str, ...] | str = (),
    level: list[str] | tuple[str, ...] | str = (),
    start: str = "",
    end: str = "",
    period: list[str] | tuple[str, ...] | str = (),
    view: str = "",
) -> Choice:
    """Check every parameter; unknown codes and values become Dutch messages, never an error page."""
    choice = Choice()
    codes = _capped(choice, _distinct(indicator), MAX_INDICATORS, "indicatoren")
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes, is_published=True)}
    choice.indicators = _known(choice, codes, found, "Onbekende indicator ‘{}’: die is overgeslagen.")
    codes = _distinct(area)[: MAX_AREAS + 1]
    areas = {a.code: a for a in Area.objects.filter(code__in=codes, level__in=AREA_LEVELS)}
    choice.areas = _known(choice, codes, areas, "Onbekend gebied ‘{}’: dat is overgeslagen.")
    levels = {code: code for code in LEVELS}
    choice.levels = _known(
        choice, _distinct(level), levels, "Onbekend gebiedsniveau ‘{}’: dat is overgeslagen."
    )
    for name, text in (("start", start), ("end", end)):
        key = _period_key(text) if text.strip() else ""
        if key is None:
            choice.problems.append(f"Onbekende periode ‘{text[:40]}’: gebruik bijvoorbeeld 2024.")
        setattr(choice, name, key or "")
    if choice.start and choice.end and sort_key(choice.start) > sort_key(choice.end):
        choice.start, choice.end = choice.end, choice.start
    listed = _capped(choice, _distinct(period), MAX_PERIODS, "perioden")
    keys = {text: _period_key(text) for text in listed}
    choice.periods = list(dict.fromkeys(k for k in keys.values() if k))
    for text, key in keys.items():
        if key is None:
            choice.problems.append(f"Onbekende periode ‘{text[:40]}’: die is overgeslagen.")
    if view and view not in VIEWS:
        choice.problems.append(f"Onbekende weergave ‘{view[:40]}’: de tabel wordt getoond.")
    choice.view = view if view in VIEWS else "tabel"
    return choice


def _capped(choice: Choice, items: list[str], limit: int, what: str) -> list[str]:
    if len(items) > limit:
        choice.problems.append(f"Kies ten hoogste {limit} {what} tegelijk; u koos er {len(items)}.")
        choice.blocking = True
    return items[:limit]


def _known(choice: Choice, codes: list[str], found: dict[str, Any], message: str) -> list[Any]:
    """The found objects in the order of ``codes``; a message per unknown code (the first few)."""
    unknown = [code for code in codes if code not in found]
    choice.problems += [message.format(code[:40]) for code in unknown[:MAX_UNKNOWN]]
    if len(unknown) > MAX_UNKNOWN:
        choice.problems.append(f"Nog {len(unknown) - MAX_UNKNOWN} onbekende codes zijn overgeslagen.")
    return [found[code] for code in codes if code in found]


def resolve_areas(choice: Choice, own: Area) -> list[tuple[Area, str]]:
    """The chosen areas and those of the chosen levels with the name to show, in a fixed order: the
    own gemeente (the main line of a chart), Nederland, other gemeenten, then wijken (own gemeente
    first, by name). A wijk of another gemeente is shown with its gemeente: "Centrum (Grootstad)"."""
    by_code = {a.code: a for a in choice.areas}
    if "WK" in choice.levels:
        for wijk in Area.objects.filter(level=Level.WK, parent=own, is_pseudo=False):
            by_code.setdefault(wijk.code, wijk)
    if "GM" in choice.levels:
        for gemeente in Area.objects.filter(level=Level.GM, is_pseudo=False):
            by_code.setdefault(gemeente.code, gemeente)
    parent_ids = {a.parent_id for a in by_code.values() if a.level == Level.WK}
    parents = dict(Area.objects.filter(pk__in=parent_ids).values_list("pk", "name"))
    rank = {Level.GM: 1, Level.NL: 1, Level.WK: 2}

    def key(a: Area) -> tuple[Any, ...]:
        if a.level == Level.WK:
            return (2, a.parent_id != own.pk, parents.get(a.parent_id, ""), a.name, a.code)
        first = 0 if a.code == own.code else 1 if a.level == Level.NL else 2
        return (rank.get(a.level, 3), first, "", a.name, a.code)

    out = []
    for a in sorted(by_code.values(), key=key):
        elsewhere = a.level == Level.WK and a.parent_id != own.pk and a.parent_id in parents
        out.append((a, f"{a.name} ({parents[a.parent_id]})" if elsewhere else a.name))
    return out


def sibling_ids(areas: list[Area]) -> list[int]:
    """The chosen areas and every area whose values are parts of the same totals (see the module
    text): all wijken of the gemeente of a chosen wijk, all gemeenten when a gemeente is chosen.
    Ids, so the value query can use the unique index (indicator, area, period, breakdown)."""
    ids = {a.pk for a in areas}
    wijk_parents = {a.parent_id for a in areas if a.level == Level.WK and a.parent_id}
    if wijk_parents:
        ids |= set(
            Area.objects.filter(level=Level.WK, parent_id__in=wijk_parents).values_list("pk", flat=True)
        )
    if any(a.level == Level.GM for a in areas):
        ids |= set(Area.objects.filter(level=Level.GM).values_list("pk", flat=True))
    return sorted(ids)


def available_periods(indicators: list[Indicator], areas: list[Area]) -> list[str]:
    """The periods with a figure for the chosen indicators in (up to 25 of) the chosen areas."""
    sample = [a.pk for a in areas[:PERIOD_SAMPLE]]
    found = values_for_indicators(indicators, Q(breakdown="", area_id__in=sample))
    return sorted({r.period for rows in found.values() for r in rows}, key=sort_key)


def fetch(indicators: list[Indicator], areas: list[Area], periods: list[str]) -> dict[str, list[ValueRow]]:
    """Protected values (breakdown: total) of the chosen indicators, areas and periods, fetched together
    with the siblings of the areas so that secondary suppression sees every part of a total."""
    codes = {a.code for a in areas}
    rows = values_for_indicators(
        indicators, Q(breakdown="", period__in=periods, area_id__in=sibling_ids(areas))
    )
    return {code: [r for r in found if r.area in codes] for code, found in rows.items()}


def resolve_periods(
    choice: Choice, available: list[str], indicators: list[Indicator]
) -> tuple[list[str], list[str]]:
    """The periods to show and notes about the choice."""
    notes: list[str] = []
    if choice.periods:
        missing = [p for p in choice.periods if p not in available]
        if missing:
            notes.append("Geen cijfers voor " + ", ".join(short_label(p) for p in missing) + ".")
        return sorted(choice.periods, key=sort_key), notes
    if choice.start or choice.end:
        kind = period_kind(choice.start or choice.end)
        low = sort_key(choice.start) if choice.start else (float("-inf"), 0)
        high = sort_key(choice.end) if choice.end else (float("inf"), 0)
        shown = [p for p in available if period_kind(p) == kind and low <= sort_key(p) <= high]
        if not shown:
            notes.append("Er zijn geen cijfers in de gekozen perioden.")
        return shown, notes
    fake = [PeriodOnly(p) for p in available]
    kind = series_kind(fake, indicators[0].period_type)  # type: ignore[arg-type]  # reads .period only
    of_kind = [p for p in available if period_kind(p) == kind]
    count = 1 if choice.view in {"staaf", "kaart"} else DEFAULT_PERIODS
    return of_kind[-count:], notes


@dataclass(frozen=True)
class PeriodOnly:
    period: str


def share_query(choice: Choice, periods: list[str]) -> str:
    """The canonical query string of this view: the same view when opened later."""
    params: list[tuple[str, str]] = [("indicator", i.code) for i in choice.indicators]
    params += [("area", a.code) for a in choice.areas]
    params += [("level", level) for level in choice.levels]
    if choice.periods:
        params += [("period", p) for p in sorted(choice.periods, key=sort_key)]
    elif periods:
        params += [("start", periods[0]), ("end", periods[-1])]
    params.append(("view", choice.view))
    return urlencode(params)
