# SPDX-License-Identifier: EUPL-1.2
"""Computed values: figures the monitor makes from other figures, stored as observations with
``is_computed`` so that pages, charts, downloads and the API read them through the one protection stage
(``queries.protect_rows``) like any other value. Two kinds (DOMAIN.md §1.3–1.5, issue 9):

**Rates from their parts.** An indicator with numerator, denominator and factor (``Indicator.is_rate``) gets,
in every area, period and breakdown where it has no row of its own and both parts have a value, the value
numerator / denominator × factor, stored *with* the unrounded numerator and denominator so that the
protection stage computes the published rate from protected counts (RELIABILITY-SECURITY.md §1).

* Same area, same period; breakdowns matched as ``analysis.formulas.denominator_breakdown`` says (the
  same group, or the target group ``Indicator.denominator_breakdown`` such as ``leeftijd=18+`` narrowed
  by the numerator's breakdown). No fallback to another breakdown or period.
* Both parts must be counts, the rate's unit a rate unit. A secret part (no value), a zero denominator or a
  negative part gives no value.
* Not computed (and said so in the notes) when the rate's disclosure rule is ``none`` while a part's is
  not: the published rate would give the unprotected count back.
* Parts may themselves be computed (an own count per wijk summed to the gemeente): parts are always
  recomputed before the rates made from them (``recompute.plan``).

**Aggregates over the area hierarchy** (unchanged): a wijk without a delivered value gets the aggregate of
its buurten, a gemeente of its wijken, a region (provincie, COROP, jeugdregio, GGD-regio) of its member
gemeenten.

* Only counts and rates are aggregated: counts are summed, rates recomputed from the summed numerators
  and denominators. Survey figures and other non-additive figures are never aggregated.
* Only registrations are aggregated: the municipality's own and its partners' (``provider`` own or
  partner). Statistics offices (CBS, and GGD or other survey bureaus) publish every level themselves; a
  level they did not publish is a choice of theirs (often disclosure).
* Per period: half-years are never added up to a year, years never to anything.
* A value is computed only when **every** expected part has one (the parts valid in the period's year;
  pseudo-areas such as water wijken count when they have a value). An incomplete sum would be a lower
  bound presented as a total, so the area then simply has no value. A rate computed from its parts counts
  as a value for this.
* Nederland is never computed from gemeenten: it comes from the source.

Both kinds: an area with a row of its own, even a secret one (value withheld by the source), is never
computed (computing it would reveal what the source kept secret); a delivered value replaces a computed
one (``load.py``); computed values keep no revisions; the unrounded parts are used and disclosure control
applies when the value is read. Idempotent: computed values that did not change are not written.

When they are recomputed (always inside the transaction of the change): see ``recompute.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kwaliteitsmonitor.analysis import formulas
from kwaliteitsmonitor.analysis.disclosure import DisclosureRuleError

from . import derive_store as store
from . import versioning
from .derive_parts import (
    Hierarchy,
    Key,
    PartRows,
    Payload,
    aggregate_group,
    load_hierarchy,
    rates_from_parts,
)
from .models import ImportRun, Indicator, Provider


@dataclass
class DeriveResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    indicators: list[str] = field(default_factory=list)  # codes whose computed values were recomputed
    notes: list[str] = field(default_factory=list)  # Dutch: what could not be computed, and why

    @property
    def written(self) -> int:
        return self.added + self.changed + self.removed

    def note(self) -> str:
        lines = list(self.notes)
        if self.written:
            lines.insert(
                0,
                f"berekende waarden: {self.added} nieuw, {self.changed} gewijzigd, {self.removed} vervallen",
            )
        return "\n".join(lines)


@dataclass
class Context:
    """One recompute: the run to stamp, the counts, and what is read once (hierarchy, part values)."""

    run: ImportRun | None = None
    result: DeriveResult = field(default_factory=DeriveResult)
    _hierarchy: Hierarchy | None = None
    _parts: dict[tuple[int, tuple[str, ...] | None], PartRows] = field(default_factory=dict)

    @property
    def hierarchy(self) -> Hierarchy:
        if self._hierarchy is None:
            self._hierarchy = load_hierarchy()
        return self._hierarchy

    def part_rows(self, indicator_id: int, periods: list[str] | None) -> PartRows:
        """An indicator's values (delivered and computed, not secret) keyed for matching; read once."""
        key = (indicator_id, tuple(periods) if periods is not None else None)
        if key not in self._parts:
            columns = ("area_id", "period", "breakdown", "value", "status")
            self._parts[key] = {
                (area, period, formulas.canonical_breakdown(breakdown)): (value, status)
                for area, period, breakdown, value, status in store.select(
                    indicator_id, periods, columns, with_value=True
                )
            }
        return self._parts[key]

    def forget(self, indicator_id: int) -> None:
        for key in [k for k in self._parts if k[0] == indicator_id]:
            del self._parts[key]


