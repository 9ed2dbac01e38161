# SPDX-License-Identifier: EUPL-1.2
"""Similar areas: "gemeenten (of wijken) die op ons lijken", after the Wmo gemeentevergelijker (§5.1).

Method (version :data:`METHOD_VERSION`):

1. Characteristics are numbers per area (inwonertal, % 75-plussers, % eenpersoonshuishoudens, % lage
   inkomens, stedelijkheid, ...), each with a weight ≥ 0 and an optional log transform (for skewed
   ones such as inwonertal: ``log10(x)``, so 20.000 vs 40.000 counts as much as 200.000 vs 400.000).
2. Each characteristic is z-standardised over the universe passed in (``data``: all gemeenten, or all
   wijken), with mean and population standard deviation of the areas that have a value, *before* hard
   filters, so a filter never changes the scale. A characteristic without spread is left out.
3. Hard filters (equality, or a range ``min``..``max`` inclusive) remove candidates; so does
   ``exclude`` (e.g. the wijken of the own gemeente). The target itself is never a match.
4. Distance: weighted Euclidean, ``d(a, b) = √(Σ_j w_j (z_aj − z_bj)²)`` over the characteristics both
   areas have. Missing values are explicit (``missing``): ``"exclude"`` (default) drops a candidate
   that lacks any characteristic the target has; ``"rescale"`` uses the shared ones and scales by
   ``√(Σ w_all / Σ w_shared)``. A characteristic the target lacks is left out for everyone.
5. The ``k`` nearest, ties broken by area code (reproducible).

Transparency: each match carries its distance, the per-characteristic contributions ``w_j Δz_j²`` and
a Dutch sentence naming the characteristics it is closest on and the one it differs most on.
Reproducibility: :class:`SimilarResult` carries the method version, characteristics, weights,
filters, k and members; ``fingerprint`` hashes all of that (SHA-256 of canonical JSON, first 16
hex characters) so a saved comparison group is recognised, ``definition_fingerprint`` the
settings alone (same settings, possibly newer data).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

METHOD_VERSION = "similar-1"
MISSING_POLICIES = ("exclude", "rescale")

Data = Mapping[str, Mapping[str, float | str | None]]


class SimilarError(ValueError):
    pass


@dataclass(frozen=True)
class Characteristic:
    code: str
    label: str  # Dutch, as used in the sentence: "inwonertal", "aandeel 75-plussers"
    weight: float = 1.0
    log: bool = False


@dataclass(frozen=True)
class Filter:
    code: str
    equals: float | str | None = None
    min: float | None = None
    max: float | None = None

    def accepts(self, value: float | str | None) -> bool:
        if value is None:
            return False
        if self.equals is not None:
            return value == self.equals
        if isinstance(value, str):
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Match:
    area: str
    rank: int
    distance: float
    contributions: tuple[tuple[str, float], ...]  # (characteristic code, w·Δz²), in characteristic order
    explanation: str  # Dutch


@dataclass(frozen=True)
class SimilarResult:
    target: str
    method_version: str
    characteristics: tuple[Characteristic, ...]
    filters: tuple[Filter, ...]
    k: int
    missing: str
    matches: tuple[Match, ...]
    left_out: tuple[tuple[str, str], ...] = field(default=())  # (characteristic code, Dutch reason)
    candidates: int = 0  # areas considered after filters

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(m.area for m in self.matches)

    @property
    def definition_fingerprint(self) -> str:
        return _hash(self._definition())

    @property
    def fingerprint(self) -> str:
        return _hash({**self._definition(), "members": list(self.members)})

    def _definition(self) -> dict[str, object]:
        return {
            "method": self.method_version,
            "target": self.target,
            "characteristics": [[c.code, c.weight, c.log] for c in self.characteristics],
            "filters": [[f.code, f.equals, f.min, f.max] for f in self.filters],
            "k": self.k,
            "missing": self.missing,
        }


def standardise(data: Data, characteristics: Sequence[Characteristic]) -> dict[str, dict[str, float]]:
    """z-scores per area and characteristic over all areas with a value; no-spread ones left out."""
    scores: dict[str, dict[str, float]] = {area: {} for area in data}
    for c in characteristics:
        raw = {a: _number(row.get(c.code), c.log) for a, row in data.items()}
        present = {a: v for a, v in raw.items() if v is not None}
        if len(present) < 2:
            continue
        mean = sum(present.values()) / len(present)
        sd = math.sqrt(sum((v - mean) ** 2 for v in present.values()) / len(present))
        if sd == 0:
            continue
        for a, v in present.items():
            scores[a][c.code] = (v - mean) / sd
    return scores


def distance(
    a: Mapping[str, float], b: Mapping[str, float], characteristics: Sequence[Characteristic]
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Weighted Euclidean distance over shared characteristics (rescaled for missing ones)."""
    total = sum(c.weight for c in characteristics if c.code in a)
    shared = [c for c in characteristics if c.code in a and c.code in b]
    parts = tuple((c.code, c.weight * (a[c.code] - b[c.code]) ** 2) for c in shared)
    weight = sum(c.weight for c in shared)
    if weight <= 0:
        return math.inf, parts
    return math.sqrt(sum(p for _, p in parts) * total / weight), parts


