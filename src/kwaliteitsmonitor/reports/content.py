# SPDX-License-Identifier: EUPL-1.2
"""The seams through which a council report reads its content.

* :func:`page_json` — a public page's JSON twin (home, opgave, doel, indicator). For a publication that
  was frozen as a rapportage (``snapshots``) it is the frozen twin, so the same snapshot always gives the
  same report, whatever was imported or edited since; otherwise the publication's twin as rendered now.
* :func:`chart` — a chart as SVG or PNG: the frozen file of the snapshot when it has one, else rendered.
* :func:`duiding_for_goal` — the approved duiding, verbeteracties and council questions of a doel
  (``interpretation.public``).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from kwaliteitsmonitor.interpretation import public
from kwaliteitsmonitor.monitor.charts import render_cached
from kwaliteitsmonitor.publications import context as publication_context
from kwaliteitsmonitor.publications.models import Publication
from kwaliteitsmonitor.snapshots import frozen

EMPTY_DUIDING: dict[str, list[dict[str, Any]]] = {"interpretations": [], "actions": [], "questions": []}


class ContentMissing(LookupError):
    """A page the report needs does not exist in this publication."""


def snapshot_of(publication: Publication) -> Any:
    """The rapportage (``snapshots.Snapshot``) the publication was frozen as, None when it was not."""
    return frozen.for_publication(publication)


def page_json(publication: Publication, path: str) -> dict[str, Any]:
    """The JSON twin at ``path`` (for example ``/opgave/zorg/gezond.json``): frozen in the publication's
    rapportage, or else as the publication shows it now (the public view under ``publications.context``)."""
    snapshot = frozen.for_publication(publication)
    if snapshot is not None:
        data = frozen.page_json(snapshot, path)
        if data is None:
            raise ContentMissing(f"{path} (niet in rapportage {snapshot.slug})")
        return data
    try:
        match = resolve(path)
    except Resolver404 as exc:
        raise ContentMissing(path) from exc
    if not match.namespaces or match.namespaces[0] != "monitor" or not path.endswith(".json"):
        raise ContentMissing(path)
    request = RequestFactory().get(path)
    with publication_context.use(publication.number):
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except Http404 as exc:
            raise ContentMissing(path) from exc
    if response.status_code != 200:
        raise ContentMissing(f"{path}: {response.status_code}")
    data: dict[str, Any] = json.loads(response.content)
    return data


def chart(publication: Publication, digest: str, fmt: str) -> bytes:
    """Chart ``digest`` as ``fmt`` ("svg" or "png"): the file frozen with the publication's rapportage when
    there is one, else rendered from the chart cache (``monitor.charts``)."""
    snapshot = frozen.for_publication(publication)
    if snapshot is not None:
        stored = frozen.body(snapshot, f"/grafiek/{digest}.{fmt}")
        if stored is not None:
            return stored
    return render_cached(digest, fmt)


def duiding_for_goal(publication: Publication, goal_id: int) -> dict[str, list[dict[str, Any]]]:
    """The approved duiding of doel ``goal_id`` in this publication: ``interpretations``, ``actions`` and
    ``questions`` (see docs/rapport.md for their keys), from ``interpretation.public``."""
    found = public.approved_for_goal(publication.number, goal_id)
    return {key: list(found.get(key) or []) for key in EMPTY_DUIDING}
