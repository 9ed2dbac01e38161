# SPDX-License-Identifier: EUPL-1.2
"""The data table written in Python (``monitor.tablehtml``) gives the bytes of the template it replaced,
for every kind of table the pages make: numbers and text columns, links and notes on row headers, marks,
secret, revised and computed cells, downloads, and text that must be escaped."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from kwaliteitsmonitor.monitor import tablehtml
from kwaliteitsmonitor.monitor.pages.common import table

# The template as it was (monitor/includes/table.html before the table was written in Python).
REFERENCE = '{% comment %}A data table (pages.common.table): t.numeric False = text columns (start-aligned); row.url links the\nrow header, row.note is a line under it; cell.marks are symbols before the text ({kind, code, symbol}: the\nkm-status/km-answer classes), hidden from screen readers because the text says the same.{% endcomment %}\n<div class="utrecht-table-container km-table-container" role="region" aria-label="Tabel: {{ t.caption }}" tabindex="0">\n  <table class="utrecht-table utrecht-table--html-table km-table{% if t.numeric is False %} km-table--text{% endif %}">\n    <caption class="utrecht-table__caption">{{ t.caption }}</caption>\n    <thead class="utrecht-table__header">\n      <tr class="utrecht-table__row">{% for c in t.columns %}<th scope="col" class="utrecht-table__header-cell{% if not forloop.first and t.numeric is not False %} km-num{% endif %}">{{ c }}</th>{% endfor %}</tr>\n    </thead>\n    <tbody class="utrecht-table__body">\n      {% for row in t.rows %}\n      <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell{% if row.note %} km-table__noted{% endif %}">{% if row.url %}<a class="utrecht-link" href="{{ row.url }}">{{ row.header }}</a>{% else %}{{ row.header }}{% endif %}{% if row.note %} <span class="km-table__note">{{ row.note }}</span>{% endif %}</th>{% for cell in row.cells %}<td class="utrecht-table__cell{% if t.numeric is not False %} km-num{% endif %}{% if cell.secret %} km-secret{% endif %}">{% if cell.marks %}<span class="km-marks{% if cell.marks|length > 1 %} km-marks--row{% endif %}" aria-hidden="true">{% for m in cell.marks %}<span class="km-{{ m.kind }} km-{{ m.kind }}--{{ m.code }}"><span class="km-{{ m.kind }}__symbol">{{ m.symbol }}</span></span>{% endfor %}</span> {% endif %}{{ cell.text }}{% if cell.revised %} <span class="km-revised">(herzien)</span>{% endif %}{% if cell.computed %} <span class="km-computed">(berekend)</span>{% endif %}</td>{% endfor %}</tr>\n      {% endfor %}\n    </tbody>\n  </table>\n</div>\n{% if t.download %}<p class="utrecht-paragraph km-downloads km-downloads--table">Download: <a class="utrecht-link" href="{{ t.download.csv }}" download aria-label="Tabel {{ t.download.label }} als CSV">CSV</a> · <a class="utrecht-link" href="{{ t.download.xlsx }}" download aria-label="Tabel {{ t.download.label }} als Excel">Excel</a></p>{% endif %}\n'

MARKS = [
    {"kind": "status", "code": "op_koers", "symbol": "●"},
    {"kind": "answer", "code": "laat", "symbol": "!"},
]

TABLES = [
    table(
        "Inwoners <per> wijk & jaar",
        ["Wijk", "2023", "2024"],
        [
            ("Centrum", [{"text": "1.234"}, {"text": "1.250", "revised": True}]),
            (
                'Oost "Noord"',
                [{"text": "•", "secret": True}, {"text": "12,5%", "computed": True}],
                {"url": "/wijk/WK000101/?a=1&b=2", "note": "(samen met West)"},
            ),
            ("Zuid", []),
        ],
    ),
    {
        "caption": "Tekst",
        "columns": ["Thema", "Stand"],
        "numeric": False,
        "rows": [
            {"header": "Wonen", "cells": [{"text": "op koers", "marks": MARKS}]},
            {"header": mark_safe("<em>Zorg</em>"), "cells": [{"text": "x", "marks": MARKS[:1]}]},
        ],
    },
    {"caption": "Leeg", "columns": [], "rows": []},
    {
        **table("Met download", ["A", "B"], [("r", [{"text": "1"}])]),
        "download": {"label": "a & b", "csv": "/tabel-1.csv", "xlsx": "/tabel-1.xlsx"},
    },
]


@pytest.mark.parametrize("t", TABLES)
def test_the_table_in_python_gives_the_bytes_of_the_template(t):
    reference = engines["django"].from_string(REFERENCE).render({"t": t})
    assert str(tablehtml.render(t)) == reference


def test_the_table_template_uses_it():
    include = engines["django"].get_template("monitor/includes/table.html")
    assert include.render({"t": TABLES[0]}) == str(tablehtml.render(TABLES[0]))
