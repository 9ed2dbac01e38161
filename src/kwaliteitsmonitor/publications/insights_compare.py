# SPDX-License-Identifier: EUPL-1.2
"""Comparison of a gemeente's value with its reference groups (DOMAIN.md §5.3, ``analysis.compare``).

Groups come from ``AreaMembership`` of the latest year known for the gemeente: provincie, COROP,
jeugdzorgregio, GGD-regio, stedelijkheidsklasse, grootteklasse; plus Nederland (all gemeenten, with
the published national figure as reference for rates and scores) and the comparison group (the saved
one, else the gemeenten die op ons lijken). Queries: the period (when not given), the memberships, the
members of the own groups and one query for all values of the period.
"""

from __future__ import annotations

import statistics
from typing import Any

from django.db.models import Max, Q

from kwaliteitsmonitor.analysis import compare, formulas
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number, unit
from kwaliteitsmonitor.analysis.vocabulary import SIZE_CLASSES, URBANITY_CLASSES
from kwaliteitsmonitor.areas.models import Area, AreaMembership, ComparisonGroup, Level, MembershipKind
from kwaliteitsmonitor.indicators.models import Indicator

from .insights_common import NATIONAL, POLARITY, latest_period, period_key
from .insights_similar import similar_areas
from .queries import ValueRow, values_for_indicators
from .queries import published as published_values

GROUP_METHODS = {
    "gepubliceerd": "het gepubliceerde cijfer van de groep zelf",
    "berekend": "het cijfer van de regio zelf, door de monitor berekend uit al haar gemeenten",
    "som": "berekend uit de opgetelde tellers en noemers van de gemeenten (gewogen naar hun noemer)",
    "gemiddelde": "het ongewogen gemiddelde van de gemeenten (elke gemeente telt even zwaar)",
}

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


def _class_name(kind: str, code: str) -> str:
    digits = "".join(ch for ch in code if ch.isdigit()).lstrip("0")
    if kind == "stedelijkheidsklasse":
        described = URBANITY_CLASSES.get(digits)
        return f"{described.lower()}e gemeenten" if described else f"stedelijkheidsklasse {code}"
    described = SIZE_CLASSES.get(digits)
    return f"gemeenten met {described}" if described else f"grootteklasse {code}"


def _value(row: ValueRow) -> compare.Value:
    return compare.Value(row.area, row.value, row.ci_low, row.ci_high, row.n)


def _groups(area: Area) -> tuple[int | None, list[dict[str, Any]]]:
    """The own groups of the latest membership year, with their member gemeenten (two queries)."""
    own = list(AreaMembership.objects.filter(area=area).values("kind", "year", "group_code", "group__name"))
    if not own:
        return None, []
    year = max(m["year"] for m in own)
    own = [m for m in own if m["year"] == year]
    wanted = {(m["kind"], m["group_code"]) for m in own}
    members: dict[tuple[str, str], list[str]] = {key: [] for key in wanted}
    rows = AreaMembership.objects.filter(
        year=year, kind__in=[k for k, _ in wanted], group_code__in=[c for _, c in wanted]
    ).values_list("kind", "group_code", "area__code")
    for kind, code, member in rows:
        if (kind, code) in members:
            members[(kind, code)].append(member)
    by_kind = {m["kind"]: m for m in own}
    groups = []
    for name, kind in KINDS:
        m = by_kind.get(kind)
        if m is None:
            continue
        code = m["group_code"]
        label = f"{PREFIX[name]} {m['group__name']}" if name in PREFIX and m["group__name"] else None
        groups.append(
            {
                "kind": name,
                "code": code,
                "name": label or _class_name(name, code),
                "members": sorted(members[(kind, code)]),
            }
        )
    return year, groups


def default_period(indicator: Indicator, area: Area) -> str | None:
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


