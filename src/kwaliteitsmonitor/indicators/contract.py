# SPDX-License-Identifier: EUPL-1.2
"""The one indicator contract: every field of a definition, how each route may give it, one validation.

Every route that creates or changes indicators goes through here: ``import indicators`` (CSV, XLSX,
YAML), ``import tabular --create-indicators`` (dictionary file and options), ``import cbs --config``,
the staff upload page and the admin form. A route hands over raw values (text from a cell, a YAML
scalar, a form value) per field; :func:`clean` returns typed values and Dutch problems per field, and
:func:`check_consistency` the problems between fields. :func:`value_problem` says when one delivered
value contradicts its definition (the load step refuses those rows).

Nothing here touches the database; :mod:`kwaliteitsmonitor.indicators.definitions` writes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kwaliteitsmonitor.analysis.disclosure import DisclosureRuleError, Rule, default_rule, parse_rule
from kwaliteitsmonitor.analysis.units import UNITS, format_delivered, parse_dutch_number
from kwaliteitsmonitor.areas.models import Level

from .models import CountMethod, Nature, PeriodType, Polarity, Provider, UpdateFrequency

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$", re.ASCII)
RATE_UNITS = frozenset({"pct", "per_100", "per_1000", "per_10000"})
MAX_DECIMALS = 6
_BREAKDOWN = re.compile(r"^[^=;]+=[^=;]+(;[^=;]+=[^=;]+)*$")


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the model field (and the English column or key)
    label: str  # Dutch, as staff see it
    aliases: tuple[str, ...] = ()  # Dutch column names that mean the same
    max_length: int = 0


FIELDS: tuple[Field, ...] = (
    Field("code", "code", ("indicatorcode",), 120),
    Field("name", "naam", ("naam",), 255),
    Field("short_name", "korte naam", ("korte_naam",), 80),
    Field("category", "thema", ("thema", "categorie", "hoofdthema"), 120),
    Field("unit", "eenheid", ("eenheid",)),
    Field("unit_label", "eenheid zoals de bron die noemt", ("eenheid_bron", "eenheidslabel"), 120),
    Field("decimals", "decimalen", ("decimalen",)),
    Field("polarity", "richting", ("richting",)),
    Field("nature", "feit of beleving", ("aard", "feit_of_beleving")),
    Field("provider", "soort bron", ("soort_bron", "bronsoort", "leverancier")),
    Field("count_method", "telwijze", ("telwijze", "periodetype")),
    Field("disclosure", "geheimhoudingsregel", ("geheimhouding", "geheimhoudingsregel")),
    Field("numerator", "teller", ("teller",)),
    Field("denominator", "noemer", ("noemer",)),
    Field("factor", "factor", ()),
    Field("denominator_breakdown", "doelgroep van de noemer", ("doelgroep_noemer", "noemer_doelgroep"), 120),
    Field("definition", "definitie", ("definitie",)),
    Field("explanation", "toelichting", ("toelichting",)),
    Field("source", "bron", ("bron",), 255),
    Field("source_table", "brontabel", ("brontabel",), 120),
    Field("source_url", "bron-URL", ("bron_url", "url"), 200),
    Field("update_frequency", "verversing", ("verversing", "frequentie")),
    Field("period_type", "periode", ("soort_periode",)),
    Field("area_levels", "gebiedsniveaus", ("gebiedsniveaus", "niveaus")),
    Field("is_published", "gepubliceerd", ("gepubliceerd",)),
)
BY_NAME = {f.name: f for f in FIELDS}
NAMES = tuple(f.name for f in FIELDS)

# Choice fields: accepted codes, plus the Dutch labels and a few short Dutch words.
CHOICES: dict[str, dict[str, str]] = {
    "polarity": {c: c for c in Polarity.values}
    | {"hoger": "higher_is_better", "lager": "lower_is_better", "neutraal": "neutral"},
    "nature": {c: c for c in Nature.values} | {"feit": "fact", "beleving": "perception"},
    "provider": {c: c for c in Provider.values}
    | {"eigen": "own", "ketenpartner": "partner", "enquete": "survey", "enquête": "survey"},
    "count_method": {c: c for c in CountMethod.values}
    | {
        "gedurende": "during_period",
        "periode": "during_period",
        "peildatum": "on_reference_date",
        "stand": "on_reference_date",
        "enquete": "survey",
    },
    "update_frequency": {c: c for c in UpdateFrequency.values},
    "period_type": {c: c for c in PeriodType.values},
}
for _field, _enum in (
    ("polarity", Polarity), ("nature", Nature), ("provider", Provider), ("count_method", CountMethod),
    ("update_frequency", UpdateFrequency), ("period_type", PeriodType),
):  # fmt: skip
    CHOICES[_field] |= {label.casefold(): code for code, label in _enum.choices}

DEFAULTS: dict[str, Any] = {
    "short_name": "", "category": "", "unit": "count", "unit_label": "", "decimals": 0,
    "polarity": Polarity.NEUTRAL.value, "nature": Nature.FACT.value, "provider": Provider.CBS.value,
    "count_method": CountMethod.DURING.value, "disclosure": "", "numerator": "", "denominator": "",
    "factor": None, "denominator_breakdown": "", "definition": "", "explanation": "", "source": "",
    "source_table": "", "source_url": "", "update_frequency": "", "period_type": PeriodType.YEAR.value,
    "area_levels": [Level.GM.value, Level.WK.value], "is_published": True,
}  # fmt: skip

Problems = list[tuple[str, str]]  # (field name, Dutch message)


def column_names() -> dict[str, str]:
    """Column or key name (English field name or a Dutch alias, normalised) → field name."""
    names = {f.name: f.name for f in FIELDS}
    for f in FIELDS:
        names.update(dict.fromkeys(f.aliases, f.name))
    return names


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean(raw: Mapping[str, Any]) -> tuple[dict[str, Any], Problems]:
    """Typed values for the fields in ``raw`` that are not blank, and the problems found, per field.

    Blank values are left out: a route decides itself whether "not given" means the default (a new
    indicator) or "keep what is stored".
    """
    values: dict[str, Any] = {}
    problems: Problems = []
    for name, value in raw.items():
        if name not in BY_NAME or is_blank(value):
            continue
        try:
            values[name] = _clean_one(name, value)
        except ValueError as exc:
            problems.append((name, str(exc)))
    return values, problems


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _clean_one(name: str, value: Any) -> Any:  # noqa: C901 - one branch per kind of field, kept flat
    text = _text(value)
    field = BY_NAME[name]
    if name == "code":
        if not CODE.match(text):
            raise ValueError(f"ongeldige code '{text}': kleine letters, cijfers, '_' en '-' (hoogstens 120)")
        return text
    if name in {"numerator", "denominator"}:
        if not CODE.match(text):
            raise ValueError(f"{field.label}: '{text}' is geen indicatorcode")
        return text
    if name == "unit":
        if text not in UNITS:
            raise ValueError(f"onbekende eenheid '{text}'; kies uit {', '.join(UNITS)}")
        return text
    if name in CHOICES:
        code = CHOICES[name].get(text.casefold())
        if code is None:
            options = ", ".join(c for c in dict.fromkeys(CHOICES[name].values()))
            raise ValueError(f"onbekende {field.label} '{text}'; kies {options}")
        return code
    if name == "decimals":
        if not text.isdigit() or int(text) > MAX_DECIMALS:
            raise ValueError(f"decimalen: een geheel getal van 0 tot en met {MAX_DECIMALS}, niet '{text}'")
        return int(text)
    if name == "factor":
        return _factor(value, text)
    if name == "disclosure":
        try:
            return parse_rule(text).text
        except DisclosureRuleError as exc:
            raise ValueError(str(exc)) from None
    if name == "denominator_breakdown":
        if not _BREAKDOWN.match(text):
            raise ValueError(
                f"doelgroep van de noemer: schrijf als uitsplitsing, bv. 'leeftijd=18+', niet '{text}'"
            )
        return text
    if name == "area_levels":
        return _levels(value)
    if name == "is_published":
        return _boolean(value, text)
    if name == "source_url" and not re.match(r"^https?://\S+$", text):
        raise ValueError(f"bron-URL: '{text}' is geen http(s)-adres")
    if field.max_length and len(text) > field.max_length:
        raise ValueError(f"{field.label}: hoogstens {field.max_length} tekens (nu {len(text)})")
    return text


def _factor(value: Any, text: str) -> float:
    try:
        number = float(value) if isinstance(value, int | float) else parse_dutch_number(text)
    except ValueError:
        raise ValueError(f"factor: '{text}' is geen getal") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError("factor moet een getal groter dan 0 zijn (bijvoorbeeld 100 of 1000)")
    return number


def _levels(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else re.split(r"[\s,;]+", _text(value))
    levels = [str(item).strip().upper() for item in items if str(item).strip()]
    unknown = [lv for lv in levels if lv not in Level.values]
    if unknown or not levels:
        raise ValueError(f"gebiedsniveaus: onbekend {', '.join(unknown)}; kies uit {', '.join(Level.values)}")
    return sorted(dict.fromkeys(levels), key=Level.values.index)


def _boolean(value: Any, text: str) -> bool:
    if isinstance(value, bool):
        return value
    word = text.casefold()
    if word in {"1", "ja", "yes", "true", "waar"}:
        return True
    if word in {"0", "nee", "no", "false", "onwaar"}:
        return False
    raise ValueError(f"gepubliceerd: ja of nee, niet '{text}'")


def check_consistency(values: Mapping[str, Any]) -> Problems:
    """Problems between fields of one complete definition (defaults filled in)."""
    problems: Problems = []
    code = values.get("code", "")
    numerator, denominator = values.get("numerator") or "", values.get("denominator") or ""
    if bool(numerator) != bool(denominator):
        problems.append(
            (
                "denominator" if numerator else "numerator",
                "teller en noemer horen bij elkaar: geef ze allebei",
            )
        )
    if values.get("factor") is not None and not numerator:
        problems.append(("factor", "een factor maakt een verhouding van teller en noemer: geef die ook"))
    if code and code in {numerator, denominator}:
        problems.append(("numerator", "een indicator kan niet zijn eigen teller of noemer zijn"))
    if values.get("denominator_breakdown") and not denominator:
        problems.append(("denominator_breakdown", "een doelgroep van de noemer vraagt een noemer"))
    unit, factor = values.get("unit", "count"), values.get("factor")
    expected = UNITS[unit].rate_factor if unit in UNITS else None
    if factor is not None and expected is not None and factor != expected:
        problems.append(
            (
                "factor",
                f"eenheid {unit} hoort bij factor {expected:g}, niet {factor:g}: pas een van beide aan",
            )
        )
    return problems


def complete(values: Mapping[str, Any], stored: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The whole definition: the given values over what is stored (or over the defaults)."""
    return {**DEFAULTS, **(stored or {}), **values}


