# SPDX-License-Identifier: EUPL-1.2
"""Downloads of the tables on a page, as CSV and as Excel, from one mechanism for every page.

A table's download URL is its page's URL plus ``tabel-<n>.csv`` or ``tabel-<n>.xlsx`` (and the page's
query string for pages whose choices come from a GET form): ``/indicator/x/tabel-2.csv``. The view
resolves the page path, calls the page's data function with the same arguments (so every figure has
passed the one disclosure-control stage, ``publications.queries``) and writes the n-th table of the page
data. Tables are the dicts with ``caption``, ``columns`` and ``rows`` (``pages.common.table``); they
are numbered from 1 in the order of a depth-first walk of the page data (dict keys in insertion order,
list items in order), which is fixed by the page's data function. The HTML view marks each table with
its download URLs (:func:`link_downloads`), so a page never computes a number of its own.

What a file holds:

* a cell whose text on the page is a Dutch number (``8,2``, ``1.234``, ``-0,5``) is a number, with
  exactly the digits the page shows (never more precision than the page); other text stays text;
* a secret cell is the word ``geheim``; a missing figure is an empty cell;
* a row header is written as the page shows it, with its note (``row.note``, e.g. "(telt niet mee: ...)"
  or why a similar gemeente resembles) after it; symbols in cells (``cell.marks``) are for the eye and
  left out, as the words next to them say the same;
* CSV: UTF-8 with BOM, ``;`` between fields and a decimal comma without thousands separator, which
  Dutch Excel opens as numbers. The header row is the first line; caption, source, page address and
  notes follow after an empty line;
* Excel: the caption on top, then the header row and the rows, numbers as numbers with a Dutch number
  format (thousands and decimals as shown on the page), then the same notes;
* formula neutralisation (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return gets a leading ``'`` in both formats, so a name like
  ``=HYPERLINK(...)`` is never run as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from kwaliteitsmonitor.monitor import site
from kwaliteitsmonitor.monitor.cache import public_page
from kwaliteitsmonitor.monitor.pages.common import SECRET_TEXT

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# No leading zeros (a code like "0344" stays text), thousands with a dot, decimals with a comma; a
# difference may carry its sign ("+0,1").
DUTCH_NUMBER = re.compile(r"^[-+]?(?:0|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d*)(?:,(\d+))?$")
SECRET_NOTE = "geheim: te weinig personen of waarnemingen om het cijfer te tonen; leeg: geen cijfer."  # noqa: S105
# What the page writes after a cell ("(herzien)", "(berekend)"), as a note under the downloaded table.
MARKS = {
    "revised": "Herzien na de eerste publicatie",
    "computed": (
        "Berekend (geen eigen cijfer van de bron: uit teller en noemer, of uit de onderliggende gebieden)"
    ),
}
FICTITIOUS_NOTE = "Let op: dit zijn fictieve demogegevens, verzonnen om te laten zien hoe de monitor werkt."

PageData = Callable[..., dict[str, Any]]


# --- finding and marking the tables of a page -------------------------------------------------------


def is_table(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("columns"), list)
        and isinstance(value.get("rows"), list)
        and "caption" in value
    )


def _walk(value: Any, source: str, seen: set[int]) -> Iterator[tuple[dict[str, Any], str]]:
    if isinstance(value, dict):
        if id(value) in seen:
            return
        seen.add(id(value))
        if is_table(value):
            yield value, source
            return
        source = _source_of(value) or source
        for item in value.values():
            yield from _walk(item, source, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, source, seen)


def _source_of(value: dict[str, Any]) -> str:
    """'Monitor Sociale Kracht (MSK 2024)' for indicator metadata, or for a dict that holds it."""
    meta = value if isinstance(value.get("source"), str) else value.get("indicator")
    if not isinstance(meta, dict) or not isinstance(meta.get("source"), str) or not meta["source"]:
        return ""
    table = meta.get("source_table")
    return f"{meta['source']} ({table})" if isinstance(table, str) and table else meta["source"]


def tables(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The page's tables in their fixed order, each with the source of the indicator it belongs to."""
    return list(_walk(data, "", set()))


