# SPDX-License-Identifier: EUPL-1.2
"""Helpers the insight query functions share: series of one period kind, latest common period,
polarity names of the analysis package, values of protected rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from kwaliteitsmonitor.analysis.periods import parse_period
from kwaliteitsmonitor.indicators.models import Indicator

from .queries import ValueRow

POLARITY = {"higher_is_better": "higher_better", "lower_is_better": "lower_better", "neutral": "neutral"}
NATIONAL = "NL00"


def current_year() -> int:
    return dt.date.today().year


KIND_PREFERENCE = {"halfyear": ["HJ", "JJ"], "quarter": ["KW", "JJ"], "month": ["MM", "JJ"]}


@lru_cache(maxsize=4096)
def period_kind(period: str) -> str:
    return parse_period(period).kind


@lru_cache(maxsize=4096)
def period_key(period: str) -> tuple[float, int]:
    p = parse_period(period)
    return (p.midpoint, p.number)


def series_for(
    indicator: Indicator, rows: Iterable[ValueRow], area: str, breakdown: str = ""
) -> list[ValueRow]:
    """One area's series of one period kind (a series never mixes years and half-years), oldest first."""
    own = [r for r in rows if r.area == area and r.breakdown == breakdown]
    kinds = {period_kind(r.period) for r in own}
    for kind in [*KIND_PREFERENCE.get(indicator.period_type, ["JJ"]), "JJ", "HJ", "KW", "MM"]:
        if kind in kinds:
            return sorted(
                (r for r in own if period_kind(r.period) == kind), key=lambda r: period_key(r.period)
            )
    return []


def preferred_kinds(indicator: Indicator) -> list[str]:
    return [*KIND_PREFERENCE.get(indicator.period_type, ["JJ"]), "JJ", "HJ", "KW", "MM"]


def latest_period(indicator: Indicator, periods: Iterable[str]) -> str | None:
    """The latest period of the preferred kind among ``periods``."""
    found = set(periods)
    kinds = {period_kind(p) for p in found}
    for kind in preferred_kinds(indicator):
        if kind in kinds:
            return max((p for p in found if period_kind(p) == kind), key=period_key)
    return None