def rule_of(values: Mapping[str, Any]) -> Rule:
    if values.get("disclosure"):
        return parse_rule(values["disclosure"])
    return default_rule(
        values.get("provider", "cbs"), values.get("unit", "count"), values.get("count_method", "")
    )


def is_rate(values: Mapping[str, Any]) -> bool:
    return values.get("unit") in RATE_UNITS or bool(
        values.get("numerator") and values.get("denominator") and values.get("factor")
    )


def rate_factor(values: Mapping[str, Any]) -> float | None:
    factor = values.get("factor")
    return (
        float(factor)
        if factor
        else UNITS[values["unit"]].rate_factor
        if values.get("unit") in UNITS
        else None
    )


def display(name: str, value: Any) -> str:
    """A field's value as staff read it (choices by their Dutch label)."""
    if value is None or value == "" or value == []:
        return "—"
    if name in {"polarity", "nature", "provider", "count_method", "update_frequency", "period_type"}:
        labels = {
            "polarity": Polarity, "nature": Nature, "provider": Provider, "count_method": CountMethod,
            "update_frequency": UpdateFrequency, "period_type": PeriodType,
        }[name]  # fmt: skip
        return str(dict(labels.choices).get(value, value))
    if name == "unit":
        return f"{value} ({UNITS[value].long_label})" if value in UNITS else str(value)
    if name == "area_levels":
        return ", ".join(value)
    if name == "is_published":
        return "ja" if value else "nee"
    if name == "factor":
        return f"{value:g}"
    return str(value)


