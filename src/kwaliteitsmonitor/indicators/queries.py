# SPDX-License-Identifier: EUPL-1.2
"""The read functions pages, API and exports use. Every value leaves through :func:`protect_rows`,
which applies the indicator's disclosure rule (RELIABILITY-SECURITY.md §1): nothing here returns an
unprotected value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.db.models import QuerySet

from kwaliteitsmonitor.analysis import disclosure
from kwaliteitsmonitor.analysis.periods import period_label, period_sort_key

from .models import Indicator, Observation, ObservationRevision

_FIELDS = (
    "area__code", "area__name", "area__level", "period", "breakdown", "value", "numerator", "denominator",
    "ci_low", "ci_high", "n", "status", "value_attribute", "revision_count", "is_computed",
)  # fmt: skip


@dataclass(frozen=True)
class ValueRow:
    """One published value: already protected, safe to show, export or serve."""

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
    computed: bool  # not delivered: the aggregate of the parts (indicators.derive)
    secret: bool
    disclosure_note: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def protect_rows(indicator: Indicator, rows: Iterable[dict[str, Any]]) -> list[ValueRow]:
    """Apply the disclosure rule of ``indicator`` to raw observation rows (dicts with ``_FIELDS``)."""
    rule = indicator.disclosure_rule
    is_rate = indicator.is_rate or indicator.unit in {"pct", "per_100", "per_1000", "per_10000"}
    factor = indicator.factor
    source = ", ".join(p for p in (indicator.source, indicator.source_table) if p)
    out: list[ValueRow] = []
    for row in rows:
        protected = disclosure.protect(
            row["value"],
            rule,
            is_rate=is_rate,
            numerator=row["numerator"],
            denominator=row["denominator"],
            factor=factor,
            n=row["n"],
            attribute=row["value_attribute"],
        )
        interval_ok = protected.shown and rule.kind in {"none", "min-n"}
        out.append(
            ValueRow(
                indicator=indicator.code,
                area=row["area__code"],
                area_name=row["area__name"],
                level=row["area__level"],
                period=row["period"],
                period_label=period_label(row["period"]),
                breakdown=row["breakdown"],
                value=protected.value,
                value_attribute=protected.attribute,
                numerator=protected.numerator,
                denominator=protected.denominator,
                unit=indicator.unit,
                decimals=indicator.decimals,
                status=row["status"],
                ci_low=row["ci_low"] if interval_ok else None,
                ci_high=row["ci_high"] if interval_ok else None,
                n=row["n"] if protected.shown else None,
                revised=row["revision_count"] > 0,
                computed=bool(row.get("is_computed", False)),
                secret=protected.secret,
                disclosure_note=protected.reason,
                source=source,
            )
        )
    return _suppress_complements(out, rule, is_rate)


_COUNT_RULES = {"cbs-persons", "round"}
_COMPLEMENT_NOTE = (
    "Geheim gemaakt zodat een ander, geheim getal niet uit het totaal en de overige delen valt af te leiden."
)


def _parent_code(code: str) -> str | None:
    """The area whose total the given area is a part of, from the CBS code structure."""
    if code.startswith("BU") and len(code) == 10:
        return "WK" + code[2:8]
    if code.startswith("WK") and len(code) == 8:
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return "NL00"
    return None


def _dimension(breakdown: str) -> str | None:
    if not breakdown or ";" in breakdown or "=" not in breakdown:
        return None
    return breakdown.split("=", 1)[0]


def _suppress_complements(rows: list[ValueRow], rule: disclosure.Rule, is_rate: bool) -> list[ValueRow]:
    """Secondary suppression over the parts of a total in this result (wijken of a gemeente, buurten of a
    wijk, gemeenten of Nederland, categories of one breakdown). The total is public elsewhere (page or
    API), so when exactly one part is secret, the smallest other part is made secret too, repeated until
    no group has a single secret part (RELIABILITY-SECURITY.md §1.3)."""
    if rule.kind not in _COUNT_RULES or not rows:
        return rows
    groups: dict[tuple[str, str, str, str], list[int]] = {}
    for index, row in enumerate(rows):
        parent = _parent_code(row.area)
        if parent:
            groups.setdefault(("area", parent, row.period, row.breakdown), []).append(index)
        dimension = _dimension(row.breakdown)
        if dimension:
            groups.setdefault(("breakdown", row.area, row.period, dimension), []).append(index)
    for _round in range(len(rows)):
        changed = False
        for members in groups.values():
            if len(members) < 2 or sum(rows[i].secret for i in members) != 1:
                continue
            cells = [
                disclosure.Protected(
                    rows[i].numerator if is_rate else rows[i].value, None, None, rows[i].secret, "", ""
                )
                for i in members
            ]
            for index, before, after in zip(
                members, cells, disclosure.suppress_complements(cells), strict=True
            ):
                if after.secret and not before.secret:
                    rows[index] = replace(
                        rows[index], value=None, numerator=None, denominator=None, value_attribute=".",
                        secret=True, n=None, ci_low=None, ci_high=None, disclosure_note=_COMPLEMENT_NOTE,
                    )  # fmt: skip
                    changed = True
        if not changed:
            break
    return rows


def observation_rows(queryset: QuerySet[Observation]) -> list[dict[str, Any]]:
    return list(queryset.values(*_FIELDS))


def values(
    indicator: Indicator,
    *,
    areas: Iterable[str] | None = None,
    level: str | None = None,
    period: str | None = None,
    breakdown: str | None = None,
) -> list[ValueRow]:
    """Protected values of one indicator, filtered; one query. Sorted by area code, then period."""
    lookups: dict[str, Any] = {}
    if areas is not None:
        lookups["area__code__in"] = list(areas)
    if level:
        lookups["area__level"] = level
    if period:
        lookups["period"] = period
    if breakdown is not None:
        lookups["breakdown"] = breakdown
    return values_for_indicators([indicator], lookups)[indicator.code]


def values_for_indicators(indicators: Iterable[Indicator], filters: Any) -> dict[str, list[ValueRow]]:
    """Protected values of several indicators in one query: ``filters`` is a ``Q`` (or dict of
    lookups) on Observation. Returns indicator code -> rows sorted by area, period, breakdown."""
    by_id = {ind.pk: ind for ind in indicators}
    result: dict[str, list[ValueRow]] = {ind.code: [] for ind in by_id.values()}
    if not by_id:
        return result
    qs = Observation.objects.filter(indicator_id__in=list(by_id))
    qs = qs.filter(**filters) if isinstance(filters, dict) else qs.filter(filters)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in qs.values("indicator_id", *_FIELDS):
        grouped.setdefault(row["indicator_id"], []).append(row)
    keys: dict[str, tuple[float, int]] = {}
    for indicator_id, rows in grouped.items():
        indicator = by_id[indicator_id]
        protected = protect_rows(indicator, rows)
        for r in protected:
            if r.period not in keys:
                keys[r.period] = period_sort_key(r.period)
        protected.sort(key=lambda r: (r.area, keys[r.period], r.breakdown))
        result[indicator.code] = protected
    return result


def revision_history(indicator: Indicator, areas: Iterable[str]) -> list[dict[str, Any]]:
    """Earlier values of this indicator in these areas (newest change first), each protected by the
    indicator's rule like any other value, with when and by which import it was replaced."""
    revisions = (
        ObservationRevision.objects.filter(
            observation__indicator=indicator, observation__area__code__in=list(areas)
        )
        .select_related("observation__area", "superseded_by", "import_run")
        .order_by("-superseded_at", "observation__area__code", "observation__period")
    )
    history = []
    for rev in revisions:
        obs = rev.observation
        row = {
            "area__code": obs.area.code, "area__name": obs.area.name, "area__level": obs.area.level,
            "period": obs.period, "breakdown": obs.breakdown, "value": rev.value, "numerator": rev.numerator,
            "denominator": rev.denominator, "ci_low": rev.ci_low, "ci_high": rev.ci_high, "n": rev.n,
            "status": rev.status, "value_attribute": rev.value_attribute, "revision_count": 0,
        }  # fmt: skip
        (old,) = protect_rows(indicator, [row])
        history.append(
            {
                "area": obs.area.code,
                "area_name": obs.area.name,
                "period": obs.period,
                "period_label": old.period_label,
                "breakdown": obs.breakdown,
                "value": old.value,
                "value_attribute": old.value_attribute,
                "secret": old.secret,
                "status": rev.status,
                "replaced_at": rev.superseded_at.isoformat(),
                "replaced_by_run": rev.superseded_by_id,
                "replaced_by": str(rev.superseded_by.source) if rev.superseded_by else "",
            }
        )
    return history
