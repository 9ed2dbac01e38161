# SPDX-License-Identifier: EUPL-1.2
"""Comparison of a gemeente's value with its reference groups (DOMAIN.md §5.3, ``analysis.compare``).

Groups come from ``AreaMembership`` of the latest year known for the gemeente: provincie, COROP,
jeugdzorgregio, GGD-regio, stedelijkheidsklasse, grootteklasse; plus Nederland (all gemeenten, with
the published national figure as reference for rates and scores) and the comparison group (the saved
one, else the gemeenten die op ons lijken). Queries: the period (when not given), the memberships, the
members of the own groups and one query for all values of the period.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kwaliteitsmonitor.analysis import compare
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number, unit
from kwaliteitsmonitor.analysis.vocabulary import SIZE_CLASSES, URBANITY_CLASSES
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level, MembershipKind

from .insights_common import NATIONAL, POLARITY, latest_period
from .insights_similar import similar_areas
from .models import Indicator, Observation
from .queries import ValueRow, values_for_indicators

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
        Observation.objects.filter(indicator=indicator, area=area, breakdown="", value__isnull=False)
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
        "note": "",
    }
    if period is None:
        out["note"] = f"Er is nog geen cijfer van {area.name} om te vergelijken."
        return out
    year, groups = _groups(area)
    if peer_group is None:
        peer_group = saved_peer_group(area) or derived_peer_group(area)
    group_codes = [g["code"] for g in groups if g["kind"] in PREFIX]
    area_ids = list(
        Area.objects.filter(Q(level=Level.GM) | Q(code__in=[NATIONAL, *group_codes])).values_list(
            "id", flat=True
        )
    )
    rows = values_for_indicators([indicator], Q(period=period, breakdown="", area_id__in=area_ids))[
        indicator.code
    ]
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
