# SPDX-License-Identifier: EUPL-1.2
"""Making a snapshot public, and correcting it after publication: never a silent edit.

A correction (``Amendment``) is a dated, attributed note shown publicly on every page of the snapshot.
It may re-freeze named pages from the current live publication: the new bytes are stored as new rows
linked to the amendment, the old rows are kept (marked replaced), and the amendment records which pages
and which publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kwaliteitsmonitor.publications.models import Publication, State

from .freeze import FreezeRefused, crawl
from .models import Amendment, FrozenPage, Snapshot, Stage


def make_public(snapshot: Snapshot, user: Any = None) -> Snapshot:
    if snapshot.stage != Stage.PRERELEASE:
        raise FreezeRefused(
            f"Rapportage '{snapshot.name}' is niet in voorinzage ({snapshot.get_stage_display()})."
        )
    snapshot.stage = Stage.PUBLIC
    snapshot.made_public_at = timezone.now()
    snapshot.made_public_by = user if getattr(user, "is_authenticated", False) else None
    snapshot.save(update_fields=["stage", "made_public_at", "made_public_by"])
    return snapshot


def _paths(raw: list[str]) -> list[str]:
    out = []
    for line in raw:
        path = line.strip()
        if not path:
            continue
        if not path.startswith("/") or "?" in path or ".." in path:
            raise FreezeRefused(
                f"Pagina's om opnieuw te bevriezen: '{path}' is geen pad op de site; schrijf bijvoorbeeld "
                "/opgave/zorg/doel-1/ (zonder vraagteken)."
            )
        out.append(path)
    return list(dict.fromkeys(out))


def amend(
    snapshot: Snapshot,
    note: str,
    date: dt.date | None = None,
    user: Any = None,
    paths: list[str] | None = None,
) -> Amendment:
    """Add a public correction; with ``paths``, re-freeze those pages from the live publication."""
    note = (note or "").strip()
    if not note:
        raise FreezeRefused("Toelichting: beschrijf wat er gecorrigeerd is en waarom.")
    if not snapshot.readable:
        raise FreezeRefused(
            f"Rapportage '{snapshot.name}' is niet bevroren ({snapshot.get_stage_display()})."
        )
    wanted = _paths(paths or [])
    live = Publication.objects.filter(state=State.LIVE).first() if wanted else None
    if wanted and live is None:
        raise FreezeRefused("Er is geen gepubliceerde publicatie om pagina's opnieuw uit te bevriezen.")
    if wanted:
        known = set(
            FrozenPage.objects.filter(snapshot=snapshot, replaced=False, path__in=wanted).values_list(
                "path", flat=True
            )
        )
        missing = [p for p in wanted if p not in known]
        if missing:
            raise FreezeRefused(
                "Pagina's om opnieuw te bevriezen: deze horen niet bij de rapportage: " + ", ".join(missing)
            )
    with transaction.atomic():
        amendment = Amendment.objects.create(
            snapshot=snapshot,
            note=note,
            date=date or timezone.localdate(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            publication=live,
            paths=wanted,
        )
        if wanted and live is not None:
            rows: list[FrozenPage] = []
            # Render from the live publication, with the snapshot's banner and links.
            source = Snapshot(pk=snapshot.pk, slug=snapshot.slug, name=snapshot.name, as_of=snapshot.as_of)
            source.publication = live
            summary = crawl(source, wanted, rows.append, lambda *a: None, follow=False, pinned=True)
            if summary["failed"]:
                raise FreezeRefused(
                    "Opnieuw bevriezen mislukt voor: "
                    + ", ".join(f"{p} ({status})" for p, status in summary["failed"])
                )
            FrozenPage.objects.filter(snapshot=snapshot, path__in=wanted, replaced=False).update(
                replaced=True
            )
            for row in rows:
                row.snapshot = snapshot
                row.amendment = amendment
            FrozenPage.objects.bulk_create(rows)
    return amendment
