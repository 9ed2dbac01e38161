# SPDX-License-Identifier: EUPL-1.2
"""The XLSX template a partner downloads: its own voorzieningen only, one row each, with data validation
on every figure, the period on a sheet of its own and a sheet with the NJi definitions. Pure openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .definitions import COLUMNS, DEFINITIONS_SHEET, INDICATORS, INFO_SHEET, MIN_N, SHEET, column_letter

_HEADER = Font(bold=True)
_LOCKED = PatternFill("solid", fgColor="EEEEEE")
SOURCE = (
    "Geharmoniseerde outcome-indicatoren jeugd (NJi, VNG en brancheorganisaties); "
    "Movisie Kwaliteitskompas stap 5 (outcome per voorziening)."
)


def workbook(
    partner: str, period: str, period_label: str, voorzieningen: Iterable[tuple[str, str, str]]
) -> bytes:
    """``voorzieningen``: (code, name, kind) of the partner's own voorzieningen."""
    book = Workbook()
    _figures_sheet(book.active, list(voorzieningen))
    _info_sheet(book.create_sheet(INFO_SHEET), partner, period, period_label)
    _definitions_sheet(book.create_sheet(DEFINITIONS_SHEET))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _figures_sheet(sheet: Worksheet, rows: list[tuple[str, str, str]]) -> None:
    sheet.title = SHEET
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for code, name, kind in rows:
        sheet.append([code, name, kind] + [None] * (len(COLUMNS) - 3))
    last = max(len(rows) + 1, 2)
    for index, column in enumerate(COLUMNS):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = 22 if column.kind != "info" else 28
        if column.kind == "info":
            for row in range(2, last + 1):
                sheet[f"{letter}{row}"].fill = _LOCKED
            continue
        check = _validation(column.kind)
        check.errorTitle = column.header
        check.prompt = column.help
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "D2"


def _validation(kind: str) -> DataValidation:
    if kind == "pct":
        check = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
        check.error = "Een percentage ligt tussen 0 en 100."
    else:
        check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        check.error = "Vul een heel getal in, 0 of meer."
    check.showErrorMessage = True
    check.showInputMessage = True
    return check


def _info_sheet(info: Worksheet, partner: str, period: str, period_label: str) -> None:
    rows = [
        ("Partnerorganisatie", partner),
        ("Periodecode", period),
        ("Periode", period_label),
        (
            "Alleen totalen",
            "Vul per voorziening totalen in. Nooit rijen per cliënt: die worden geweigerd (ADR 0003).",
        ),
        (
            "Minimum n",
            f"Percentages over minder dan {MIN_N} trajecten of respondenten worden niet gepubliceerd.",
        ),
    ]
    for pair in rows:
        info.append(list(pair))
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90
    for cell in info["A"]:
        cell.font = _HEADER


def _definitions_sheet(defs: Worksheet) -> None:
    defs.append(["Indicator", "Definitie", "Teller", "Noemer", "Beveiliging"])
    for cell in defs[1]:
        cell.font = _HEADER
    for indicator in INDICATORS:
        if indicator.disclosure.startswith("min-n"):
            protection = f"Niet gepubliceerd bij n kleiner dan {MIN_N}."
        else:
            protection = "Afgerond op vijftallen; 0 tot en met 7 cliënten is geheim."
        defs.append(
            [indicator.name, indicator.definition, indicator.numerator, indicator.denominator, protection]
        )
    defs.append([])
    defs.append(["Bron", SOURCE])
    for letter, width in zip("ABCDE", (28, 70, 45, 45, 40), strict=True):
        defs.column_dimensions[letter].width = width
    for row in defs.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
