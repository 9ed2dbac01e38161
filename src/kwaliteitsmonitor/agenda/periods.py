# SPDX-License-Identifier: EUPL-1.2
"""Finding (or creating) the report period a file or the demo names, e.g. ``2025-najaarsnota``.

A name is matched, in this order, against the stored periods' short name (slug) and name, ignoring case;
then by what it says (kind, year, number; :func:`kwaliteitsmonitor.analysis.report_periods.read_period_name`),
so "Voorjaarsnota 2026", ``2026-voorjaarsnota`` and "Kadernota 2026" are one period. A name that matches
nothing but says its kind and year creates the period, dated by the documented rule, and the caller
reports that; a name that says neither is unknown, and the caller asks the user to create it first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format

from kwaliteitsmonitor.analysis.report_periods import PeriodName, read_period_name

from .models import ReportPeriod


@dataclass
class PeriodLookup:
    found: dict[str, ReportPeriod] = field(default_factory=dict)  # text as given → period
    created: list[str] = field(default_factory=list)  # Dutch notes, one per created period
    unknown: list[str] = field(default_factory=list)  # texts that neither match nor say kind and year


def _identity(parsed: PeriodName | None) -> tuple[str, int, int | None] | None:
    return (parsed.kind, parsed.year, parsed.number) if parsed else None


class _Index:
    def __init__(self) -> None:
        self.exact: dict[str, ReportPeriod] = {}
        self.by_identity: dict[tuple[str, int, int | None], list[ReportPeriod]] = {}
        for period in ReportPeriod.objects.all():
            self.add(period)

    def add(self, period: ReportPeriod) -> None:
        self.exact.setdefault(period.slug.casefold(), period)
        self.exact.setdefault(period.name.casefold(), period)
        for text in {period.slug, period.name}:
            identity = _identity(read_period_name(text))
            if identity is not None and period not in self.by_identity.get(identity, []):
                self.by_identity.setdefault(identity, []).append(period)

    def match(self, text: str, parsed: PeriodName | None) -> ReportPeriod | None:
        for key in (text, *((parsed.slug, parsed.name) if parsed else ())):
            if (period := self.exact.get(key.strip().casefold())) is not None:
                return period
        same = self.by_identity.get(_identity(parsed), []) if parsed else []
        return same[0] if len(same) == 1 else None


def resolve_periods(texts: Iterable[str], *, create: bool = True) -> PeriodLookup:
    """The report period of every text; creates the ones that say their kind and year (``create``)."""
    lookup = PeriodLookup()
    index = _Index()
    for text in sorted(set(texts)):
        parsed = read_period_name(text)
        period = index.match(text, parsed)
        ambiguous = (
            parsed is not None
            and len(index.by_identity.get((parsed.kind, parsed.year, parsed.number), [])) > 1
        )
        if period is None and parsed is not None and create and not ambiguous:
            period = ReportPeriod.objects.create(
                name=parsed.name, slug=parsed.slug, kind=parsed.kind, date=parsed.reference_date
            )
            index.add(period)
            lookup.created.append(
                f"rapportageperiode '{period.name}' aangemaakt (peildatum "
                f"{date_format(period.date, 'j F Y')}, {parsed.rule}; aan te passen in het beheer)"
            )
        if period is None:
            lookup.unknown.append(text)
        else:
            lookup.found[text] = period
    return lookup


def open_period(today: date) -> ReportPeriod | None:
    """The report period staff report on now: the earliest whose deadline has not passed (None if none)."""
    return ReportPeriod.objects.filter(deadline__gte=today).order_by("deadline", "date", "name").first()
