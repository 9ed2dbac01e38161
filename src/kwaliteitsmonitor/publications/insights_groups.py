# SPDX-License-Identifier: EUPL-1.2
"""The reference groups of a gemeente and the one figure that stands for a group
(``docs/methods/vergelijken.md``). The comparison table, its sentences, the trend chart of the
indicator page, the Stand van de gemeente and Vergelijken all take a group's figure from here, so a
group has the same figure, computed the same way and named the same, wherever it is shown.

Groups (:func:`reference_groups`): provincie, COROP, jeugdzorgregio, GGD-regio, stedelijkheidsklasse and
grootteklasse from ``AreaMembership``. Each kind has its own indeling year: the latest year of that
kind up to the year of the period compared (a 2022 figure with the 2022 indeling, else the latest
earlier one); when the gemeente has no membership of that kind up to then, the earliest later one,
and the label says so. The year is in every label.

Group figure (:func:`group_point`), per period, in this order:

1. ``gepubliceerd`` / ``berekend``: the group's own figure, when the group is an area (Nederland, a
   provincie or region) with a figure of its own for the period (``berekend`` when
   ``indicators.derive`` computed it from its gemeenten). Not for counts: a region's total dwarfs a
   gemeente's.
2. ``som``: for a rate (not a survey figure) whose members with a value all carry numerator and
   denominator, the rate of the summed numerators and denominators (rates are never averaged).
3. ``mediaan``: otherwise the median of the members' values.

Secret or missing member values never count (and never as 0): ``used`` of ``expected`` members.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q

from kwaliteitsmonitor.analysis import formulas
from kwaliteitsmonitor.analysis.periods import parse_period
from kwaliteitsmonitor.analysis.units import unit
from kwaliteitsmonitor.analysis.vocabulary import SIZE_CLASSES, URBANITY_CLASSES
from kwaliteitsmonitor.areas.models import Area, AreaMembership, MembershipKind
from kwaliteitsmonitor.indicators.models import Indicator

from .insights_common import period_key
from .queries import ValueRow

KINDS = [
    ("provincie", MembershipKind.PROVINCIE),
    ("corop", MembershipKind.COROP),
    ("jeugdzorgregio", MembershipKind.JEUGDREGIO),
    ("ggd_regio", MembershipKind.GGDREGIO),
    ("stedelijkheidsklasse", MembershipKind.STEDELIJKHEID),
    ("grootteklasse", MembershipKind.GROOTTEKLASSE),
]
PREFIX = {
    "provincie": "provincie",
    "corop": "COROP-gebied",
    "jeugdzorgregio": "jeugdzorgregio",
    "ggd_regio": "GGD-regio",
}
AREA_KINDS = {"nederland", *PREFIX}  # groups that are areas, possibly with a figure of their own

# Method of a group figure → what it is, for notes under tables and charts.
STATISTICS = {
    "gepubliceerd": "het gepubliceerde cijfer van de groep zelf",
    "berekend": "het cijfer van de regio zelf, door de monitor berekend uit al haar gemeenten",
    "som": "berekend uit de opgetelde tellers en noemers van de gemeenten (gewogen naar hun noemer)",
    "mediaan": "de mediaan van de gemeenten (de middelste waarde; elke gemeente telt even zwaar)",
}
# Method → ``reference_source`` of ``analysis.compare`` (and of the API).
REFERENCE_SOURCE = {
    "gepubliceerd": "gepubliceerd",
    "berekend": "berekend",
    "som": "som",
    "mediaan": "mediaan van de groep",
}


def class_name(kind: str, code: str) -> str:
    digits = "".join(ch for ch in code if ch.isdigit()).lstrip("0")
    if kind == "stedelijkheidsklasse":
        described = URBANITY_CLASSES.get(digits)
        return f"{described.lower()}e gemeenten" if described else f"stedelijkheidsklasse {code}"
    described = SIZE_CLASSES.get(digits)
    return f"gemeenten met {described}" if described else f"grootteklasse {code}"


# A region whose own name already says what it is keeps its name: "GGD Hollands Midden", not "GGD-regio
# GGD Hollands Midden".
NAMED_SO = {
    "provincie": ("provincie",),
    "corop": ("corop",),
    "jeugdzorgregio": ("jeugdregio", "jeugdzorgregio"),
    "ggd_regio": ("ggd",),
}


def group_name(kind: str, code: str, area_name: str | None) -> str:
    if kind in PREFIX and area_name:
        first = area_name.split()[0].lower().replace("-", "")
        if first.startswith(NAMED_SO[kind]):
            return area_name
        return f"{PREFIX[kind]} {area_name}"
    return class_name(kind, code)


def period_year(period: str | None) -> int | None:
    return parse_period(period).year if period else None


def _choose(own: list[dict[str, Any]], year: int | None) -> dict[str, dict[str, Any]]:
    """Per kind the membership of the latest year up to ``year`` (else the earliest later one)."""
    chosen: dict[str, dict[str, Any]] = {}
    for m in own:
        best = chosen.get(m["kind"])
        if best is None or _better_year(m["year"], best["year"], year):
            chosen[m["kind"]] = m
    return chosen


def _better_year(candidate: int, current: int, year: int | None) -> bool:
    if year is None:
        return candidate > current
    if (candidate <= year) != (current <= year):
        return candidate <= year
    return candidate > current if candidate <= year else candidate < current


def reference_groups(area: Area, periods: Iterable[str | None]) -> dict[int | None, list[dict[str, Any]]]:
    """The own groups of ``area`` for the year of each period (two queries for all of them).

    Per year of the periods (None: the latest indeling of every kind) a list in :data:`KINDS` order of
    ``{"kind", "code", "name", "members", "year", "for_year"}``: ``members`` the codes of the member
    gemeenten (the own one included) in the indeling ``year``; ``for_year`` the year of the period.
    """
    years = {period_year(p) for p in periods}
    fields = ("kind", "year", "group_code", "group__name")
    own = list(AreaMembership.objects.filter(area=area).values(*fields))
    chosen = {year: _choose(own, year) for year in years}
    wanted = {(m["kind"], m["year"], m["group_code"]) for c in chosen.values() for m in c.values()}
    members: dict[tuple[str, int, str], list[str]] = {key: [] for key in wanted}
    if wanted:
        query = Q()
        for kind, year, code in wanted:
            query |= Q(kind=kind, year=year, group_code=code)
        rows = AreaMembership.objects.filter(query).values_list("kind", "year", "group_code", "area__code")
        for kind, year, code, member in rows:
            members[(kind, year, code)].append(member)
    out: dict[int | None, list[dict[str, Any]]] = {}
    for for_year, by_kind in chosen.items():
        groups = []
        for name, kind in KINDS:
            m = by_kind.get(kind)
            if m is None:
                continue
            groups.append(
                {
                    "kind": name,
                    "code": m["group_code"],
                    "name": group_name(name, m["group_code"], m["group__name"]),
                    "members": sorted(members[(kind, m["year"], m["group_code"])]),
                    "year": m["year"],
                    "for_year": for_year,
                }
            )
        out[for_year] = groups
    return out


def group_point(
    indicator: Indicator, group: Mapping[str, Any], by_area: Mapping[str, ValueRow], period: str
) -> dict[str, Any]:
    """The figure of ``group`` in ``period`` from the protected rows of that period by area code
    (method in the module docstring): ``{"period", "value", "secret", "method", "used", "expected"}``."""
    members = group["members"]
    if group["kind"] in AREA_KINDS and not unit(indicator.unit).additive:
        row = by_area.get(group["code"])
        if row is not None and (row.value is not None or row.secret):
            method = "berekend" if row.computed else "gepubliceerd"
            return _point(period, row.value, method, 1, 1, secret=row.secret)
    shown = [by_area[m] for m in members if m in by_area and by_area[m].value is not None]
    if not shown:
        return _point(period, None, "mediaan", 0, len(members))
    if _sum_based(indicator, shown):
        factor = float(unit(indicator.unit).rate_factor or indicator.factor or 0) or None
        aggregate = formulas.aggregate(
            [formulas.Part(r.area, period, r.value, r.numerator, r.denominator) for r in shown],
            formulas.RATE,
            factor=factor,
        )
        return _point(period, aggregate.value, "som", len(shown), len(members))
    median = statistics.median(r.value for r in shown if r.value is not None)
    return _point(period, median, "mediaan", len(shown), len(members))


def group_series(indicator: Indicator, group: Mapping[str, Any], rows: Iterable[ValueRow]) -> list[dict]:
    """:func:`group_point` for every period of ``rows`` (protected rows of the members and of the
    group's own area; other rows and breakdowns are ignored), oldest period first."""
    wanted = {*group["members"], group["code"]}
    by_period: dict[str, dict[str, ValueRow]] = {}
    for row in rows:
        if not row.breakdown and row.area in wanted:
            by_period.setdefault(row.period, {})[row.area] = row
    periods = sorted(by_period, key=period_key)
    return [group_point(indicator, group, by_period[p], p) for p in periods]


def _sum_based(indicator: Indicator, rows: list[ValueRow]) -> bool:
    if indicator.is_survey or formulas.kind_for(indicator.unit, indicator.count_method) != formulas.RATE:
        return False
    return all(r.numerator is not None and r.denominator for r in rows)


def _point(
    period: str, value: float | None, method: str, used: int, expected: int, *, secret: bool = False
) -> dict[str, Any]:
    return {
        "period": period,
        "value": value,
        "secret": secret,
        "method": method,
        "used": used,
        "expected": expected,
    }


def _gemeenten(used: int, expected: int) -> str:
    word = "gemeente" if expected == 1 else "gemeenten"
    return f"{used} {word}" if used == expected else f"{used} van de {expected} {word}"


def statistic_text(point: Mapping[str, Any]) -> str:
    """What the group's figure is, for a label: "mediaan van 43 gemeenten", "gepubliceerd cijfer"."""
    method, used, expected = point["method"], point["used"], point["expected"]
    if method == "gepubliceerd":
        return "gepubliceerd cijfer" if not point["secret"] else "gepubliceerd cijfer, geheim"
    if method == "berekend":
        return "cijfer van de regio, berekend uit al haar gemeenten"
    if point["value"] is None:
        return f"geen cijfer van de {_gemeenten(expected, expected)}"
    if method == "som":
        return f"opgetelde tellers en noemers van {_gemeenten(used, expected)}"
    return f"mediaan van {_gemeenten(used, expected)}"


def indeling_text(group: Mapping[str, Any]) -> str:
    """ "indeling 2024", or for an indeling later than the period "indeling 2023 (geen indeling van 2022
    of eerder)"; "" for groups without an indeling (Nederland, the comparison group)."""
    year, for_year = group.get("year"), group.get("for_year")
    if year is None:
        return ""
    if for_year is not None and year > for_year:
        return f"indeling {year} (geen indeling van {for_year} of eerder)"
    return f"indeling {year}"


def group_label(group: Mapping[str, Any], point: Mapping[str, Any]) -> str:
    """Exactly which group and which figure: "Gemeenten met 50.000 tot 100.000 inwoners (mediaan van
    43 gemeenten, indeling 2024)"."""
    details = ", ".join(p for p in (statistic_text(point), indeling_text(group)) if p)
    name = group["name"]
    return f"{name[:1].upper()}{name[1:]} ({details})"
