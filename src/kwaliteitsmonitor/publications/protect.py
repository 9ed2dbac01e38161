# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control of a publication, decided once per table and stored (issue "Publications").

For each indicator (or table of linked indicators, ``tables.Cluster``) and each period, the complete
table — every area level, every breakdown, totals included — is protected at once:

* ``none`` (figures a statistics office already protected): published as delivered; a value the source
  kept secret stays secret.
* ``min-n:N`` (surveys): secret below N respondents; survey figures are not additive, so no cell can be
  worked out from others and no secondary suppression is needed.
* ``cbs-persons`` and ``round:N`` (counts, and rates through their numerators): primary suppression (0 to
  7 persons), carried suppression (every cell hidden in a publication that is still readable stays
  hidden), secondary suppression and the attacker's audit over the whole table (``analysis.sdc``), then
  rounding. A rate is computed from the rounded numerator and denominator; a rate under a rule that
  needs its counts but delivered without them is not published ("niet te beveiligen").

The result per cell is a row for ``PublishedValue``: the value as shown, or hidden with its reason.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from kwaliteitsmonitor.analysis import disclosure, formulas, sdc
from kwaliteitsmonitor.analysis.units import unit as unit_of
from kwaliteitsmonitor.indicators.models import Indicator, Observation

from .models import PublishedValue, Reason
from .tables import Cluster, Hierarchy, candidate_groups

RAW_FIELDS = (
    "area_id", "period", "breakdown", "value", "numerator", "denominator", "ci_low", "ci_high", "n",
    "status", "value_attribute", "revision_count", "is_computed",
)  # fmt: skip
# Written per row, in this order (``store.py`` adds since, until and cause).
OUT_FIELDS = (
    "indicator_id", "area_id", "period", "breakdown", "value", "numerator", "denominator", "ci_low",
    "ci_high", "n", "status", "value_attribute", "secret", "reason", "note", "protects", "computed",
    "revised", "digest",
)  # fmt: skip
ADDITIVE_RULES = ("cbs-persons", "round")
# The reasons as plain strings for the per-row loops (17,6 M rows nationally): an enum member costs a
# class-attribute lookup and a Python-level hash each time.
R_NONE, R_SOURCE, R_PRIMARY, R_SECONDARY, R_CARRIED, R_UNPROTECTABLE = (
    str(r.value)
    for r in (
        Reason.NONE,
        Reason.SOURCE,
        Reason.PRIMARY,
        Reason.SECONDARY,
        Reason.CARRIED,
        Reason.UNPROTECTABLE,
    )
)
NOTE_HIDDEN = (
    "Geheim: gebaseerd op 0 tot en met 7 personen, of afgeschermd zodat zo'n klein aantal elders niet uit "
    "de andere cijfers valt af te leiden."
)
NOTE_SOURCE = "Niet beschikbaar of geheim bij de bron."
NOTE_UNPROTECTABLE = (
    "Niet gepubliceerd: zonder de onderliggende aantallen kan dit cijfer niet worden beveiligd."
)


def digest(value: float | None, numerator: float | None = None) -> str:
    """A fingerprint of the unrounded figure (internal: tells an unchanged cell from a revised one)."""
    text = f"{_canon(value)}|{_canon(numerator)}"
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def _canon(value: float | None) -> str:
    return "" if value is None else f"{float(value):.9g}"


@dataclass
class TableReport:
    """What protecting one indicator did: counts of hidden cells by reason and the audit."""

    cells: int = 0
    hidden: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    audited: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    narrowest: float | None = None  # smallest interval width found for a hidden cell

    def as_dict(self) -> dict[str, Any]:
        return {
            "cells": self.cells,
            "hidden": dict(self.hidden),
            "audited": self.audited,
            "failures": self.failures,
            "narrowest": self.narrowest,
        }


def rule_kind(indicator: Indicator) -> str:
    return indicator.disclosure_rule.kind


def value_kind(indicator: Indicator) -> str:
    """count, rate or other: what the additive protection may assume about the figure."""
    kind = formulas.kind_for(indicator.unit, indicator.count_method)
    if indicator.numerator_id and indicator.denominator_id:
        return "rate"
    return {formulas.COUNT: "count", formulas.RATE: "rate"}.get(kind, "other")


def raw_rows(indicator_ids: Sequence[int]) -> dict[int, dict[str, list[tuple[Any, ...]]]]:
    """indicator id -> period -> raw observation rows (``RAW_FIELDS``), read with the driver's cursor
    (a national indicator has a hundred thousand rows; the ORM's per-row conversion is not needed)."""
    out: dict[int, dict[str, list[tuple[Any, ...]]]] = {pk: defaultdict(list) for pk in indicator_ids}
    if not indicator_ids:
        return out
    table = Observation._meta.db_table
    marks = ", ".join(["%s"] * len(indicator_ids))
    sql = f"SELECT indicator_id, {', '.join(RAW_FIELDS)} FROM {table} WHERE indicator_id IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, list(indicator_ids))
        while rows := cursor.fetchmany(50_000):
            for row in rows:
                out[row[0]][row[2]].append((*row[1:13], bool(row[13])))
    return out


