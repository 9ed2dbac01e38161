# SPDX-License-Identifier: EUPL-1.2
"""A data table (``pages.common.table``) as HTML, written in Python.

The bytes are those of the template this replaced (kept in ``tests/test_table_html.py`` as the
reference): a table is the largest repeated block of a page (a doel page has ~160 cells), and rendering
it through template lookups cost a third of an uncached doel page, most of it in lookups of keys a row
or cell does not have (``note``, ``url``, ``marks``, ``numeric``), each of which Django resolves by raising
and catching three exceptions. Text columns (``numeric`` False) are start-aligned; ``url`` links the row
header, ``note`` is a line under it; ``marks`` are symbols before the text ({kind, code, symbol}: the
km-status/km-answer classes), hidden from screen readers because the text says the same.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def _mark(kind: str, mark: dict[str, Any]) -> str:
    return (
        f'<span class="km-{kind} km-{kind}--{_e(mark.get("code", ""))}">'
        f'<span class="km-{kind}__symbol">{_e(mark.get("symbol", ""))}</span></span>'
    )


def _cell(cell: dict[str, Any], num: str) -> str:
    marks = cell.get("marks")
    parts = [f'<td class="utrecht-table__cell{num}{" km-secret" if cell.get("secret") else ""}">']
    if marks:
        row_class = " km-marks--row" if len(marks) > 1 else ""
        symbols = "".join(_mark(_e(m.get("kind", "")), m) for m in marks)
        parts.append(f'<span class="km-marks{row_class}" aria-hidden="true">{symbols}</span> ')
    parts.append(_e(cell.get("text", "")))
    if cell.get("revised"):
        parts.append(' <span class="km-revised">(herzien)</span>')
    if cell.get("computed"):
        parts.append(' <span class="km-computed">(berekend)</span>')
    parts.append("</td>")
    return "".join(parts)


def _row(row: dict[str, Any], num: str) -> str:
    note, url, header = row.get("note"), row.get("url"), _e(row.get("header", ""))
    head = f'<a class="utrecht-link" href="{_e(url)}">{header}</a>' if url else header
    if note:
        head += f' <span class="km-table__note">{_e(note)}</span>'
    cells = "".join(_cell(c, num) for c in row.get("cells", ()))
    noted = " km-table__noted" if note else ""
    return (
        f'\n      <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell{noted}">'
        f"{head}</th>{cells}</tr>\n      "
    )


def render(t: dict[str, Any]) -> SafeString:
    numeric = t.get("numeric") is not False
    num = " km-num" if numeric else ""
    caption = _e(t.get("caption", ""))
    columns = "".join(
        f'<th scope="col" class="utrecht-table__header-cell{num if i else ""}">{_e(c)}</th>'
        for i, c in enumerate(t.get("columns", ()))
    )
    out = [  # the whitespace is the template's, so pages keep their bytes
        '\n<div class="utrecht-table-container km-table-container" role="region" '
        f'aria-label="Tabel: {caption}" tabindex="0">\n'
        '  <table class="utrecht-table utrecht-table--html-table km-table'
        f'{"" if numeric else " km-table--text"}">\n'
        f'    <caption class="utrecht-table__caption">{caption}</caption>\n'
        '    <thead class="utrecht-table__header">\n'
        f'      <tr class="utrecht-table__row">{columns}</tr>\n'
        "    </thead>\n"
        '    <tbody class="utrecht-table__body">\n      '
    ]
    for row in t.get("rows", ()):
        out.append(_row(row, num))
    out.append("\n    </tbody>\n  </table>\n</div>\n")
    download = t.get("download")
    if download:
        label = _e(download.get("label", ""))
        out.append(
            '<p class="utrecht-paragraph km-downloads km-downloads--table">Download: '
            f'<a class="utrecht-link" href="{_e(download.get("csv", ""))}" download '
            f'aria-label="Tabel {label} als CSV">CSV</a> · '
            f'<a class="utrecht-link" href="{_e(download.get("xlsx", ""))}" download '
            f'aria-label="Tabel {label} als Excel">Excel</a></p>'
        )
    out.append("\n")
    return mark_safe("".join(out))
