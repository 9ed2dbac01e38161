# SPDX-License-Identifier: EUPL-1.2
"""Comparison of a gemeente's value with its reference groups (DOMAIN.md §5.3, ``analysis.compare``,
``docs/methods/vergelijken.md``).

Groups: Nederland (all gemeenten with a figure), provincie, COROP, jeugdzorgregio, GGD-regio,
stedelijkheidsklasse and grootteklasse, each in its own indeling for the period compared
(``insights_groups.reference_groups``), and the comparison group (``insights_peers``: the saved one,
else the gemeenten die op ons lijken; never a group the indicator helped to pick). Each group's figure
is ``insights_groups.group_point`` (the group's own figure, the rate of its summed parts, or the
median), named in the row's ``label`` and in its sentence, the same figure the trend chart and
Vergelijken draw. Queries: the period (when not given), the memberships, the members of the own
groups, the comparison group and one query for all values of the period.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Q

from kwaliteitsmonitor.analysis import compare
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.areas.models import Area, AreaMembership, ComparisonGroup, Level
from kwaliteitsmonitor.indicators.models import Indicator

from .insights_common import NATIONAL, POLARITY, latest_period
from .insights_groups import (
    KINDS,
    PREFIX,
    REFERENCE_SOURCE,
    STATISTICS,
    group_label,
    group_name,
    group_point,
    group_series,
    indeling_text,
    period_year,
    reference_groups,
    statistic_text,
)
from .insights_peers import derived_peer_group, peer_choices, saved_peer_group
from .queries import ValueRow, _note_read, values_for_indicators
from .queries import published as published_values

__all__ = [
    "GROUP_METHODS",
    "comparisons_for_indicators",
    "default_period",
    "derived_peer_group",
    "group_options",
    "group_series",
    "indicator_comparisons",
    "saved_peer_group",
]

GROUP_METHODS = STATISTICS  # method of a group's figure → what it is (Vergelijken names it so)


def _value(row: ValueRow) -> compare.Value:
    return compare.Value(row.area, row.value, row.ci_low, row.ci_high, row.n)


def default_period(indicator: Indicator, area: Area) -> str | None:
    _note_read([indicator.code])  # a figure that chose its period depends on the indicator's values
    periods = (
        published_values()
        .filter(Q(value__isnull=False) | Q(secret=True), indicator=indicator, area=area, breakdown="")
        .values_list("period", flat=True)
        .distinct()
    )
    return latest_period(indicator, periods)


def _signed(value: float | None, decimals: int) -> str:
    if value is None:
        return "–"
    text = format_number(abs(value), decimals)
    return text if round(value, decimals) == 0 else ("+" if value > 0 else "−") + text


def _significance_text(c: compare.Comparison, survey: bool) -> str:
    if not survey:
        return "n.v.t. (registratie: geen steekproef)"
    if c.significant is None:
        return "onbekend (geen interval)"
    return "significant" if c.significant else "niet significant"


def _row(
    c: compare.Comparison, indicator: Indicator, survey: bool, group: dict[str, Any], point: dict[str, Any]
) -> dict[str, Any]:
    d = indicator.decimals
    return {
        "kind": c.kind,
        "kind_label": compare.GROUP_KINDS.get(c.kind, c.kind),
        "code": c.code,
        "name": c.name,
        "label": group_label(group, point),
        "members": len(group["members"]),
        "membership_year": group.get("year"),
        "indeling": indeling_text(group),
        "statistic": point["method"],
        "statistic_text": statistic_text(point),
        "used": point["used"],
        "expected": point["expected"],
        "reference": c.reference,
        "reference_text": format_number(c.reference, d) if c.reference is not None else "–",
        "reference_source": c.reference_source,
        "difference": c.difference,
        "difference_text": _signed(c.difference, d),
        "relative_difference": c.relative_difference,
        "rank": c.rank,
        "ranked": c.ranked,
        "rank_text": f"{c.rank} van {c.ranked}" if c.rank is not None else "–",
        "percentile": c.percentile,
        "percentile_text": format_number(c.percentile, 0) if c.percentile is not None else "–",
        "better": c.better,
        "significant": c.significant,
        "significance_text": _significance_text(c, survey),
        "text": c.text,
    }


def indicator_comparisons(
    indicator: Indicator,
    area: Area,
    period: str | None = None,
    *,
    peer_group: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Comparisons of ``area``'s value in ``period`` (default: its latest) with every reference group.

    ``peer_group``: ``{"kind", "code", "name", "members", "inputs"}`` for the comparison group ({} for
    none); when None the comparison group of ``insights_peers.peer_choice`` (the latest saved
    :class:`~kwaliteitsmonitor.areas.models.ComparisonGroup` of the area, else the gemeenten die op ons
    lijken on the default characteristics). A group the indicator helped to pick is never used; the
    answer's ``peer_note`` says why.
    """
    return comparisons_for_indicators([indicator], area, peer_group=peer_group, periods={indicator: period})[
        indicator.code
    ]


