# SPDX-License-Identifier: EUPL-1.2
"""Wijkprofiel: every indicator with values for one wijk of the gemeente, next to the gemeente's value of
the same period (difference in words; "gunstiger"/"ongunstiger" only where the polarity is known), a small
trend, a map locating the wijk, its buurten and the wijken elsewhere that resemble it.

Values are read as published: the protection was decided on whole tables when the publication was built,
so reading the wijk's and the gemeente's series apart from the other wijken's values in the ranked period
shows the same figures as the indicator page and the wijkdashboard.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Agenda, Effort, ResultIndicator
from kwaliteitsmonitor.analysis import compare
from kwaliteitsmonitor.analysis.units import format_number, format_value, unit
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import charts, chartspecs, geo
from kwaliteitsmonitor.monitor.figures import trend_figure
from kwaliteitsmonitor.monitor.pages.common import (
    MISSING_TEXT,
    crumb,
    home_crumb,
    indicator_meta,
    latest_period,
    of_kind,
    require_agenda,
    series_kind,
    table,
    value_dict,
    value_text,
)
from kwaliteitsmonitor.monitor.pages.indicator import wijk_geometries
from kwaliteitsmonitor.monitor.pages.insights import api_example, similar_tables
from kwaliteitsmonitor.publications import insights
from kwaliteitsmonitor.publications.insights_common import POLARITY
from kwaliteitsmonitor.publications.insights_forecast import POPULATION
from kwaliteitsmonitor.publications.insights_similar import UnknownCharacteristic
from kwaliteitsmonitor.publications.queries import ValueRow, in_areas, published, values_for_indicators

OTHER_GROUP = "Overige indicatoren"
LATEST_VINTAGE = 9999  # wijk_geometries takes the latest boundary up to this year


def wijken_of(gemeente: Area) -> list[Area]:
    return list(Area.objects.filter(parent=gemeente, level=Level.WK).order_by("name", "code"))


def wijk_filter(gemeente: Area) -> Q:
    """All wijken of the gemeente and the gemeente itself, totals only (no breakdowns)."""
    return Q(breakdown="") & in_areas([gemeente.code], parent=gemeente, level=Level.WK)


def wijk_indicators(gemeente: Area, wijk: Area | None = None) -> list[Indicator]:
    """Published indicators with a value for ``wijk`` (else for any wijk of the gemeente); one query."""
    # Naming the indicators lets the index (indicator, area) answer with one seek per indicator.
    cells = published().filter(
        breakdown="", indicator_id__in=Indicator.objects.filter(is_published=True).values("pk")
    )
    cells = cells.filter(area=wijk) if wijk else cells.filter(area__parent=gemeente, area__level=Level.WK)
    found = cells.values("indicator_id")
    return list(Indicator.objects.filter(pk__in=found, is_published=True).order_by("name"))


def wijk_url(code: str) -> str:
    return reverse("monitor:wijk", kwargs={"code": code})


def polarity_of(indicator: Indicator) -> str:
    return POLARITY.get(indicator.polarity, "neutral")


def signed(value: float, decimals: int) -> str:
    text = format_number(abs(value), decimals)
    return text if round(value, decimals) == 0 else ("+" if value > 0 else "−") + text


def difference(
    indicator: Indicator, own: ValueRow | None, reference: ValueRow | None, reference_name: str
) -> dict[str, Any]:
    """Wijk minus gemeente in one period: signed figure, "hoger"/"lager"/"gelijk" (at the shown
    decimals), "gunstiger"/"ongunstiger" where the polarity is known, and for survey figures whether
    the difference is statistically significant (``analysis.compare``: z-test on the intervals). A count
    is not compared but given as its share of the gemeente's total."""
    empty = {
        "value": None,
        "share": None,
        "text": MISSING_TEXT,
        "direction": "",
        "better": None,
        "significant": None,
    }
    if own is None or own.value is None:
        reason = "het cijfer van de wijk is geheim" if own and own.secret else "de wijk heeft geen cijfer"
        return empty | {"words": f"Niet te vergelijken: {reason}."}
    if reference is None or reference.value is None:
        reason = (
            f"het cijfer van {reference_name} is geheim"
            if reference and reference.secret
            else f"er is geen cijfer van {reference_name} voor deze periode"
        )
        return empty | {"words": f"Niet te vergelijken: {reason}."}
    decimals, polarity = indicator.decimals, polarity_of(indicator)
    ref_text = format_value(reference.value, indicator.unit, decimals)
    if unit(indicator.unit).additive:  # a wijk's count is a part of the gemeente's: say which part
        if reference.value <= 0:
            return empty | {"words": f"Niet te vergelijken: {reference_name} heeft {ref_text}."}
        share = format_number(own.value / reference.value * 100, 1) + "%"
        words = f"{share} van het totaal van {reference_name} ({ref_text})."
        return empty | {"text": share, "share": own.value / reference.value, "words": words}
    diff = own.value - reference.value
    points = " procentpunt" if indicator.unit == "pct" else ""
    if round(diff, decimals) == 0:
        direction, better, words = "gelijk", None, f"Gelijk aan {reference_name} ({ref_text})"
    else:
        direction = "hoger" if diff > 0 else "lager"
        better = None if polarity == "neutral" else (diff > 0) == (polarity == "higher_better")
        words = f"{format_number(abs(diff), decimals)}{points} {direction} dan {reference_name} ({ref_text})"
        if better is not None:
            words += ", gunstiger" if better else ", ongunstiger"
    significant = None
    if indicator.count_method == "survey":
        result = compare.compare(
            compare.Value(own.area, own.value, own.ci_low, own.ci_high, own.n),
            compare.ReferenceGroup(
                "gemeente",
                reference.area,
                reference_name,
                value=compare.Value(reference.area, reference.value, reference.ci_low, reference.ci_high),
            ),
            polarity=polarity,
            survey=True,
        )
        significant = result.significant
        words += {
            True: "; het verschil is statistisch significant",
            False: "; het verschil is niet statistisch significant",
            None: "; onbekend of het verschil significant is (geen interval)",
        }[significant]
    return {
        "value": diff,
        "text": signed(diff, decimals),
        "direction": direction,
        "better": better,
        "significant": significant,
        "share": None,
        "words": words + ".",
    }


