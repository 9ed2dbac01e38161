# SPDX-License-Identifier: EUPL-1.2
"""Data quality on a page: per source retrieved on, next expected update, freshness (from the sources
register, ``sources.quality``) and completeness: of the areas × periods the page shows, how many have a
published value (counted on the published rows the page already read; a protected value counts, it was
delivered)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kwaliteitsmonitor.analysis.units import format_value
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.pages.common import NATIONAL, of_kind, series_kind
from kwaliteitsmonitor.publications.queries import ValueRow, delivered
from kwaliteitsmonitor.sources.quality import facts


def completeness(rows: list[ValueRow], areas: Iterable[str], period_type: str) -> tuple[int, int]:
    """(cells with a value, cells expected): the given areas × every period (of the page's kind) in
    which the indicator has any published value here, Nederland included."""
    totals = [r for r in rows if r.breakdown == ""]
    wanted = set(areas)
    kind = series_kind([r for r in totals if r.area in wanted] or totals, period_type)
    totals = of_kind(totals, kind)
    periods = {r.period for r in totals}
    present = {(r.area, r.period) for r in totals if r.area in wanted and (r.value is not None or r.secret)}
    return len(present), len(wanted) * len(periods)


def _text(present: int, expected: int) -> str:
    if not expected:
        return "nog geen cijfers"
    share = format_value(100 * present / expected, "pct", 0)
    return f"{present} van {expected} ({share})"


def sources_section(
    indicators: list[Indicator], rows: dict[str, list[ValueRow]], areas_of: dict[str, list[str]]
) -> dict[str, Any]:
    """Per source (merged over the indicators it feeds on this page): the facts and completeness.
    ``areas_of`` gives per indicator code the areas the page shows for it."""
    merged: dict[str, dict[str, Any]] = {}
    known = facts(indicators, delivered=delivered)
    for indicator in indicators:
        present, expected = completeness(
            rows.get(indicator.code, []), areas_of.get(indicator.code, []), indicator.period_type
        )
        for fact in known[indicator.code]:
            item = merged.setdefault(fact["name"], {**fact, "indicators": [], "present": 0, "expected": 0})
            item["indicators"].append({"code": indicator.code, "name": indicator.name})
            item["present"] += present
            item["expected"] += expected
    items = []
    for item in merged.values():
        present, expected = item.pop("present"), item.pop("expected")
        item["completeness"] = {
            "present": present,
            "expected": expected,
            "share": round(present / expected, 4) if expected else None,
            "text": _text(present, expected),
        }
        items.append(item)
    return {"items": items}


def page_areas(rows: list[ValueRow], own: str, with_wijken: bool) -> list[str]:
    """The gemeente, and (on the indicator page) every wijk with a published value of the indicator."""
    wijken = sorted({r.area for r in rows if with_wijken and r.level == "WK" and r.area != NATIONAL})
    return [own, *wijken]
