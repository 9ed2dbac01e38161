# SPDX-License-Identifier: EUPL-1.2
"""Indicator formulas and aggregation over an area hierarchy (DOMAIN.md §1.3–1.5).

Rules:

* A rate is ``numerator / denominator × factor`` with factor 100 (``pct``, ``per_100``), 1.000 or 10.000.
  The denominator is an indicator of its own (all inhabitants, inhabitants of 75+, youth under 18,
  youth of 12–22, ...): the caller passes the denominator values of the indicator named in the
  indicator definition. A zero or missing denominator gives no value, never 0 or infinity.
* Aggregation over areas (buurt → wijk → gemeente → region) **sums counts** and **recomputes rates from
  the summed numerators and denominators**; rates are never averaged. A part without its numerator
  or denominator makes the rate aggregate impossible (the mean of rates is not a substitute).
* A parent with a value of its own keeps it. A parent without one gets the aggregate of its children,
  marked ``computed``; when children lack a value it is also marked incomplete, with how many of how
  many children were used. An incomplete count is a lower bound, and is said to be so.
* Half-years never add up to years: counts are "during the period", so a person helped in both halves
  counts once in the year (year ≥ each half, year ≠ H1 + H2). :func:`aggregate_periods` always refuses,
  and :func:`aggregate` refuses parts from different periods.
* Survey figures (mean scores, percentages with a confidence interval and n) and other non-additive
  figures (scores, means, indices, days) are not aggregated: :func:`aggregate` raises
  :class:`NotAggregable`; :func:`aggregate_hierarchy` marks the parent "niet optelbaar".
* Disclosure comes after aggregation: the aggregate is computed from the unrounded parts and then
  protected (:func:`protect_aggregate`); a parent shown with its parts also gets secondary suppression
  of the parts (:func:`protect_breakdown`), so a secret part cannot be read off as total − shown parts.

Matching the breakdowns of a rate's parts (:func:`denominator_breakdown`): a rate exists for every
breakdown its numerator has, in the same area and the same period (never another period's population).
Its denominator is the denominator indicator's value in

* the same breakdown, when the definition names no target group ("per 1.000 inwoners van de betreffende
  groep": clients 75+ per 1.000 inhabitants 75+);
* the target group (``Indicator.denominator_breakdown``, e.g. ``leeftijd=18+``) narrowed by the numerator's
  breakdown: the numerator's categories replace the target group's in the same dimension and add the
  others. Wmo clients (total) per 1.000 inhabitants ``leeftijd=18+``; clients ``geslacht=vrouw`` per 1.000
  of ``geslacht=vrouw;leeftijd=18+``; clients ``leeftijd=75+`` per 1.000 of ``leeftijd=75+``.

Breakdowns are compared in canonical form (categories ``dimensie=code`` sorted by dimension, so
``b=1;a=2`` is ``a=2;b=1``). A denominator that does not exist in exactly that breakdown gives no value:
never a fallback to the total or to another group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .disclosure import Protected, Rule, protect, suppress_complements
from .periods import parse_period
from .units import unit

COUNT = "count"  # additive: summed over areas
RATE = "rate"  # numerator / denominator × factor: recomputed from sums
SURVEY = "survey"  # mean score or percentage with CI and n: not aggregable
OTHER = "other"  # scores, indices, days, ratios: not aggregable
KINDS = (COUNT, RATE, SURVEY, OTHER)


class FormulaError(ValueError):
    """An impossible formula (negative denominator, unknown kind)."""


class NotAggregable(ValueError):
    """The figure cannot be aggregated over areas or periods; the message is Dutch."""


@dataclass(frozen=True)
class Part:
    """One area's figure for one indicator and one period, unrounded."""

    area: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Aggregate:
    """The result of aggregating parts (or an area's own value, ``computed=False``)."""

    area: str
    period: str
    kind: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    computed: bool = False  # True when derived from children rather than delivered
    parts_used: int = 0
    parts_expected: int = 0
    aggregable: bool = True
    note: str = ""  # Dutch, for the page
    complete: bool = True  # all parts (and, for nested aggregates, their parts) had a value


def kind_for(unit_code: str, count_method: str = "") -> str:
    """The aggregation kind of an indicator from its unit and count method."""
    if count_method == "survey":
        return SURVEY
    if unit_code in {"count", "euro", "euro_1000"}:
        return COUNT
    if unit(unit_code).rate_factor:
        return RATE
    return OTHER


def factor_for(unit_code: str) -> float:
    """The rate factor of a unit (``pct`` → 100, ``per_1000`` → 1000); raises for non-rates."""
    factor = unit(unit_code).rate_factor
    if not factor:
        raise FormulaError(f"Eenheid '{unit_code}' is geen verhoudingsgetal")
    return float(factor)


