# SPDX-License-Identifier: EUPL-1.2
"""Safe reading of user files for the file-based connectors (areas, indicators, tabular, goal-tree).

Pure helpers, no Django: bytes in, a :class:`Table` (header + numbered rows) or a Dutch error out.

* size limit before anything is parsed;
* encoding detection (UTF-8, UTF-8 with BOM, cp1252, latin-1; reported);
* delimiter sniffing (``,`` ``;`` tab);
* XLSX checked as a ZIP *before* openpyxl sees it (entry count, total size, compression ratio), then
  read with ``read_only=True, data_only=True``;
* Excel-mangled headers (``okt-19`` for ``10-19``, ``1-jan``, a header that became a date) reported;
* numbers the Dutch way, sentinels (``-99997`` …) and symbols (``.``) as "no value", never as numbers.

Every problem is a :class:`~kwaliteitsmonitor.indicators.records.RecordError` with file, row and column.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kwaliteitsmonitor.analysis.units import parse_dutch_number
from kwaliteitsmonitor.indicators.records import RecordError

from .base import InvalidInput

MAX_FILE_BYTES = 50 * 1024 * 1024
XLSX_MAX_ENTRIES = 1_000
XLSX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
XLSX_MAX_RATIO = 200  # uncompressed / compressed per entry; XML compresses 10-30x, bombs 1000x+
MAX_ROWS = 2_000_000

Cell = str | float | int | bool | date | datetime | None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as read from a file. ``rows`` holds (row number as a spreadsheet shows it, cells)."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    encoding: str = ""  # "" for XLSX
    delimiter: str = ""
    warnings: tuple[str, ...] = field(default=())

    def column(self, name: str) -> int | None:
        wanted = normalise_header(name)
        for index, header in enumerate(self.header):
            if normalise_header(header) == wanted:
                return index
        return None


def fail(message: str, file: str = "", row: int | None = None, column: str = "") -> InvalidInput:
    return InvalidInput([RecordError(message, file, row, column)])


def read_bytes(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a file, refusing anything larger than ``max_bytes`` before reading it."""
    file = Path(path)
    if not file.is_file():
        raise fail(f"bestand '{file}' bestaat niet of is geen bestand", file.name)
    size = file.stat().st_size
    if size > max_bytes:
        raise fail(
            f"bestand is te groot ({size:,} bytes; de grens is {max_bytes:,})".replace(",", "."), file.name
        )
    with file.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise fail("bestand is te groot", file.name)
    return data


# --- encodings -------------------------------------------------------------------------------------

