# SPDX-License-Identifier: EUPL-1.2
"""Gemeenten die op ons lijken (``analysis.similar``, DOMAIN.md §5.1), from protected values.

A characteristic is a published indicator, written as its code (``bev_inwoners``: its value as
published; a count is compared as its logarithm) or as ``code/per`` for a share of two counts of the
same year (``bev_75plus/bev_inwoners``: 75-plussers as % of all inhabitants). Staff choose them for a
saved comparison group (the admin, :func:`save_comparison_group` stores them with the group); without a
choice the default set of the setting ``KM_SIMILAR_CHARACTERISTICS`` applies (docs/configuration.md). A
code that is no published indicator is refused with a Dutch message (:class:`UnknownCharacteristic`),
never silently left out or replaced. Each characteristic is taken from the latest year in which the
area itself has it, for all areas of its level in that year. Queries: the indicators, the latest
periods, the values, optionally the memberships for hard filters and the indicator shown per match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db.models import Max, Q

from kwaliteitsmonitor.analysis import similar
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number, format_value, unit
from kwaliteitsmonitor.areas.models import Area, AreaMembership, Level
from kwaliteitsmonitor.indicators.models import Indicator

from .figures import Unavailable
from .queries import _note_read, in_areas, values_for_indicators
from .queries import published as published_values

SETTING = "KM_SIMILAR_CHARACTERISTICS"
FILTER_KINDS = {"provincie", "stedelijkheid", "grootteklasse", "jeugdregio", "ggdregio", "corop"}
DEFAULT_K = 10
MAX_K = 50
SAVED_FIELDS = ("code", "label", "weight", "log", "indicator", "per", "inputs", "period", "used",
                "left_out_reason")  # fmt: skip
_CODE = r"[-a-zA-Z0-9_]+"
ITEM_PATTERN = rf"{_CODE}(/{_CODE})?(:[0-9]{{1,3}}([.][0-9]{{1,3}})?)?"


class UnknownCharacteristic(Unavailable):
    """A characteristic that is no published indicator (or no share of two counts); the message is
    Dutch."""


def parse_characteristics(text: str | Iterable[str]) -> tuple[list[str], dict[str, float]]:
    """``"bev_inwoners:2,bev_75plus/bev_inwoners"`` (or those items as a list) → codes and weights."""
    items = text.split(",") if isinstance(text, str) else list(text)
    codes: list[str] = []
    weights: dict[str, float] = {}
    for item in (part.strip() for part in items):
        if not item:
            continue
        if not re.fullmatch(ITEM_PATTERN, item):
            raise UnknownCharacteristic(
                f"'{item}' is geen kenmerk: schrijf een indicatorcode, teller/noemer voor een aandeel, "
                "eventueel met :gewicht (bijvoorbeeld bev_inwoners:2)."
            )
        code, _, weight = item.partition(":")
        codes.append(code)
        if weight:
            weights[code] = float(weight)
    return codes, weights


def default_characteristics() -> tuple[list[str], dict[str, float]]:
    """The default set: codes and weights of the setting ``KM_SIMILAR_CHARACTERISTICS``."""
    try:
        codes, weights = parse_characteristics(getattr(settings, SETTING))
    except UnknownCharacteristic as exc:
        raise UnknownCharacteristic(f"Instelling {SETTING}: {exc}") from exc
    if not codes:
        raise UnknownCharacteristic(f"De instelling {SETTING} is leeg: er zijn geen standaardkenmerken.")
    return codes, weights


def _specs(codes: Sequence[str], *, default: bool = False) -> dict[str, dict[str, Any]]:
    parts = {code: code.partition("/")[::2] for code in codes}
    needed = {c for pair in parts.values() for c in pair if c}
    _note_read(needed)  # also one that is not published: once it is, the figure is made again
    indicators = Indicator.objects.filter(code__in=needed, is_published=True).in_bulk(field_name="code")
    parents = _rate_parts(indicators.values())
    specs: dict[str, dict[str, Any]] = {}
    for code, (main, per) in parts.items():
        missing = next((c for c in (main, per) if c and c not in indicators), None)
        if missing:
            raise UnknownCharacteristic(_missing_message(code, missing, default))
        ind = indicators[main]
        inputs = {main, *parents.get(main, ())}
        if per:
            base = indicators[per]
            for shown in (ind, base):
                if not unit(shown.unit).additive:
                    raise UnknownCharacteristic(
                        f"Kenmerk '{code}': een aandeel gaat over twee aantallen, maar {shown.code} "
                        f"is een {unit(shown.unit).long_label}."
                    )
            label = f"{_in_sentence(ind.label)} als % van {_in_sentence(base.label)}"
            specs[code] = {"label": label, "indicator": main, "per": per, "decimals": 1, "unit": "pct"}
            inputs |= {per, *parents.get(per, ())}
        else:
            specs[code] = {"label": _in_sentence(ind.label), "indicator": main, "decimals": ind.decimals,
                           "unit": _shown_unit(ind.unit), "log": unit(ind.unit).additive}  # fmt: skip
        specs[code]["inputs"] = sorted(inputs)
    return specs


def _in_sentence(label: str) -> str:
    """A label as it reads within a sentence: "Inwoners 75+" → "inwoners 75+", but an abbreviation
    stays as written ("Wmo-cliënten", "GGZ-gebruik": a first word of at most three letters, or with a
    capital after its first letter)."""
    word = re.match(r"[^\W\d_]*", label).group()  # type: ignore[union-attr]
    if len(word) <= 3 or word[1:] != word[1:].lower():
        return label
    return label[:1].lower() + label[1:]


def _rate_parts(indicators: Iterable[Indicator]) -> dict[str, tuple[str, ...]]:
    """Per indicator code the codes of its numerator and denominator (one query, only for rates)."""
    ids = {
        i.code: (i.numerator_id, i.denominator_id) for i in indicators if i.numerator_id or i.denominator_id
    }
    wanted = {pk for pair in ids.values() for pk in pair if pk}
    codes = dict(Indicator.objects.filter(pk__in=wanted).values_list("pk", "code")) if wanted else {}
    return {code: tuple(codes[pk] for pk in pair if pk in codes) for code, pair in ids.items()}


def _missing_message(code: str, missing: str, default: bool) -> str:
    if default:
        return (
            f"Het kenmerk '{code}' uit de standaardset (instelling {SETTING}) is geen gepubliceerde "
            f"indicator in deze monitor: '{missing}' ontbreekt. Kies bestaande indicatoren als kenmerken "
            f"bij een vergelijkingsgroep in het beheer, of pas de instelling aan."
        )
    return f"Onbekend kenmerk '{code}': er is geen gepubliceerde indicator met code '{missing}'."


def _latest_periods(area: Area, codes: set[str]) -> dict[str, str]:
    _note_read(codes)  # also a characteristic without a value yet: its first values change the figure
    rows = (
        published_values()
        .filter(
            indicator__code__in=codes, area=area, breakdown="", period__endswith="JJ00", value__isnull=False
        )
        .values("indicator__code")
        .annotate(latest=Max("period"))
    )
    return {r["indicator__code"]: r["latest"] for r in rows}


def _data(area: Area, specs: Mapping[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict, dict]:
    """Per area of ``area``'s level the value of every characteristic; a share from its two counts of
    the same period (the latest of its numerator for ``area``)."""
    needed = {s["indicator"] for s in specs.values()} | {s["per"] for s in specs.values() if s.get("per")}
    latest = _latest_periods(area, {s["indicator"] for s in specs.values()})
    periods = {code: latest.get(spec["indicator"], "") for code, spec in specs.items()}
    indicators = Indicator.objects.filter(code__in=needed).in_bulk(field_name="code")
    # By area ids and plain columns, not by a join on the area level or an OR per indicator: the
    # database then uses the unique (indicator, area, period, breakdown) index directly.
    peers = list(Area.objects.filter(level=area.level, is_pseudo=False).values_list("id", flat=True))
    used = sorted({p for p in periods.values() if p})
    rows = values_for_indicators(
        list(indicators.values()), Q(area_id__in=peers, breakdown="", period__in=used)
    ) if used else {}  # fmt: skip
    raw: dict[str, dict[tuple[str, str], float | None]] = {}
    names: dict[str, str] = {}
    for code, values in rows.items():
        for r in values:
            names[r.area] = r.area_name
            raw.setdefault(r.area, {})[(code, r.period)] = r.value
    data: dict[str, dict[str, Any]] = {}
    for gm, row in raw.items():
        data[gm] = {}
        for code, spec in specs.items():
            value = row.get((spec["indicator"], periods[code]))
            if spec.get("per"):
                base = row.get((spec["per"], periods[code]))
                value = value / base * 100 if value is not None and base else None
            data[gm][code] = value
    return data, names, periods


def _add_memberships(data: dict[str, dict[str, Any]], kinds: set[str]) -> None:
    latest = AreaMembership.objects.filter(kind__in=kinds).aggregate(year=Max("year"))["year"]
    rows = AreaMembership.objects.filter(kind__in=kinds, year=latest).values_list(
        "area__code", "kind", "group_code"
    )
    for gm, kind, code in rows:
        if gm in data:
            data[gm][kind] = code


def _shown_unit(code: str) -> str:
    """Characteristics are shown as numbers under their label, percentages with their "%"."""
    return code if code == "pct" else ""


def _text(spec: dict[str, Any], value: Any) -> str:
    if value is None:
        return "–"
    if spec.get("unit"):
        return format_value(value, spec["unit"], spec.get("decimals", 1))
    return format_number(value, spec.get("decimals", 1))


def similar_areas(
    area: Area,
    characteristics: Sequence[str] | None = None,
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
    value in ``indicator_period``. Without ``characteristics`` the default set (with its weights, unless
    ``weights`` are given) of :func:`default_characteristics`. Raises :class:`UnknownCharacteristic`
    when a characteristic is no published indicator.
    """
    default = characteristics is None
    if characteristics is None:
        characteristics, default_weights = default_characteristics()
        weights = weights if weights is not None else default_weights
    weights = weights or {}
    codes = list(dict.fromkeys(characteristics))
    specs = _specs(codes, default=default)
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
                "inputs": specs[c.code]["inputs"],
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
        "method": _method(chars, plural, group, k, result.method_version),
    }
    out["inputs"] = sorted({code for c in out["characteristics"] for code in c["inputs"]})
    if indicator:
        own_value = shown_values.get(area.code)
        out["indicator"] = {"code": indicator.code, "period": indicator_period, "own": own_value}
    return out


