# SPDX-License-Identifier: EUPL-1.2
"""Reading a snapshot: who may, its frozen pages by site path, and what is filled in at serve time.

Other apps read a snapshot only through these functions: ``page_json(snapshot, "opgave/a/b.json")`` for
the council report, ``snapshot_blocks`` fills the approved duiding in at serve time
(``interpretation.public.render``), ``visible`` for who may read a pre-release snapshot,
``for_publication`` and ``body`` for the report.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

from django.db.models import QuerySet

from kwaliteitsmonitor.analysis.periods import dutch_date

from .freeze import NOTES_MARKER, make
from .models import READABLE_STAGES, FrozenPage, Snapshot, Stage

PRERELEASE_PERM = "snapshots.view_prerelease"
_DUIDING = re.compile(r"<!--km:duiding (?P<kind>goal|indicator)=(?P<id>[0-9]+)-->")


def visible(user: Any) -> QuerySet[Snapshot]:
    """The snapshots ``user`` may read: public ones, and pre-release ones for raadsleden and staff."""
    stages = [Stage.PUBLIC]
    if user is not None and user.is_authenticated and user.has_perm(PRERELEASE_PERM):
        stages.append(Stage.PRERELEASE)
    return Snapshot.objects.filter(stage__in=stages).select_related("publication")


def page(snapshot: Snapshot, path: str) -> FrozenPage | None:
    """The current frozen page at site path ``path`` ("/", "/opgave/a/", "/indicator/x.json"), also when
    given as the snapshot's own address (``/rapportages/<slug>/opgave/a/``, as frozen JSON links read)."""
    path = "/" + path.lstrip("/")
    own = f"/rapportages/{snapshot.slug}/"
    if path.startswith(own):
        path = "/" + path[len(own) :]
    return FrozenPage.objects.filter(snapshot=snapshot, path=path, replaced=False).first()


def page_json(snapshot: Snapshot, path: str) -> dict[str, Any] | None:
    """The frozen JSON twin of a page by its site path, e.g. ``"opgave/<thema>/<doel>.json"``."""
    found = page(snapshot, path)
    if found is None or not found.content_type.startswith("application/json"):
        return None
    data: dict[str, Any] = json.loads(bytes(found.body))
    return data


def snapshot_blocks(snapshot: Snapshot, kind: str, object_id: int) -> str:
    """Approved duiding for a doel (``kind="goal"``) or indicator of this snapshot, as HTML: what the
    interpretation app publishes for the snapshot's publication ("" while nothing is approved)."""
    from kwaliteitsmonitor.interpretation import public

    number = snapshot.publication.number
    if kind == "goal":
        return public.render(number, goal_id=object_id)
    return public.render(number, indicator_id=object_id)


def for_publication(publication: Any) -> Snapshot | None:
    """The newest readable snapshot of ``publication`` (None: the publication was never frozen)."""
    return (
        Snapshot.objects.filter(publication=publication, stage__in=READABLE_STAGES)
        .order_by("-frozen_at", "-pk")
        .first()
    )


def body(snapshot: Snapshot, path: str) -> bytes | None:
    """The stored bytes of a frozen file by site path (a chart, a download), None when not frozen."""
    found = page(snapshot, path)
    return materialise(found) if found is not None else None


def materialise(found: FrozenPage) -> bytes:
    """The bytes of a frozen file; a chart or download frozen as its recipe is made now, once: the first
    bytes stored are the ones every later request gets (two requests at once store only one of theirs)."""
    if found.recipe is None or found.sha256:
        return bytes(found.body)
    made = make(found.recipe)
    digest = hashlib.sha256(made).hexdigest()
    if FrozenPage.objects.filter(pk=found.pk, sha256="").update(body=made, sha256=digest):
        found.body, found.sha256 = made, digest
    else:
        found.refresh_from_db(fields=["body", "sha256"])
    return bytes(found.body)


def notes_html(snapshot: Snapshot) -> str:
    """The public, dated list of corrections on this snapshot ("" when there are none)."""
    amendments = list(snapshot.amendments.select_related("publication"))
    if not amendments:
        return ""
    items = "".join(
        f"<li><strong>{html.escape(dutch_date(a.date))}:</strong> {html.escape(a.note)}"
        + (f" (opnieuw bevroren uit publicatie {a.publication.number})" if a.publication else "")
        + "</li>"
        for a in amendments
    )
    return (
        '<div class="km-snapshot-notes"><p class="utrecht-paragraph"><strong>Correctie'
        + ("s" if len(amendments) > 1 else "")
        + f' na publicatie</strong></p><ul class="utrecht-unordered-list">{items}</ul></div>'
    )


def served_body(snapshot: Snapshot, found: FrozenPage) -> bytes:
    """The stored bytes; in HTML the correction list and the duiding insertion points are filled in."""
    body = materialise(found)
    if not found.content_type.startswith("text/html"):
        return body
    text = body.decode("utf-8")
    if NOTES_MARKER in text:
        text = text.replace(NOTES_MARKER, notes_html(snapshot), 1)
    text = _DUIDING.sub(lambda m: snapshot_blocks(snapshot, m["kind"], int(m["id"])), text)
    return text.encode("utf-8")
