# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of a process round shaped like the VNG dashboards' tables (seed 001): one row per region
× sub-theme (``regio``, ``thema``, ``subthema``, ``status`` in the dashboard's own label, ``toelichting``)
and, in the same sheet, one row per region × yes/no question (``regio``, ``thema``, ``vraag``,
``antwoord``). Whether the names and labels exist is checked when loading, where the monitor is known."""

from __future__ import annotations

from dataclasses import dataclass

from kwaliteitsmonitor.indicators.records import RecordError

from ..base import ParseResult
from ..files import Table, cell_text

REQUIRED = ("regio", "thema")


@dataclass(frozen=True, slots=True)
class ProcessRow:
    row: int
    region: str
    theme: str
    sub_theme: str = ""
    status: str = ""
    explanation: str = ""
    question: str = ""
    answer: str = ""


@dataclass(frozen=True, slots=True)
class ProcessRoundParse(ParseResult):
    file: str = ""
    rows: tuple[ProcessRow, ...] = ()


def parse_process_round(table: Table) -> ProcessRoundParse:
    errors = [
        RecordError(f"kolom '{name}' ontbreekt; verwacht: regio, thema, subthema, status, toelichting "
                    "(en voor ja/nee-vragen: vraag, antwoord)", table.file, 1, name)
        for name in REQUIRED if table.column(name) is None
    ]  # fmt: skip
    if table.column("subthema") is None and table.column("vraag") is None:
        errors.append(RecordError("kolom 'subthema' of 'vraag' ontbreekt", table.file, 1, "subthema"))
    if errors:
        return ProcessRoundParse(errors=tuple(errors), file=table.file)
    columns = {
        name: table.column(name)
        for name in ("regio", "thema", "subthema", "status", "toelichting", "vraag", "antwoord")
    }

    def get(cells: tuple, name: str) -> str:
        index = columns[name]
        return cell_text(cells[index]).strip() if index is not None and index < len(cells) else ""

    rows: list[ProcessRow] = []
    for number, cells in table.rows:
        values = {name: get(cells, name) for name in columns}
        if not any(values.values()):
            continue
        errors += _row_errors(values, table.file, number)
        rows.append(
            ProcessRow(
                row=number, region=values["regio"], theme=values["thema"], sub_theme=values["subthema"],
                status=values["status"], explanation=values["toelichting"], question=values["vraag"],
                answer=values["antwoord"],
            )
        )  # fmt: skip
    if not rows and not errors:
        errors.append(RecordError("het bestand heeft geen rijen", table.file))
    return ProcessRoundParse(errors=tuple(errors), file=table.file, rows=tuple(rows))


def _row_errors(values: dict[str, str], file: str, number: int) -> list[RecordError]:
    found: list[RecordError] = []
    for name in REQUIRED:
        if not values[name]:
            found.append(RecordError(f"'{name}' is leeg", file, number, name))
    if values["subthema"] and values["vraag"]:
        found.append(RecordError("een rij is een subthema óf een vraag, niet allebei", file, number, "vraag"))
    elif values["subthema"] and not values["status"]:
        found.append(RecordError("'status' is leeg", file, number, "status"))
    elif values["vraag"] and not values["antwoord"]:
        found.append(RecordError("'antwoord' is leeg", file, number, "antwoord"))
    elif not values["subthema"] and not values["vraag"]:
        found.append(
            RecordError("vul 'subthema' (met status) of 'vraag' (met antwoord) in", file, number, "subthema")
        )
    return found
