# SPDX-License-Identifier: EUPL-1.2
"""Reading and checking a partner's outcome figures: every failing cell named by sheet, row and column;
rows per person refused as a whole; someone else's voorziening refused. No database needed."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from kwaliteitsmonitor.outcomes.definitions import COLUMNS, INDICATORS
from kwaliteitsmonitor.outcomes.intake import Known, check_rows, read_workbook
from kwaliteitsmonitor.outcomes.template import workbook

from .conftest import PERIOD, xlsx

KNOWN = Known({"a": 1, "b": 1, "x": 2}, partner_id=1)
GOOD = ["a", "A", "ambulant", 40, 18, 24, 3, 30, 82.5, 21]


def test_a_good_file_gives_one_clean_row_per_voorziening():
    result = read_workbook(xlsx([GOOD, ["b", "", "", 12, "", "", "", "", "", ""]]), PERIOD, KNOWN)
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows[0] == {
        "code": "a", "clienten": 40, "doel_teller": 18, "doel_noemer": 24, "uitval_teller": 3,
        "uitval_noemer": 30, "tevreden_pct": 82.5, "tevreden_n": 21,
    }  # fmt: skip
    assert result.rows[1]["clienten"] == 12 and result.rows[1]["doel_noemer"] is None


def test_every_failing_cell_is_named_by_sheet_row_and_column():
    rows = [
        ["a", "", "", 40, 30, 24, "", "", 120, 21],  # teller > noemer; percent > 100
        ["b", "", "", 10, "", "", "", "", 70, ""],  # n missing
        ["onbekend", "", "", 5, "", "", "", "", "", ""],  # unknown voorziening
        ["x", "", "", 5, "", "", "", "", "", ""],  # another partner's
        ["", "", "", "veel", "", "", "", "", "", ""],  # code missing
    ]
    result = read_workbook(xlsx(rows), PERIOD, KNOWN)
    messages = [str(e) for e in result.errors]
    assert not result.rows
    assert (
        "blad Uitkomsten, rij 2, kolom E (Doelrealisatie: doelen gerealiseerd): de teller (30) is groter dan de noemer (24)"
        in messages
    )
    assert any(
        m.startswith("blad Uitkomsten, rij 2, kolom I") and "tussen 0 en 100, niet 120" in m for m in messages
    )
    assert any(m.startswith("blad Uitkomsten, rij 3, kolom J") and "n ontbreekt" in m for m in messages)
    assert any(
        m.startswith("blad Uitkomsten, rij 4, kolom A") and "onbekende voorziening 'onbekend'" in m
        for m in messages
    )
    assert any(
        m.startswith("blad Uitkomsten, rij 5, kolom A") and "hoort niet bij uw organisatie" in m
        for m in messages
    )
    assert any(
        m.startswith("blad Uitkomsten, rij 6, kolom A") and "code van de voorziening ontbreekt" in m
        for m in messages
    )
    assert result.foreign_codes == ["x"]


def test_a_fraction_a_negative_number_and_text_are_refused():
    result = check_rows(
        [(2, {"code": "a", "clienten": "12,5", "doel_teller": "-1", "doel_noemer": "abc"})], KNOWN
    )
    messages = [str(e) for e in result.errors]
    assert any("Cliënten" in m and "geen heel getal" in m for m in messages)
    assert any("niet negatief" in m for m in messages)
    assert any("'abc' is geen getal" in m for m in messages)


def test_a_column_that_identifies_persons_refuses_the_whole_file():
    headers = ["BSN", *[c.header for c in COLUMNS]]
    result = read_workbook(xlsx([["123456782", *GOOD]], headers=headers), PERIOD, KNOWN)
    assert result.personal and "ADR 0003" in result.personal and "kolom A 'BSN'" in result.personal
    assert not result.rows and not result.ok


def test_many_rows_of_zeros_and_ones_for_one_voorziening_are_rows_per_person():
    rows = [["a", "", "", 1, 1, 1, 0, 1, "", ""] for _ in range(12)]
    result = read_workbook(xlsx(rows), PERIOD, KNOWN)
    assert "staat op 12 rijen" in result.personal and not result.rows


def test_the_same_voorziening_twice_is_an_error_not_two_rows():
    result = read_workbook(xlsx([GOOD, GOOD]), PERIOD, KNOWN)
    assert any("staat ook al op rij 2" in str(e) for e in result.errors)


def test_a_template_of_another_period_is_refused():
    result = read_workbook(xlsx([GOOD], period="2025HJ02"), PERIOD, KNOWN)
    assert any("periode 2025HJ02" in str(e) and "blad Gegevens" in str(e) for e in result.errors)


def test_not_an_excel_file():
    result = read_workbook(b"naam;bsn\n", PERIOD, KNOWN)
    assert "geen leesbaar Excel-bestand" in str(result.errors[0])


def test_the_template_lists_the_given_voorzieningen_with_definitions_and_validation():
    data = workbook(
        "Jeugdhulp Noord", PERIOD, "1e halfjaar 2026", [("a", "Ambulant A", "ambulante jeugdhulp")]
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book["Uitkomsten"]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert [c.value for c in sheet[2]][:3] == ["a", "Ambulant A", "ambulante jeugdhulp"]
    assert sheet.max_row == 2
    ranges = {
        str(dv.sqref): (dv.type, dv.formula1, dv.formula2) for dv in sheet.data_validations.dataValidation
    }
    assert ranges["I2"] == ("decimal", "0", "100")
    assert ranges["D2"] == ("whole", "0", None)
    definitions = " ".join(str(c.value) for row in book["Definities"].iter_rows() for c in row if c.value)
    for indicator in INDICATORS:
        assert indicator.definition in definitions
    assert "n kleiner dan 10" in definitions
    assert book["Gegevens"]["B2"].value == PERIOD
    # the template read back as is (nothing filled in) says so
    result = read_workbook(data, PERIOD, Known({"a": 1}, 1))
    assert any("geen cijfers" in str(e) for e in result.errors)
