# SPDX-License-Identifier: EUPL-1.2
"""Wijkdashboard (after the GMSD wijkdashboard): all wijken of the gemeente on one chosen indicator
(sorted bars, map, table with rank and difference from the gemeente) and an overview matrix of the
wijken × the kernindicatoren. The choice of indicator and period is a GET form (works without JS)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Agenda, ResultIndicator
from kwaliteitsmonitor.analysis.units import unit
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.figures import bars_figure, map_figure
from kwaliteitsmonitor.monitor.pages.common import (
    MISSING_TEXT,
    crumb,
    home_crumb,
    indicator_meta,
    latest_period,
    of_kind,
    period_kind,
    require_agenda,
    series_kind,
    short_label,
    sort_key,
    table,
    value_dict,
)
from kwaliteitsmonitor.monitor.pages.indicator import wijk_geometries
from kwaliteitsmonitor.monitor.pages.wijk import (
    difference,
    wijk_filter,
    wijk_indicators,
    wijk_ranks,
    wijk_url,
    wijken_of,
)
from kwaliteitsmonitor.publications.queries import ValueRow, published, values_for_indicators

MAX_KERN = 10


def kern_indicators(agenda: Agenda, candidates: list[Indicator]) -> list[Indicator]:
    """The headline indicator of every resultaat (its first link without a breakdown) that has values
    per wijk, in agenda order; without an agenda link the first few candidates."""
    by_id = {i.pk: i for i in candidates}
    links = (
        ResultIndicator.objects.filter(result__goal__theme__agenda=agenda, breakdown="")
        .order_by("result__goal__theme__order", "result__goal__order", "result__order", "result_id", "order")
        .values_list("result_id", "indicator_id")
    )
    chosen: list[Indicator] = []
    seen_results: set[int] = set()
    for result_id, indicator_id in links:
        if result_id in seen_results or indicator_id not in by_id:
            continue
        seen_results.add(result_id)
        if by_id[indicator_id] not in chosen:
            chosen.append(by_id[indicator_id])
    return (chosen or candidates)[:MAX_KERN]


def _periods(rows: list[ValueRow], gemeente: Area, kind: str) -> list[str]:
    shown = {r.period for r in rows if r.area != gemeente.code and (r.value is not None or r.secret)}
    return sorted((p for p in shown if period_kind(p) == kind), key=sort_key)


def _linked(figure_table: dict[str, Any], codes: list[str | None]) -> dict[str, Any]:
    """Give each table row the URL of its wijk profile (``None``: a row that is not a wijk)."""
    for row, code in zip(figure_table["rows"], codes, strict=True):
        row["url"] = wijk_url(code) if code else None
    return figure_table


def _comparison(indicator, meta, rows, wijken, gemeente, period, elsewhere=None) -> dict[str, Any]:
    """Per wijk the value, the difference from the gemeente and the rank, best first (secret and
    missing last); also as sorted bars (with the gemeente as one bar) and as a map. ``elsewhere``: the
    wijken of other gemeenten chosen in the form (code -> name of their gemeente), ranked with the
    gemeente's own and named with their gemeente; the map shows the gemeente's own wijken."""
    elsewhere = elsewhere or {}
    in_period = {r.area: r for r in rows if r.period == period}
    reference = in_period.get(gemeente.code)
    ranks = wijk_ranks(indicator, rows, period)
    order = sorted(wijken, key=lambda w: (ranks.get(w.code, 10_000), w.name))
    entries = []
    for w in order:
        row = in_period.get(w.code)
        rank = ranks.get(w.code)
        entries.append(
            {
                "code": w.code,
                "name": f"{w.name} ({elsewhere[w.code]})" if w.code in elsewhere else w.name,
                "gemeente": elsewhere.get(w.code, gemeente.name),
                "url": wijk_url(w.code),
                "value": value_dict(row),
                "rank": rank,
                "rank_text": f"{rank} van {len(ranks)}" if rank else MISSING_TEXT,
                "difference": difference(indicator, row, reference, gemeente.name),
            }
        )
    label = short_label(period)
    additive = unit(indicator.unit).additive  # a count: a wijk's part of the gemeente's total
    compared = f"Aandeel in {gemeente.name}" if additive else f"Verschil met {gemeente.name}"
    columns = ["Wijk", meta["unit_title"], compared, "Plaats"]
    cells = [
        (
            e["name"],
            [
                e["value"],
                {"text": e["difference"]["text"]},
                {"text": e["rank_text"]},
            ],
        )
        for e in entries
    ]
    best = "hoogste" if indicator.polarity == "neutral" else "gunstigste"
    caption = (
        f"{meta['label']} per wijk{' (met wijken van andere gemeenten)' if elsewhere else ''}, "
        f"{label}: waarde, "
        + (f"aandeel in {gemeente.name}" if additive else f"verschil met {gemeente.name} (wijk min gemeente)")
        + f" en plaats (1 = {best} waarde van de {len(ranks)} wijken met een cijfer)."
    )
    comparison = _linked(table(caption, columns, cells), [e["code"] for e in entries])
    bar_rows = [(e["name"], in_period[e["code"]]) for e in entries if e["code"] in in_period]
    others = f" en {len(set(elsewhere.values()))} andere gemeente(n)" if elsewhere else ""
    shown = [(n, r) for n, r in bar_rows if r.value is not None]
    hidden = [(n, r) for n, r in bar_rows if r.value is None]
    bars = sorted(shown, key=lambda x: -x[1].value)
    if reference is not None and reference.value is not None and not additive:
        bars.append((f"{gemeente.name} (hele gemeente)", reference))
        bars.sort(key=lambda x: -x[1].value)
    names = {e["name"]: e["code"] for e in entries}
    bars_fig = bars_figure(
        meta, bars + hidden, area_name=gemeente.name + others, period_label=label, what="per wijk"
    )
    if bars_fig:
        _linked(
            bars_fig["table"], [names.get(n) if r.area != gemeente.code else None for n, r in bars + hidden]
        )
    mapped = sorted(
        (r for r in in_period.values() if r.area != gemeente.code and r.area not in elsewhere),
        key=lambda r: r.area_name,
    )
    map_fig = map_figure(
        meta, mapped, wijk_geometries([r.area for r in mapped], int(period[:4])),
        area_name=gemeente.name, period_label=label,
    )  # fmt: skip
    if map_fig:
        _linked(map_fig["table"], [r.area for r in mapped])
    return {
        "period": period,
        "period_label": label,
        "gemeente": value_dict(reference),
        "wijken": entries,
        "table": comparison,
        "bars": bars_fig,
        "map": map_fig,
        "secret_count": sum(1 for e in entries if e["value"]["secret"]),
    }


def _matrix(kern: list[Indicator], rows: dict[str, list[ValueRow]], wijken, gemeente) -> dict[str, Any]:
    """Wijken × kernindicatoren, each indicator in its own latest period with wijk values."""
    columns, per_indicator = ["Wijk"], []
    for indicator in kern:
        own = rows[indicator.code]
        kind = series_kind([r for r in own if r.area != gemeente.code], indicator.period_type)
        wijk_rows = of_kind([r for r in own if r.area != gemeente.code], kind)
        period = latest_period(wijk_rows)
        if period is None:
            continue
        columns.append(f"{indicator.label} ({short_label(period)})")
        per_indicator.append({r.area: r for r in of_kind(own, kind) if r.period == period})
    body = [(w.name, [value_dict(values.get(w.code)) for values in per_indicator]) for w in wijken]
    body.append(
        (f"{gemeente.name} (hele gemeente)", [value_dict(v.get(gemeente.code)) for v in per_indicator])
    )
    caption = (
        f"Overzicht: de wijken van {gemeente.name} op de kernindicatoren, elk in het laatste jaar met "
        "cijfers per wijk."
    )
    matrix = _linked(table(caption, columns, body), [w.code for w in wijken] + [None])
    return matrix | {"indicators": [{"code": i.code, "label": i.label} for i in kern]}


MAX_OTHER_GEMEENTEN = 5


def other_gemeenten(indicator: Indicator, gemeente: Area) -> list[dict[str, str]]:
    """The gemeenten besides ``gemeente`` with published wijk values of ``indicator`` (one query)."""
    found = (
        published()
        .filter(indicator=indicator, breakdown="", area__level=Level.WK)
        .exclude(area__parent_id=gemeente.pk)
        .values_list("area__parent__code", "area__parent__name")
        .distinct()
    )
    return [{"code": c, "name": n} for c, n in sorted(set(found), key=lambda x: (x[1], x[0])) if c]


def _chosen_others(
    asked: str, available: list[dict[str, str]], indicator: Indicator, notices: list[str]
) -> list[Area]:
    """The other gemeenten asked for (``gemeente=GM…,GM…``) that have wijk values, at most five; a rate
    only (counts of wijken in gemeenten of different sizes do not compare)."""
    codes = list(dict.fromkeys(c.strip().upper() for c in asked.split(",") if c.strip()))
    if not codes:
        return []
    if unit(indicator.unit).additive:
        notices.append(
            "Wijken van andere gemeenten staan er alleen naast bij een verhoudingsgetal (per 1.000, een "
            "percentage, een score): aantallen van wijken in gemeenten van verschillende grootte zijn niet "
            "te vergelijken."
        )
        return []
    known = {g["code"] for g in available}
    unknown = [c for c in codes if c not in known]
    if unknown:
        notices.append(
            f"Geen wijkcijfers van deze indicator voor {', '.join(unknown)}; "
            "die gemeente(n) staan er niet bij."
        )
    kept = [c for c in codes if c in known]
    if len(kept) > MAX_OTHER_GEMEENTEN:
        notices.append(
            f"Ten hoogste {MAX_OTHER_GEMEENTEN} andere gemeenten; de eerste {MAX_OTHER_GEMEENTEN} staan er."
        )
        kept = kept[:MAX_OTHER_GEMEENTEN]
    by_code = {a.code: a for a in Area.objects.filter(code__in=kept)}
    return [by_code[c] for c in kept if c in by_code]


def wijken_page(indicator: str = "", period: str = "", gemeente: str = "") -> dict[str, Any]:
    asked_others = gemeente
    agenda = require_agenda()
    gemeente = agenda.area
    wijken = wijken_of(gemeente)
    candidates = wijk_indicators(gemeente)
    kern = kern_indicators(agenda, candidates)
    by_code = {i.code: i for i in candidates}
    data: dict[str, Any] = {
        "page": "wijken",
        "title": f"Wijken van {gemeente.name}",
        "url": reverse("monitor:wijken"),
        "json_url": reverse("monitor:wijken-json"),
        "breadcrumbs": [home_crumb(), crumb("Wijken")],
        "gemeente": {"code": gemeente.code, "name": gemeente.name},
        "wijken": [{"code": w.code, "name": w.name, "url": wijk_url(w.code)} for w in wijken],
        "indicators": [{"code": i.code, "name": i.name, "kern": i in kern} for i in candidates],
        "choice": {"indicator": "", "period": ""},
        "chosen_gemeenten": [],
        "other_gemeenten": [],
        "periods": [],
        "notices": [],
        "comparison": None,
        "matrix": None,
    }
    if not candidates or not wijken:
        return data
    chosen = by_code.get(indicator) or (kern or candidates)[0]
    if indicator and indicator not in by_code:
        data["notices"].append(
            f"Voor de gekozen indicator zijn er geen cijfers per wijk; hieronder staat {chosen.name}."
        )
    available = other_gemeenten(chosen, gemeente)
    others = _chosen_others(asked_others, available, chosen, data["notices"])
    rows = values_for_indicators(list(dict.fromkeys([chosen, *kern])), wijk_filter(gemeente))
    own = rows[chosen.code]
    elsewhere: dict[str, str] = {}
    other_wijken: list[Area] = []
    if others:
        extra = Q()
        for other in others:
            extra |= wijk_filter(other)
        own = own + [r for r in values_for_indicators([chosen], extra)[chosen.code] if r.level == Level.WK]
        for other in others:
            for w in wijken_of(other):
                other_wijken.append(w)
                elsewhere[w.code] = other.name
    kind = series_kind([r for r in own if r.area != gemeente.code], chosen.period_type)
    periods = _periods(own, gemeente, kind)
    if period and period not in periods:
        data["notices"].append(
            "Voor de gekozen periode zijn er geen cijfers per wijk; hieronder staat de laatste."
        )
    chosen_period = period if period in periods else (periods[-1] if periods else "")
    meta = indicator_meta(chosen)
    data |= {
        "indicator": {
            k: meta[k] for k in ("code", "name", "label", "unit_title", "polarity", "source", "url")
        },
        "choice": {"indicator": chosen.code, "period": chosen_period},
        "chosen_gemeenten": [{"code": o.code, "name": o.name} for o in others],
        "other_gemeenten": [
            {**g, "selected": g["code"] in {o.code for o in others}}
            for g in available
            if not unit(chosen.unit).additive
        ],
        "periods": [{"period": p, "label": short_label(p)} for p in reversed(periods)],
        "matrix": _matrix(kern, rows, wijken, gemeente),
    }
    if chosen_period:
        data["comparison"] = _comparison(
            chosen, meta, of_kind(own, kind), wijken + other_wijken, gemeente, chosen_period, elsewhere
        )
        if others:
            data["title"] = f"Wijken van {gemeente.name} en andere gemeenten"
    return data