def _label(caption: Any) -> str:
    """The first sentence of a caption, without its full stop: the name of what is downloaded."""
    text = str(caption or "").strip()
    cut = text.find(". ")
    return (text[:cut] if cut > 0 else text).rstrip(". ")


def _charts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if is_table(value):
            return
        if isinstance(value.get("chart"), dict) and "svg_url" in value["chart"]:
            yield value
        for item in value.values():
            yield from _charts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _charts(item)


def link_downloads(data: dict[str, Any], page_path: str, query: str = "") -> dict[str, Any]:
    """Give every table of ``data`` its ``download`` (number, ``csv`` and ``xlsx`` URL, ``label``) and
    every chart a ``label`` for its SVG/PNG links; returns ``data``.

    ``page_path`` is the page's path (ending in ``/``); ``query`` the page's own choices, if any.
    Writing the same values twice is harmless, so a cached page dict may pass through again.
    """
    suffix = f"?{query}" if query else ""
    for number, (table, _) in enumerate(tables(data), start=1):
        table["download"] = {
            "number": number,
            "label": _label(table.get("caption")),
            **{fmt: f"{page_path}tabel-{number}.{fmt}{suffix}" for fmt in FORMATS},
        }
    for figure in _charts(data):
        figure["chart"]["label"] = _label(figure.get("caption"))
    return data


# --- cells -------------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """A leading ``'`` for text a spreadsheet would read as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def number_of(text: str) -> tuple[float | int, int] | None:
    """``('1.234,5')`` → ``(1234.5, 1)``: value and decimals of a Dutch number as shown, else None."""
    match = DUTCH_NUMBER.match(text.strip())
    if match is None:
        return None
    decimals = len(match.group(1) or "")
    plain = text.strip().lstrip("+").replace(".", "").replace(",", ".")
    return (float(plain) if decimals else int(plain)), decimals


def cell_content(cell: dict[str, Any]) -> str | tuple[float | int, int] | None:
    """What a data cell holds in a download: ``geheim``, a number (with its decimals), text, or None."""
    if cell.get("secret"):
        return SECRET_TEXT
    text = str(cell.get("text", "")).strip()
    if text in ("", "–", "-"):
        return None
    number = number_of(text)
    return number if number is not None else text


def row_header(row: dict[str, Any]) -> str:
    """The row header as the page shows it: with its note ("inwonertal (telt niet mee: ...)"), if any."""
    header, note = str(row.get("header", "")), str(row.get("note") or "")
    return f"{header} {note}" if note else header


def _grid(table: dict[str, Any]) -> list[list[str | tuple[float | int, int] | None]]:
    """Rows of cell contents; the row header is always text."""
    grid: list[list[str | tuple[float | int, int] | None]] = []
    for row in table["rows"]:
        grid.append([row_header(row), *(cell_content(c) for c in row.get("cells", []))])
    return grid


def _marked(table: dict[str, Any], flag: str) -> list[str]:
    """'2024 (Voorbeeldstad)' for every cell of ``table`` with ``flag`` set, in reading order."""
    columns = table["columns"]
    return [
        f"{row.get('header', '')} ({columns[i + 1] if i + 1 < len(columns) else ''})"
        for row in table["rows"]
        for i, cell in enumerate(row.get("cells", []))
        if cell.get(flag)
    ]


def notes(table: dict[str, Any], source: str, page_url: str) -> list[str]:
    """The lines under a downloaded table: caption, source, page, legend, revisions, fictitious data."""
    lines = [f"Tabel: {table.get('caption', '')}"]
    if source:
        lines.append(f"Bron: {source}")
    info = site.site_info()
    publisher = info["site_name"] + (f" van {info['organisation']}" if info["organisation"] else "")
    lines.append(f"Uitgave: {publisher}; pagina: {page_url}")
    cells = [c for row in table["rows"] for c in row.get("cells", [])]
    if any(c.get("secret") for c in cells) or any(cell_content(c) is None for c in cells):
        lines.append(f"Legenda: {SECRET_NOTE}")
    for flag, text in MARKS.items():
        marked = _marked(table, flag)
        if marked:
            lines.append(f"{text}: " + "; ".join(marked) + ".")
    if info["is_fictitious"]:
        lines.append(FICTITIOUS_NOTE)
    return lines


# --- writers -----------------------------------------------------------------------------------------


