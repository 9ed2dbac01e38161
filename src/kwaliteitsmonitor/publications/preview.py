# SPDX-License-Identifier: EUPL-1.2
"""What a change would do to the public figures, before it is made: the next publication, built inside a
transaction that the caller rolls back (the staff import preview runs it in its dry run).

It is the real build (whole-table protection, the audit against every readable publication), so the
preview lists exactly the cells that publishing would hide or show, and says so when publishing would be
refused. It writes nothing that outlives the caller's transaction; run it only inside one that is rolled
back (``connectors.pipeline.run_import(..., dry_run=True, inspect=next_publication)``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .build import PublicationBusy, PublicationRefused, build
from .models import Publication, State


def next_publication() -> dict[str, Any]:
    """The change list of the publication that would follow, as ``Publication.changes``, or why not."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "next_publication() writes a publication: call it inside a rolled-back transaction"
        )
    live = Publication.objects.filter(state=State.LIVE).first()
    if live is None:
        return {
            "status": "none",
            "message": "Er is nog geen publicatie: bij de eerste publicatie is alles nieuw.",
        }
    try:
        with transaction.atomic():
            publication = build(
                actor="voorbeeld bij een import", publish=False, render=False, warm_cache=False
            )
    except PublicationBusy as exc:
        return {"status": "busy", "message": str(exc)}
    except PublicationRefused as exc:
        return {
            "status": "refused",
            "message": "Publiceren na deze import zou worden geweigerd: " + str(exc),
        }
    if publication.number == live.number:
        return {"status": "unchanged", "message": "De gepubliceerde cijfers veranderen hierdoor niet."}
    return {
        "status": "ok",
        "basis": live.number,
        "changes": publication.changes or {},
        "audit": publication.audit or {},
    }
