# SPDX-License-Identifier: EUPL-1.2
"""Create or update indicators from definitions; written configuration is authoritative. One transaction."""

from __future__ import annotations

from django.db import transaction

from kwaliteitsmonitor.indicators import recompute
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from .parse import DefinitionParse, IndicatorSpec, find_cycles

_SCALARS = ("name", "unit", "decimals", "polarity", "definition", "source", "factor", "disclosure")


def load_definitions(parsed: DefinitionParse) -> LoadResult:
    specs = {s.code: s for s in parsed.specs}
    result = LoadResult()
    with transaction.atomic():
        referenced = {c for s in specs.values() for c in (s.numerator, s.denominator) if c}
        stored = {i.code: i for i in Indicator.objects.filter(code__in=set(specs) | referenced)}
        result.errors = _reference_errors(specs, stored)
        if result.errors:
            result.rejected = len({e.row for e in result.errors})
            return result
        new = [
            Indicator(code=s.code, **{f: _value(s, f) for f in _SCALARS})
            for s in specs.values()
            if s.code not in stored
        ]
        Indicator.objects.bulk_create(new)
        result.added = len(new)
        ids = dict(Indicator.objects.filter(code__in=set(specs) | referenced).values_list("code", "id"))
        updated: list[str] = []
        for indicator in Indicator.objects.filter(code__in=specs):
            spec = specs[indicator.code]
            wanted = {f: _value(spec, f) for f in _SCALARS}
            wanted |= {"numerator_id": ids.get(spec.numerator), "denominator_id": ids.get(spec.denominator)}
            diff = [f for f, v in wanted.items() if getattr(indicator, f) != v]
            for field in diff:
                setattr(indicator, field, wanted[field])
            if diff:
                indicator.save(update_fields=[*diff, "updated_at"])
                updated += [indicator.code] if indicator.code in stored else []
        result.changed = len(updated)
        result.unchanged = len(stored.keys() & specs.keys()) - len(updated)
        # Computed values follow their definition (indicators.recompute; inside this transaction).
        recompute.changed(definitions=updated, created=[i.code for i in new])
    return result


def _value(spec: IndicatorSpec, field: str) -> object:
    return getattr(spec, field)


def _reference_errors(specs: dict[str, IndicatorSpec], stored: dict[str, Indicator]) -> list[RecordError]:
    errors = []
    for spec in specs.values():
        for column in ("numerator", "denominator"):
            code = getattr(spec, column)
            if code and code not in specs and code not in stored:
                errors.append(
                    RecordError(f"onbekende indicator '{code}' als {column}", spec.file, spec.row, column)
                )
    edges = {code: _edge(i) for code, i in stored.items()} | {
        c: (s.numerator, s.denominator) for c, s in specs.items()
    }
    return errors + find_cycles(edges, specs)


def _edge(indicator: Indicator) -> tuple[str, str]:
    numerator = indicator.numerator.code if indicator.numerator_id else ""
    denominator = indicator.denominator.code if indicator.denominator_id else ""
    return numerator, denominator
