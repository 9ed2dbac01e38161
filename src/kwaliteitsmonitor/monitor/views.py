# SPDX-License-Identifier: EUPL-1.2
"""Thin views: call the page's data function, render it as HTML or as its JSON twin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from kwaliteitsmonitor.monitor import charts, downloads
from kwaliteitsmonitor.monitor.cache import public_page
from kwaliteitsmonitor.monitor.pages.beelden import beeld_page, beelden_page
from kwaliteitsmonitor.monitor.pages.doel import doel_page
from kwaliteitsmonitor.monitor.pages.home import home_page
from kwaliteitsmonitor.monitor.pages.indicator import indicator_page
from kwaliteitsmonitor.monitor.pages.info import toegankelijkheid_page
from kwaliteitsmonitor.monitor.pages.opgave import opgave_page
from kwaliteitsmonitor.monitor.pages.stand import stand_page
from kwaliteitsmonitor.monitor.pages.voorziening import voorziening_page
from kwaliteitsmonitor.monitor.pages.wijk import wijk_page
from kwaliteitsmonitor.publications import context as publication_context

PageFunction = Callable[..., dict[str, Any]]


def _html(template: str, function: PageFunction) -> Callable[..., HttpResponse]:
    def page_data(request: HttpRequest, **kwargs: str) -> dict[str, Any]:
        return function(**kwargs)

    @public_page
    @require_safe
    def view(request: HttpRequest, **kwargs: str) -> HttpResponse:
        data = downloads.link_downloads(page_data(request, **kwargs), request.path)
        return render(request, template, {"data": data})

    view.__name__ = f"{function.__name__}_html"
    view.page_data = page_data  # type: ignore[attr-defined]  # table downloads call the same function
    return view


def _json(function: PageFunction) -> Callable[..., HttpResponse]:
    @public_page
    @require_safe
    def view(request: HttpRequest, **kwargs: str) -> HttpResponse:
        data = function(**kwargs)
        data.setdefault("publication", publication_context.describe())
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    view.__name__ = f"{function.__name__}_json"
    return view


home = _html("monitor/home.html", home_page)
home_json = _json(home_page)
opgave = _html("monitor/opgave.html", lambda theme: opgave_page(theme))
opgave_json = _json(lambda theme: opgave_page(theme))
beelden = _html("monitor/beelden.html", beelden_page)
beelden_json = _json(beelden_page)
beeld = _html("monitor/beeld.html", lambda theme: beeld_page(theme))
beeld_json = _json(lambda theme: beeld_page(theme))
doel = _html("monitor/doel.html", lambda theme, goal: doel_page(theme, goal))
doel_json = _json(lambda theme, goal: doel_page(theme, goal))
indicator = _html("monitor/indicator.html", lambda code: indicator_page(code))
indicator_json = _json(lambda code: indicator_page(code))
toegankelijkheid = _html("monitor/toegankelijkheid.html", toegankelijkheid_page)
stand = _html("monitor/stand.html", stand_page)
stand_json = _json(stand_page)
wijk = _html("monitor/wijk.html", lambda code: wijk_page(code))
wijk_json = _json(lambda code: wijk_page(code))
voorziening = _html("monitor/voorziening.html", lambda code: voorziening_page(code))
voorziening_json = _json(lambda code: voorziening_page(code))


@require_safe
@cache_control(public=True, max_age=86400, immutable=True)
def chart(request: HttpRequest, digest: str, fmt: str) -> HttpResponse:
    """A chart image by spec hash (content-addressed, so it may be cached for long)."""
    try:
        data = charts.render_cached(digest, fmt)
    except charts.UnknownChart as exc:
        raise Http404("Deze grafiek bestaat niet.") from exc
    response = HttpResponse(data, content_type=charts.CONTENT_TYPES[fmt])
    if fmt == "png":
        response["Content-Disposition"] = f'inline; filename="grafiek-{digest[:12]}.png"'
    return response