def wijk_ranks(indicator: Indicator, rows: list[ValueRow], period: str) -> dict[str, int]:
    """Rank of every wijk with a shown value in ``period`` (1 = best, or highest when neutral)."""
    values = {r.area: r.value for r in rows if r.level == Level.WK and r.period == period}
    return compare.ranks(values, polarity_of(indicator))


def _meta(meta: dict[str, Any]) -> dict[str, Any]:
    keys = ("code", "name", "label", "unit", "unit_title", "decimals", "polarity", "source", "url")
    return {k: meta[k] for k in keys} | {"disclosure": meta["disclosure"]}


def _own_series(
    indicator: Indicator, rows: list[ValueRow], wijk: Area
) -> tuple[list[ValueRow], str, str | None]:
    """The wijk's own series (one period kind), that kind and its latest shown period."""
    own = [r for r in rows if r.area == wijk.code]
    kind = series_kind(own, indicator.period_type)
    own = of_kind(own, kind)
    return own, kind, latest_period(own)


def _item(
    indicator: Indicator,
    rows: list[ValueRow],
    series: tuple[list[ValueRow], str, str | None],
    wijk: Area,
    gemeente: Area,
    ranked: list[ValueRow],
) -> dict[str, Any] | None:
    """``rows``: the wijk's and the gemeente's values; ``series``: ``_own_series`` of them; ``ranked``:
    every wijk's values in the latest period of the wijk's series (and perhaps other periods, which the
    ranking leaves out)."""
    own, kind, period = series
    if period is None:
        return None
    reference = of_kind([r for r in rows if r.area == gemeente.code], kind)
    latest = next(r for r in own if r.period == period)
    same = next((r for r in reference if r.period == period), None)
    ranks = wijk_ranks(indicator, ranked, period)
    meta = indicator_meta(indicator)
    rank = ranks.get(wijk.code)
    return {
        "indicator": _meta(meta),
        "value": value_dict(latest),
        "gemeente": value_dict(same) | {"period_label": latest.period_label},
        "difference": difference(indicator, latest, same, gemeente.name),
        "rank": rank,
        "ranked": len(ranks),
        "rank_text": f"{rank} van {len(ranks)}" if rank else MISSING_TEXT,
        "also": [],  # other opgaven the indicator is linked to (set by grouped)
        # a wijk's count next to the gemeente's would only show that the wijk is smaller
        "trend": trend_figure(
            meta,
            [(wijk.name, own)] + ([] if unit(indicator.unit).additive else [(gemeente.name, reference)]),
            kind,
        ),
    }