def comparisons_for_indicators(
    indicators: list[Indicator],
    area: Area,
    *,
    peer_group: dict[str, Any] | None = None,
    periods: dict[Indicator, str | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """:func:`indicator_comparisons` of several indicators, each in its own latest period (or the one
    in ``periods``), with the groups looked up once per indeling year and all values in one query (the
    Stand van de gemeente page)."""
    chosen = {i: (periods or {}).get(i) for i in indicators}
    missing = [i for i, p in chosen.items() if not p]
    if missing:
        # Also an indicator without a value yet: its first values change the figure.
        _note_read(i.code for i in missing)
        found: dict[int, set[str]] = {i.pk: set() for i in missing}
        periods_qs = (
            published_values()
            .filter(
                Q(value__isnull=False) | Q(secret=True), indicator_id__in=list(found), area=area, breakdown=""
            )
            .values_list("indicator_id", "period")
            .distinct()
        )
        for indicator_id, period in periods_qs:
            found[indicator_id].add(period)
        chosen |= {i: latest_period(i, found[i.pk]) for i in missing}
    groups = reference_groups(area, {p for p in chosen.values() if p})
    peers = peer_choices(indicators, area, peer_group)
    rows = _period_rows({i: p for i, p in chosen.items() if p}, groups)
    return {
        i.code: _comparison(
            i, area, chosen[i], rows.get(i.code, []), groups.get(period_year(chosen[i]), []), peers[i.code]
        )
        for i in indicators
    }


def _period_rows(
    periods: dict[Indicator, str], groups: dict[int | None, list[dict[str, Any]]]
) -> dict[str, list[ValueRow]]:
    """Protected values of every gemeente, Nederland and the own regions, each indicator in its period."""
    if not periods:
        return {}
    group_codes = sorted({g["code"] for gs in groups.values() for g in gs if g["kind"] in PREFIX})
    area_ids = list(
        Area.objects.filter(Q(level=Level.GM) | Q(code__in=[NATIONAL, *group_codes])).values_list(
            "id", flat=True
        )
    )
    wanted = Q()
    for indicator, period in periods.items():
        wanted |= Q(indicator_id=indicator.pk, period=period)
    return values_for_indicators(list(periods), Q(breakdown="", area_id__in=area_ids) & wanted)


def _comparison(
    indicator: Indicator,
    area: Area,
    period: str | None,
    rows: list[ValueRow],
    groups: list[dict[str, Any]],
    peer: dict[str, Any],
) -> dict[str, Any]:
    survey = indicator.is_survey
    polarity = POLARITY.get(indicator.polarity, "neutral")
    out: dict[str, Any] = {
        "indicator": indicator.code,
        "area": {"code": area.code, "name": area.name},
        "period": period,
        "period_label": period_label(period) if period else "",
        "survey": survey,
        "polarity": polarity,
        "own": None,
        "all_gemeenten": None,
        "comparisons": [],
        "range": None,  # lowest and highest value among all gemeenten
        "note": "",
        "peer_note": peer["note"],
    }
    if period is None:
        out["note"] = f"Er is nog geen cijfer van {area.name} om te vergelijken."
        return out
    by_area = {r.area: r for r in rows}
    own_row = by_area.get(area.code)
    own = _value(own_row) if own_row else compare.Value(area.code, None)
    national = {"kind": "nederland", "code": NATIONAL, "name": "Nederland", "year": None,
                "members": sorted(r.area for r in rows if r.level == Level.GM)}  # fmt: skip
    shown_groups = [national, *groups, *([peer["group"]] if peer["group"] else [])]
    reference_groups, points = [], []
    for g in shown_groups:
        point = group_point(indicator, g, by_area, period)
        published = point["method"] in {"gepubliceerd", "berekend"}
        reference = _value(by_area[g["code"]]) if published else compare.Value(g["code"], point["value"])
        members = tuple(_value(by_area[m]) for m in g["members"] if m in by_area)
        reference_groups.append(
            compare.ReferenceGroup(
                g["kind"], g["code"], g["name"], members, reference, REFERENCE_SOURCE[point["method"]]
            )
        )
        points.append(point)
    results = compare.compare_all(
        own, reference_groups, polarity=polarity, survey=survey, decimals=indicator.decimals
    )
    out["own"] = {
        "value": own.value,
        "text": format_number(own.value, indicator.decimals) if own.value is not None else "–",
        "secret": bool(own_row and own_row.secret),
        "ci_low": own.ci_low,
        "ci_high": own.ci_high,
    }
    out["membership_years"] = {g["kind"]: g["year"] for g in groups}
    shown = [r.value for r in rows if r.level == Level.GM and r.value is not None]
    out["range"] = {"low": min(shown), "high": max(shown)} if shown else None
    out["comparisons"] = [
        _row(c, indicator, survey, g, p) for c, g, p in zip(results, shown_groups, points, strict=True)
    ]
    national_result = results[0]
    out["all_gemeenten"] = {
        "rank": national_result.rank,
        "of": national_result.ranked,
        "percentile": national_result.percentile,
        "text": (
            f"Plaats {national_result.rank} van {national_result.ranked} gemeenten "
            f"(1 = {'hoogste' if polarity == 'neutral' else 'beste'}); percentiel "
            f"{format_number(national_result.percentile, 0)} (0 = laagste, 100 = hoogste waarde)."
            if national_result.rank is not None and national_result.percentile is not None
            else "Geen rangorde: er is geen eigen waarde."
        ),
    }
    if any(p["method"] == "mediaan" for p in points):
        out["note"] = (
            "Groepen zonder eigen cijfer worden vergeleken met de mediaan van hun gemeenten (de "
            "middelste waarde)"
            + (
                ", en bij een verhoudingsgetal waarvan alle gemeenten teller en noemer hebben met het "
                "cijfer uit hun opgetelde tellers en noemers."
                if any(p["method"] == "som" for p in points)
                else "."
            )
        )
    elif any(p["method"] == "som" for p in points):
        out["note"] = (
            "Groepen zonder eigen cijfer: het cijfer uit de opgetelde tellers en noemers van hun gemeenten."
        )
    return out


def group_options() -> list[dict[str, Any]]:
    """Every group a gemeente can be compared with, for a choice on a page: Nederland (all gemeenten),
    each provincie, region and class in the latest year known for its kind, and the saved comparison
    groups. Each: ``{"id", "kind", "kind_label", "code", "name", "members", "year"}``; ``id`` is
    ``kind:code`` (``vergelijkingsgroep:<pk>`` for a saved group). Three queries."""
    gemeenten = sorted(Area.objects.filter(level=Level.GM).values_list("code", flat=True))
    out = [_option("nederland", NATIONAL, "Nederland", gemeenten, None)]
    years = dict(AreaMembership.objects.values("kind").annotate(y=Max("year")).values_list("kind", "y"))
    latest = Q(pk__in=[])
    for kind, year in years.items():
        latest |= Q(kind=kind, year=year)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    fields = ("kind", "group_code", "group__name", "area__code")
    rows = AreaMembership.objects.filter(latest).values_list(*fields)
    for kind, code, area_name, member in rows:
        entry = found.setdefault((kind, code), {"name": area_name, "members": []})
        entry["members"].append(member)
    for name, kind in KINDS:
        groups = sorted((code, e) for (k, code), e in found.items() if k == kind)
        for code, entry in groups:
            out.append(
                _option(
                    name, code, group_name(name, code, entry["name"]), sorted(entry["members"]), years[kind]
                )
            )
    for saved in ComparisonGroup.objects.select_related("area").order_by("area__name", "-created_at", "pk"):
        name = saved.name or f"vergelijkingsgroep van {saved.area.name}"
        option = _option("vergelijkingsgroep", str(saved.pk), name, list(saved.members), None)
        out.append(option | {"owner": saved.area.code})
    return out


def _option(kind: str, code: str, name: str, members: list[str], year: int | None) -> dict[str, Any]:
    return {
        "id": f"{kind}:{code}",
        "kind": kind,
        "kind_label": compare.GROUP_KINDS.get(kind, kind),
        "code": code,
        "name": name,
        "members": members,
        "year": year,
    }
