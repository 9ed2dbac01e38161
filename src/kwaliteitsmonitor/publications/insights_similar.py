# SPDX-License-Identifier: EUPL-1.2
"""Gemeenten die op ons lijken (``analysis.similar``, DOMAIN.md §5.1), from protected values.

Characteristics are named in :data:`CHARACTERISTICS` (a count, or a share computed from two counts of
the same year) or are any published indicator code (its value as published). Each is taken from the
latest year in which the gemeente itself has it, for all gemeenten of that year. Queries: the latest
periods, the values, optionally the memberships for hard filters and the indicator shown per match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Max, Q

from kwaliteitsmonitor.analysis import similar
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level
from kwaliteitsmonitor.indicators.models import Indicator

from .queries import published as published_values
from .queries import values_for_indicators

CHARACTERISTICS: dict[str, dict[str, Any]] = {
    "inwoners": {"label": "inwonertal", "indicator": "bev_inwoners", "log": True, "decimals": 0},
    "pct_75plus": {
        "label": "aandeel 75-plussers",
        "indicator": "bev_75plus",
        "per": "bev_inwoners",
        "decimals": 1,
        "unit": "pct",
    },
    "pct_0_17": {
        "label": "aandeel jongeren (0–17 jaar)",
        "indicator": "bev_0_17",
        "per": "bev_inwoners",
        "decimals": 1,
        "unit": "pct",
    },
    "wmo_per_1000": {"label": "Wmo-cliënten per 1.000 inwoners", "indicator": "wmo_clienten_per_1000"},
}
DEFAULT_CHARACTERISTICS = ("inwoners", "pct_75plus", "pct_0_17", "wmo_per_1000")
FILTER_KINDS = {"provincie", "stedelijkheid", "grootteklasse", "jeugdregio", "ggdregio", "corop"}
DEFAULT_K = 10
MAX_K = 50


class UnknownCharacteristic(ValueError):
    """A characteristic that is neither named nor a published indicator; the message is Dutch."""


def _specs(codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    specs: dict[str, dict[str, Any]] = {}
    unknown = [c for c in codes if c not in CHARACTERISTICS]
    indicators = Indicator.objects.filter(code__in=unknown, is_published=True).in_bulk(field_name="code")
    for code in codes:
        if code in CHARACTERISTICS:
            specs[code] = dict(CHARACTERISTICS[code])
        elif code in indicators:
            ind = indicators[code]
            specs[code] = {
                "label": ind.label.lower(),
                "indicator": code,
                "decimals": ind.decimals,
                "unit": ind.unit,
            }
        else:
            raise UnknownCharacteristic(f"Onbekend kenmerk '{code}'.")
    return specs


def _latest_periods(area: Area, codes: set[str]) -> dict[str, str]:
    rows = (
        published_values()
        .filter(
            indicator__code__in=codes, area=area, breakdown="", period__endswith="JJ00", value__isnull=False
        )
        .values("indicator__code")
        .annotate(latest=Max("period"))
    )
    return {r["indicator__code"]: r["latest"] for r in rows}


def _data(area: Area, specs: Mapping[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict, str]:
    needed = {s["indicator"] for s in specs.values()} | {s["per"] for s in specs.values() if "per" in s}
    latest = _latest_periods(area, needed)
    indicators = Indicator.objects.filter(code__in=needed).in_bulk(field_name="code")
    # By area ids and plain columns, not by a join on the area level or an OR per indicator: the
    # database then uses the unique (indicator, area, period, breakdown) index directly.
    peers = list(Area.objects.filter(level=area.level, is_pseudo=False).values_list("id", flat=True))
    wanted = [ind for code, ind in indicators.items() if code in latest]
    rows = values_for_indicators(
        wanted, Q(area_id__in=peers, breakdown="", period__in=sorted(set(latest.values())))
    )
    raw: dict[str, dict[str, float | None]] = {}
    names: dict[str, str] = {}
    for code, values in rows.items():
        for r in values:
            if r.period != latest[code]:
                continue
            names[r.area] = r.area_name
            raw.setdefault(r.area, {})[code] = r.value
    data: dict[str, dict[str, Any]] = {}
    for gm, row in raw.items():
        data[gm] = {}
        for code, spec in specs.items():
            value = row.get(spec["indicator"])
            if "per" in spec:
                base = row.get(spec["per"])
                value = value / base * 100 if value is not None and base else None
            data[gm][code] = value
    periods = {code: latest.get(spec["indicator"], "") for code, spec in specs.items()}
    return data, names, periods


def _add_memberships(data: dict[str, dict[str, Any]], kinds: set[str]) -> None:
    latest = AreaMembership.objects.filter(kind__in=kinds).aggregate(year=Max("year"))["year"]
    rows = AreaMembership.objects.filter(kind__in=kinds, year=latest).values_list(
        "area__code", "kind", "group_code"
    )
    for gm, kind, code in rows:
        if gm in data:
            data[gm][kind] = code


def _text(spec: dict[str, Any], value: Any) -> str:
    if value is None:
        return "–"
    if spec.get("unit"):
        return format_value(value, spec["unit"], spec.get("decimals", 1))
    return format_number(value, spec.get("decimals", 1))


def similar_areas(
    area: Area,
    characteristics: Sequence[str] = DEFAULT_CHARACTERISTICS,
    weights: Mapping[str, float] | None = None,
    k: int = DEFAULT_K,
    filters: Sequence[similar.Filter] = (),
    *,
    indicator: Indicator | None = None,
    indicator_period: str | None = None,
) -> dict[str, Any]:
    """The ``k`` gemeenten (or, for a wijk, the ``k`` wijken elsewhere) most like ``area`` on
    ``characteristics`` (z-scores over all areas of its level, weighted distance).

    For a wijk the wijken of its own gemeente are left out of the matches: the question is which wijken in
    other gemeenten resemble it. ``filters`` may name characteristics or, for gemeenten, membership kinds
    (``provincie``, ``stedelijkheid``, ...). With ``indicator`` each match also carries that indicator's
    value in ``indicator_period``.
    """
    weights = weights or {}
    codes = list(dict.fromkeys(characteristics))
    specs = _specs(codes)
    data, names, periods = _data(area, specs)
    out: dict[str, Any] = {"area": {"code": area.code, "name": area.name}, "k": k, "matches": []}
    if area.code not in data:
        out["message"] = f"Er zijn geen kenmerken van {area.name} om mee te vergelijken."
        return out
    kinds = {f.code for f in filters if f.code in FILTER_KINDS}
    if kinds and area.level == Level.GM:
        _add_memberships(data, kinds)
    own_gemeente = [c for c in data if area.level == Level.WK and c != area.code and c[2:6] == area.code[2:6]]
    chars = [
        similar.Characteristic(
            code, specs[code]["label"], float(weights.get(code, 1.0)), specs[code].get("log", False)
        )
        for code in codes
    ]
    result = similar.find_similar(area.code, data, chars, k=k, filters=filters, exclude=own_gemeente)
    left_out = dict(result.left_out)
    own = data[area.code]
    plural, group = ("wijken", "wijken in andere gemeenten") if area.level == Level.WK else ("gemeenten",) * 2
    shown_values = (
        _indicator_values(indicator, indicator_period, [area.code, *result.members]) if indicator else {}
    )
    out |= {
        "method_version": result.method_version,
        "fingerprint": result.fingerprint,
        "definition_fingerprint": result.definition_fingerprint,
        "candidates": result.candidates,
        "universe": len(data),
        "filters": [{"code": f.code, "equals": f.equals, "min": f.min, "max": f.max} for f in filters],
        "characteristics": [
            {
                "code": c.code,
                "label": c.label,
                "weight": c.weight,
                "log": c.log,
                "indicator": specs[c.code]["indicator"],
                "per": specs[c.code].get("per"),
                "period": periods[c.code],
                "period_label": period_label(periods[c.code]) if periods[c.code] else "",
                "own_value": own.get(c.code),
                "own_text": _text(specs[c.code], own.get(c.code)),
                "used": c.code not in left_out,
                "left_out_reason": left_out.get(c.code, ""),
            }
            for c in chars
        ],
        "matches": [
            {
                "rank": m.rank,
                "area": m.area,
                "name": names.get(m.area, m.area),
                "distance": m.distance,
                "distance_text": format_number(m.distance, 2),
                "explanation": m.explanation,
                "contributions": [{"code": c, "part": p} for c, p in m.contributions],
                "values": [
                    {"code": c.code, "text": _text(specs[c.code], data[m.area].get(c.code))} for c in chars
                ],
                **({"indicator_value": shown_values.get(m.area)} if indicator else {}),
            }
            for m in result.matches
        ],
        "method": (
            f"Elk kenmerk is omgerekend naar een z-score over alle {plural} (inwonertal eerst als "
            "logaritme); de afstand is de gewogen euclidische afstand over de kenmerken; de dichtstbijzijnde "
            f"{k} {group} vormen de groep (methode {result.method_version})."
        ),
    }
    if indicator:
        own_value = shown_values.get(area.code)
        out["indicator"] = {"code": indicator.code, "period": indicator_period, "own": own_value}
    return out


def _indicator_values(indicator: Indicator, period: str | None, areas: Sequence[str]) -> dict[str, dict]:
    if not period:
        return {}
    rows = values_for_indicators([indicator], Q(period=period, breakdown="", area__code__in=list(areas)))
    out = {}
    for r in rows[indicator.code]:
        text = "geheim" if r.secret else _text({"unit": r.unit, "decimals": r.decimals}, r.value)
        out[r.area] = {"value": r.value, "text": text, "secret": r.secret}
    return out


def save_comparison_group(area: Area, found: dict[str, Any], name: str = "") -> Any:
    """Store a :func:`similar_areas` result as the area's comparison group (idempotent by fingerprint)."""
    from kwaliteitsmonitor.areas.models import ComparisonGroup

    group, _ = ComparisonGroup.objects.get_or_create(
        area=area,
        fingerprint=found["fingerprint"],
        defaults={
            "name": name or f"gemeenten die op {area.name} lijken",
            "method_version": found["method_version"],
            "definition_fingerprint": found["definition_fingerprint"],
            "characteristics": [
                {k: c[k] for k in ("code", "label", "weight", "log", "indicator", "per", "period")}
                for c in found["characteristics"]
            ],
            "filters": found["filters"],
            "k": found["k"],
            "members": [m["area"] for m in found["matches"]],
            "matches": [
                {"area": m["area"], "distance": m["distance"], "explanation": m["explanation"]}
                for m in found["matches"]
            ],
        },
    )
    return group