def aggregates(indicator: Indicator) -> bool:
    """Whether the indicator is aggregated over the area hierarchy (own or partner counts and rates)."""
    kind = formulas.kind_for(indicator.unit, indicator.count_method)
    return indicator.provider in (Provider.OWN, Provider.PARTNER) and kind in (formulas.COUNT, formulas.RATE)


def derivable(indicator: Indicator) -> bool:
    """Whether the monitor computes values of this indicator at all."""
    return indicator.is_rate or aggregates(indicator)


def derive_indicator(indicator: Indicator, periods: list[str] | None, ctx: Context) -> None:
    """(Re)compute the computed values of one indicator in these periods (all when None); its parts must
    be current already. An indicator that is not (or no longer) derivable loses its computed values."""
    parts = _rate_parts(indicator, ctx.result.notes) if indicator.is_rate else None
    if parts is None and not aggregates(indicator):
        _remove_all(indicator, periods, ctx)
        return
    delivered, stored = _read(indicator, periods)
    computed: dict[Key, Payload] = {}
    if parts is not None:
        numerator, denominator = parts
        computed = rates_from_parts(
            _values(numerator, periods),
            ctx.part_rows(denominator.pk, periods),
            float(indicator.factor or 0),
            indicator.denominator_breakdown,
            set(delivered),
        )
    if aggregates(indicator):
        computed |= _aggregates(indicator, delivered, computed, ctx.hierarchy)
    _write(indicator, computed, stored, ctx)


def _values(indicator: Indicator, periods: list[str] | None) -> Iterable[tuple[Any, ...]]:
    """(area, period, breakdown, value, status) of the indicator's values, delivered or computed."""
    columns = ("area_id", "period", "breakdown", "value", "status")
    return store.select(indicator.pk, periods, columns, with_value=True)


def _rate_parts(indicator: Indicator, notes: list[str]) -> tuple[Indicator, Indicator] | None:
    """The numerator and denominator when the rate may be computed from them, else None with a note."""
    numerator, denominator = indicator.numerator, indicator.denominator
    assert numerator is not None and denominator is not None  # is_rate
    problem = ""
    if formulas.kind_for(indicator.unit, indicator.count_method) != formulas.RATE:
        problem = f"de eenheid '{indicator.unit}' is geen verhoudingsgetal"
    elif bad := [p.code for p in (numerator, denominator) if not _is_count(p)]:
        problem = f"teller en noemer moeten aantallen zijn ({', '.join(bad)} is dat niet)"
    else:
        problem = _weaker_rule(indicator, (numerator, denominator))
    if problem:
        notes.append(f"{indicator.code}: niet berekend uit teller en noemer: {problem}")
        return None
    return numerator, denominator


def _is_count(indicator: Indicator) -> bool:
    return formulas.kind_for(indicator.unit, indicator.count_method) == formulas.COUNT


def _weaker_rule(indicator: Indicator, parts: tuple[Indicator, ...]) -> str:
    try:
        rule = indicator.disclosure_rule
        stronger = [p for p in parts if p.disclosure_rule.kind != "none"]
    except DisclosureRuleError as exc:
        return str(exc)
    if rule.kind == "none" and stronger:
        part = stronger[0]
        return (
            f"de geheimhoudingsregel van {indicator.code} is 'none', die van {part.code} "
            f"'{part.disclosure_rule.text}': het verhoudingsgetal zou het onbeveiligde aantal verraden "
            "(geef de indicator dezelfde regel als haar teller)"
        )
    return ""


