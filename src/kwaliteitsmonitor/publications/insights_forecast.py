# SPDX-License-Identifier: EUPL-1.2
"""Forecast of Wmo users for the next five years (``analysis.forecast``, DOMAIN.md §5.2).

users = Σ over age bands of (usage rate, shrunk towards the national rate) × population forecast.

* Users and population are protected values (one query for the gemeente and Nederland); the forecast
  users are counts of persons and are protected again (rounded to 5, 0–7 secret) before they leave.
* Age bands: when the Wmo indicator has values per ``leeftijd=`` band matching :data:`AGE_BANDS`, those
  are used; otherwise one band, all ages (and the page says so).
* Population forecast: there is no CBS regional forecast in the store, so the population of each age band
  is extrapolated linearly (least squares over the last :data:`POPULATION_YEARS` observed years). The
  result says so in ``population_method``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from django.db.models import Q

from kwaliteitsmonitor.analysis import disclosure, forecast
from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator

from .figures import Unavailable
from .insights_common import NATIONAL
from .queries import ValueRow, in_areas, values_for_indicators
from .queries import published as published_values

CATEGORIES: dict[str, dict[str, str]] = {
    "totaal": {"label": "Wmo-cliënten met een maatwerkvoorziening (totaal)", "indicator": "wmo_clienten"},
    "hulp_bij_het_huishouden": {"label": "Hulp bij het huishouden", "indicator": "wmo_hulp_huishouden"},
    "ondersteuning_thuis": {"label": "Ondersteuning thuis", "indicator": "wmo_ondersteuning_thuis"},
    "hulpmiddelen_diensten": {"label": "Hulpmiddelen en diensten", "indicator": "wmo_hulpmiddelen"},
}
POPULATION = {"total": "bev_inwoners", "young": "bev_0_17", "old": "bev_75plus"}
AGE_BANDS = {"0-17": "0–17 jaar", "18-74": "18–74 jaar", "75+": "75 jaar en ouder"}
ALL_AGES = "alle leeftijden"
POPULATION_YEARS = 6


class NoForecast(Unavailable):
    """The inputs for a forecast are missing; the message is Dutch."""


def available_categories() -> list[dict[str, str]]:
    codes = {c["indicator"] for c in CATEGORIES.values()}
    present = set(
        Indicator.objects.filter(
            code__in=codes, is_published=True, pk__in=published_values().values("indicator_id")
        ).values_list("code", flat=True)
    )
    return [{"code": k, "label": v["label"]} for k, v in CATEGORIES.items() if v["indicator"] in present]


def _year(row: ValueRow) -> int:
    return int(row.period[:4])


def _population(rows: dict[str, list[ValueRow]], area: str, banded: bool) -> dict[int, dict[str, float]]:
    per: dict[str, dict[int, float]] = defaultdict(dict)
    for key, code in POPULATION.items():
        for r in rows.get(code, []):
            if r.area == area and r.breakdown == "" and r.value is not None:
                per[key][_year(r)] = r.value
    out: dict[int, dict[str, float]] = {}
    for year, total in per["total"].items():
        if not banded:
            out[year] = {ALL_AGES: total}
        elif year in per["young"] and year in per["old"]:
            young, old = per["young"][year], per["old"][year]
            out[year] = {"0-17": young, "18-74": total - young - old, "75+": old}
    return out


def _usage(rows: list[ValueRow], area: str, population: dict[int, dict[str, float]], banded: bool) -> list:
    usage = []
    for r in rows:
        if r.area != area or r.value is None:
            continue
        band = r.breakdown.removeprefix("leeftijd=") if banded else (ALL_AGES if r.breakdown == "" else None)
        year = _year(r)
        if band in population.get(year, {}):
            usage.append(forecast.Usage(year, band, r.value, population[year][band]))
    return usage


def _extrapolate(population: dict[int, dict[str, float]], years: range) -> tuple[dict, int, int]:
    observed = sorted(population)[-POPULATION_YEARS:]
    bands = population[observed[-1]].keys()
    out: dict[int, dict[str, float]] = {}
    fits = {}
    for band in bands:
        xs = [y for y in observed if band in population[y]]
        fits[band] = np.polyfit(xs, [population[y][band] for y in xs], 1) if len(xs) >= 2 else None
    for year in years:
        if year in population:
            out[year] = dict(population[year])
            continue
        out[year] = {
            b: max(0.0, float(np.polyval(fit, year))) if fit is not None else population[observed[-1]][b]
            for b, fit in fits.items()
        }
    return out, observed[0], observed[-1]


def _protected(rule: disclosure.Rule, value: float) -> dict[str, Any]:
    p = disclosure.protect(value, rule)
    return {"value": p.value, "text": "geheim" if p.secret else format_number(p.value, 0), "secret": p.secret}


def service_forecast(area: Area, category: str = "totaal", *, trend: bool = False) -> dict[str, Any]:
    """Wmo users of ``area`` for the next five years, with inputs and backtest (see module docstring)."""
    if category not in CATEGORIES:
        raise NoForecast(f"Onbekende categorie '{category}'; kies uit {', '.join(CATEGORIES)}.")
    spec = CATEGORIES[category]
    indicators = Indicator.objects.filter(code__in=[spec["indicator"], *POPULATION.values()]).in_bulk(
        field_name="code"
    )
    users_indicator = indicators.get(spec["indicator"])
    if users_indicator is None:
        raise NoForecast(f"Er is geen indicator voor {spec['label'].lower()}.")
    rows = values_for_indicators(
        indicators.values(), in_areas([area.code, NATIONAL]) & Q(period__endswith="JJ00")
    )
    wmo = rows[users_indicator.code]
    banded = {r.breakdown.removeprefix("leeftijd=") for r in wmo if r.area == area.code} >= set(AGE_BANDS)
    local_pop = _population(rows, area.code, banded)
    national_pop = _population(rows, NATIONAL, banded)
    local = _usage(wmo, area.code, local_pop, banded)
    national = _usage(wmo, NATIONAL, national_pop, banded)
    if not local or not national or not local_pop:
        raise NoForecast(f"Er zijn te weinig gegevens voor een prognose van {area.name}.")
    last = max(u.year for u in local)
    horizon = range(last + 1, last + 1 + forecast.HORIZON)
    pop_forecast, fit_from, fit_to = _extrapolate(local_pop, horizon)
    result = forecast.forecast_users(local, national, pop_forecast, category=category, trend=trend)
    rule = users_indicator.disclosure_rule
    labels = AGE_BANDS if banded else {ALL_AGES: ALL_AGES}
    history = sorted({u.year for u in local})
    observed_users = {y: sum(u.users for u in local if u.year == y) for y in history}
    bt = result.backtest
    return {
        "area": {"code": area.code, "name": area.name},
        "category": category,
        "category_label": spec["label"],
        "indicator": users_indicator.code,
        "method_version": result.method_version,
        "trend": trend,
        "trend_slope": result.trend_slope,
        "base_years": list(result.base_years),
        "k": result.k,
        "by_age": banded,
        "age_note": (
            "Het gebruik is per leeftijdsgroep bekend; per groep is een eigen gebruikskans berekend."
            if banded
            else "De Wmo-registratie is niet per leeftijdsgroep beschikbaar; het model rekent daarom met één "
            "groep (alle leeftijden)."
        ),
        "history": [
            {"year": y, "value": observed_users[y], "text": format_number(observed_users[y], 0)}
            for y in history
        ],
        "forecast": [
            {"year": y, **_protected(rule, v)} for y, v in zip(result.years, result.users, strict=True)
        ],
        "rates": [
            {
                "age_band": r.age_band,
                "label": labels.get(r.age_band, r.age_band),
                "local_per_1000": r.local * 1000 if r.local is not None else None,
                "national_per_1000": r.national * 1000,
                "rate_per_1000": r.rate * 1000,
                "exposure": r.exposure,
                "weight": r.weight,
                "local_text": format_number(r.local * 1000, 1) if r.local is not None else "–",
                "national_text": format_number(r.national * 1000, 1),
                "rate_text": format_number(r.rate * 1000, 1),
                "weight_text": format_number(r.weight, 3),
            }
            for r in result.rates
        ],
        "population": [
            {
                "year": y,
                "observed": y in local_pop,
                "bands": [
                    {"age_band": b, "label": labels.get(b, b), "value": v, "text": format_number(v, 0)}
                    for b, v in pop.items()
                ],
                "total_text": format_number(sum(pop.values()), 0),
            }
            for y, pop in sorted(pop_forecast.items())
        ],
        "population_method": (
            f"Er is geen bevolkingsprognose ingelezen. De bevolking per leeftijdsgroep is daarom lineair "
            f"doorgetrokken: de rechte lijn door de aantallen van {fit_from} tot en met {fit_to} "
            f"(kleinste kwadraten), verlengd tot {horizon[-1]}."
        ),
        "backtest": (
            {
                "cutoff": bt.cutoff,
                "rows": [
                    {"year": y, "actual_text": format_number(a, 0), **_protected(rule, p)}
                    for y, a, p in zip(bt.years, bt.actual, bt.predicted, strict=True)
                ],
                "mape": bt.mape,
                "mape_text": format_number(bt.mape, 1) + "%" if bt.mape is not None else "–",
                "text": (
                    f"Terugtoets: het model, geschat op de jaren tot en met {bt.cutoff}, voorspelde "
                    f"{', '.join(map(str, bt.years))} met een gemiddelde afwijking (MAPE) van "
                    f"{format_number(bt.mape, 1) if bt.mape is not None else '–'}%."
                ),
            }
            if bt
            else None
        ),
        "shrinkage": (
            f"Per leeftijdsgroep is het eigen gebruik over {', '.join(map(str, result.base_years))} "
            f"gewogen met het landelijke: gewicht w = n / (n + k), met n de eigen bevolking (persoonsjaren) "
            f"en k = {format_number(result.k, 0)}. Hoe groter de groep, hoe meer het eigen gebruik telt."
        ),
    }