def _row(c: compare.Comparison, indicator: Indicator, survey: bool, members: int) -> dict[str, Any]:
    d = indicator.decimals
    return {
        "kind": c.kind,
        "kind_label": compare.GROUP_KINDS.get(c.kind, c.kind),
        "code": c.code,
        "name": c.name,
        "members": members,
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

    ``peer_group``: ``{"kind", "code", "name", "members"}`` for the comparison group; when None the
    latest saved :class:`~kwaliteitsmonitor.areas.models.ComparisonGroup` of the area is used, else the
    gemeenten die op ons lijken with the default characteristics (:func:`derived_peer_group`).
    """
    period = period or default_period(indicator, area)
    if period is None:
        return _comparison(indicator, area, None, [], None, [], None)
    year, groups = _groups(area)
    if peer_group is None:
        peer_group = saved_peer_group(area) or derived_peer_group(area)
    rows = _period_rows({indicator: period}, groups)[indicator.code]
    return _comparison(indicator, area, period, rows, year, groups, peer_group)


def comparisons_for_indicators(
    indicators: list[Indicator], area: Area, *, peer_group: dict[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """:func:`indicator_comparisons` of several indicators, each in its own latest period, with the
    groups looked up once and all values in one query (the Stand van de gemeente page)."""
    found: dict[int, set[str]] = {i.pk: set() for i in indicators}
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
    periods = {i: latest_period(i, found[i.pk]) for i in indicators}
    year, groups = _groups(area)
    if peer_group is None:
        peer_group = saved_peer_group(area) or derived_peer_group(area)
    rows = _period_rows({i: p for i, p in periods.items() if p}, groups)
    return {
        i.code: _comparison(i, area, periods[i], rows.get(i.code, []), year, groups, peer_group)
        for i in indicators
    }


def _period_rows(periods: dict[Indicator, str], groups: list[dict[str, Any]]) -> dict[str, list[ValueRow]]:
    """Protected values of every gemeente, Nederland and the own regions, each indicator in its period."""
    if not periods:
        return {}
    group_codes = [g["code"] for g in groups if g["kind"] in PREFIX]
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
    year: int | None,
    groups: list[dict[str, Any]],
    peer_group: dict[str, Any] | None,
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
    }
    if period is None:
        out["note"] = f"Er is nog geen cijfer van {area.name} om te vergelijken."
        return out
    by_area = {r.area: r for r in rows}
    own_row = by_area.get(area.code)
    own = _value(own_row) if own_row else compare.Value(area.code, None)
    gemeenten = [_value(r) for r in rows if r.level == Level.GM]
    national_ok = not unit(indicator.unit).additive
    reference_groups = [
        compare.ReferenceGroup(
            "nederland",
            NATIONAL,
            "Nederland",
            tuple(gemeenten),
            _value(by_area[NATIONAL]) if national_ok and NATIONAL in by_area else None,
        )
    ]
    counts = {"nederland": len(gemeenten)}
    for g in [*groups, *([peer_group] if peer_group else [])]:
        members = tuple(_value(by_area[m]) for m in g["members"] if m in by_area)
        published = by_area.get(g["code"]) if g["kind"] in PREFIX and national_ok else None
        reference_groups.append(
            compare.ReferenceGroup(
                g["kind"], g["code"], g["name"], members, _value(published) if published else None
            )
        )
        counts[g["kind"]] = len(g["members"])
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
    out["membership_year"] = year
    shown = [g.value for g in gemeenten if g.value is not None]
    out["range"] = {"low": min(shown), "high": max(shown)} if shown else None
    out["comparisons"] = [_row(c, indicator, survey, counts.get(c.kind, 0)) for c in results]
    national = results[0]
    out["all_gemeenten"] = {
        "rank": national.rank,
        "of": national.ranked,
        "percentile": national.percentile,
        "text": (
            f"Plaats {national.rank} van {national.ranked} gemeenten "
            f"(1 = {'hoogste' if polarity == 'neutral' else 'beste'}); percentiel "
            f"{format_number(national.percentile, 0)} (0 = laagste, 100 = hoogste waarde)."
            if national.rank is not None and national.percentile is not None
            else "Geen rangorde: er is geen eigen waarde."
        ),
    }
    if not national_ok:
        out["note"] = (
            "Dit is een aantal: dat hangt vooral af van de grootte van de gemeente. De "
            "vergelijkingswaarde is "
            "daarom de mediaan van de gemeenten in de groep, niet het landelijke totaal."
        )
    return out


def derived_peer_group(area: Area, found: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The gemeenten die op ons lijken (a :func:`similar_areas` result, computed when not given)."""
    found = found if found is not None else similar_areas(area)
    if not found.get("matches"):
        return None
    return {
        "kind": "gelijkende_gemeenten",
        "code": found["fingerprint"],
        "name": f"de {len(found['matches'])} gemeenten die op {area.name} lijken",
        "members": [m["area"] for m in found["matches"]],
    }


def saved_peer_group(area: Area) -> dict[str, Any] | None:
    """The latest saved comparison group of ``area`` as a peer group, or None."""
    from kwaliteitsmonitor.areas.models import ComparisonGroup

    saved = ComparisonGroup.objects.filter(area=area).order_by("-created_at", "-pk").first()
    if saved is None:
        return None
    return {
        "kind": "vergelijkingsgroep",
        "code": saved.fingerprint,
        "name": saved.name or "de vergelijkingsgroep",
        "members": list(saved.members),
    }


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
    for kind, code, group_name, member in rows:
        entry = found.setdefault((kind, code), {"name": group_name, "members": []})
        entry["members"].append(member)
    for name, kind in KINDS:
        groups = sorted((code, e) for (k, code), e in found.items() if k == kind)
        for code, entry in groups:
            label = f"{PREFIX[name]} {entry['name']}" if name in PREFIX and entry["name"] else None
            out.append(
                _option(name, code, label or _class_name(name, code), sorted(entry["members"]), years[kind])
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


def group_series(indicator: Indicator, group: dict[str, Any], rows: list[ValueRow]) -> list[dict[str, Any]]:
    """The value of ``group`` (a :func:`group_options` entry) per period, from protected ``rows`` of its
    members (and of the group's own area). Oldest period first; each ``{"period", "value", "secret",
    "method", "used", "expected"}`` with ``method`` a key of :data:`GROUP_METHODS`:

    * ``gepubliceerd`` (``berekend`` when ``indicators.derive`` computed it from all members): the
      group's own figure (Nederland, a provincie or region with a value of its own), the same reference
      :func:`indicator_comparisons` uses; not for counts, whose total for a region dwarfs a gemeente's;
    * ``som``: for rates whose members all carry numerator and denominator, the rate of the summed
      numerators and denominators (``analysis.formulas.aggregate``; rates are never averaged there);
    * ``gemiddelde``: otherwise the unweighted mean of the members' values (scores, survey figures,
      counts: the mean count per gemeente), as the indicator page draws its comparison group.

    ``expected`` is the number of members, ``used`` those with a value: secret or missing member values
    are left out and never count as 0.
    """
    members = set(group["members"])
    comparable = not unit(indicator.unit).additive
    own_area = group["code"] if group["kind"] in {"nederland", *PREFIX} else None
    by_period: dict[str, list[ValueRow]] = {}
    published: dict[str, ValueRow] = {}
    for row in rows:
        if row.breakdown:
            continue
        if row.area == own_area and comparable and (row.value is not None or row.secret):
            published[row.period] = row
        elif row.area in members:
            by_period.setdefault(row.period, []).append(row)
    out = []
    for period in sorted(set(by_period) | set(published), key=period_key):
        if period in published:
            row = published[period]
            method = "berekend" if row.computed else "gepubliceerd"
            out.append(_point(period, row.value, method, 1, 1, secret=row.secret))
            continue
        shown = [r for r in by_period[period] if r.value is not None]
        if not shown:
            out.append(_point(period, None, "gemiddelde", 0, len(members)))
            continue
        if _sum_based(indicator, shown):
            aggregate = formulas.aggregate(
                [formulas.Part(r.area, period, r.value, r.numerator, r.denominator) for r in shown],
                formulas.RATE,
                factor=float(unit(indicator.unit).rate_factor or indicator.factor or 0) or None,
            )
            out.append(_point(period, aggregate.value, "som", len(shown), len(members)))
        else:
            mean = statistics.fmean(r.value for r in shown if r.value is not None)
            out.append(_point(period, mean, "gemiddelde", len(shown), len(members)))
    return out


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