def _read(
    indicator: Indicator, periods: list[str] | None
) -> tuple[dict[Key, tuple[Any, ...]], dict[Key, tuple[int, Payload]]]:
    """The indicator's own rows (delivered, even secret) and its stored computed rows."""
    delivered: dict[Key, tuple[Any, ...]] = {}
    stored: dict[Key, tuple[int, Payload]] = {}
    columns = (
        "id",
        "area_id",
        "period",
        "breakdown",
        "value",
        "numerator",
        "denominator",
        "status",
        "is_computed",
    )
    for pk, area, period, breakdown, value, num, den, status, computed in store.select(
        indicator.pk, periods, columns
    ):
        if computed:
            stored[(period, breakdown, area)] = (pk, (value, num, den, status))
        else:
            delivered[(period, breakdown, area)] = (value, num, den, status)
    return delivered, stored


def _aggregates(
    indicator: Indicator,
    delivered: dict[Key, tuple[Any, ...]],
    from_parts: dict[Key, Payload],
    hierarchy: Hierarchy,
) -> dict[Key, Payload]:
    kind = formulas.kind_for(indicator.unit, indicator.count_method)
    factor = None
    if kind == formulas.RATE:
        factor = indicator.factor or formulas.factor_for(indicator.unit)
    groups: dict[tuple[str, str], dict[int, tuple[Any, ...]]] = defaultdict(dict)
    for (period, breakdown, area), payload in (*delivered.items(), *from_parts.items()):
        groups[(period, breakdown)][area] = payload
    out: dict[Key, Payload] = {}
    for (period, breakdown), known in groups.items():
        for area, payload in aggregate_group(known, int(period[:4]), kind, factor, hierarchy).items():
            out[(period, breakdown, area)] = payload
    return out


def _remove_all(indicator: Indicator, periods: list[str] | None, ctx: Context) -> None:
    gone = [row[0] for row in store.select(indicator.pk, periods, ("id", "is_computed")) if row[1]]
    if gone:
        store.delete(gone)
        versioning.touch([indicator.pk])
        ctx.forget(indicator.pk)
        ctx.result.removed += len(gone)
        ctx.result.indicators.append(indicator.code)


def _write(
    indicator: Indicator,
    computed: dict[Key, Payload],
    stored: dict[Key, tuple[int, Payload]],
    ctx: Context,
) -> None:
    run_id = ctx.run.pk if ctx.run else None
    inserts = []
    updates = []
    unchanged = 0
    for key, payload in computed.items():
        old = stored.pop(key, None)
        if old is None:
            inserts.append((indicator.pk, key[2], key[0], key[1], *payload, run_id))
        elif old[1] != payload:
            updates.append((*payload, run_id, old[0]))
        else:
            unchanged += 1
    gone = [pk for pk, _payload in stored.values()]
    store.insert(inserts)
    store.update(updates)
    store.delete(gone)
    result = ctx.result
    result.added, result.changed, result.removed = (
        result.added + len(inserts), result.changed + len(updates), result.removed + len(gone)
    )  # fmt: skip
    result.unchanged += unchanged
    result.indicators.append(indicator.code)
    if inserts or updates or gone:
        versioning.touch([indicator.pk])
        ctx.forget(indicator.pk)


def derive_computed_values(
    indicator_codes: Iterable[str], periods: Iterable[str] | None = None, run: ImportRun | None = None
) -> DeriveResult:
    """Values of these indicators changed in these periods (all if None): recompute what depends on them
    (the indicators themselves and every rate made from them). Kept for callers that load values
    themselves; write paths call :func:`kwaliteitsmonitor.indicators.recompute.changed`."""
    from .recompute import Changes, recompute

    wanted = set(periods) if periods is not None else None
    return recompute(Changes(values={code: wanted for code in indicator_codes}), run=run)