def agenda_links(agenda: Agenda, indicators: list[Indicator]) -> dict[int, list[tuple[tuple, str, str]]]:
    """Per indicator id the opgaven it is linked to (through a resultaat or an inspanning):
    [(agenda order, slug, title)], best first. Two queries."""
    ids = [i.pk for i in indicators]
    found: dict[int, list[tuple[tuple, str, str]]] = {}
    results = ResultIndicator.objects.filter(result__goal__theme__agenda=agenda, indicator_id__in=ids)
    for ind, slug, title, *order in results.values_list(
        "indicator_id", "result__goal__theme__slug", "result__goal__theme__title",
        "result__goal__theme__order", "result__goal__order", "result__order", "order",
    ):  # fmt: skip
        found.setdefault(ind, []).append((tuple(order), slug, title))
    efforts = Effort.objects.filter(goal__theme__agenda=agenda, indicators__in=ids)
    for ind, slug, title, *order in efforts.values_list(
        "indicators", "goal__theme__slug", "goal__theme__title", "goal__theme__order", "goal__order", "order"
    ):
        found.setdefault(ind, []).append(((order[0], order[1], 10_000 + order[2], 0), slug, title))
    return {ind: sorted(links) for ind, links in found.items()}


def grouped(agenda: Agenda, indicators: list[Indicator], items: dict[int, dict]) -> list[dict[str, Any]]:
    """Items grouped by the first opgave each indicator is linked to (agenda order), then the rest."""
    links = agenda_links(agenda, indicators)
    groups: dict[str, dict[str, Any]] = {}
    order: dict[str, tuple] = {}
    rest = []
    for indicator in indicators:
        item = items.get(indicator.pk)
        if item is None:
            continue
        found = links.get(indicator.pk)
        if not found:
            rest.append(item)
            continue
        key, slug, title = found[0]
        item["also"] = sorted({t for _, s, t in found if s != slug})
        item["order"] = key
        group = groups.setdefault(slug, {"slug": slug, "title": title, "indicators": []})
        group["url"] = reverse("monitor:opgave", kwargs={"theme": slug})
        group["indicators"].append(item)
        order[slug] = min(order.get(slug, key), key)
    out = sorted(groups.values(), key=lambda g: order[g["slug"]])
    for group in out:
        group["indicators"].sort(key=lambda i: i.pop("order"))
    if rest:
        out.append({"slug": "overige", "title": OTHER_GROUP, "url": None, "indicators": rest})
    return out


