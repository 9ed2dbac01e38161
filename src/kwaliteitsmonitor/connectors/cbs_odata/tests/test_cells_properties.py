# SPDX-License-Identifier: EUPL-1.2
"""Property-based tests of the pure cell, key and status parsers."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kwaliteitsmonitor.connectors.cbs_odata.cells import (
    SYMBOLS,
    key_base,
    period_status,
    read_v3_cell,
    read_v4_cell,
    region_code,
    strip_key,
)
from kwaliteitsmonitor.connectors.cbs_odata.odata import decode_parts

padding = st.text(alphabet=" ", max_size=10)
finite = st.floats(allow_nan=False, allow_infinity=False, width=32)


@given(st.sampled_from(sorted(SYMBOLS)), padding, padding)
def test_symbols_never_become_numbers(symbol: str, left: str, right: str) -> None:
    assert read_v3_cell(left + symbol + right) == (None, symbol)


@given(finite, padding, padding)
def test_padded_numbers_are_read_exactly(value: float, left: str, right: str) -> None:
    assert read_v3_cell(f"{left}{value!r}{right}") == (value, "")


@given(padding)
def test_blank_cells_are_skipped(blank: str) -> None:
    assert read_v3_cell(blank) is None


@given(st.text())
def test_untyped_cells_are_a_number_a_symbol_a_skip_or_a_dutch_error(text: str) -> None:
    try:
        cell = read_v3_cell(text)
    except ValueError as exc:
        assert "getal" in str(exc)
        return
    if cell is not None:
        value, attribute = cell
        assert (value is None) == (attribute in SYMBOLS)


@given(st.one_of(st.none(), st.text()), finite)
def test_v4_attribute_other_than_none_is_kept_or_skipped(attribute: str | None, value: float) -> None:
    cell = read_v4_cell(value, attribute)
    if attribute is None or attribute.strip() in ("", "None"):
        assert cell == (value, "")
    elif attribute.strip().casefold() == "impossible":
        assert cell is None
    else:
        assert cell is not None and cell[0] == value and cell[1]


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=10), padding)
def test_padding_is_stripped_from_keys(code: str, pad: str) -> None:
    assert strip_key(code + pad) == code
    assert region_code(code + pad) == ("NL00" if code == "NL01" else code)


@given(st.one_of(st.none(), st.integers(), st.text()))
def test_period_status_mapping_is_total(status: object) -> None:
    assert period_status(status) in {"", "voorlopig", "nader_voorlopig", "definitief"}


@given(st.sampled_from(["Voorlopig", "Nader voorlopig", "Definitief"]), padding)
def test_period_status_known_values(status: str, pad: str) -> None:
    expected = {"Voorlopig": "voorlopig", "Nader voorlopig": "nader_voorlopig", "Definitief": "definitief"}
    assert period_status(pad + status.upper() + pad) == expected[status]


@given(st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,20}", fullmatch=True), st.integers(min_value=1, max_value=999))
def test_key_base_drops_only_the_numeric_suffix(base: str, suffix: int) -> None:
    assert key_base(f"{base}_{suffix}") == base
    assert key_base(base) == base


@given(st.lists(st.dictionaries(st.sampled_from(["ID", "RegioS", "X_1"]), st.integers()), max_size=5))
def test_bare_lists_and_odata_responses_decode_to_the_same_rows(rows: list[dict[str, int]]) -> None:
    bare, _ = decode_parts({"TypedDataSet.json": (json.dumps(rows).encode(),)})
    wrapped, _ = decode_parts({"TypedDataSet.json": (json.dumps({"value": rows}).encode(),)})
    assert [r for p in bare["TypedDataSet"] for r in p.rows] == [
        r for p in wrapped["TypedDataSet"] for r in p.rows
    ]
