# SPDX-License-Identifier: EUPL-1.2
"""The council report as a Word document (python-docx): the same structure as the PDF, with real
heading styles, tables with a repeating header row and a description (``tblDescription``), and each
chart as PNG with alt text (``wp:docPr/@descr``). python-docx cannot embed SVG, so charts are PNG.

Deterministic: the core properties carry the report's date and the zip entries a fixed timestamp, so
the same report gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from kwaliteitsmonitor.publications.models import Publication

from . import content
from .text import plain


def _describe_table(table: Any, title: str, description: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", title[:255]), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)


def _header_row(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for cell in row.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _table(document: Any, columns: list[str], rows: list[list[str]], title: str, description: str) -> Any:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(text)
    _header_row(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    _describe_table(table, title, description)
    return table


def _picture(document: Any, png: bytes, alt: str) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(16))
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", alt[:120])


def _dl(document: Any, items: list[tuple[str, str]]) -> None:
    for term, value in items:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(value)


def _cover(document: Any, report: dict[str, Any]) -> None:
    cover = report["cover"]
    document.add_paragraph("Raadsrapportage")
    document.add_heading(cover["agenda"], level=0)
    document.add_paragraph(f"Gemeente {cover['gemeente']} · {cover['period']}")
    document.add_paragraph().add_run(cover["publication"]).bold = True
    document.add_paragraph(f"Stand van {cover['date_text']} (publicatie {cover['number']})")
    if cover["fictitious"]:
        paragraph = document.add_paragraph()
        paragraph.add_run("Fictieve gegevens. ").bold = True
        paragraph.add_run("Deze rapportage gaat over een verzonnen gemeente; de cijfers zijn niet echt.")
    document.add_paragraph(cover["organisation"])
    document.add_page_break()


def _overview(document: Any, report: dict[str, Any]) -> None:
    document.add_heading("Overzicht van de resultaten", level=1)
    rows = []
    for theme in report["overview"]:
        for goal in theme["goals"]:
            for result in goal["results"]:
                rows.append(
                    [
                        theme["title"],
                        f"{goal['number']}. {goal['title']}",
                        result["title"],
                        f"{result['status_symbol']} {result['status_label']}",
                    ]
                )
    _table(
        document,
        ["Opgave", "Doel", "Resultaat", "Status"],
        rows,
        "Overzicht van de resultaten",
        "Elk resultaat met zijn status, per opgave en doel.",
    )
    document.add_page_break()


def _results(document: Any, goal: dict[str, Any]) -> None:
    document.add_heading("Resultaten", level=3)
    if not goal["results"]:
        document.add_paragraph("Dit doel heeft geen resultaten.")
    for result in goal["results"]:
        document.add_paragraph().add_run(result["title"]).bold = True
        target = result.get("target")
        status = result.get("status") or {}
        items = [
            (
                "Streefwaarde",
                f"{target['text']}" + (f" in {result['target_year']}" if result.get("target_year") else "")
                if target
                else "geen streefwaarde",
            )
        ]
        if result.get("baseline"):
            items.append(("Nulmeting", result["baseline"]["text"]))
        items.append(("Huidige waarde", result["current"]["text"]))
        items.append(("Status", f"{status.get('symbol', '')} {status.get('label', 'geen status')}".strip()))
        if status.get("reasoning"):
            items.append(("Waarom", status["reasoning"]))
        _dl(document, items)


def _efforts(document: Any, goal: dict[str, Any]) -> None:
    document.add_heading("Inspanningen", level=3)
    if not goal["efforts"]:
        document.add_paragraph("Dit doel heeft geen inspanningen.")
        return
    rows = [
        [
            e["title"],
            f"{e['status_symbol']} {e['status_label']}".strip(),
            e["progress_text"],
            (e.get("latest_report") or {}).get("period", "geen"),
        ]
        for e in goal["efforts"]
    ]
    _table(
        document,
        ["Inspanning", "Status", "Voortgang", "Laatste rapportage"],
        rows,
        f"Inspanningen bij doel {goal['number']}",
        f"Inspanningen bij doel {goal['number']} met status en voortgang volgens de laatste rapportage.",
    )


def _indicators(document: Any, goal: dict[str, Any], publication: Publication) -> None:
    for block in goal["indicators"]:
        figure = block["figure"]
        document.add_heading(f"Indicator: {block['name']}", level=3)
        _picture(document, content.chart(publication, figure["chart"]["hash"], "png"), figure["alt"])
        document.add_paragraph(figure["caption"])
        table = figure["table"]
        _table(
            document,
            table["columns"],
            [[row["header"], *[c["text"] for c in row["cells"]]] for row in table["rows"]],
            f"Tabel: {block['name']}",
            table["caption"],
        )
        source = block.get("source", "")
        if block.get("source_table"):
            source += f" ({block['source_table']})"
        document.add_paragraph(f"Bron: {source}.")


def _duiding(document: Any, goal: dict[str, Any]) -> None:
    d = goal["duiding"]
    if not (d["interpretations"] or d["actions"] or d["questions"]):
        return
    document.add_heading("Duiding", level=3)
    for item in d["interpretations"]:
        document.add_paragraph().add_run(item["title"]).bold = True
        document.add_paragraph(
            f"Duidingssessie van {item['session_date']}; deelnemers: {item['participants']}."
        )
        _dl(
            document,
            [
                (step.capitalize(), item[step])
                for step in ("herkennen", "verklaren", "waarderen", "verbeteren")
            ],
        )
        document.add_paragraph(f"Vastgesteld op {item['approved_at']} door {item['approved_by']}.")
    if d["actions"]:
        _table(
            document,
            ["Verbeteractie", "Eigenaar", "Uiterlijk", "Stand", "Inspanning"],
            [
                [str(a[k]) for k in ("title", "owner", "due_date", "status", "effort_title")]
                for a in d["actions"]
            ],
            f"Verbeteracties bij doel {goal['number']}",
            f"Verbeteracties bij doel {goal['number']} met eigenaar, uiterlijke datum en stand.",
        )
    if d["questions"]:
        document.add_heading("Vragen van de raad", level=4)
        for q in d["questions"]:
            document.add_paragraph(f"{q['kind_label']}, gesteld op {q['asked_at']}: {q['question']}")
            when = (
                f" ({q['answered_at']}, {'op tijd' if q['on_time'] else 'te laat'})"
                if q.get("answered_at")
                else ""
            )
            document.add_paragraph(f"Antwoord{when}: {q.get('answer') or 'nog niet beantwoord'}")


def _goal(document: Any, goal: dict[str, Any], publication: Publication) -> None:
    document.add_heading(goal["heading"], level=2)
    if goal["description_html"]:
        document.add_paragraph(plain(goal["description_html"]))
    _results(document, goal)
    _efforts(document, goal)
    _indicators(document, goal, publication)
    _duiding(document, goal)
    if goal["sources"]:
        document.add_heading("Bronnen", level=3)
        for source in goal["sources"]:
            document.add_paragraph(
                f"{source['name']}; volledigheid {source['completeness']['text']}.", style="List Bullet"
            )
    if goal["disclosure"]:
        document.add_heading("Niet getoonde cijfers", level=3)
        for note in goal["disclosure"]:
            document.add_paragraph(note)


def _fixed_zip(data: bytes, moment: tuple[int, int, int, int, int, int]) -> bytes:
    """The package again with every entry at ``moment`` and in the same order: byte-identical runs."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=moment)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render(report: dict[str, Any]) -> bytes:
    from docx import Document

    document = Document()
    date = dt.date.fromisoformat(report["cover"]["date"])
    moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = report["title"]
    properties.author = report["cover"]["organisation"]
    properties.last_modified_by = report["cover"]["organisation"]
    properties.language = "nl-NL"
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    properties.comments = f"Stand van {report['cover']['date_text']}"
    publication = Publication.objects.get(number=report["cover"]["number"])
    _language(document)
    _cover(document, report)
    _overview(document, report)
    for theme in report["themes"]:
        document.add_heading(f"Opgave: {theme['title']}", level=1)
        if theme["summary_html"]:
            document.add_paragraph(plain(theme["summary_html"]))
        for goal in theme["goals"]:
            _goal(document, goal, publication)
        if not theme["goals"]:
            document.add_paragraph("Deze opgave heeft nog geen doelen.")
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), (date.year, date.month, date.day, 0, 0, 0))


def _language(document: Any) -> None:
    """Dutch as the proofing language of the default style (screen readers and spelling)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    r_pr.append(lang)