def _outline_vertices(geometry: dict[str, Any]) -> set[tuple[float, float]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return {(round(x, 5), round(y, 5)) for polygon in polygons for ring in polygon for x, y, *_ in ring}


def locator_figure(gemeente: Area, wijk: Area, wijken: list[Area]) -> dict[str, Any] | None:
    """A map of the gemeente's wijken with this wijk filled and outlined, every wijk named; the text
    alternative names the neighbouring wijken (sharing at least two boundary points)."""
    geometries = wijk_geometries([w.code for w in wijken], LATEST_VINTAGE)
    if wijk.code not in geometries:
        return None
    own_points = _outline_vertices(geometries[wijk.code])
    others, labels, neighbours = [], [], []
    for w in wijken:
        geometry = geometries.get(w.code)
        if geometry is None:
            continue
        lon, lat = geo.label_point(geometry)
        text = [w.name, "(deze wijk)"] if w.pk == wijk.pk else [w.name]
        labels.append({"lon": round(lon, 6), "lat": round(lat, 6), "text": text})
        if w.pk != wijk.pk:
            others.append({"type": "Feature", "geometry": geometry, "properties": {"name": w.name}})
            if len(_outline_vertices(geometry) & own_points) >= 2:
                neighbours.append(w.name)
    own = {"type": "Feature", "geometry": geometries[wijk.code], "properties": {"name": wijk.name}}
    spec = chartspecs.locator_spec(others, own, labels)
    alt = (
        f"Kaart van {gemeente.name} met {len(labels)} wijken. {wijk.name} is blauw gekleurd, dik omrand en "
        "heeft het opschrift ‘deze wijk’."
    )
    if neighbours:
        alt += f" {wijk.name} grenst aan {_joined(neighbours)}."
    return {
        "type": "map",
        "chart": charts.chart_ref(spec),
        "alt": alt,
        "caption": f"Ligging van {wijk.name} in {gemeente.name}.",
        "neighbours": neighbours,
    }


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def buurten(wijk: Area) -> dict[str, Any] | None:
    """The buurten of the wijk with their latest number of inhabitants (when published), as a data
    table; None when no buurt of the wijk is known."""
    areas = list(Area.objects.filter(parent=wijk, level=Level.BU).order_by("name", "code"))
    if not areas:
        return None
    code = POPULATION["total"]
    found = list(Indicator.objects.filter(code=code, is_published=True))
    rows = values_for_indicators(found, Q(breakdown="") & in_areas(parent=wijk, level=Level.BU))
    latest: dict[str, ValueRow] = {}
    for row in rows.get(code, []):  # sorted by area, then period: the last one is the latest
        if row.value is not None or row.secret:
            latest[row.area] = row
    rows = []
    for area in areas:
        row = latest.get(area.code)
        cells = [
            {"text": value_text(row, with_unit=False), "secret": bool(row and row.secret)},
            {"text": row.period_label if row else ""},
        ]
        rows.append((area.name, cells, {"code": area.code}))
    caption = f"De {len(areas)} buurten in {wijk.name}, met hun aantal inwoners."
    return table(caption, ["Buurt", "Inwoners", "Jaar"], rows)


def similar_wijken(wijk: Area) -> dict[str, Any]:
    """Wijken in other gemeenten like this one (``insights.similar_areas``), each with its gemeente."""
    try:
        found = insights.similar_areas(wijk)
    except UnknownCharacteristic as exc:
        return {"area": {"code": wijk.code, "name": wijk.name}, "matches": [], "message": str(exc)}
    codes = [m["area"] for m in found["matches"]]
    gemeenten = dict(Area.objects.filter(code__in=codes).values_list("code", "parent__name"))
    for match in found["matches"]:
        match["gemeente"] = gemeenten.get(match["area"]) or ""
        match["url"] = wijk_url(match["area"])
    found["api_url"] = reverse("api:v1:area-similar", kwargs={"code": wijk.code})
    found["api_example"] = api_example(found)
    return similar_tables(found, "wijk")


def wijk_page(code: str) -> dict[str, Any]:
    agenda = require_agenda()
    wijk = (
        Area.objects.filter(code=code, level=Level.WK, parent__isnull=False).select_related("parent").first()
    )
    if wijk is None:
        raise Http404(f"Er is geen wijk met code {code}.")
    gemeente = wijk.parent  # usually the agenda's gemeente; a wijk elsewhere is shown against its own
    wijken = wijken_of(gemeente)
    indicators = wijk_indicators(gemeente, wijk)
    # The wijk's and the gemeente's series, then all wijken only in the periods that are ranked: a tenth
    # of the rows of reading every wijk's every year (at national size 0,5 s of a wijk page).
    rows = values_for_indicators(indicators, Q(breakdown="") & in_areas([wijk.code, gemeente.code]))
    series = {i.code: _own_series(i, rows[i.code], wijk) for i in indicators}
    periods = sorted({period for _own, _kind, period in series.values() if period is not None})
    wijk_rows = in_areas(parent=gemeente, level=Level.WK) & Q(breakdown="", period__in=periods)
    ranked = values_for_indicators(indicators, wijk_rows) if periods else {}
    items = {}
    for indicator in indicators:
        code = indicator.code
        item = _item(indicator, rows[code], series[code], wijk, gemeente, ranked.get(code, []))
        if item is not None:
            items[indicator.pk] = item
    groups = grouped(agenda, indicators, items)
    shown = [i for g in groups for i in g["indicators"]]
    return {
        "page": "wijk",
        "title": f"Wijk {wijk.name}",
        "url": wijk_url(wijk.code),
        "json_url": reverse("monitor:wijk-json", kwargs={"code": wijk.code}),
        "breadcrumbs": [home_crumb(), crumb("Wijken", reverse("monitor:wijken")), crumb(wijk.name)],
        "wijk": {"code": wijk.code, "name": wijk.name},
        "gemeente": {"code": gemeente.code, "name": gemeente.name},
        "elsewhere": gemeente.pk != agenda.area_id,
        "wijk_count": len(wijken),
        "indicator_count": len(shown),
        "secret_count": sum(1 for i in shown if i["value"]["secret"]),
        "map": locator_figure(gemeente, wijk, wijken),
        "buurten": buurten(wijk),
        "groups": groups,
        "similar": similar_wijken(wijk),
    }
