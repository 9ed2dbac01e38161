# SPDX-License-Identifier: EUPL-1.2
"""The definitions of the indicators a tabular import creates (``--create-indicators``). Pure.

Per indicator, the fields of the indicator contract come from, most specific first: an option for its
column (``--unit wmo_per_1000=per_1000``), the dictionary (``--dictionary``), an option for all columns
(``--unit pct``). The unit and the kind of source decide how a figure is protected and shown, so a new
indicator without them is refused with a message that says how to give them (checked where definitions
are written, because only there is it known whether the indicator is new). Decimals not given are as
many as the delivered numbers have (none for a count); the name not given is the column header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kwaliteitsmonitor.indicators import contract
from kwaliteitsmonitor.indicators.records import ObservationRecord, RecordError

from ..base import IndicatorDefinition
from .columns import TabularOptions
from .dictionary import Variable


def new_definitions(
    file: str,
    columns: list[tuple[str, str, str]],  # (indicator code, dictionary key, column as written)
    records: Iterable[ObservationRecord],
    options: TabularOptions,
    dictionary: Mapping[str, Variable],
    errors: list[RecordError],
    sources: Mapping[str, str] | None = None,
) -> tuple[IndicatorDefinition, ...]:
    decimals = _delivered_decimals(records)
    _unknown_columns(file, columns, options, errors)
    definitions = []
    for code, key, column in columns:
        variable = dictionary.get(key) or dictionary.get(code)
        raw = {**options.definition_all, **_from_dictionary(variable)}
        raw.update(options.definition_per_column.get(column) or options.definition_per_column.get(code) or {})
        values, problems = contract.clean(raw)
        unknown = sorted(set(raw) - set(contract.NAMES))
        problems += [(n, f"onbekend veld '{n}' (zie docs/import/indicators.md)") for n in unknown]
        for _name, message in problems:
            errors.append(RecordError(message, file, None, column))
        # A count gets no decimals from its data: a fraction in a count is refused by the load step.
        places = 0 if values.get("unit") == "count" else decimals.get(code, 0)
        defaults: dict[str, Any] = {"name": column, "source_table": file, "decimals": places}
        if sources and sources.get(code):
            defaults["source"] = sources[code]
        definitions.append(
            IndicatorDefinition(
                code=code,
                name=str(values.get("name") or column),
                given=tuple(values.items()),
                file=file,
                columns=tuple(dict.fromkeys(contract.NAMES, column).items()),
                required=tuple((n, _how(n, column)) for n in ("unit", "provider")),
                defaults=tuple(defaults.items()),
            )
        )
    return tuple(definitions)


def _from_dictionary(variable: Variable | None) -> dict[str, Any]:
    if variable is None:
        return {}
    raw: dict[str, Any] = dict(variable.fields)
    raw.update({"name": variable.name, "definition": variable.definition, "source": variable.source})
    if variable.unit:
        raw["unit"] = variable.unit
    if variable.unit_label:
        raw["unit_label"] = variable.unit_label
    if variable.decimals is not None:
        raw["decimals"] = variable.decimals
    return {k: v for k, v in raw.items() if not contract.is_blank(v)}


def _how(field: str, column: str) -> str:
    if field == "unit":
        return (
            f"eenheid van de nieuwe indicator '{column}' ontbreekt: geef --unit '{column}=pct' (count, pct, "
            "per_1000, score_0_10, mean, ...), --unit pct voor alle kolommen, of een woordenboek met een "
            "kolom Eenheid (--dictionary); de eenheid bepaalt hoe het cijfer beveiligd en getoond wordt"
        )
    return (
        f"soort bron van de nieuwe indicator '{column}' ontbreekt: geef --provider '{column}=own' (cbs = al "
        "beveiligd door de bron, own = eigen registratie, partner, survey = enquête), --provider cbs voor "
        "alle kolommen, of een woordenboek met een kolom provider; dit bepaalt of het cijfer beveiligd wordt"
    )


def _delivered_decimals(records: Iterable[ObservationRecord]) -> dict[str, int]:
    found: dict[str, int] = {}
    for record in records:
        if record.value is not None and not float(record.value).is_integer():
            places = contract.decimals_of(record.value)
            if places > found.get(record.indicator, 0):
                found[record.indicator] = places
    return found


def _unknown_columns(
    file: str, columns: list[tuple[str, str, str]], options: TabularOptions, errors: list[RecordError]
) -> None:
    known = {name for triple in columns for name in triple}
    for column in options.definition_per_column:
        if column not in known:
            errors.append(
                RecordError(
                    f"optie voor kolom '{column}': die kolom (of indicator) staat niet in dit bestand",
                    file,
                    None,
                    column,
                )
            )
    errors.extend(RecordError(message, file) for message in options.option_errors)
