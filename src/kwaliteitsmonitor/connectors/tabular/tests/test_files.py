# SPDX-License-Identifier: EUPL-1.2
"""The shared safe file reading (connectors/files.py): encodings, delimiters, XLSX safety, numbers."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.connectors.base import InvalidInput
from kwaliteitsmonitor.connectors.files import (
    SENTINELS,
    check_xlsx_zip,
    decode_text,
    mangled_header,
    parse_number,
    read_csv,
    read_table,
    sniff_decimal,
    sniff_delimiter,
)

from .xlsx import ratio_bomb, write_xlsx, zip_bomb

# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1.234,5", "", 1234.5),
        ("12,5%", "", 12.5),
        ("1 000", "", 1000.0),
        ("48.8511", ".", 48.8511),
        ("2.647", ".", 2.647),  # with a known decimal point, three decimals are decimals
        ("2.647", ",", 2647.0),
        ("-3,25", ",", -3.25),
        (7, "", 7.0),
    ],
)
def test_parse_number(text, decimal, value):
    assert parse_number(text, decimal).value == value


@pytest.mark.parametrize("text", ["abc", "12a", "1e5", "nan", "inf", "١٢", "1_000", "12.3.4,5,6x", "€"])
def test_text_is_never_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("cell", ["-99997", "-99995", -99999999, "-99.997", -99998.0, "-99999"])
def test_sentinels_mean_no_value(cell):
    number = parse_number(cell)
    assert number.value is None
    assert number.attribute == "."


@pytest.mark.parametrize("cell", [".", "x", "NA", "#N/B", "geheim"])
def test_symbols_mean_no_value(cell):
    assert parse_number(cell).value is None


@given(st.text(min_size=1).filter(lambda t: any(c.isalpha() for c in t)))
def test_property_text_with_letters_is_rejected_or_a_known_symbol(text):
    try:
        number = parse_number(text)
    except ValueError:
        return
    assert number.value is None  # only the symbols NA, x, nb, n.a. ... pass, and never as numbers


@given(st.sampled_from(sorted(SENTINELS)), st.sampled_from(["", ",", "."]), st.booleans())
def test_property_sentinels_never_become_numbers(sentinel, decimal, as_text):
    assert parse_number(str(sentinel) if as_text else sentinel, decimal).value is None


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).filter(lambda v: v > -99_000))
def test_property_dutch_formatted_numbers_round_trip(value):
    text = f"{value:.2f}".replace(".", ",")
    assert parse_number(text, ",").value == pytest.approx(round(value, 2))


def test_sniff_decimal():
    assert sniff_decimal(["1,5", "2", "3,25"]) == ","
    assert sniff_decimal(["1.5", "48.8511"]) == "."
    assert sniff_decimal(["1.000", "2.000"]) == ""


# --- encodings and delimiters ----------------------------------------------------------------------


@given(
    st.text(alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")), max_size=200),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_property_encoding_round_trip(text, encoding):
    data = text.encode(encoding)
    decoded, used = decode_text(data)
    if encoding == "cp1252":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            assert (decoded, used) == (text, "cp1252")
        return  # bytes that are valid UTF-8 are read as UTF-8, by design
    assert decoded.removeprefix("\ufeff") == text
    assert used == encoding


def test_encodings_are_detected_and_reported():
    assert decode_text("Ede;België".encode())[1] == "utf-8"
    assert decode_text("Ede;België".encode("cp1252"))[1] == "cp1252"
    assert decode_text(b"\xef\xbb\xbfa;b")[1] == "utf-8-sig"
    assert decode_text("a;\u0081b".encode("latin-1"))[1] == "latin-1"


def test_wrong_encoding_gives_row_and_column():
    with pytest.raises(InvalidInput) as info:
        decode_text("a,b\n1,é\n".encode("cp1252"), "f.csv", "utf-8")
    error = info.value.errors[0]
    assert (error.file, error.row, error.column) == ("f.csv", 2, "teken 3")
    assert "UTF-8" in error.message
    with pytest.raises(InvalidInput) as info:
        read_csv("a,b\n1,é\n".encode("cp1252"), "f.csv", encoding="utf-8")
    assert (info.value.errors[0].row, info.value.errors[0].column) == (2, "b")


def test_binary_file_is_refused():
    with pytest.raises(InvalidInput, match="binaire"):
        decode_text(b"a,b\n\x00\x01", "f.csv")


_CELL = st.text(alphabet="abcdefgh0123456789 ,;\t.\"'-", max_size=8)


@settings(max_examples=150)
@given(
    st.sampled_from([",", ";", "\t"]),
    st.integers(min_value=2, max_value=6),
    st.lists(st.lists(_CELL, min_size=6, max_size=6), min_size=1, max_size=12),
)
def test_property_delimiter_sniffing_on_generated_tables(delimiter, width, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([f"kolom{i}" for i in range(width)])
    for row in rows:
        writer.writerow(row[:width])
    text = buffer.getvalue()
    assert sniff_delimiter(text) == delimiter
    table = read_csv(text.encode(), "t.csv")
    assert table.delimiter == delimiter
    assert len(table.header) == width


# --- headers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["okt-19", "1-jan", "mrt-20", "2019-10-01", "2019-10-01 00:00:00"])
def test_excel_mangled_headers_are_recognised(header):
    assert mangled_header(header)


@pytest.mark.parametrize("header", ["0-9", "20-29", "90+", "jaar", "bspman", "2024JJ00"])
def test_normal_headers_are_not_mangled(header):
    assert mangled_header(header) is None


def test_okt_19_guess():
    assert "'10-19'" in mangled_header("okt-19")


# --- XLSX ------------------------------------------------------------------------------------------


def test_xlsx_is_read(tmp_path):
    data = write_xlsx(
        tmp_path / "a.xlsx", [["indicator", "gebied", "jaar", "waarde"], ["x", "GM0632", 2024, 1.5]]
    )
    table = read_table(data, "a.xlsx")
    assert table.header == ("indicator", "gebied", "jaar", "waarde")
    assert table.rows == ((2, ("x", "GM0632", 2024, 1.5)),)


def test_truncated_xlsx_is_refused(tmp_path):
    data = write_xlsx(tmp_path / "a.xlsx", [["a"], [1]])
    with pytest.raises(InvalidInput, match="beschadigd of onvolledig"):
        read_table(data[: len(data) // 2], "a.xlsx")


def test_zip_bomb_is_refused_before_openpyxl(tmp_path, monkeypatch):
    bomb = zip_bomb(tmp_path / "bom.xlsx")
    assert len(bomb) < 50_000
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 3_900_000_000
    import openpyxl

    monkeypatch.setattr(
        openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl mag dit niet openen")
    )
    with pytest.raises(InvalidInput, match="uitgepakt 4000 MB"):
        read_table(bomb, "bom.xlsx")


def test_high_compression_ratio_is_refused(tmp_path):
    bomb = ratio_bomb(tmp_path / "bom.xlsx")
    assert len(bomb) < 200_000
    with pytest.raises(InvalidInput, match="gecomprimeerd"):
        check_xlsx_zip(bomb, "bom.xlsx")


def test_zip_without_content_types_is_not_a_workbook(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hallo")
    with pytest.raises(InvalidInput, match="geen Excel-werkmap"):
        check_xlsx_zip(buffer.getvalue(), "a.xlsx")
