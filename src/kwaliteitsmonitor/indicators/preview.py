# SPDX-License-Identifier: EUPL-1.2
"""What an import will do to each indicator it touches, for staff before they confirm (staff only).

Per indicator: the definition that will be used (new, or the fields that change, old → new) and a few
delivered values next to how they would be published under that definition's disclosure rule
(``analysis.disclosure.protect`` per value). This shows unprotected figures, so it is only for the
staff preview and the command line, never for a public page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kwaliteitsmonitor.analysis import disclosure
from kwaliteitsmonitor.analysis.units import format_value

from . import contract
from .definitions import FieldChange, stored_values
from .models import Indicator, Observation
from .records import ObservationRecord

SAMPLES = 3
_SHOWN = ("name", "unit", "decimals", "provider", "count_method", "polarity")


@dataclass(frozen=True, slots=True)
class SampleValue:
    area: str
    period: str
    breakdown: str
    delivered: str  # as delivered, with all its decimals
    published: str  # as the public site would show it ("geheim" when suppressed)
    note: str  # the disclosure stage's Dutch reason, "" when nothing was done
    stored: str = ""  # the value stored now for the same cell ("" when the cell is new): old → new


@dataclass(frozen=True, slots=True)
class IndicatorPreview:
    code: str
    name: str
    is_new: bool
    changes: tuple[FieldChange, ...]  # empty: the definition stays as it is
    definition: tuple[tuple[str, str], ...]  # (Dutch label, value) of the fields that decide publication
    rule: str  # the effective disclosure rule, e.g. "cbs-persons"
    rule_description: str
    values: int  # how many values of this indicator the import delivers
    samples: tuple[SampleValue, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "is_new": self.is_new,
            "changes": [
                {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in self.changes
            ],
            "definition": dict(self.definition),
            "rule": self.rule,
            "values": self.values,
            "samples": [
                {
                    "area": s.area,
                    "period": s.period,
                    "breakdown": s.breakdown,
                    "delivered": s.delivered,
                    "published": s.published,
                    "note": s.note,
                    "stored": s.stored,
                }
                for s in self.samples
            ],
        }


def build(
    changes: Mapping[str, tuple[bool, tuple[FieldChange, ...]]],
    records: Iterable[ObservationRecord],
) -> list[IndicatorPreview]:
    """Previews of the indicators with changed definitions or delivered values, as now stored."""
    counts: dict[str, int] = {}
    samples: dict[str, list[ObservationRecord]] = {}
    for record in records:
        code = record[0]
        counts[code] = counts.get(code, 0) + 1
        if record[3] is not None:
            bucket = samples.setdefault(code, [])
            if len(bucket) < SAMPLES:
                bucket.append(record)
    codes = list(dict.fromkeys([*changes, *counts]))
    indicators = Indicator.objects.select_related("numerator", "denominator").in_bulk(
        codes, field_name="code"
    )
    previews = []
    for code in codes:
        indicator = indicators.get(code)
        if indicator is None:
            continue  # the load step reports it as unknown
        is_new, changed = changes.get(code, (False, ()))
        previews.append(_preview(indicator, is_new, changed, counts.get(code, 0), samples.get(code, [])))
    return previews


def _preview(
    indicator: Indicator,
    is_new: bool,
    changed: tuple[FieldChange, ...],
    count: int,
    records: list[ObservationRecord],
) -> IndicatorPreview:
    values = stored_values(indicator)
    rule = contract.rule_of(values)
    shown = tuple((contract.BY_NAME[n].label, contract.display(n, values[n])) for n in _SHOWN)
    if values.get("numerator"):
        shown += (("teller / noemer", f"{values['numerator']} / {values['denominator']}"),)
    return IndicatorPreview(
        code=indicator.code,
        name=indicator.name,
        is_new=is_new,
        changes=changed,
        definition=shown,
        rule=rule.text,
        rule_description=rule.description,
        values=count,
        samples=tuple(_sample(values, rule, r, _stored(indicator, records)) for r in records),
    )


def _stored(indicator: Indicator, records: list[ObservationRecord]) -> dict[tuple[str, str, str], object]:
    """What the store holds now for the sampled cells (area code, period, breakdown) → value."""
    if not records:
        return {}
    rows = Observation.objects.filter(
        indicator=indicator,
        area__code__in={r.area for r in records},
        period__in={r.period for r in records},
    ).values_list("area__code", "period", "breakdown", "value")
    return {(a, p, b): v for a, p, b, v in rows}


def _sample(
    values: Mapping[str, object],
    rule: disclosure.Rule,
    record: ObservationRecord,
    stored: Mapping[tuple[str, str, str], object],
) -> SampleValue:
    unit, decimals = str(values["unit"]), int(values["decimals"])  # type: ignore[call-overload]
    key = (record.area, record.period, record.breakdown)
    old = stored.get(key)
    protected = disclosure.protect(
        record.value,
        rule,
        is_rate=contract.is_rate(values),
        numerator=record.numerator,
        denominator=record.denominator,
        factor=contract.rate_factor(values),
        n=record.n,
        attribute=record.value_attribute,
    )
    published = (
        format_value(protected.value, unit, decimals)
        if protected.value is not None
        else disclosure.SECRET
        if protected.secret
        else "—"
    )
    return SampleValue(
        area=record.area,
        period=record.period,
        breakdown=record.breakdown,
        delivered=(
            format_value(record.value, unit, contract.decimals_of(record.value))
            if record.value is not None
            else record.value_attribute or "—"
        ),
        published=published,
        note=protected.reason,
        stored=(
            "nieuw"
            if key not in stored
            else format_value(old, unit, contract.decimals_of(old))  # type: ignore[arg-type]
            if isinstance(old, int | float)
            else "—"
        ),
    )
