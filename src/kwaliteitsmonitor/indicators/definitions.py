# SPDX-License-Identifier: EUPL-1.2
"""Write indicator definitions that routes gave through the contract (:mod:`.contract`). One place.

How a route's values meet what is stored:

* ``values`` are written configuration (``import indicators``, ``import cbs --config``, a tabular
  dictionary or options): they replace what is stored. With ``replace`` they are the whole truth
  (``import indicators``): a field that is not given goes back to its default.
* ``defaults`` are derived from a source (a column header, CBS metadata): they fill a new indicator,
  and on an existing one only empty descriptive fields, so what staff curated survives a re-import.

Every resulting definition is checked as a whole (:func:`.contract.check_consistency`), references to
numerator and denominator must exist (in the batch or stored) and may not form a cycle. Returns what
changed per indicator (old → new), for the preview.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import contract, recompute
from .models import Indicator
from .records import RecordError

FILLED = ("unit_label", "definition", "source", "source_table", "source_url")
_FK = ("numerator", "denominator")


@dataclass(frozen=True, slots=True)
class Given:
    """One definition as a route gave it: cleaned values of the fields it names."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    replace: bool = False
    required: Mapping[str, str] = field(default_factory=dict)  # field → how to give it, for a new one
    file: str = ""
    row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # field → column or key it came from


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    old: str  # as staff read it; "" for a new indicator
    new: str


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RecordError] = field(default_factory=list)
    changes: dict[str, tuple[bool, tuple[FieldChange, ...]]] = field(default_factory=dict)  # code → (new?, …)


def stored_values(indicator: Indicator) -> dict[str, Any]:
    values = {name: getattr(indicator, name) for name in contract.NAMES if name not in _FK}
    values["numerator"] = indicator.numerator.code if indicator.numerator_id else ""
    values["denominator"] = indicator.denominator.code if indicator.denominator_id else ""
    values["area_levels"] = list(indicator.area_levels or [])
    return values


def wanted_values(given: Given, stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The definition as it will be after writing ``given`` over ``stored`` (None: a new indicator)."""
    if stored is None:
        return contract.complete({"name": given.code, **given.defaults, **given.values, "code": given.code})
    if given.replace:
        return contract.complete({**given.values, "code": given.code})
    filled = {k: v for k, v in given.defaults.items() if k in FILLED and v and not stored.get(k)}
    return {**stored, **filled, **given.values}


def write(definitions: Iterable[Given]) -> WriteResult:
    """Check and write ``definitions``; on any error nothing is written and the errors are returned."""
    items = {g.code: g for g in definitions}
    result = WriteResult()
    if not items:
        return result
    stored_rows = Indicator.objects.select_related("numerator", "denominator").filter(code__in=items)
    stored = {i.code: stored_values(i) for i in stored_rows}
    wanted = {code: wanted_values(g, stored.get(code)) for code, g in items.items()}
    result.errors = _missing(items, stored) + _problems(items, wanted)
    if result.errors:
        return result
    for code, values in wanted.items():
        old = stored.get(code)
        diff = [n for n in contract.NAMES if n != "code" and (old is None or old.get(n) != values.get(n))]
        result.changes[code] = (old is None, tuple(_change(n, old, values) for n in diff))
    _save(items, wanted, stored, result)
    # Computed values follow their definition (indicators.recompute; inside the caller's transaction).
    created = [code for code, (new, _changes) in result.changes.items() if new]
    updated = [code for code, (new, fields) in result.changes.items() if not new and fields]
    recompute.changed(definitions=updated, created=created)
    return result


def _change(name: str, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> FieldChange:
    label = contract.BY_NAME[name].label
    before = "" if old is None else contract.display(name, old.get(name))
    return FieldChange(name, label, before, contract.display(name, new.get(name)))


def _missing(items: Mapping[str, Given], stored: Mapping[str, Any]) -> list[RecordError]:
    """Fields a new indicator must be given (a unit, a kind of source): never assumed."""
    return [
        RecordError(message, given.file, given.row, given.columns.get(name, name))
        for code, given in items.items()
        if code not in stored
        for name, message in given.required.items()
        if name not in given.values
    ]


def _problems(items: Mapping[str, Given], wanted: Mapping[str, Mapping[str, Any]]) -> list[RecordError]:
    errors = []
    for code, values in wanted.items():
        given = items[code]
        for name, message in contract.check_consistency(values):
            errors.append(RecordError(message, given.file, given.row, given.columns.get(name, name)))
    referenced = contract.codes_in(wanted.values()) - set(wanted)
    known = set(Indicator.objects.filter(code__in=referenced).values_list("code", flat=True))
    for code, values in wanted.items():
        given = items[code]
        for name in _FK:
            other = values.get(name)
            if other and other not in wanted and other not in known:
                errors.append(
                    RecordError(
                        f"onbekende indicator '{other}' als {contract.BY_NAME[name].label}: definieer die "
                        "eerst (of in hetzelfde bestand)",
                        given.file,
                        given.row,
                        given.columns.get(name, name),
                    )
                )
    edges = _stored_edges(referenced) | {
        c: (v.get("numerator", ""), v.get("denominator", "")) for c, v in wanted.items()
    }
    for code in contract.find_cycles(edges, wanted):
        given = items[code]
        errors.append(
            RecordError(
                f"kringverwijzing: '{code}' hangt via teller/noemer van zichzelf af",
                given.file,
                given.row,
                given.columns.get("numerator", "numerator"),
            )
        )
    return errors


def _stored_edges(codes: set[str]) -> dict[str, tuple[str, str]]:
    """numerator/denominator codes of stored indicators, followed transitively from ``codes``."""
    edges: dict[str, tuple[str, str]] = {}
    todo = set(codes)
    while todo:
        rows = Indicator.objects.filter(code__in=todo).values_list(
            "code", "numerator__code", "denominator__code"
        )
        todo = set()
        for code, numerator, denominator in rows:
            edges[code] = (numerator or "", denominator or "")
            todo |= {c for c in (numerator, denominator) if c and c not in edges}
    return edges


def _save(
    items: Mapping[str, Given],
    wanted: Mapping[str, dict[str, Any]],
    stored: Mapping[str, Mapping[str, Any]],
    result: WriteResult,
) -> None:
    scalar = [n for n in contract.NAMES if n not in (*_FK, "code")]
    new = [Indicator(code=c, **{n: wanted[c][n] for n in scalar}) for c in items if c not in stored]
    Indicator.objects.bulk_create(new)
    result.created = len(new)
    codes = contract.codes_in(wanted.values()) | set(items)
    ids = dict(Indicator.objects.filter(code__in=codes).values_list("code", "id"))
    for indicator in Indicator.objects.filter(code__in=items):
        values = wanted[indicator.code]
        target = {n: values[n] for n in scalar} | {
            "numerator_id": ids.get(values.get("numerator") or ""),
            "denominator_id": ids.get(values.get("denominator") or ""),
        }
        diff = [name for name, value in target.items() if getattr(indicator, name) != value]
        for name in diff:
            setattr(indicator, name, target[name])
        if diff:
            indicator.save(update_fields=[*diff, "updated_at"])
        if indicator.code in stored:
            result.updated += bool(diff)
            result.unchanged += not diff
