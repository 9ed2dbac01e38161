# SPDX-License-Identifier: EUPL-1.2
"""Ontdekken: how two indicators go together across the wijken of the gemeente or across all gemeenten
(``insights.correlations``): scatter plot with r, n, outliers, the warning that correlation is not
causation, and the data table. The choice is a GET form (works without JS)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.insight_figures import scatter_figure
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, require_agenda
from kwaliteitsmonitor.publications import insights

LEVELS = [("WK", "de wijken van {name}"), ("GM", "alle gemeenten")]
DEFAULT_PAIR = ("dim_sociale_samenhang", "dim_leefbaarheid")


def discovery_page(x: str = "", y: str = "", level: str = "WK", period: str = "") -> dict[str, Any]:
    agenda = require_agenda()
    area = agenda.area
    indicators = {i.code: i for i in Indicator.objects.filter(is_published=True).order_by("name")}
    codes = list(indicators)
    x = (
        x
        if x in indicators
        else (DEFAULT_PAIR[0] if DEFAULT_PAIR[0] in indicators else codes[0] if codes else "")
    )
    y = (
        y
        if y in indicators
        else (DEFAULT_PAIR[1] if DEFAULT_PAIR[1] in indicators else codes[-1] if codes else "")
    )
    level = level if level in {"WK", "GM"} else "WK"
    data: dict[str, Any] = {
        "page": "ontdekken",
        "title": "Ontdekken: samenhang tussen indicatoren",
        "url": reverse("monitor:ontdekken"),
        "json_url": reverse("monitor:ontdekken-json"),
        "api_url": reverse("api:v1:correlations"),
        "breadcrumbs": [home_crumb(), crumb("Ontdekken")],
        "area": {"code": area.code, "name": area.name},
        "indicators": [{"code": i.code, "name": i.name} for i in indicators.values()],
        "levels": [{"code": c, "label": label.format(name=area.name)} for c, label in LEVELS],
        "choice": {"x": x, "y": y, "level": level, "period": period},
        "correlation": None,
        "figure": None,
        "collapse_table": False,
    }
    if not x or not y:
        return data
    found = insights.correlations(indicators[x], indicators[y], level, period or None, area=area)
    data["correlation"] = found
    data["choice"]["period"] = found["period"] or ""
    data["figure"] = scatter_figure(found, own=area.code)
    data["collapse_table"] = bool(found["result"] and found["result"]["n"] > 15)
    return data