def find_similar(
    target: str,
    data: Data,
    characteristics: Sequence[Characteristic],
    *,
    k: int = 10,
    filters: Sequence[Filter] = (),
    exclude: Collection[str] = (),
    missing: str = "exclude",
) -> SimilarResult:
    """The ``k`` areas in ``data`` most similar to ``target`` (method in the module docstring)."""
    _validate(target, data, characteristics, k, missing)
    scores = standardise(data, characteristics)
    own = scores[target]
    used = tuple(c for c in characteristics if c.code in own and c.weight > 0)
    left_out = tuple((c.code, _why_left_out(c, data[target], own)) for c in characteristics if c not in used)
    found: list[tuple[float, str, tuple[tuple[str, float], ...]]] = []
    candidates = 0
    for area, row in data.items():
        if area == target or area in exclude or not all(f.accepts(row.get(f.code)) for f in filters):
            continue
        candidates += 1
        if missing == "exclude" and any(c.code not in scores[area] for c in used):
            continue
        dist, parts = distance(own, scores[area], used)
        if math.isfinite(dist):
            found.append((dist, area, parts))
    found.sort(key=lambda item: (item[0], item[1]))
    labels = {c.code: c.label for c in used}
    matches = tuple(
        Match(area, i + 1, dist, parts, _explain(parts, labels))
        for i, (dist, area, parts) in enumerate(found[:k])
    )
    return SimilarResult(target, METHOD_VERSION, tuple(characteristics), tuple(filters), k, missing, matches,
                         left_out, candidates)  # fmt: skip


def _validate(
    target: str, data: Data, characteristics: Sequence[Characteristic], k: int, missing: str
) -> None:
    if target not in data:
        raise SimilarError(f"Gebied {target} staat niet in de gegevens")
    if missing not in MISSING_POLICIES:
        raise SimilarError(f"Onbekende keuze voor ontbrekende waarden '{missing}'")
    if k < 1:
        raise SimilarError("Kies minstens 1 gebied om mee te vergelijken")
    if not characteristics or any(c.weight < 0 for c in characteristics):
        raise SimilarError("Kies minstens één kenmerk; gewichten zijn 0 of meer")
    if len({c.code for c in characteristics}) != len(characteristics):
        raise SimilarError("Elk kenmerk mag maar één keer voorkomen")


def _number(value: float | str | None, log: bool) -> float | None:
    if value is None or isinstance(value, str) or not math.isfinite(value):
        return None
    if log:
        return math.log10(value) if value > 0 else None
    return float(value)


def _why_left_out(c: Characteristic, row: Mapping[str, float | str | None], own: Mapping[str, float]) -> str:
    if c.weight == 0:
        return "gewicht 0"
    if _number(row.get(c.code), c.log) is None:
        return "geen waarde voor dit gebied"
    return "geen spreiding tussen de gebieden"


def _explain(parts: tuple[tuple[str, float], ...], labels: Mapping[str, str]) -> str:
    if not parts:
        return ""
    ordered = sorted(parts, key=lambda p: (p[1], p[0]))
    closest = [labels[code] for code, _ in ordered[:2]]
    sentence = "Lijkt vooral op " + " en ".join(closest)
    if len(ordered) > 2 and ordered[-1][1] > 0:
        sentence += f"; het grootste verschil zit in {labels[ordered[-1][0]]}"
    return sentence + "."


def _hash(payload: Mapping[str, object]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
