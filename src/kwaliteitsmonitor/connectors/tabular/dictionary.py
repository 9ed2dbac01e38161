# SPDX-License-Identifier: EUPL-1.2
"""A variable dictionary (e.g. Zwolle's ``variabelen.csv``): variable name → label, unit, definition, source.

Used by the tabular templates to define the indicators they create. Besides the columns such exports have
(``Onderwerpcode``, ``Naam``, ``Eenheid`` like ``%_1``, ``Beschrijving``, ``Bron``), any field of the
indicator contract may be a column (``provider``/``soort_bron``, ``polarity``/``richting``, ``decimalen``,
...; see ``indicators.contract.FIELDS``). A unit text that is not recognised gives no unit: the import
then asks for one instead of guessing. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kwaliteitsmonitor.analysis.units import UNITS
from kwaliteitsmonitor.indicators import contract
from kwaliteitsmonitor.indicators.records import RecordError

from ..files import Table, cell_text, normalise_header

_CODE = ("onderwerpcode", "code", "variabele", "variable", "kolom", "column")
_NAME = ("naam", "name", "label", "titel", "title")
_UNIT = ("eenheid", "unit")
_DEFINITION = ("beschrijving", "definitie", "definition", "description", "omschrijving")
_SOURCE = ("bron", "source")
_DATATYPE = ("datatype",)

_COUNT_WORDS = {
    "personen", "hshdns", "huishoudens", "banen", "woonr.", "woningen", "vestiging", "vestigingen",
    "incident", "misdrijven", "meldingen", "adr", "valid", "aantal",
}  # fmt: skip
_SCORE_WORDS = {"rapport", "0_10_n_p", "0_10_p_n", "cijfer"}
_MEAN_WORDS = {"jaren", "gewicht", "gemiddelde", "gem.", "persons/household", "personen/huishouden"}
_MEAN_WORDS |= {"per km2", "per km²"}
_OWN_COLUMNS = {"code", "name", "unit", "definition", "source"}  # read through the aliases above


@dataclass(frozen=True, slots=True)
class Variable:
    code: str
    name: str
    unit: str  # "" when the dictionary's unit text was not recognised
    decimals: int | None  # None when the dictionary does not say
    unit_label: str
    definition: str
    source: str
    fields: tuple[tuple[str, str], ...] = ()  # further contract fields (field, text) from their columns
    row: int | None = None


def find_column(table: Table, names: tuple[str, ...]) -> int | None:
    for name in names:
        index = table.column(name)
        if index is not None:
            return index
    return None


def parse_dictionary(table: Table) -> tuple[dict[str, Variable], list[RecordError]]:
    code_at, name_at = find_column(table, _CODE), find_column(table, _NAME)
    if code_at is None or name_at is None:
        missing = "code (Onderwerpcode)" if code_at is None else "naam"
        return {}, [RecordError(f"woordenboek: kolom {missing} ontbreekt", table.file, 1, missing.split()[0])]
    unit_at, definition_at = find_column(table, _UNIT), find_column(table, _DEFINITION)
    source_at, datatype_at = find_column(table, _SOURCE), find_column(table, _DATATYPE)
    known = contract.column_names()
    extra = {
        index: known[key]
        for index, header in enumerate(table.header)
        if (key := normalise_header(header)) in known and known[key] not in _OWN_COLUMNS
    }
    variables: dict[str, Variable] = {}

    def text(cells: tuple[object, ...], index: int | None) -> str:
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""  # type: ignore[arg-type]

    for number, cells in table.rows:
        code = text(cells, code_at)
        if not code or code in variables:
            continue
        unit, decimals, label = unit_from_label(text(cells, unit_at), text(cells, datatype_at))
        fields = tuple((name, text(cells, index)) for index, name in extra.items() if text(cells, index))
        variables[code] = Variable(
            code,
            text(cells, name_at) or code,
            unit,
            decimals,
            label,
            text(cells, definition_at),
            text(cells, source_at),
            fields,
            number,
        )
    return variables, []


def unit_from_label(label: str, datatype: str = "") -> tuple[str, int | None, str]:
    """Map a dictionary's unit text (``%_1``, ``personen_0``, ``pct``) to (unit, decimals, label).

    The unit is "" (not known) when the text is not recognised: never a guess.
    """
    raw = label.strip()
    if not raw:
        return "", None, ""
    if raw in UNITS:
        return raw, None, ""
    match = re.match(r"^(.*?)_(\d+)$", raw)
    word, decimals = (match.group(1), int(match.group(2))) if match else (raw, None)
    word = word.lower()
    if word == "%":
        return "pct", decimals, raw
    if word == "euro":
        return "euro", decimals, raw
    if word == "dzd.euro":
        return "euro_1000", decimals, raw
    if word.startswith("index"):
        return "index", decimals, raw
    if word in _SCORE_WORDS:
        return "score_0_10", decimals, raw
    if word in _COUNT_WORDS:
        return ("mean" if datatype.lower() == "gemiddelde" else "count"), decimals, raw
    if word in _MEAN_WORDS:
        return "mean", decimals, raw
    return "", decimals, raw
