# SPDX-License-Identifier: EUPL-1.2
"""One entry point for the command, the task and the bench: find a publication, make its report."""

from __future__ import annotations

from collections.abc import Callable

from kwaliteitsmonitor.publications.models import Publication
from kwaliteitsmonitor.snapshots.models import READABLE_STAGES, Snapshot

from . import document

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
Progress = Callable[[int, int, str], None]


def find(reference: str) -> Publication:
    """The publication of the rapportage (snapshot) with this slug, or named by its own slug or number;
    :class:`document.ReportRefused` (Dutch) when
    there is none or when it is not readable (a draft, a failed build, a withdrawn publication)."""
    reference = reference.strip()
    snapshot = (
        Snapshot.objects.filter(slug=reference, stage__in=READABLE_STAGES).first() if reference else None
    )
    found = snapshot.publication if snapshot is not None else None
    if found is None and reference:
        found = Publication.objects.filter(slug=reference).order_by("-number").first()
    if found is None and reference.isdigit():
        found = Publication.objects.filter(number=int(reference)).first()
    if found is None:
        raise document.ReportRefused(
            f"Er is geen publicatie met korte naam of nummer ‘{reference}’. "
            "Zie `kwaliteitsmonitor publish --status` voor de publicaties."
        )
    if not found.readable:
        raise document.ReportRefused(
            f"Publicatie {found.number} is niet leesbaar ({found.get_state_display()}); "
            "een raadsrapportage kan alleen van een gepubliceerde publicatie."
        )
    return found


def filename(publication: Publication, fmt: str) -> str:
    name = publication.slug or f"publicatie-{publication.number}"
    return f"raadsrapportage-{name}.{fmt}"


def make(publication: Publication, fmt: str, progress: Progress | None = None) -> bytes:
    """The report of ``publication`` as ``fmt`` ("pdf" or "docx"). Progress: (done, total, stage),
    one step per doel and one for laying out the document."""
    if fmt not in FORMATS:
        raise document.ReportRefused(f"Onbekend formaat ‘{fmt}’: kies pdf of docx.")
    report = progress or (lambda done, total, stage: None)
    steps = {"total": 1}

    def collecting(done: int, total: int, stage: str) -> None:
        steps["total"] = total + 1
        report(done, total + 1, stage)

    content = document.collect(publication, collecting)
    report(steps["total"] - 1, steps["total"], "document opmaken")
    if fmt == "pdf":
        from . import pdf

        data = pdf.render(content)
    else:
        from . import word

        data = word.render(content)
    report(steps["total"], steps["total"], "klaar")
    return data