def rate(numerator: float | None, denominator: float | None, factor: float) -> float | None:
    """``numerator / denominator × factor``; None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    if denominator < 0 or numerator < 0:
        raise FormulaError("Teller en noemer van een verhoudingsgetal kunnen niet negatief zijn")
    return numerator / denominator * factor


def rates_for(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    factor: float,
    period: str = "",
) -> dict[str, Part]:
    """Rates per area from a numerator indicator and the target-group denominator indicator.

    ``denominators`` holds the values of the denominator indicator the definition names, e.g.
    inhabitants of 75+ for Wmo per 1.000 inhabitants of 75+, under-18s for the jeugdhulp percentage.
    """
    result = {}
    for area, num in numerators.items():
        den = denominators.get(area)
        result[area] = Part(area, period, rate(num, den, factor), num, den)
    return result


@lru_cache(maxsize=4096)
def canonical_breakdown(breakdown: str) -> str:
    """``dimensie=code`` categories sorted by dimension (``""`` is the total)."""
    parts = [p.strip() for p in breakdown.split(";") if p.strip()]
    return ";".join(sorted(parts, key=lambda p: p.split("=", 1)[0]))


@lru_cache(maxsize=4096)
def denominator_breakdown(numerator_breakdown: str, target: str = "") -> str:
    """The breakdown of the denominator for a numerator breakdown (see the module docstring)."""
    if not target:
        return canonical_breakdown(numerator_breakdown)
    merged = {p.split("=", 1)[0]: p for p in canonical_breakdown(target).split(";") if p}
    merged |= {p.split("=", 1)[0]: p for p in canonical_breakdown(numerator_breakdown).split(";") if p}
    return canonical_breakdown(";".join(merged.values()))


def dependency_order(parts: Mapping[str, Sequence[str]]) -> tuple[list[str], list[str]]:
    """Indicators ordered so that every indicator comes after its parts (``parts``: indicator → the
    indicators it is computed from), and the ones in a cycle (which cannot be computed), both sorted."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cyclic: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cyclic.update(path[path.index(node) :])
            return
        state[node] = 1
        for part in sorted(parts.get(node, ())):
            if part in parts:
                visit(part, [*path, part])
        state[node] = 2
        order.append(node)

    for node in sorted(parts):
        visit(node, [node])
    return [n for n in order if n not in cyclic], sorted(cyclic)


def aggregate(
    parts: Sequence[Part], kind: str, *, area: str = "", factor: float | None = None, expected: int = 0
) -> Aggregate:
    """Aggregate the parts of one area (counts summed, rates from summed numerators/denominators).

    ``expected`` is the number of parts there should be (children in the hierarchy); parts with no
    value count as missing. Raises :class:`NotAggregable` for survey and other non-additive figures
    and for parts from different periods.
    """
    _check_aggregable(kind)
    period = _single_period(parts)
    expected = max(expected, len(parts))
    if kind == COUNT:
        values = [p.value for p in parts if p.value is not None]
        total = float(sum(values)) if values else None
        return _computed(area, period, kind, total, None, None, len(values), expected)
    if factor is None:
        raise FormulaError("Een verhoudingsgetal optellen vraagt de factor (100, 1.000 of 10.000)")
    usable = [p for p in parts if p.numerator is not None and p.denominator is not None]
    if not usable:
        return _computed(area, period, kind, None, None, None, 0, expected)
    num = float(sum(p.numerator for p in usable if p.numerator is not None))
    den = float(sum(p.denominator for p in usable if p.denominator is not None))
    return _computed(area, period, kind, rate(num, den, factor), num, den, len(usable), expected)


def aggregate_periods(periods: Sequence[str], kind: str) -> Aggregate:
    """Always refuses: figures over half-years (or quarters) never add up to a year (DOMAIN §1.4)."""
    kinds = {parse_period(p).kind for p in periods}
    if kinds - {"JJ"}:
        raise NotAggregable(
            "Halfjaren (en kwartalen) tellen niet op tot een jaar: cijfers gaan over personen 'gedurende "
            "de periode', dus wie in beide halfjaren hulp had, telt in het jaar één keer. Gebruik het "
            "jaarcijfer van de bron."
        )
    raise NotAggregable("Jaren worden niet bij elkaar opgeteld; kies één periode.")


def aggregate_hierarchy(
    children: Mapping[str, Sequence[str]],
    own: Mapping[str, Part],
    kind: str,
    *,
    factor: float | None = None,
    period: str = "",
) -> dict[str, Aggregate]:
    """Values for every area in a hierarchy (``children``: parent → child areas).

    An area's own value wins; a parent without one gets the aggregate of its children's values (own or
    computed, bottom-up), marked computed, and marked incomplete when children lack a value.
    """
    result: dict[str, Aggregate] = {}
    areas = set(children) | set(own) | {c for cs in children.values() for c in cs}
    for area in sorted(areas):
        _resolve(area, children, own, kind, factor, period, result, ())
    return result


