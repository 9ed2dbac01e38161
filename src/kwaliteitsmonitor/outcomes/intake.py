# SPDX-License-Identifier: EUPL-1.2
"""Reading a partner's outcome figures, from the XLSX template or from the form, and checking every cell.
Pure Python (openpyxl, no Django), so the file and the form share one set of checks.

* Only aggregates: a file that looks like rows per person (a column such as BSN, geboortedatum, naam of
  cliëntnummer, or the same voorziening on many rows) is refused as a whole with a reference to ADR 0003;
  nothing of it is kept.
* Every cell that fails gets a Dutch message naming sheet, row and column.
* Only the partner's own voorzieningen: an unknown code or one of another organisation is an error.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kwaliteitsmonitor.analysis.units import format_delivered

from .definitions import COLUMNS, FIGURES, INFO_SHEET, RATIOS, SHEET, column_letter

PERSONAL_REFUSAL = (
    "Dit bestand lijkt gegevens over personen te bevatten ({why}). De monitor neemt alleen totalen per "
    "voorziening aan, nooit rijen per cliënt: zie ADR 0003 'Geen profilering van individuele inwoners'. "
    "Er is niets opgeslagen. Tel de cijfers per voorziening op en vul die in het sjabloon in."
)
# Column names that identify a person (compared without accents, spaces and punctuation).
_PERSONAL_EXACT = {
    "naam",
    "voornaam",
    "achternaam",
    "client",
    "clientid",
    "cliëntid",
    "persoon",
    "adres",
    "geslacht",
    "leeftijd",
    "email",
    "geboren",
}
_PERSONAL_PARTS = (
    "bsn",
    "burgerservicenummer",
    "geboorte",
    "voornaam",
    "achternaam",
    "clientnummer",
    "clientnaam",
    "naamclient",
    "dossiernummer",
    "postcode",
    "huisnummer",
    "emailadres",
    "telefoon",
    "patientnummer",
)
_REPEATS_THAT_ARE_PERSONS = 3  # the same voorziening on this many rows: rows per person, not totals
_MAX_ROWS = 2000


@dataclass(frozen=True)
class CellError:
    message: str
    sheet: str = SHEET
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            p
            for p in (
                f"blad {self.sheet}" if self.sheet else "",
                f"rij {self.row}" if self.row else "",
                f"kolom {self.column}" if self.column else "",
            )
            if p
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Intake:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    personal: str = ""  # the refusal, when the input looks like rows per person
    foreign_codes: list[str] = field(default_factory=list)  # someone else's voorzieningen (logged)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.personal


@dataclass(frozen=True)
class Known:
    """The voorzieningen the check knows: code -> owning partner id, and the partner submitting."""

    owner: dict[str, int]
    partner_id: int


def _norm(text: Any) -> str:
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", plain)


def personal_column(header: Any) -> bool:
    name = _norm(header)
    return bool(name) and (
        name in {_norm(x) for x in _PERSONAL_EXACT} or any(p in name for p in _PERSONAL_PARTS)
    )


def read_workbook(data: bytes, period: str, known: Known) -> Intake:
    """The template as filled in: sheet 'Uitkomsten', headers in row 1, one row per voorziening."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return Intake(
            errors=[CellError("Dit is geen leesbaar Excel-bestand (.xlsx); gebruik het sjabloon.", "")]
        )
    intake = Intake()
    try:
        intake.personal = _person_columns(book)
        if intake.personal:
            return intake
        if SHEET not in book.sheetnames:
            intake.errors.append(CellError(f"Het blad '{SHEET}' ontbreekt; gebruik het sjabloon.", sheet=""))
            return intake
        stated = _stated_period(book[INFO_SHEET]) if INFO_SHEET in book.sheetnames else ""
        if stated and stated != period:
            message = (
                f"Dit sjabloon is voor periode {stated}, u levert aan voor {period}; kies dezelfde periode."
            )
            intake.errors.append(CellError(message, sheet=INFO_SHEET, row=2, column="B"))
        raw = list(book[SHEET].iter_rows(values_only=True, max_row=_MAX_ROWS + 1))
    finally:
        book.close()
    if len(raw) > _MAX_ROWS:
        intake.errors.append(CellError(f"Meer dan {_MAX_ROWS} rijen: dit zijn geen totalen per voorziening."))
    positions = _positions(raw[0] if raw else (), intake)
    if intake.errors:
        return intake
    cells = []
    for number, values in enumerate(raw[1:], start=2):
        row = {key: (values[pos] if pos < len(values) else None) for key, pos in positions.items()}
        if any(row.get(c.key) not in (None, "") for c in FIGURES):  # a voorziening left empty: skipped
            cells.append((number, row))
    letters = {key: column_letter(pos) for key, pos in positions.items()}
    return check_rows(cells, known, letters=letters)


def _person_columns(book: Any) -> str:
    """The refusal when any sheet has a column that identifies persons, else ''."""
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        for index, header in enumerate(first or ()):
            if personal_column(header):
                where = f"kolom {column_letter(index)} '{header}' op blad {sheet.title}"
                return PERSONAL_REFUSAL.format(why=where)
    return ""


