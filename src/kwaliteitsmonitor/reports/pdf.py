# SPDX-License-Identifier: EUPL-1.2
"""The council report as PDF: the report structure rendered to HTML and laid out by WeasyPrint in its
PDF/UA-1 variant (tagged, language ``nl``, headings, alt text on every chart, tables with headers)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from kwaliteitsmonitor.publications.models import Publication

from . import content

CSS = Path(__file__).with_name("templates") / "reports" / "report.css"


def _with_images(report: dict[str, Any]) -> dict[str, Any]:
    """Each indicator's chart as an inline SVG data URI (the same spec the page shows)."""
    publication = Publication.objects.get(number=report["cover"]["number"])
    for theme in report["themes"]:
        for goal in theme["goals"]:
            for block in goal["indicators"]:
                svg = content.chart(publication, block["figure"]["chart"]["hash"], "svg")
                block["figure"]["data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    return report


def html(report: dict[str, Any]) -> str:
    return render_to_string(
        "reports/report.html", {"report": _with_images(report), "css": CSS.read_text(encoding="utf-8")}
    )


def render(report: dict[str, Any]) -> bytes:
    """The PDF bytes; the same report gives the same bytes (dates from the report, fixed identifier)."""
    from weasyprint import HTML  # imported late: loading WeasyPrint costs time other commands need not pay

    document = HTML(string=html(report), base_url=None)
    identifier = f"km-report-{report['cover']['number']}-{report['cover']['date']}".encode()
    data: bytes = document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier, uncompressed_pdf=False
    )
    return data
