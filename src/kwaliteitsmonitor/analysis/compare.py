# SPDX-License-Identifier: EUPL-1.2
"""Comparison of one area's value with reference groups (DOMAIN.md §5.3).

Reference value: the value the caller gives for the group, with the name of the statistic it is
(``ReferenceGroup.source``: the group's own published figure, a figure computed from summed numerators
and denominators, a median, ...; Nederland and a provincie have published figures, which are not the
mean of their gemeenten); without one, the median of the members and own value (labelled so). A group
given with ``value=Value(code, None)`` has no reference: nothing is computed in its place. The
sentence names the statistic next to the value ("(mediaan: 7,2)"). Group mean and median are always
reported when members are given.

Difference: absolute (own − reference) and relative (÷ reference; none when the reference is 0).

Rank: 1 = best given the polarity (``higher_better``: highest value ranks 1; ``lower_better``: lowest;
``neutral``: highest ranks 1 and the page says "hoogste"). Ties share the best rank ("1, 1, 3").
The own area is counted among the members (added when missing). Areas without a value are not ranked.

Percentile: the mid-rank percentile of the own value among the members, by value (not by polarity):
``100 × (members below + ½ × members equal) / members``; 0 = lowest, 100 = highest.

Significance, for survey figures only (registrations cover the whole population; their differences
are real, if perhaps small): a two-sided z-test on the difference with standard errors derived from
the 95 % intervals, ``se = (high − low) / (2 × 1,96)``, ``z = diff / √(se_own² + se_ref²)``,
significant when ``|z| > 1,96``. A reference without an interval (e.g. Nederland, with a huge n) counts
as exact. Own or group overlap is ignored, which makes the test conservative when the own area is
part of the reference. ``method="overlap"`` uses the stricter rule "significant only when the intervals
do not overlap". Without an own interval the significance is unknown and the text says so.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .units import format_number

GROUP_KINDS = {
    "nederland": "Nederland",
    "provincie": "provincie",
    "corop": "COROP-gebied",
    "jeugdzorgregio": "jeugdzorgregio",
    "ggd_regio": "GGD-regio",
    "stedelijkheidsklasse": "stedelijkheidsklasse",
    "grootteklasse": "gemeentegrootteklasse",
    "vergelijkingsgroep": "vergelijkingsgroep",
    "gelijkende_gemeenten": "gemeenten die op ons lijken",
}
# How a sentence names the statistic of each reference source.
SOURCE_WORDS = {
    "gepubliceerd": "gepubliceerd cijfer",
    "berekend": "berekend cijfer",
    "som": "uit opgetelde tellers en noemers",
    "mediaan van de groep": "mediaan",
    "gemiddelde": "gemiddelde",
}
POLARITIES = ("higher_better", "lower_better", "neutral")
Z95 = 1.959964


class CompareError(ValueError):
    pass


@dataclass(frozen=True)
class Value:
    area: str
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None


@dataclass(frozen=True)
class ReferenceGroup:
    kind: str  # a key of GROUP_KINDS
    code: str  # e.g. NL00, PV26, JZ19, a comparison-group fingerprint
    name: str
    members: tuple[Value, ...] = ()
    value: Value | None = None  # the group's figure as a whole (published, computed, median, ...)
    source: str = "gepubliceerd"  # a key of SOURCE_WORDS: what ``value`` is


@dataclass(frozen=True)
class Comparison:
    kind: str
    code: str
    name: str
    own: float | None
    reference: float | None
    reference_source: str  # a key of SOURCE_WORDS, "" without a reference
    difference: float | None
    relative_difference: float | None  # fraction, 0.1 = 10 % higher
    rank: int | None
    ranked: int  # members with a value (incl. own)
    percentile: float | None
    group_mean: float | None
    group_median: float | None
    better: bool | None  # given polarity; None for neutral or no difference
    significant: bool | None  # survey only; None = not applicable or unknown
    z: float | None
    text: str  # Dutch


def compare(
    own: Value,
    group: ReferenceGroup,
    *,
    polarity: str = "neutral",
    survey: bool = False,
    method: str = "z",
    decimals: int = 1,
) -> Comparison:
    """Compare ``own`` with one reference group."""
    if polarity not in POLARITIES:
        raise CompareError(f"Onbekende polariteit '{polarity}'")
    members = _members(own, group.members)
    values = [m.value for m in members if m.value is not None]
    ref, source = _reference(group, values)
    diff = own.value - ref.value if own.value is not None and ref.value is not None else None
    rel = diff / ref.value if diff is not None and ref.value else None
    better = _better(diff, polarity)
    sig, z = _significance(own, ref, method) if survey else (None, None)
    rank = _rank(own.value, values, polarity) if own.value is not None else None
    pct = _percentile(own.value, values) if own.value is not None else None
    mean = statistics.fmean(values) if values and group.members else None
    median = statistics.median(values) if values and group.members else None
    result = Comparison(
        group.kind, group.code, group.name, own.value, ref.value, source if ref.value is not None else "",
        diff, rel, rank, len(values), pct, mean, median, better, sig, z, "",
    )  # fmt: skip
    return _with_text(result, polarity, survey, decimals)


def compare_all(own: Value, groups: Sequence[ReferenceGroup], **options: object) -> list[Comparison]:
    """Compare ``own`` with every group, in the order given."""
    return [compare(own, g, **options) for g in groups]  # type: ignore[arg-type]


def ranks(values: Mapping[str, float | None], polarity: str = "neutral") -> dict[str, int]:
    """Rank of every area with a value (1 = best given polarity; ties share the best rank)."""
    present = [v for v in values.values() if v is not None]
    return {a: _rank(v, present, polarity) for a, v in values.items() if v is not None}


def _members(own: Value, members: Sequence[Value]) -> list[Value]:
    if not members:
        return [own]
    if any(m.area == own.area for m in members):
        return [own if m.area == own.area else m for m in members]
    return [*members, own]


def _reference(group: ReferenceGroup, values: Sequence[float]) -> tuple[Value, str]:
    if group.value is not None:
        if group.source not in SOURCE_WORDS:
            raise CompareError(f"Onbekende soort vergelijkingswaarde '{group.source}'")
        return group.value, group.source
    if group.members and values:
        return Value(group.code, statistics.median(values)), "mediaan van de groep"
    return Value(group.code, None), ""


def _better(diff: float | None, polarity: str) -> bool | None:
    if diff is None or diff == 0 or polarity == "neutral":
        return None
    return (diff > 0) == (polarity == "higher_better")


def _rank(value: float, values: Sequence[float], polarity: str) -> int:
    if polarity == "lower_better":
        return 1 + sum(1 for v in values if v < value)
    return 1 + sum(1 for v in values if v > value)


def _percentile(value: float, values: Sequence[float]) -> float:
    below = sum(1 for v in values if v < value)
    equal = sum(1 for v in values if v == value)
    return 100.0 * (below + 0.5 * equal) / len(values)


def _se(v: Value) -> float | None:
    if v.ci_low is None or v.ci_high is None:
        return None
    return (v.ci_high - v.ci_low) / (2 * Z95)


def _significance(own: Value, ref: Value, method: str) -> tuple[bool | None, float | None]:
    se_own = _se(own)
    if own.value is None or ref.value is None or se_own is None:
        return None, None
    se_ref = _se(ref) or 0.0
    if method == "overlap":
        ref_low = ref.ci_low if ref.ci_low is not None else ref.value
        ref_high = ref.ci_high if ref.ci_high is not None else ref.value
        assert own.ci_low is not None and own.ci_high is not None
        return own.ci_high < ref_low or ref_high < own.ci_low, None
    scale = math.hypot(se_own, se_ref)
    if scale == 0:
        return own.value != ref.value, None
    z = (own.value - ref.value) / scale
    return abs(z) > Z95, z


def _with_text(c: Comparison, polarity: str, survey: bool, decimals: int) -> Comparison:
    return replace(c, text=_text(c, polarity, survey, decimals))


def _text(c: Comparison, polarity: str, survey: bool, decimals: int) -> str:
    if c.own is None:
        return f"Geen eigen waarde om met {c.name} te vergelijken."
    if c.reference is None or c.difference is None:
        return f"Voor {c.name} is geen vergelijkingswaarde."
    ref = (
        f"{SOURCE_WORDS.get(c.reference_source, c.reference_source)}: {format_number(c.reference, decimals)}"
    )
    if survey and c.significant is None:
        return f"Vergeleken met {c.name} ({ref}): onbekend of het verschil significant is (geen interval)."
    if survey and not c.significant:
        return f"Geen significant verschil met {c.name} ({ref})."
    if c.difference == 0:
        return f"Gelijk aan {c.name} ({ref})."
    side = "hoger" if c.difference > 0 else "lager"
    text = f"{format_number(abs(c.difference), decimals)} {side} dan {c.name} ({ref})"
    if c.better is not None:
        text += ", dat is gunstiger" if c.better else ", dat is ongunstiger"
    if survey:
        text += "; het verschil is statistisch significant"
    if c.rank is not None and c.ranked > 1:
        word = "hoogste" if polarity == "neutral" else "beste"
        text += f". Plaats {c.rank} van {c.ranked} (1 = {word})"
    return text + "."