def _method(chars: Sequence[similar.Characteristic], plural: str, group: str, k: int, version: str) -> str:
    logged = [c.label for c in chars if c.log]
    first = f" ({_joined(logged)} eerst als logaritme)" if logged else ""
    return (
        f"Elk kenmerk is omgerekend naar een z-score over alle {plural}{first}; de afstand is de gewogen "
        f"euclidische afstand over de kenmerken; de dichtstbijzijnde {k} {group} vormen de groep "
        f"(methode {version})."
    )


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _indicator_values(indicator: Indicator, period: str | None, areas: Sequence[str]) -> dict[str, dict]:
    if not period:
        return {}
    rows = values_for_indicators([indicator], Q(period=period, breakdown="") & in_areas(areas))
    out = {}
    for r in rows[indicator.code]:
        text = "geheim" if r.secret else _text({"unit": r.unit, "decimals": r.decimals}, r.value)
        out[r.area] = {"value": r.value, "text": text, "secret": r.secret}
    return out


def comparison_group_fields(area: Area, found: dict[str, Any], name: str = "") -> dict[str, Any]:
    """The fields of a :class:`~kwaliteitsmonitor.areas.models.ComparisonGroup` that stores a
    :func:`similar_areas` result: its members and the characteristics (indicator, ``per``, weight, year,
    what they are made of) and method it came from, so the benchmark is reproducible."""
    return {
        "name": name or f"gemeenten die op {area.name} lijken",
        "method_version": found["method_version"],
        "definition_fingerprint": found["definition_fingerprint"],
        "characteristics": [{k: c[k] for k in SAVED_FIELDS} for c in found["characteristics"]],
        "filters": found["filters"],
        "k": found["k"],
        "members": [m["area"] for m in found["matches"]],
        "matches": [
            {"area": m["area"], "distance": m["distance"], "explanation": m["explanation"]}
            for m in found["matches"]
        ],
    }


