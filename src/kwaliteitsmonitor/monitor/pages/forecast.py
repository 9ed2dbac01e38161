# SPDX-License-Identifier: EUPL-1.2
"""Prognose: Wmo users of the agenda's gemeente for the next five years (``insights.service_forecast``),
with chart, table, the inputs (rates per age band, shrinkage weight, population forecast) and the
backtest MAPE. Category and trend term come from the query string (a GET form, works without JS)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.indicators import insights
from kwaliteitsmonitor.indicators.insights_forecast import CATEGORIES, NoForecast, available_categories
from kwaliteitsmonitor.monitor.insight_figures import forecast_figure
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, require_agenda


def forecast_page(category: str = "totaal", trend: str = "") -> dict[str, Any]:
    agenda = require_agenda()
    area = agenda.area
    category = category if category in CATEGORIES else "totaal"
    with_trend = trend in {"1", "true", "ja"}
    data: dict[str, Any] = {
        "page": "prognose",
        "title": "Prognose van het Wmo-gebruik",
        "url": reverse("monitor:prognose"),
        "json_url": reverse("monitor:prognose-json"),
        "api_url": reverse("api:v1:forecast-wmo"),
        "breadcrumbs": [home_crumb(), crumb("Prognose Wmo-gebruik")],
        "area": {"code": area.code, "name": area.name},
        "categories": available_categories(),
        "category": category,
        "trend": with_trend,
        "forecast": None,
        "figure": None,
        "message": "",
        "alternative": None,
    }
    try:
        found = insights.service_forecast(area, category, trend=with_trend)
    except NoForecast as exc:
        data["message"] = str(exc)
        return data
    data["forecast"] = found
    data["figure"] = forecast_figure(found)
    other = insights.service_forecast(area, category, trend=not with_trend)["backtest"]
    if other and found["backtest"]:
        data["alternative"] = {
            "trend": not with_trend,
            "mape_text": other["mape_text"],
            "text": (
                f"{'Met' if not with_trend else 'Zonder'} trendterm was de gemiddelde afwijking in dezelfde "
                f"terugtoets {other['mape_text']} (nu {found['backtest']['mape_text']})."
            ),
        }
    return data