def _positions(first_row: Any, intake: Intake) -> dict[str, int]:
    headers = [_norm(h) for h in first_row]
    positions: dict[str, int] = {}
    for column in COLUMNS:
        if _norm(column.header) in headers:
            positions[column.key] = headers.index(_norm(column.header))
        elif column.key == "code" or column.kind != "info":
            message = f"De kolom '{column.header}' ontbreekt in rij 1; gebruik het sjabloon."
            intake.errors.append(CellError(message, row=1))
    return positions


def _stated_period(sheet: Any) -> str:
    for values in sheet.iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
        if values and _norm(values[0]) == "periodecode" and len(values) > 1 and values[1]:
            return str(values[1]).strip()
    return ""


def _looks_like_person_rows(cells: list[tuple[int, dict[str, Any]]]) -> str:
    counts = Counter(str(row.get("code") or "").strip() for _n, row in cells)
    code, times = counts.most_common(1)[0] if counts else ("", 0)
    if times >= _REPEATS_THAT_ARE_PERSONS:
        return f"voorziening '{code}' staat op {times} rijen; per voorziening hoort één rij met totalen"
    return ""


Report = Callable[[str, str], None]  # (column key, message) for the row being checked


def check_rows(
    cells: list[tuple[int, dict[str, Any]]],
    known: Known,
    *,
    letters: dict[str, str] | None = None,
    sheet: str = SHEET,
) -> Intake:
    """``cells``: (row number, {column key: raw value}). Returns the clean rows or every problem."""
    letters = letters or {}
    intake = Intake()
    why = _looks_like_person_rows(cells)
    if why:
        intake.personal = PERSONAL_REFUSAL.format(why=why)
        return intake
    seen: dict[str, int] = {}
    headers = {c.key: c.header for c in COLUMNS}
    for number, raw in cells:

        def error(key: str, message: str, number: int = number) -> None:
            column = f"{letters[key]} ({headers[key]})" if key in letters else headers[key]
            intake.errors.append(CellError(message, sheet=sheet, row=number, column=column))

        code = _check_code(str(raw.get("code") or "").strip(), known, seen, error, intake)
        if code:
            seen[code] = number
            intake.rows.append(_check_figures(code, raw, error))
    if not cells:
        message = "Er staan geen cijfers in; vul per voorziening minstens één cijfer in."
        intake.errors.append(CellError(message, sheet=sheet))
    if intake.errors:
        intake.rows = []
    return intake


def _check_code(code: str, known: Known, seen: dict[str, int], error: Report, intake: Intake) -> str:
    if not code:
        error("code", "de code van de voorziening ontbreekt")
    elif code not in known.owner:
        error("code", f"onbekende voorziening '{code}'; gebruik de codes uit het sjabloon")
    elif known.owner[code] != known.partner_id:
        intake.foreign_codes.append(code)
        error(
            "code",
            f"voorziening '{code}' hoort niet bij uw organisatie; lever alleen eigen voorzieningen aan",
        )
    elif code in seen:
        error("code", f"voorziening '{code}' staat ook al op rij {seen[code]}; één rij per voorziening")
    else:
        return code
    return ""


def _check_figures(code: str, raw: dict[str, Any], error: Report) -> dict[str, Any]:
    row: dict[str, Any] = {"code": code}
    for column in FIGURES:
        value, problem = _number(raw.get(column.key), column.kind)
        if problem:
            error(column.key, problem)
        row[column.key] = value
    for teller, noemer, _indicator in RATIOS:
        t, n = row[teller], row[noemer]
        if t is not None and n is None:
            error(noemer, "de noemer (n) ontbreekt; zonder noemer geen percentage")
        elif n is not None and t is None:
            error(teller, "de teller ontbreekt bij deze noemer")
        elif t is not None and n is not None and t > n:
            error(
                teller, f"de teller ({format_delivered(t)}) is groter dan de noemer ({format_delivered(n)})"
            )
        elif n == 0:
            error(noemer, "de noemer is 0; laat teller en noemer dan leeg")
        elif n is not None and row["clienten"] is not None and n > row["clienten"]:
            error(
                noemer,
                f"meer trajecten ({format_delivered(n)}) dan cliënten ({format_delivered(row['clienten'])})",
            )
    if row["tevreden_pct"] is not None and row["tevreden_n"] is None:
        error("tevreden_n", "n ontbreekt: geef het aantal respondenten bij het percentage tevreden")
    elif row["tevreden_n"] is not None and row["tevreden_pct"] is None:
        error("tevreden_pct", "het percentage tevreden ontbreekt bij dit aantal respondenten")
    return row


def _number(raw: Any, kind: str) -> tuple[float | int | None, str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    if isinstance(raw, bool):
        return None, f"'{raw}' is geen getal"
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").rstrip("%")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
            text = text.replace(".", "")
        text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            return None, f"'{raw}' is geen getal"
    if value < 0:
        return None, f"{format_delivered(value)} kan niet: een aantal of percentage is niet negatief"
    if kind == "pct":
        if value > 100:
            return None, f"een percentage ligt tussen 0 en 100, niet {format_delivered(value)}"
        return round(value, 1), ""
    if not value.is_integer():
        return None, f"{format_delivered(value)} is geen heel getal; vul een aantal in"
    return int(value), ""
