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
from kwaliteitsmonitor.monitor.pages.discovery import discovery_page
from kwaliteitsmonitor.monitor.pages.forecast import forecast_page

PageFunction = Callable[..., dict[str, Any]]


def _query(request: HttpRequest, names: tuple[str, ...]) -> dict[str, str]:
    return {n: request.GET.get(n, "")[:120] for n in names if request.GET.get(n)}


def _pair(template: str, function: PageFunction, names: tuple[str, ...]) -> tuple[Callable, Callable]:
    def page_data(request: HttpRequest) -> dict[str, Any]:
        return function(**_query(request, names))

    @require_safe
    def html(request: HttpRequest) -> HttpResponse:
        query = urlencode(_query(request, names))
        data = downloads.link_downloads(page_data(request), request.path, query)
        return render(request, template, {"data": data})

    html.page_data = page_data  # type: ignore[attr-defined]  # table downloads call the same function

    @require_safe
    def json(request: HttpRequest) -> HttpResponse:
        return JsonResponse(function(**_query(request, names)), json_dumps_params={"ensure_ascii": False})

    return html, json


prognose, prognose_json = _pair("monitor/prognose.html", forecast_page, ("category", "trend"))
ontdekken, ontdekken_json = _pair("monitor/ontdekken.html", discovery_page, ("x", "y", "level", "period"))