# --- single indicators (none, min-n, and rules that are not additive) --------------------------------


def protect_single(indicator: Indicator, rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    rule = indicator.disclosure_rule
    is_rate = value_kind(indicator) == "rate"
    factor = _factor(indicator)
    out = []
    for row in rows:
        (
            area,
            period,
            breakdown,
            value,
            num,
            den,
            ci_low,
            ci_high,
            n,
            status,
            attribute,
            revisions,
            computed,
        ) = row
        protected = disclosure.protect(
            value,
            rule,
            is_rate=is_rate,
            numerator=num,
            denominator=den,
            factor=factor,
            n=n,
            attribute=attribute,
        )
        if protected.secret or (protected.value is None and attribute):
            reason = R_SOURCE if attribute and value is None else R_PRIMARY
            note = NOTE_SOURCE if reason == R_SOURCE else protected.reason
            out.append(_hidden(indicator.pk, row, reason, note, ""))
            continue
        interval = rule.kind in {"none", "min-n"}
        out.append(
            (
                indicator.pk, area, period, breakdown, protected.value, protected.numerator,
                protected.denominator, ci_low if interval else None, ci_high if interval else None,
                n if rule.kind in {"none", "min-n"} else None, status, "", False, R_NONE,
                protected.reason, "", bool(computed), revisions > 0, digest(value, num),
            )
        )  # fmt: skip
    return out


def _factor(indicator: Indicator) -> float | None:
    if indicator.factor:
        return indicator.factor
    return unit_of(indicator.unit).rate_factor


def _hidden(
    indicator_id: int, row: tuple[Any, ...], reason: str, note: str, protects: str, fingerprint: str = ""
) -> tuple[Any, ...]:
    area, period, breakdown, value, num = row[:5]
    status, revisions, computed = row[9], row[11], row[12]
    return (
        indicator_id, area, period, breakdown, None, None, None, None, None, None, status, ".", True, reason,
        note, protects, bool(computed), revisions > 0, fingerprint or digest(value, num),
    )  # fmt: skip


# --- tables of additive figures -----------------------------------------------------------------------


@dataclass
class History:
    """What earlier, still readable publications showed or hid of a table's cells."""

    hidden: set[tuple[int, str, str]] = field(default_factory=set)  # (area, period, breakdown)
    shown: dict[tuple[int, str, str], dict[str, float]] = field(
        default_factory=dict
    )  # cell -> digest -> count


def load_history(indicator_ids: Sequence[int], readable: Sequence[int]) -> History:
    history = History()
    if not readable:
        return history
    numbers = sorted(readable)
    rows = PublishedValue.objects.filter(indicator_id__in=list(indicator_ids), since__lte=numbers[-1])
    fields = (
        "area_id",
        "period",
        "breakdown",
        "secret",
        "reason",
        "value",
        "numerator",
        "digest",
        "since",
        "until",
    )
    for area, period, breakdown, secret, reason, value, num, dig, since, until in rows.values_list(
        *fields
    ).iterator(chunk_size=50_000):
        first = bisect.bisect_left(numbers, since)
        if first == len(numbers) or (until is not None and numbers[first] >= until):
            continue  # in no readable publication
        cell = (area, period, breakdown)
        if secret and reason in (R_PRIMARY, R_SECONDARY, R_CARRIED):
            history.hidden.add(cell)
        elif not secret:
            shown = num if num is not None else value
            if shown is not None:
                history.shown.setdefault(cell, {})[dig] = shown
    return history


def protect_cluster(
    cluster: Cluster,
    indicators: dict[int, Indicator],
    rows: dict[int, dict[str, list[tuple[Any, ...]]]],
    hierarchy: Hierarchy,
    history: History,
) -> tuple[list[tuple[Any, ...]], dict[int, TableReport]]:
    """Every period of a table of linked additive indicators."""
    first = indicators[cluster.members[0]]
    rule = first.disclosure_rule
    widths = sdc.Widths(base=5 if rule.kind == "cbs-persons" else rule.param, class_upper=7)
    periods = sorted({p for pk in cluster.members for p in rows[pk]})
    out: list[tuple[Any, ...]] = []
    reports = {pk: TableReport() for pk in cluster.members}
    for period in periods:
        period_rows = {pk: rows[pk].get(period, []) for pk in cluster.members}
        out.extend(
            _protect_period(cluster, indicators, period, period_rows, hierarchy, history, widths, reports)
        )
    return out, reports


def _cell_value(indicator: Indicator, row: tuple[Any, ...]) -> float | None:
    """The count a cell rests on: the value of a count, the numerator of a rate."""
    return row[4] if value_kind(indicator) == "rate" else row[3]


def _protect_period(
    cluster: Cluster,
    indicators: dict[int, Indicator],
    period: str,
    period_rows: dict[int, list[tuple[Any, ...]]],
    hierarchy: Hierarchy,
    history: History,
    widths: sdc.Widths,
    reports: dict[int, TableReport],
) -> list[tuple[Any, ...]]:
    persons = indicators[cluster.members[0]].disclosure_rule.kind == "cbs-persons"
    values: dict[tuple[int, str], float | None] = {}
    unprotectable: set[tuple[int, str]] = set()
    for pk in cluster.members:  # the count first: its value is the cell
        indicator = indicators[pk]
        for row in period_rows[pk]:
            key = (row[0], row[2])
            cell = _cell_value(indicator, row)
            if cell is None and row[3] is not None:
                unprotectable.add(key)  # a rate without its numerator
            if key not in values or values[key] is None:
                values[key] = cell
    code = hierarchy.code
    cells: dict[sdc.Key, sdc.CellIn] = {}
    by_key: dict[sdc.Key, tuple[int, str]] = {}
    for (area, breakdown), value in values.items():
        key = (code[area], breakdown)
        by_key[key] = (area, breakdown)
        known = None
        if value is not None:
            known = history.shown.get((area, period, breakdown), {}).get(digest(value))
        cells[key] = sdc.CellIn(
            value=None if (area, breakdown) in unprotectable else value,
            primary=persons and value is not None and 0 <= value <= disclosure.PERSON_THRESHOLD,
            carried=(area, period, breakdown) in history.hidden,
            known_before=known,
        )
    groups = candidate_groups(values.keys(), int(period[:4]), hierarchy)
    relations = sdc.group_relations(groups, {k: c.value for k, c in cells.items()})
    result = sdc.protect_table(cells, relations, widths)
    for pk in cluster.members:
        report = reports[pk]
        report.audited += len(result.intervals)
        report.failures.extend(
            {"period": period, "area": i.key[0], "breakdown": i.key[1], "low": _finite(i.low),
             "high": _finite(i.high), "required": i.required, "reason": i.reason}
            for i in result.failures
        )  # fmt: skip
        widths_found = [i.high - i.low for i in result.intervals if math.isfinite(i.high - i.low)]
        if widths_found:
            smallest = min(widths_found)
            report.narrowest = smallest if report.narrowest is None else min(report.narrowest, smallest)
    return _rows_out(cluster, indicators, period_rows, result, unprotectable, hierarchy, widths, reports)


def _finite(value: float) -> float | None:
    """JSON has no infinity: an unbounded side of an interval is stored as null."""
    return value if math.isfinite(value) else None


def _rows_out(
    cluster: Cluster,
    indicators: dict[int, Indicator],
    period_rows: dict[int, list[tuple[Any, ...]]],
    result: sdc.Protection,
    unprotectable: set[tuple[int, str]],
    hierarchy: Hierarchy,
    widths: sdc.Widths,
    reports: dict[int, TableReport],
) -> list[tuple[Any, ...]]:
    out = []
    code = hierarchy.code
    base = widths.base
    for pk in cluster.members:
        indicator = indicators[pk]
        rate = value_kind(indicator) == "rate"
        factor = _factor(indicator)
        report = reports[pk]
        for row in period_rows[pk]:
            report.cells += 1
            area, breakdown = row[0], row[2]
            hidden = result.hidden.get((code[area], breakdown))
            cell = row[4] if rate else row[3]
            if (area, breakdown) in unprotectable or (rate and row[3] is not None and not row[5]):
                report.hidden[R_UNPROTECTABLE] += 1
                out.append(_hidden(pk, row, R_UNPROTECTABLE, NOTE_UNPROTECTABLE, "", digest(cell)))
            elif hidden is not None and hidden.reason == sdc.UNKNOWN:
                report.hidden[R_SOURCE] += 1
                out.append(_hidden(pk, row, R_SOURCE, NOTE_SOURCE, "", digest(cell)))
            elif hidden is not None:
                reason = {sdc.PRIMARY: R_PRIMARY, sdc.CARRIED: R_CARRIED}.get(hidden.reason, R_SECONDARY)
                protects = f"{hidden.protects[0]} {hidden.protects[1]}".strip() if hidden.protects else ""
                report.hidden[reason] += 1
                out.append(_hidden(pk, row, reason, NOTE_HIDDEN, protects, digest(cell)))
            else:
                out.append(_shown(pk, row, rate, factor, base, cell))
    return out


def _shown(
    indicator_id: int, row: tuple[Any, ...], rate: bool, factor: float | None, base: float, cell: float | None
) -> tuple[Any, ...]:
    area, period, breakdown, value, num, den = row[:6]
    status, revisions, computed = row[9], row[11], row[12]
    what = "vijftallen" if base == 5 else f"{base:g}-tallen"
    if rate:
        shown_num = sdc.round_to(num, base)
        shown_den = sdc.round_to(den, base)
        shown = shown_num / shown_den * factor if shown_den and factor else None
        note = f"Berekend uit aantallen afgerond op {what}."
        values: tuple[Any, ...] = (shown, shown_num, shown_den)
    else:
        values = (sdc.round_to(value, base) if value is not None else None, None, None)
        note = f"Afgerond op {what}."
    return (
        indicator_id, area, period, breakdown, *values, None, None, None, status, "", False, R_NONE,
        note, "", bool(computed), revisions > 0, digest(cell),
    )  # fmt: skip