def _csv_field(content: str | tuple[float | int, int] | None) -> str:
    if content is None:
        return ""
    if isinstance(content, tuple):
        value, decimals = content
        return f"{value:.{decimals}f}".replace(".", ",")
    return neutralise(content)


def to_csv(table: dict[str, Any], lines: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in table["columns"]])
    for row in _grid(table):
        writer.writerow([neutralise(row[0]), *(_csv_field(c) for c in row[1:])])
    writer.writerow([])
    for line in lines:
        writer.writerow([neutralise(line)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def to_xlsx(table: dict[str, Any], lines: list[str], title: str) -> bytes:
    from openpyxl import Workbook  # imported late: only downloads need it
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    bold, right = Font(bold=True), Alignment(horizontal="right")

    def put(row: int, column: int, value: Any) -> Any:
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
        return cell

    put(1, 1, neutralise(str(table.get("caption", "")))).font = Font(bold=True, size=12)
    header_row = 3
    for col, name in enumerate(table["columns"], start=1):
        cell = put(header_row, col, neutralise(str(name)))
        cell.font = bold
        if col > 1:
            cell.alignment = right
    grid = _grid(table)
    for r, row in enumerate(grid, start=header_row + 1):
        put(r, 1, neutralise(str(row[0]))).font = bold
        for c, content in enumerate(row[1:], start=2):
            if isinstance(content, tuple):
                put(r, c, content[0]).number_format = _number_format(content[1])
            elif content is not None:
                put(r, c, neutralise(content)).alignment = right
    _column_widths(sheet, table["columns"], grid, header_row)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    first_note = header_row + len(grid) + 2
    for i, line in enumerate(lines):
        put(first_note + i, 1, neutralise(line))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_widths(sheet: Any, columns: list[Any], grid: list[list[Any]], header_row: int) -> None:
    widths = [len(str(c)) for c in columns]
    for row in grid:
        for i, content in enumerate(row[: len(widths)]):
            text = content if isinstance(content, str) else "" if content is None else str(content[0])
            widths[i] = max(widths[i], len(text))
    for i, width in enumerate(widths, start=1):
        letter = sheet.cell(row=header_row, column=i).column_letter
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)


# --- the view ----------------------------------------------------------------------------------------


def page_data_function(page_path: str) -> tuple[PageData, dict[str, Any]]:
    """The data function of the HTML page at ``page_path`` (``views._html`` / ``insight_views._pair``
    mark their views with ``page_data``) and the URL arguments. Http404 when it has none."""
    try:
        match = resolve(page_path)
    except Resolver404 as exc:
        raise Http404("Deze pagina bestaat niet, dus ook geen tabel om te downloaden.") from exc
    function = getattr(match.func, "page_data", None)
    if function is None:
        raise Http404("Deze pagina heeft geen tabellen om te downloaden.")
    return function, match.kwargs


def _filename(page_path: str, number: int, fmt: str) -> str:
    stem = "-".join(part for part in page_path.strip("/").split("/") if part) or "home"
    stem = re.sub(r"[^A-Za-z0-9_-]", "", stem) or "pagina"
    return f"{stem}-tabel-{number}.{fmt}"


@public_page(query=None)  # the same for every visitor; reads its page's query string (docs/caching.md)
@require_safe
def table_download(request: HttpRequest, page: str, number: str, fmt: str) -> HttpResponse:
    """``<page>tabel-<n>.csv|xlsx``: the n-th table of that page, from the page's own data function."""
    page_path = "/" + page
    function, kwargs = page_data_function(page_path)
    data = function(request, **kwargs)
    found = tables(data)
    index = int(number)
    if not 1 <= index <= len(found):
        count = len(found)
        raise Http404(
            f"Tabel {index} bestaat niet op deze pagina; de pagina heeft "
            + (f"{count} tabel{'len' if count != 1 else ''}." if count else "geen tabellen.")
        )
    table, source = found[index - 1]
    query = request.GET.urlencode()
    page_url = request.build_absolute_uri(page_path + (f"?{query}" if query else ""))
    lines = notes(table, source, page_url)
    body = to_csv(table, lines) if fmt == "csv" else to_xlsx(table, lines, f"Tabel {index}")
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_filename(page, index, fmt)}"'
    return response
