# SPDX-License-Identifier: EUPL-1.2
"""The two seams through which a council report reads its content.

* :func:`page_json` — a public page's JSON twin (home, opgave, doel, indicator) as a publication shows
  it. Everything in the report is read through this function, so the same publication (later: the same
  snapshot's frozen JSON) always gives the same report.
* :func:`duiding_for_goal` — the approved duiding, verbeteracties and council questions of a doel. Empty
  for now; wired to the interpretation app at merge.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from kwaliteitsmonitor.publications import context as publication_context
from kwaliteitsmonitor.publications.models import Publication

EMPTY_DUIDING: dict[str, list[dict[str, Any]]] = {"interpretations": [], "actions": [], "questions": []}


class ContentMissing(LookupError):
    """A page the report needs does not exist in this publication."""


def page_json(publication: Publication, path: str) -> dict[str, Any]:
    """The JSON twin at ``path`` (for example ``/opgave/zorg/gezond.json``) as publication
    ``publication`` shows it: the public view, called directly under ``publications.context.use``."""
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


def duiding_for_goal(publication: Publication, goal_id: int) -> dict[str, list[dict[str, Any]]]:
    """The approved duiding of doel ``goal_id`` in this publication: ``interpretations``, ``actions`` and
    ``questions`` (see docs/rapport.md for their keys). The seam the interpretation app fills in."""
    return {key: [] for key in EMPTY_DUIDING}
