# SPDX-License-Identifier: EUPL-1.2
"""The council report: the command, the PDF (text, tags, alt text, language), the Word file (headings,
header rows, alt text on charts and tables), the same bytes every time, refusals, and the duiding seam."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from kwaliteitsmonitor.publications.models import Publication, State
from kwaliteitsmonitor.reports import content, document, generate

from . import pdftools

pytestmark = pytest.mark.django_db

FAKE_DUIDING = {
    "interpretations": [
        {
            "subject": "doel",
            "title": "Sociale kracht groeit, maar niet overal",
            "session_date": dt.date(2026, 11, 3),  # a date object from the seam: written in Dutch
            "participants": "raadsleden, wijkteam Noord, Welzijn Teststad",
            "herkennen": "De score stijgt in Centrum en Noord.",
            "verklaren": "Buurtverbinders zijn daar het eerst begonnen.",
            "waarderen": "Op koers, Zuid blijft achter.",
            "verbeteren": "Buurtverbinder in Zuid vóór de zomer.",
            "approved_at": "10 november 2026",
            "approved_by": "A. Redacteur",
        }
    ],
    "actions": [
        {
            "title": "Buurtverbinder aanstellen in Zuid",
            "owner": "Team Samenleving",
            "due_date": "1 juli 2027",
            "status": "open",
            "effort_title": "Buurtverbinders in elke wijk",
        }
    ],
    "questions": [
        {
            "kind_label": "Technische vraag",
            "asked_at": "4 november 2026",
            "question": "Waarom is de streefwaarde 8,5?",
            "answer": "Dat is het landelijke gemiddelde plus een marge.",
            "answered_at": "6 november 2026",
            "on_time": True,
        }
    ],
}


def _run(tmp_path, reference: str, fmt: str, name: str = "rapport") -> bytes:
    target = tmp_path / f"{name}.{fmt}"
    call_command("report", reference, "--format", fmt, "--output", str(target), "--no-progress")
    return target.read_bytes()


def test_pdf_has_the_structure_values_tags_and_alt_text(named, tmp_path):
    data = _run(tmp_path, "najaarsnota-2026", "pdf")
    path = tmp_path / "rapport.pdf"
    text = pdftools.text(path)
    for expected in [
        "Raadsrapportage",
        "Maatschappelijke Agenda",
        "Gemeente Teststad",
        "Najaarsnota 2026",
        "Fictieve gegevens",
        "Overzicht van de resultaten",
        "Opgave: Inrichting sociaal domein",
        "Doel 1",
        "In 2027 is de sociale kracht gestegen",
        "Streefwaarde",
        "8,5 in 2027",  # Dutch number
        "Nulmeting",
        "7,4 (2022)",
        "Waarom:",
        "Buurtverbinders in elke wijk",
        "40%",
        "Indicator: Participatie",
        "Bronnen",
    ]:
        assert expected in text, expected
    assert "Stand van " in text and " 2026" in text
    meta = pdftools.info(path)
    assert "Tagged:          yes" in meta
    assert "Raadsrapportage Najaarsnota 2026" in meta
    tree = pdftools.structure(data)
    assert b"/Lang (nl)" in tree
    assert b"pdfuaid" in tree  # the PDF/UA-1 identification in the XMP metadata
    for tag in (b"/S /H1", b"/S /H2", b"/S /H3", b"/S /Table", b"/S /TH", b"/S /Figure"):
        assert tag in tree, tag
    alts = pdftools.alt_texts(data)
    charts = [a for a in alts if a.startswith("Lijngrafiek")]
    assert charts and all("Teststad" in a for a in charts)


def test_word_has_headings_header_rows_and_alt_text(named, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    data = _run(tmp_path, "najaarsnota-2026", "docx")
    doc = Document(io.BytesIO(data))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Title", "Maatschappelijke Agenda") in headings
    assert ("Heading 1", "Overzicht van de resultaten") in headings
    assert ("Heading 1", "Opgave: Inrichting sociaal domein") in headings
    assert any(style == "Heading 2" and text.startswith("Doel 1") for style, text in headings)
    assert ("Heading 3", "Indicator: Participatie") in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Fictieve gegevens" in body and "Streefwaarde: 8,5 in 2027" in body
    assert doc.core_properties.language == "nl-NL"
    assert doc.tables
    for table in doc.tables:
        tbl_pr = table._tbl.tblPr
        description = tbl_pr.find(qn("w:tblDescription"))
        assert description is not None and description.get(qn("w:val"))
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    overview = doc.tables[0]
    assert [c.text for c in overview.rows[0].cells] == ["Opgave", "Doel", "Resultaat", "Status"]
    shapes = doc.inline_shapes
    assert len(shapes) >= 1
    for shape in shapes:
        assert shape._inline.docPr.get("descr", "").startswith("Lijngrafiek")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_publication_gives_the_same_bytes(named, tmp_path, fmt):
    first = _run(tmp_path, "najaarsnota-2026", fmt, "een")
    second = _run(tmp_path, str(named.number), fmt, "twee")  # by number: the same publication
    assert first == second


def test_refuses_unknown_and_unreadable_publications(named, tmp_path):
    with pytest.raises(CommandError, match="geen publicatie met korte naam of nummer ‘bestaat-niet’") as err:
        _run(tmp_path, "bestaat-niet", "pdf")
    assert err.value.returncode == 2
    draft = Publication.objects.create(number=named.number + 1, state=State.DRAFT, slug="concept")
    with pytest.raises(CommandError, match="niet leesbaar") as err:
        _run(tmp_path, "concept", "pdf")
    assert err.value.returncode == 2
    assert not (tmp_path / "rapport.pdf").exists()
    with pytest.raises(document.ReportRefused):
        document.collect(draft)


def test_command_shows_progress_on_stderr(named, tmp_path):
    err = io.StringIO()
    target = tmp_path / "r.pdf"
    call_command("report", "najaarsnota-2026", "--format", "pdf", "--output", str(target), stderr=err)
    # The command writes progress to the process's stderr; the per-step contract is tested here.
    steps = []
    generate.make(named, "pdf", lambda done, total, stage: steps.append((done, total, stage)))
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)
    assert any(stage == "Er is een sterke sociale basis" for _, _, stage in steps)


def test_duiding_is_rendered_when_the_seam_gives_it(named, tmp_path, monkeypatch):
    from docx import Document

    seen = []

    def fake(publication, goal_id):
        seen.append((publication.number, goal_id))
        return FAKE_DUIDING

    monkeypatch.setattr(content, "duiding_for_goal", fake)
    _run(tmp_path, "najaarsnota-2026", "pdf")
    text = pdftools.text(tmp_path / "rapport.pdf")
    assert seen and seen[0][0] == named.number and seen[0][1] is not None
    for expected in [
        "Duiding",
        "Sociale kracht groeit, maar niet overal",
        "duidingssessie van 3 november 2026",
        "Herkennen",
        "Buurtverbinders zijn daar het eerst begonnen.",
        "Buurtverbinder aanstellen in Zuid",
        "Vragen van de raad",
        "Technische vraag",
        "op tijd",
    ]:
        assert expected in text, expected
    doc = Document(io.BytesIO(_run(tmp_path, "najaarsnota-2026", "docx")))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Verklaren: Buurtverbinders zijn daar het eerst begonnen." in body
    assert "Duidingssessie van 3 november 2026" in body
    assert "Waarom is de streefwaarde 8,5?" in body
    assert any(t.rows[0].cells[0].text == "Verbeteractie" for t in doc.tables)


def test_without_duiding_there_is_no_duiding_heading(named, tmp_path):
    _run(tmp_path, "najaarsnota-2026", "pdf")
    assert "Vragen van de raad" not in pdftools.text(tmp_path / "rapport.pdf")


def test_page_json_reads_the_given_publication(named):
    data = content.page_json(named, "/index.json")
    assert data["publication"]["number"] == named.number
    with pytest.raises(content.ContentMissing):
        content.page_json(named, "/opgave/bestaat-niet.json")
    with pytest.raises(content.ContentMissing):
        content.page_json(named, "/api/v1/")