def _resolve(
    area: str,
    children: Mapping[str, Sequence[str]],
    own: Mapping[str, Part],
    kind: str,
    factor: float | None,
    period: str,
    result: dict[str, Aggregate],
    path: tuple[str, ...],
) -> Aggregate:
    if area in result:
        return result[area]
    if area in path:
        raise FormulaError(f"Kringverwijzing in de gebiedsindeling bij {area}")
    part = own.get(area)
    if part is not None and part.value is not None:
        value = Aggregate(area, part.period, kind, part.value, part.numerator, part.denominator)
    elif not children.get(area):
        value = Aggregate(area, period, kind, None, note="Geen waarde.", complete=False)
    elif kind in (SURVEY, OTHER):
        value = Aggregate(
            area, period, kind, None, computed=True, aggregable=False, note=_not_aggregable(kind)
        )
    else:
        subs = [
            _resolve(c, children, own, kind, factor, period, result, (*path, area)) for c in children[area]
        ]
        parts = [Part(s.area, s.period or period, s.value, s.numerator, s.denominator) for s in subs]
        parts = [p if p.value is not None else Part(p.area, period, None) for p in parts]
        value = aggregate(parts, kind, area=area, factor=factor, expected=len(subs))
        if value.complete and not all(s.complete for s in subs):
            value = replace(
                value, complete=False, note=value.note + " Niet alle onderliggende gebieden zijn volledig."
            )
    result[area] = value
    return value


def _computed(
    area: str,
    period: str,
    kind: str,
    value: float | None,
    num: float | None,
    den: float | None,
    used: int,
    expected: int,
) -> Aggregate:
    if used == 0:
        note = "Berekend uit onderliggende gebieden, maar geen daarvan heeft een waarde."
    elif used < expected:
        note = f"Berekend uit {used} van de {expected} onderliggende gebieden; de andere ontbreken."
        if kind == COUNT:
            note += " Het werkelijke aantal is dus hoger of gelijk."
    else:
        note = f"Berekend: som van {expected} onderliggende gebieden."
        if kind == RATE:
            note = f"Berekend uit de opgetelde tellers en noemers van {expected} onderliggende gebieden."
    return Aggregate(area, period, kind, value, num, den, True, used, expected, True, note, used == expected)


def _check_aggregable(kind: str) -> None:
    if kind not in KINDS:
        raise FormulaError(f"Onbekende soort '{kind}'; kies uit {', '.join(KINDS)}")
    if kind in (SURVEY, OTHER):
        raise NotAggregable(_not_aggregable(kind))


def _not_aggregable(kind: str) -> str:
    if kind == SURVEY:
        return (
            "Niet optelbaar: enquêtecijfers (gemiddelden en percentages met betrouwbaarheidsinterval en "
            "aantal respondenten) gelden alleen voor het gebied waarvoor ze zijn geschat."
        )
    return "Niet optelbaar: scores, gemiddelden en indexcijfers tellen niet op over gebieden."


def _single_period(parts: Sequence[Part]) -> str:
    periods = {p.period for p in parts if p.value is not None or p.numerator is not None}
    if len(periods) > 1:
        raise NotAggregable(
            "Delen uit verschillende perioden ("
            + ", ".join(sorted(periods))
            + ") worden niet opgeteld; halfjaren tellen niet op tot een jaar."
        )
    return next(iter(periods), "")


def protect_aggregate(
    value: Aggregate, rule: Rule, *, factor: float | None = None, n: int | None = None
) -> Protected:
    """Disclosure control of an aggregate (computed from unrounded parts, protected afterwards)."""
    if value.kind == RATE:
        return protect(
            value.value,
            rule,
            is_rate=True,
            numerator=value.numerator,
            denominator=value.denominator,
            factor=factor,
        )
    return protect(value.value, rule, n=n)


def protect_breakdown(
    total: Aggregate, parts: Sequence[Aggregate], rule: Rule, *, factor: float | None = None
) -> tuple[Protected, list[Protected]]:
    """Protect a total and its parts shown together: primary protection of each, then secondary
    suppression of the parts when the total is shown, so no secret part equals total − shown parts."""
    shown_total = protect_aggregate(total, rule, factor=factor)
    shown_parts = [protect_aggregate(p, rule, factor=factor) for p in parts]
    return shown_total, suppress_complements(shown_parts, total_shown=shown_total.shown)
