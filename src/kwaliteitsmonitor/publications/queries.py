# SPDX-License-Identifier: EUPL-1.2
"""The read functions of pages, API, downloads, exports and reports: values of one publication.

Every value these return was protected when the publication was built (``publications.protect``, on
whole tables); nothing here applies a disclosure rule to a selection, and a combination that was not
published is simply absent ("niet beschikbaar"), never computed now. Without any publication yet,
every selection is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kwaliteitsmonitor.analysis.periods import period_label, period_sort_key
from kwaliteitsmonitor.indicators.models import Indicator

from . import context
from .models import PublishedIndicator, PublishedValue

_FIELDS = (
    "area__code", "area__name", "area__level", "period", "breakdown", "value", "numerator", "denominator",
    "ci_low", "ci_high", "n", "status", "value_attribute", "secret", "note", "computed", "revised",
)  # fmt: skip

# Codes of the indicators read while a figure is computed (see figures.remember).
_reads: ContextVar[set[str] | None] = ContextVar("km_reads", default=None)


@dataclass(frozen=True)
class ValueRow:
    """One published value: protected when the publication was built, safe to show, export or serve."""

    indicator: str
    area: str
    area_name: str
    level: str
    period: str
    period_label: str
    breakdown: str
    value: float | None  # None when secret or missing
    value_attribute: str  # "" or the symbol shown instead (".")
    numerator: float | None
    denominator: float | None
    unit: str
    decimals: int
    status: str
    ci_low: float | None
    ci_high: float | None
    n: int | None
    revised: bool
    computed: bool  # not delivered: computed from the parts (indicators.derive)
    secret: bool
    disclosure_note: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def visible_in(number: int, prefix: str = "") -> Q:
    """Rows that belong to publication ``number``."""
    return Q(**{f"{prefix}since__lte": number}) & (
        Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gt": number})
    )


def published(number: int | None = None) -> QuerySet[PublishedValue]:
    """All values of a publication (the one being read when ``number`` is None)."""
    number = context.reading_number() if number is None else number
    if number is None:
        return PublishedValue.objects.none()
    return PublishedValue.objects.filter(visible_in(number))


def in_areas(codes: Iterable[str] = (), *, parent: Any = None, level: str | None = None) -> Q:
    """Rows of these areas (by code), and/or of the children at ``level`` of ``parent`` (an Area or its
    id), named by area id through a subquery on the areas. Both engines then seek the index (area,
    indicator) once per area instead of joining every row of an indicator to its area: at national size
    an indicator has ~120.000 published rows, a page needs a few dozen."""
    from kwaliteitsmonitor.areas.models import Area

    wanted = Q(code__in=list(codes))
    if parent is not None:
        children = Q(parent_id=getattr(parent, "pk", parent))
        wanted |= children & Q(level=level) if level else children
    return Q(area_id__in=Area.objects.filter(wanted).values("pk"))


def _note_read(codes: Iterable[str]) -> None:
    reads = _reads.get()
    if reads is not None:
        reads.update(codes)


def to_rows(indicator: Indicator, rows: Iterable[dict[str, Any]]) -> list[ValueRow]:
    source = ", ".join(p for p in (indicator.source, indicator.source_table) if p)
    return [
        ValueRow(
            indicator=indicator.code,
            area=row["area__code"],
            area_name=row["area__name"],
            level=row["area__level"],
            period=row["period"],
            period_label=period_label(row["period"]),
            breakdown=row["breakdown"],
            value=row["value"],
            value_attribute=row["value_attribute"],
            numerator=row["numerator"],
            denominator=row["denominator"],
            unit=indicator.unit,
            decimals=indicator.decimals,
            status=row["status"],
            ci_low=row["ci_low"],
            ci_high=row["ci_high"],
            n=row["n"],
            revised=row["revised"],
            computed=row["computed"],
            secret=row["secret"],
            disclosure_note=row["note"],
            source=source,
        )
        for row in rows
    ]


def values(
    indicator: Indicator,
    *,
    areas: Iterable[str] | None = None,
    level: str | None = None,
    period: str | None = None,
    breakdown: str | None = None,
) -> list[ValueRow]:
    """Published values of one indicator, filtered; one query. Sorted by area code, then period."""
    where = in_areas(areas) if areas is not None else Q()
    if level:
        where &= Q(area__level=level)
    if period:
        where &= Q(period=period)
    if breakdown is not None:
        where &= Q(breakdown=breakdown)
    return values_for_indicators([indicator], where)[indicator.code]


def values_for_indicators(indicators: Iterable[Indicator], filters: Any) -> dict[str, list[ValueRow]]:
    """Published values of several indicators in one query: ``filters`` is a ``Q`` (or dict of lookups)
    on the area, period and breakdown. Returns indicator code -> rows sorted by area, period, breakdown."""
    by_id = {ind.pk: ind for ind in indicators}
    result: dict[str, list[ValueRow]] = {ind.code: [] for ind in by_id.values()}
    if not by_id:
        return result
    _note_read(result)
    qs = published().filter(indicator_id__in=list(by_id))
    qs = qs.filter(**filters) if isinstance(filters, dict) else qs.filter(filters)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in qs.values("indicator_id", *_FIELDS):
        grouped.setdefault(row["indicator_id"], []).append(row)
    keys: dict[str, tuple[float, int]] = {}
    for indicator_id, rows in grouped.items():
        indicator = by_id[indicator_id]
        converted = to_rows(indicator, rows)
        for r in converted:
            if r.period not in keys:
                keys[r.period] = period_sort_key(r.period)
        converted.sort(key=lambda r: (r.area, keys[r.period], r.breakdown))
        result[indicator.code] = converted
    return result


class PublishedRows:
    """The published values of one indicator as a paginator sees them: counted and sliced in the
    database (the API). Any filter, level, breakdown or page reads the same stored decisions."""

    ORDER = ("area__code", "period", "breakdown")

    def __init__(self, indicator: Indicator, queryset: QuerySet[PublishedValue]) -> None:
        self.indicator = indicator
        self.queryset = queryset.order_by(*self.ORDER)

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ValueRow]:
        _note_read([self.indicator.code])
        return to_rows(self.indicator, self.queryset[index].values(*_FIELDS))


def earlier_versions(indicator: Indicator, areas: Iterable[str]) -> list[dict[str, Any]]:
    """Values of this indicator in these areas as earlier publications showed them, newest change first:
    the versions that the publication being read replaced, with when they were replaced."""
    from .models import Publication

    number = context.reading_number()
    if number is None:
        return []
    rows = (
        PublishedValue.objects.filter(in_areas(areas), indicator=indicator, until__lte=number)
        .order_by("-until", "area__code", "period", "breakdown")
        .values("area__code", "area__name", "period", "breakdown", "value", "secret", "status", "until")
    )
    dates = dict(Publication.objects.filter(published_at__isnull=False).values_list("number", "published_at"))
    history = []
    for row in rows:
        replaced = dates.get(row["until"])
        history.append(
            {
                "area": row["area__code"],
                "area_name": row["area__name"],
                "period": row["period"],
                "period_label": period_label(row["period"]),
                "breakdown": row["breakdown"],
                "value": row["value"],
                "value_attribute": "." if row["secret"] else "",
                "secret": row["secret"],
                "status": row["status"],
                "replaced_at": replaced.isoformat() if replaced else "",
                "replaced_by_publication": row["until"],
            }
        )
    return history


def delivered(indicators: Iterable[Indicator]) -> dict[int, Any]:
    """Indicator id -> when the newest import that wrote its values retrieved them, as the publication
    being read recorded it (one query; empty without a publication)."""
    number = context.reading_number()
    ids = [i.pk for i in indicators]
    if number is None or not ids:
        return {}
    rows = PublishedIndicator.objects.filter(publication__number=number, indicator_id__in=ids)
    return dict(rows.values_list("indicator_id", "delivered_at"))