def save_comparison_group(area: Area, found: dict[str, Any], name: str = "") -> Any:
    """Store a :func:`similar_areas` result as the area's comparison group (idempotent by fingerprint)."""
    from kwaliteitsmonitor.areas.models import ComparisonGroup

    group, _ = ComparisonGroup.objects.get_or_create(
        area=area, fingerprint=found["fingerprint"], defaults=comparison_group_fields(area, found, name)
    )
    return group


def characteristic_inputs(characteristics: Iterable[Mapping[str, Any]]) -> list[str]:
    """The indicators that picked a group with these (saved) characteristics: each characteristic's
    indicator and ``per`` count, and the numerators and denominators of those (one query)."""
    codes = {
        c for ch in characteristics for c in (ch.get("indicator"), ch.get("per"), *ch.get("inputs", ())) if c
    }
    parts = _rate_parts(Indicator.objects.filter(code__in=codes))
    return sorted(codes | {c for pair in parts.values() for c in pair})


def saved_similar(
    group: Any, *, indicator: Indicator | None = None, indicator_period: str | None = None
) -> dict[str, Any]:
    """A saved comparison group in the shape of :func:`similar_areas`: its members with their saved
    distances and explanations, the saved characteristics and weights, each value as published for the
    period the group was picked on (three queries, and one for ``indicator``)."""
    area: Area = group.area
    chars = list(group.characteristics)
    members = list(group.members)
    needed = {c["indicator"] for c in chars} | {c["per"] for c in chars if c.get("per")}
    indicators = Indicator.objects.filter(code__in=needed).in_bulk(field_name="code")
    periods = sorted({c["period"] for c in chars if c.get("period")})
    found = values_for_indicators(
        list(indicators.values()), in_areas([area.code, *members]) & Q(breakdown="", period__in=periods)
    )
    raw = {(r.area, code, r.period): r.value for code, rows in found.items() for r in rows}
    names = dict(Area.objects.filter(code__in=members).values_list("code", "name"))

    def value(code: str, c: Mapping[str, Any]) -> float | None:
        v = raw.get((code, c["indicator"], c.get("period", "")))
        if c.get("per"):
            base = raw.get((code, c["per"], c.get("period", "")))
            return v / base * 100 if v is not None and base else None
        return v

    def spec(c: Mapping[str, Any]) -> dict[str, Any]:
        ind = indicators.get(c["indicator"])
        if c.get("per"):
            return {"unit": "pct", "decimals": 1}
        return {"unit": _shown_unit(ind.unit), "decimals": ind.decimals} if ind else {}

    shown = _indicator_values(indicator, indicator_period, [area.code, *members]) if indicator else {}
    saved_matches = {m["area"]: m for m in group.matches}
    day = group.created_at.date()
    saved_on = f"{day.day} {period_label(f'{day.year}MM{day.month:02d}')}"
    out: dict[str, Any] = {
        "area": {"code": area.code, "name": area.name},
        "k": group.k,
        "saved": {
            "name": group.name,
            "created_at": day.isoformat(),
            "created_at_text": saved_on,
            "pk": group.pk,
        },
        "method_version": group.method_version,
        "fingerprint": group.fingerprint,
        "definition_fingerprint": group.definition_fingerprint,
        "filters": list(group.filters),
        "characteristics": [
            {
                **{k: c.get(k) for k in ("code", "label", "weight", "log", "indicator", "per", "period")},
                "period_label": period_label(c["period"]) if c.get("period") else "",
                "own_value": value(area.code, c),
                "own_text": _text(spec(c), value(area.code, c)),
                "used": c.get("used", True),
                "left_out_reason": c.get("left_out_reason", ""),
            }
            for c in chars
        ],
        "matches": [
            {
                "rank": rank,
                "area": code,
                "name": names.get(code, code),
                "distance": saved_matches.get(code, {}).get("distance"),
                "distance_text": format_number(saved_matches[code]["distance"], 2)
                if code in saved_matches
                else "–",
                "explanation": saved_matches.get(code, {}).get("explanation", ""),
                "values": [{"code": c["code"], "text": _text(spec(c), value(code, c))} for c in chars],
                **({"indicator_value": shown.get(code)} if indicator else {}),
            }
            for rank, code in enumerate(members, start=1)
        ],
        "method": (
            f"Dit is de opgeslagen vergelijkingsgroep ‘{group.name or 'vergelijkingsgroep'}’ (opgeslagen op "
            f"{saved_on}, methode {group.method_version}): gekozen op de kenmerken "
            "hieronder, met de cijfers van het jaar waarin de groep is gekozen. De groep verandert niet "
            "als er nieuwe cijfers komen."
        ),
        "inputs": characteristic_inputs(chars),
    }
    if indicator:
        out["indicator"] = {"code": indicator.code, "period": indicator_period, "own": shown.get(area.code)}
    return out