_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_text(data: bytes, file: str = "", encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Detects UTF-8 (with or without BOM), cp1252 and latin-1."""
    if encoding:
        return _decode_as(data, file, encoding), encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(data, file, "utf-16"), "utf-16"
    _reject_binary(data, file)
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_as(data, file, "utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if not any(byte in _CP1252_UNDEFINED for byte in data):
        return data.decode("cp1252"), "cp1252"
    return data.decode("latin-1"), "latin-1"


def _decode_as(data: bytes, file: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise fail(f"onbekende tekenset '{encoding}'", file) from None
    except UnicodeDecodeError as exc:
        row, col = _position(data, exc.start)
        raise fail(
            f"het bestand is geen geldige {encoding}-tekst (byte 0x{data[exc.start]:02x}); "
            "sla het op als UTF-8 of laat de tekenset automatisch bepalen",
            file,
            row,
            f"teken {col}",
        ) from None


def _reject_binary(data: bytes, file: str) -> None:
    position = data.find(b"\x00")
    if position >= 0:
        row, col = _position(data, position)
        raise fail(
            "het bestand bevat binaire gegevens (NUL-teken): is dit wel een tekstbestand (CSV)?",
            file,
            row,
            f"teken {col}",
        )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


# --- CSV -------------------------------------------------------------------------------------------

DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """The delimiter (``,`` ``;`` or tab) that splits the first lines into the most equal, widest rows."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        consistent = sum(1 for width in widths if width == widths[0])
        score = (consistent if widths[0] > 1 else 0, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, file: str, *, encoding: str | None = None, delimiter: str | None = None) -> Table:
    try:
        text, used = decode_text(data, file, encoding)
    except InvalidInput as exc:
        raise _with_column_name(exc, data, delimiter) from None
    text = text.lstrip("\ufeff")
    sep = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        rows = list(_numbered(reader))
    except csv.Error as exc:
        raise fail(f"het CSV-bestand is niet te lezen: {exc}", file, reader.line_num) from None
    if not rows:
        raise fail("het bestand is leeg", file)
    header = tuple(str(cell).strip() for cell in rows[0][1])
    body = tuple((number, tuple(_blank_to_none(c) for c in cells)) for number, cells in rows[1:])
    warnings = [f"tekenset: {used}"] if used not in {"utf-8", "utf-8-sig"} else []
    return Table(file, header, body, used, sep, tuple(warnings))


def _with_column_name(exc: InvalidInput, data: bytes, delimiter: str | None) -> InvalidInput:
    """Name the CSV column of a decoding error ('teken 17' → 'uitsplitsing') when the header can be read."""
    error = exc.errors[0]
    if error.row is None or not error.column.startswith("teken "):
        return exc
    lines = data.decode("latin-1").splitlines()
    sep = delimiter or sniff_delimiter("\n".join(lines[:50]))
    header = next(csv.reader([lines[0]], delimiter=sep), [])
    prefix = lines[error.row - 1][: int(error.column.removeprefix("teken ")) - 1]
    index = len(next(csv.reader([prefix], delimiter=sep), [""])) - 1
    if 0 <= index < len(header):
        return InvalidInput([RecordError(error.message, error.file, error.row, header[index].strip())])
    return exc


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise csv.Error(f"meer dan {MAX_ROWS} rijen")
        if any(cell.strip() for cell in row):
            yield number, row


def _blank_to_none(cell: str) -> Cell:
    stripped = cell.strip()
    return stripped or None


# --- XLSX ------------------------------------------------------------------------------------------


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def check_xlsx_zip(data: bytes, file: str) -> None:
    """Reject a ZIP that is corrupt or would unpack to far more than it is (a zip bomb) — before openpyxl."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise fail(
            "het Excel-bestand is beschadigd of onvolledig (geen geldig XLSX/ZIP-bestand)", file
        ) from None
    if len(entries) > XLSX_MAX_ENTRIES:
        raise fail(f"het Excel-bestand bevat te veel onderdelen ({len(entries)})", file)
    total = sum(entry.file_size for entry in entries)
    if total > XLSX_MAX_UNCOMPRESSED:
        raise fail(
            f"het Excel-bestand zou uitgepakt {total // 1_000_000} MB worden (grens "
            f"{XLSX_MAX_UNCOMPRESSED // 1_000_000} MB); het wordt niet geopend",
            file,
        )
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > XLSX_MAX_RATIO * max(entry.compress_size, 1):
            raise fail(
                f"het Excel-bestand is verdacht sterk gecomprimeerd ({entry.filename}); "
                "het wordt niet geopend",
                file,
            )
    if "[Content_Types].xml" not in {entry.filename for entry in entries}:
        raise fail("dit ZIP-bestand is geen Excel-werkmap (XLSX)", file)


def read_xlsx(data: bytes, file: str, *, sheet: str | None = None) -> Table:
    check_xlsx_zip(data, file)
    from openpyxl import load_workbook  # imported late: only XLSX uploads pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise fail(f"het Excel-bestand is niet te lezen ({type(exc).__name__})", file) from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise fail(f"werkblad '{sheet}' bestaat niet; wel: {', '.join(book.sheetnames)}", file)
        worksheet = book[sheet] if sheet else book.worksheets[0]
        rows = [
            (number, tuple(_xlsx_cell(c) for c in cells))
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)
            if any(c is not None and str(c).strip() for c in cells)
        ]
    except InvalidInput:
        raise
    except Exception as exc:
        raise fail(f"het Excel-bestand is beschadigd of onvolledig ({type(exc).__name__})", file) from None
    finally:
        book.close()
    if not rows:
        raise fail("het werkblad is leeg", file)
    header = tuple(_header_text(c) for c in rows[0][1])
    width = len(header)
    body = tuple((number, cells[:width] + (None,) * (width - len(cells))) for number, cells in rows[1:])
    return Table(file, header, body)


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float | int | bool | date | datetime) or value is None:
        return value
    return str(value)


def _header_text(value: Cell) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_table(
    data: bytes,
    file: str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Table:
    """CSV, XLSX or GeoJSON (feature properties as columns), decided by content, not by the file name."""
    if is_xlsx(data):
        return read_xlsx(data, file, sheet=sheet)
    from .feature_table import looks_like_json, read_features

    if looks_like_json(data):
        return read_features(data, file)
    if file.lower().endswith((".xlsx", ".xlsm")):
        raise fail("het Excel-bestand is beschadigd of onvolledig (geen geldig XLSX/ZIP-bestand)", file)
    return read_csv(data, file, encoding=encoding, delimiter=delimiter)


# --- headers ---------------------------------------------------------------------------------------

_MONTHS = "jan|feb|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec"
_MANGLED = re.compile(
    rf"^(?:({_MONTHS})-\d{{1,4}}|\d{{1,2}}-({_MONTHS})(?:-\d{{2,4}})?"
    r"|\d{4}-\d{2}-\d{2}(?: 00:00:00)?)$",
    re.IGNORECASE,
)
_DUTCH_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_MONTH_NUMBER = {m: i for i, m in enumerate(_DUTCH_MONTHS, start=1)}
_MONTH_NUMBER.update({"mar": 3, "may": 5, "oct": 10})


def mangled_header(name: str) -> str | None:
    """A Dutch explanation when ``name`` looks like a value Excel turned into a date, else None."""
    text = name.strip()
    if not _MANGLED.match(text):
        return None
    match = re.match(rf"^({_MONTHS})-(\d{{1,2}})$", text, re.IGNORECASE)
    if match:
        month = _MONTH_NUMBER[match.group(1).lower()]
        guess = f"; bedoeld is waarschijnlijk '{month}-{match.group(2)}'"
    else:
        guess = ""
    return f"kolomkop '{text}' lijkt door Excel in een datum veranderd{guess}"


def mangled_headers(header: Sequence[str]) -> list[tuple[str, str]]:
    return [(name, reason) for name in header if (reason := mangled_header(name))]


def normalise_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", "_", name.strip().lower())


# --- numbers and sentinels -------------------------------------------------------------------------

MISSING_SYMBOLS = {".", "..", "x", "?", "na", "n/a", "n.a.", "nb", "n.b.", "#n/b", "#n/a", "geheim", "-", "–"}
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*(?:[.,]\d*)?|[.,]\d+)$", re.ASCII)
SENTINELS = frozenset({-99995, -99996, -99997, -99998, -99999, -999999, -9999999, -99999999, -999999999})


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed cell: ``value`` None means the source withheld it; ``attribute`` then says how ('.')."""

    value: float | None
    attribute: str = ""


def is_sentinel(value: float) -> bool:
    return value.is_integer() and (int(value) in SENTINELS or -100_000 < value <= -99_990)


def parse_number(cell: Cell, decimal: str = "") -> Number:
    """Parse a cell into a number. Raises ValueError (Dutch message) for text and empty cells.

    ``decimal`` is ``","`` or ``"."`` when the file's convention is known, ``""`` to follow
    :func:`~kwaliteitsmonitor.analysis.units.parse_dutch_number`.
    """
    if isinstance(cell, bool | date | datetime):
        raise ValueError(f"'{cell}' is geen getal")
    if isinstance(cell, int | float):
        value = float(cell)
        if math.isnan(value) or math.isinf(value):
            raise ValueError("geen eindig getal")
        return Number(None, ".") if is_sentinel(value) else Number(value)
    text = (cell or "").strip()
    if not text:
        raise ValueError("lege cel")
    if text.lower() in MISSING_SYMBOLS:
        return Number(None, "-" if text in {"-", "–"} else ".")
    value = _parse_text(text, decimal)
    return Number(None, ".") if is_sentinel(value) else Number(value)


def _parse_text(text: str, decimal: str) -> float:
    raw = text.replace("\u00a0", "").replace(" ", "").removeprefix("€").removesuffix("%")
    if not _NUMBER.match(raw):
        raise ValueError(f"'{text}' is geen getal")
    if decimal == ",":
        raw = raw.replace(".", "").replace(",", ".")
    elif decimal == ".":
        raw = raw.replace(",", "")
    else:
        return parse_dutch_number(raw)
    if raw.count(".") > 1:
        raise ValueError(f"'{text}' is geen getal")
    return float(raw)


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d{1,2}$|^-?\d+,\d{4,}$|^-?\d{1,3}(?:\.\d{3})+,\d+$", re.ASCII)
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$|^-?\d{1,3}(?:,\d{3})+\.\d+$", re.ASCII)


def sniff_decimal(cells: Sequence[Cell]) -> str:
    """``","`` or ``"."`` when the text cells show one decimal convention unambiguously, else ``""``."""
    comma = point = 0
    for cell in cells:
        if isinstance(cell, str):
            comma += bool(_DECIMAL_COMMA.match(cell))
            point += bool(_DECIMAL_POINT.match(cell))
    if comma and not point:
        return ","
    if point and not comma:
        return "."
    return ""


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


# --- codes and command-line options ----------------------------------------------------------------

_SLUG = re.compile(r"[^a-z0-9_-]+")


def slug_code(text: str, prefix: str = "") -> str:
    """An indicator code from a column name: lower case, ``[a-z0-9_-]``, at most 120 characters."""
    code = _SLUG.sub("_", text.strip().lower()).strip("_")
    return (prefix + code)[:120]


def add_option(parser: Any, *names: str, **kwargs: Any) -> None:
    """Add a command-line option unless another connector already added one with that name.

    The ``import`` command puts every connector's options into one parser; options with the same name
    must mean the same thing (``--year``, ``--create-areas``).
    """
    with contextlib.suppress(argparse.ArgumentError):
        parser.add_argument(*names, **kwargs)
