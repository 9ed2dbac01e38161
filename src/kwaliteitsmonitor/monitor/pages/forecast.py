# SPDX-License-Identifier: EUPL-1.2
"""Prognose: Wmo users of the agenda's gemeente for the next five years (``insights.service_forecast``),
with chart, table, the inputs (rates per age band, shrinkage weight, population forecast) and the
backtest MAPE. Category and trend term come from the query string (a GET form, works without JS)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kwaliteitsmonitor.monitor.insight_figures import forecast_figure
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb, require_agenda, table
from kwaliteitsmonitor.publications import insights
from kwaliteitsmonitor.publications.insights_forecast import CATEGORIES, NoForecast, available_categories


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
    data["tables"] = input_tables(found)
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


def input_tables(found: dict[str, Any]) -> dict[str, dict[str, Any] | None]:
    """The inputs of the forecast as data tables (shown on the page, downloadable like every table)."""
    rates = table(
        f"Gebruik per 1.000 inwoners per leeftijdsgroep over {' en '.join(map(str, found['base_years']))}: "
        "eigen, landelijk, het gewicht van het eigen gebruik en het gebruikte cijfer.",
        ["Leeftijdsgroep", "Eigen gebruik", "Landelijk", "Gewicht w", "Gebruikt"],
        [
            (
                r["label"],
                [{"text": r[k]} for k in ("local_text", "national_text", "weight_text", "rate_text")],
            )
            for r in found["rates"]
        ],
    )
    population = found["population"]
    bands = [b["label"] for b in population[0]["bands"]] if population else []
    population_table = table(
        "Bevolking per leeftijdsgroep in de prognosejaren.",
        ["Jaar", *bands, "Soort"],
        [
            (
                str(p["year"]),
                [
                    *({"text": b["text"]} for b in p["bands"]),
                    {"text": "waargenomen" if p["observed"] else "doorgetrokken"},
                ],
            )
            for p in population
        ],
    )
    backtest = found["backtest"]
    backtest_table = (
        table(
            "Terugtoets: werkelijk aantal en wat het model zei met de gegevens tot en met "
            f"{backtest['cutoff']}. MAPE {backtest['mape_text']}.",
            ["Jaar", "Werkelijk", "Voorspeld"],
            [
                (str(r["year"]), [{"text": r["actual_text"]}, {"text": r["text"], "secret": r.get("secret")}])
                for r in backtest["rows"]
            ],
        )
        if backtest
        else None
    )
    return {"rates": rates, "population": population_table, "backtest": backtest_table}
