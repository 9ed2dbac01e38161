# SPDX-License-Identifier: EUPL-1.2
"""Views of the analysis pages whose data function takes its choices from the query string (a GET
form): the page and its JSON twin call the same function with the same parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kwaliteitsmonitor.monitor import downloads
from kwaliteitsmonitor.monitor.cache import public_page
from kwaliteitsmonitor.monitor.pages.bouwer import builder_page
from kwaliteitsmonitor.monitor.pages.discovery import discovery_page
from kwaliteitsmonitor.monitor.pages.forecast import forecast_page
from kwaliteitsmonitor.monitor.pages.indicators import indicator_list_page
from kwaliteitsmonitor.monitor.pages.processen import procesmonitor_page, procesregio_page, processen_page
from kwaliteitsmonitor.monitor.pages.vergelijken import vergelijken_page
from kwaliteitsmonitor.monitor.pages.wijken import wijken_page
from kwaliteitsmonitor.monitor.pages.zoeken import search_page
from kwaliteitsmonitor.publications import context as publication_context

PageFunction = Callable[..., dict[str, Any]]


def _query(request: HttpRequest, names: tuple[str, ...], repeat: tuple[str, ...] = ()) -> dict[str, str]:
    """The page's choices; a parameter in ``repeat`` may occur more than once (a multiple select):
    its values are joined with commas."""
    query = {n: request.GET.get(n, "")[:120] for n in names if request.GET.get(n)}
    query.update({n: ",".join(request.GET.getlist(n))[:5000] for n in repeat if request.GET.get(n)})
    return query


def _pair(
    template: str, function: PageFunction, names: tuple[str, ...], repeat: tuple[str, ...] = ()
) -> tuple[Callable, Callable]:
    def page_data(request: HttpRequest, **kwargs: str) -> dict[str, Any]:
        return function(**kwargs, **_query(request, names, repeat))

    @public_page(query=(*names, *repeat))
    @require_safe
    def html(request: HttpRequest, **kwargs: str) -> HttpResponse:
        query = urlencode(_query(request, names, repeat))
        data = downloads.link_downloads(page_data(request, **kwargs), request.path, query)
        return render(request, template, {"data": data})

    html.page_data = page_data  # type: ignore[attr-defined]  # table downloads call the same function

    @public_page(query=(*names, *repeat))
    @require_safe
    def json(request: HttpRequest, **kwargs: str) -> HttpResponse:
        data = page_data(request, **kwargs)
        data.setdefault("publication", publication_context.describe())
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return html, json


prognose, prognose_json = _pair("monitor/prognose.html", forecast_page, ("category", "trend"))
ontdekken, ontdekken_json = _pair("monitor/ontdekken.html", discovery_page, ("x", "y", "level", "period"))
wijken, wijken_json = _pair("monitor/wijken.html", wijken_page, ("indicator", "period"), ("gemeente",))
processen, processen_json = _pair("monitor/processen.html", processen_page, ())
procesmonitor, procesmonitor_json = _pair("monitor/procesmonitor.html", procesmonitor_page, ("ronde",))
procesregio, procesregio_json = _pair("monitor/procesregio.html", procesregio_page, ("ronde",))
indicatoren, indicatoren_json = _pair(
    "monitor/indicatoren.html", indicator_list_page, ("opgave", "bron", "thema", "q")
)
zoeken, zoeken_json = _pair("monitor/zoeken.html", search_page, ("q",))
bouwer, bouwer_json = _pair(
    "monitor/bouwer.html", builder_page, ("start", "end", "view"), ("indicator", "area", "level", "period")
)
vergelijken, vergelijken_json = _pair(
    "monitor/vergelijken.html", vergelijken_page, ("indicator", "van", "tot"), ("gebied", "groep")
)