# --- values against their definition ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueRules:
    """What the load step needs of a definition to judge one delivered value."""

    unit: str
    rule: str  # the effective disclosure rule's kind
    rate: bool
    whole: bool  # a count defined without decimals: a fraction contradicts it


def value_rules(values: Mapping[str, Any]) -> ValueRules:
    unit = values.get("unit", "count")
    whole = unit == "count" and not values.get("decimals")
    return ValueRules(unit, rule_of(values).kind, is_rate(values), whole)


def value_problem(rules: ValueRules, value: float | None, numerator: float | None) -> str | None:
    """Why one delivered value contradicts its definition, in Dutch; None when it fits (the common case
    costs a few comparisons: the load step calls this for every value)."""
    if value is None:
        return None
    unit = rules.unit
    if unit == "count" and value < 0:
        return f"een aantal kan niet negatief zijn ({format_delivered(value)}); is de eenheid goed?"
    if rules.whole and not float(value).is_integer():
        return (
            f"een aantal zonder decimalen kan geen breuk zijn ({format_delivered(value)}); geef de indicator "
            "de eenheid die past (mean, pct, per_1000, ...) of decimalen als het een aantal in duizendtallen "
            "is"
        )
    if unit == "pct" and not 0 <= value <= 100:
        return f"een percentage ligt tussen 0 en 100, niet {format_delivered(value)}; is de eenheid goed?"
    if unit == "score_0_10" and not 0 <= value <= 10:
        return f"een score ligt tussen 0 en 10, niet {format_delivered(value)}; is de eenheid goed?"
    if unit in RATE_UNITS and value < 0:
        return f"een verhouding kan niet negatief zijn ({format_delivered(value)})"
    if rules.rate and numerator is None and rules.rule in {"cbs-persons", "round"}:
        return (
            f"een verhouding onder geheimhoudingsregel {rules.rule} wordt beveiligd via haar teller: "
            "lever teller en noemer mee, of geef de indicator een andere regel (bv. none voor cijfers die de "
            "bron al beveiligde)"
        )
    return None


def decimals_of(value: float) -> int:
    """How many decimals a delivered number has (0.1 + 0.2 noise ignored), at most MAX_DECIMALS."""
    text = f"{value:.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def find_cycles(edges: Mapping[str, tuple[str, str]], start_codes: Iterable[str]) -> list[str]:
    """The codes among ``start_codes`` whose numerator or denominator leads back to themselves."""
    cyclic = []
    for start in start_codes:
        seen, stack = set(), [c for c in edges.get(start, ()) if c]
        while stack:
            code = stack.pop()
            if code == start:
                cyclic.append(start)
                break
            if code not in seen:
                seen.add(code)
                stack.extend(c for c in edges.get(code, ()) if c)
    return cyclic


def codes_in(values: Iterable[Mapping[str, Any]]) -> set[str]:
    """The numerator and denominator codes that definitions refer to."""
    return {v[k] for v in values for k in ("numerator", "denominator") if v.get(k)}
