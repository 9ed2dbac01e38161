# SPDX-License-Identifier: EUPL-1.2
"""Statistical disclosure control: the one stage every value passes before it leaves the system.

Rules (per indicator, RELIABILITY-SECURITY.md §1):

``cbs-persons``  counts of persons are rounded to a multiple of 5; values 0–7 are shown as "geheim".
                 A rate is computed from the rounded numerator (and rounded denominator) and is secret
                 when its numerator is.
``round:N``      round to a multiple of N; nothing is secret.
``min-n:N``      survey figures: secret when fewer than N respondents (or n unknown).
``none``         publish as is (figures that the source, e.g. CBS, already protected).

Rounding is deterministic (half away from zero) so the same figure always looks the same: random
rounding that changes between page views would let a reader average the noise away.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

SECRET = "geheim"  # noqa: S105 - the Dutch word shown for a suppressed value
SECRET_SYMBOL = "."  # noqa: S105
DEFAULT_MIN_N = 30
PERSON_THRESHOLD = 7  # 0..7 is secret under cbs-persons
_RULE = re.compile(r"^(cbs-persons|none|round:(\d+)|min-n:(\d+))$")


class DisclosureRuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    kind: str  # cbs-persons | round | min-n | none
    param: int = 0

    @property
    def text(self) -> str:
        return f"{self.kind}:{self.param}" if self.kind in {"round", "min-n"} else self.kind

    @property
    def description(self) -> str:
        if self.kind == "cbs-persons":
            return "Aantallen personen zijn afgerond op vijftallen; waarden 0 tot en met 7 zijn geheim."
        if self.kind == "round":
            return f"Waarden zijn afgerond op veelvouden van {self.param}."
        if self.kind == "min-n":
            return f"Uitkomsten van minder dan {self.param} respondenten worden niet getoond."
        return "De bron heeft de cijfers al beveiligd; ze worden getoond zoals gepubliceerd."


def parse_rule(text: str) -> Rule:
    raw = (text or "").strip().lower()
    match = _RULE.match(raw)
    if not match:
        raise DisclosureRuleError(
            f"Onbekende geheimhoudingsregel '{text}': kies cbs-persons, round:N, min-n:N of none"
        )
    if match.group(2):
        if int(match.group(2)) < 1:
            raise DisclosureRuleError("round:N vraagt een N van 1 of meer")
        return Rule("round", int(match.group(2)))
    if match.group(3):
        return Rule("min-n", int(match.group(3)))
    return Rule(raw)


def default_rule(provider: str, unit: str, count_method: str) -> Rule:
    """The rule when an indicator names none.

    Figures that CBS (or another statistics office) publishes are already protected at the source:
    ``none``. Surveys: ``min-n:30`` (GGD practice). Counts and rates from the municipality's own or
    partners' registrations: ``cbs-persons``.
    """
    if provider == "cbs":
        return Rule("none")
    if count_method == "survey":
        return Rule("min-n", DEFAULT_MIN_N)
    if unit in {"count", "pct", "per_100", "per_1000", "per_10000"}:
        return Rule("cbs-persons")
    return Rule("none")


@dataclass(frozen=True)
class Protected:
    """A value as it may be shown. ``value`` is None when secret or missing."""

    value: float | None
    numerator: float | None
    denominator: float | None
    secret: bool
    attribute: str  # "" or the symbol shown instead of the value (".")
    reason: str  # Dutch, "" when nothing was done

    @property
    def shown(self) -> bool:
        return self.value is not None


def round_to(value: float, base: int) -> float:
    return float(math.floor(abs(value) / base + 0.5) * base * (1 if value >= 0 else -1))


def _secret(reason: str) -> Protected:
    return Protected(None, None, None, True, SECRET_SYMBOL, reason)


def protect(
    value: float | None,
    rule: Rule,
    *,
    is_rate: bool = False,
    numerator: float | None = None,
    denominator: float | None = None,
    factor: float | None = None,
    n: int | None = None,
    attribute: str = "",
) -> Protected:
    """Apply ``rule`` to one value.

    ``is_rate`` says the value is numerator / denominator × factor; when the counts are known, the
    rate is recomputed from the protected counts (CBS practice), so the rate and the counts shown
    next to it always agree.
    """
    if attribute and value is None:
        return Protected(None, None, None, True, attribute, "Niet beschikbaar of geheim bij de bron.")
    if rule.kind == "none":
        return Protected(value, numerator, denominator, False, "", "")
    if rule.kind == "min-n":
        if n is None or n < rule.param:
            return _secret(
                f"Minder dan {rule.param} respondenten (n = {n if n is not None else 'onbekend'})."
            )
        return Protected(value, numerator, denominator, False, "", "")
    if rule.kind == "round":
        return _protect_round(value, rule.param, is_rate, numerator, denominator, factor)
    return _protect_persons(value, is_rate, numerator, denominator, factor)


def _protect_round(
    value: float | None,
    base: int,
    is_rate: bool,
    numerator: float | None,
    denominator: float | None,
    factor: float | None,
) -> Protected:
    if is_rate:
        if numerator is None or denominator is None or not factor:
            return Protected(value, None, None, False, "", "")
        num, den = round_to(numerator, base), round_to(denominator, base)
        rate = num / den * factor if den else None
        return Protected(rate, num, den, False, "", f"Berekend uit aantallen afgerond op {base}-tallen.")
    if value is None:
        return Protected(None, None, None, False, "", "")
    return Protected(round_to(value, base), None, None, False, "", f"Afgerond op {base}-tallen.")


def _protect_persons(
    value: float | None,
    is_rate: bool,
    numerator: float | None,
    denominator: float | None,
    factor: float | None,
) -> Protected:
    if is_rate:
        if numerator is None:
            # Without its count a rate cannot be protected here; the source must have done it.
            return Protected(value, None, denominator, False, "", "")
        if 0 <= numerator <= PERSON_THRESHOLD:
            return _secret("Gebaseerd op 0 tot en met 7 personen: geheim.")
        num = round_to(numerator, 5)
        den = round_to(denominator, 5) if denominator is not None else None
        rate: float | None = num / den * factor if den and factor else value
        return Protected(rate, num, den, False, "", "Berekend uit aantallen afgerond op vijftallen.")
    if value is None:
        return Protected(None, None, None, False, "", "")
    if 0 <= value <= PERSON_THRESHOLD:
        return _secret("0 tot en met 7 personen: geheim.")
    return Protected(round_to(value, 5), None, None, False, "", "Afgerond op vijftallen.")


def suppress_complements(cells: Sequence[Protected], total_shown: bool = True) -> list[Protected]:
    """Secondary suppression for a group of parts that add up to a total shown on the same page.

    When exactly one part is secret, it could be recovered as total − sum(other parts). Then the
    smallest other shown part is suppressed as well. Returns a new list.
    """
    result = list(cells)
    if not total_shown:
        return result
    secret = [i for i, c in enumerate(result) if c.secret]
    if len(secret) != 1:
        return result
    shown = [(c.value, i) for i, c in enumerate(result) if not c.secret and c.value is not None]
    if not shown:
        return result
    _, index = min(shown)
    result[index] = _secret(
        "Geheim gemaakt zodat een ander, geheim getal niet uit het totaal valt af te leiden."
    )
    return result
