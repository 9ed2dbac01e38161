# SPDX-License-Identifier: EUPL-1.2
"""Public views of snapshots: the list, a frozen page byte for byte, and "wat is er veranderd".

A pre-release snapshot is a 404 for everyone without ``snapshots.view_prerelease`` (raadsleden and
staff), as a draft is; its responses are never cached by shared caches."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from kwaliteitsmonitor.analysis.periods import dutch_date

from . import frozen
from .freeze import base_url
from .models import Snapshot, Stage


def _snapshot(request: HttpRequest, slug: str) -> Snapshot:
    found = frozen.visible(request.user).filter(slug=slug).first()
    if found is None:
        raise Http404("Deze rapportage bestaat niet of is nog niet openbaar.")
    return found


def _private(response: HttpResponse, snapshot: Snapshot | None = None) -> HttpResponse:
    patch_vary_headers(response, ["Cookie"])
    if snapshot is None or snapshot.stage != Stage.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response


def describe(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "name": snapshot.name,
        "slug": snapshot.slug,
        "as_of": snapshot.as_of.isoformat(),
        "as_of_text": dutch_date(snapshot.as_of),
        "stage": snapshot.stage,
        "stage_label": snapshot.get_stage_display(),
        "publication": snapshot.publication.number,
        "url": base_url(snapshot.slug),
        "changes_url": reverse("snapshots:changes", kwargs={"slug": snapshot.slug}),
        "amendments": [
            {"date": a.date.isoformat(), "date_text": dutch_date(a.date), "note": a.note}
            for a in snapshot.amendments.all()
        ],
    }


def _list_data(request: HttpRequest) -> dict[str, Any]:
    return {
        "page": "rapportages",
        "title": "Rapportages",
        "url": reverse("snapshots:list"),
        "json_url": reverse("snapshots:list-json"),
        "breadcrumbs": [{"label": "Home", "url": "/"}, {"label": "Rapportages", "url": None}],
        "snapshots": [describe(s) for s in frozen.visible(request.user).prefetch_related("amendments")],
    }


@require_safe
def snapshot_list(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "snapshots/list.html", {"data": _list_data(request)}))


@require_safe
def snapshot_list_json(request: HttpRequest) -> HttpResponse:
    data = _list_data(request)
    return _private(JsonResponse({k: data[k] for k in ("title", "url", "snapshots")}))


def _changes_data(snapshot: Snapshot) -> dict[str, Any]:
    url = reverse("snapshots:changes", kwargs={"slug": snapshot.slug})
    return {
        "page": "rapportage-veranderd",
        "title": f"Wat is er veranderd – {snapshot.name}",
        "url": url,
        "json_url": reverse("snapshots:changes-json", kwargs={"slug": snapshot.slug}),
        "breadcrumbs": [
            {"label": "Home", "url": "/"},
            {"label": "Rapportages", "url": reverse("snapshots:list")},
            {"label": snapshot.name, "url": base_url(snapshot.slug)},
            {"label": "Wat is er veranderd", "url": None},
        ],
        "snapshot": describe(snapshot),
        "base": base_url(snapshot.slug),
        **snapshot.changes,
    }


@require_safe
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = _snapshot(request, slug)
    return _private(render(request, "snapshots/changes.html", {"data": _changes_data(snapshot)}), snapshot)


@require_safe
def changes_json(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = _snapshot(request, slug)
    data = _changes_data(snapshot)
    data.pop("breadcrumbs")
    return _private(JsonResponse(data, json_dumps_params={"ensure_ascii": False}), snapshot)


@require_safe
def frozen_page(request: HttpRequest, slug: str, rest: str) -> HttpResponse:
    snapshot = _snapshot(request, slug)
    found = frozen.page(snapshot, rest)
    if found is None:
        return _private(not_in_snapshot(request, snapshot, "/" + rest.lstrip("/")), snapshot)
    response = HttpResponse(frozen.served_body(snapshot, found), content_type=found.content_type)
    response["X-Frozen-SHA256"] = found.sha256  # of the stored bytes, before corrections and duiding
    return _private(response, snapshot)


def not_in_snapshot(request: HttpRequest, snapshot: Snapshot, path: str) -> HttpResponse:
    data = {
        "page": "rapportage-404",
        "title": "Niet in deze rapportage",
        "breadcrumbs": [
            {"label": "Home", "url": "/"},
            {"label": "Rapportages", "url": reverse("snapshots:list")},
            {"label": snapshot.name, "url": base_url(snapshot.slug)},
            {"label": "Niet in deze rapportage", "url": None},
        ],
        "snapshot": describe(snapshot),
        "current_url": path,
    }
    return render(request, "snapshots/not_found.html", {"data": data}, status=404)
