# SPDX-License-Identifier: EUPL-1.2
"""The analysis on the doel and indicator pages: status of each resultaat, the target line and
projection band on trend charts, comparisons and similar gemeenten. Plain data, from
``publications.insights`` (the same functions the API answers with)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import Agenda, Result, ResultIndicator
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.insight_figures import overlay
from kwaliteitsmonitor.monitor.pages.common import MISSING_TEXT, table
from kwaliteitsmonitor.publications import insights
from kwaliteitsmonitor.publications.insights_common import series_for
from kwaliteitsmonitor.publications.queries import ValueRow


def _first_link(result: Result) -> Any:
    return next(iter(result.indicator_links.all()), None)


def result_statuses(
    results: Iterable[Result], values: dict[str, list[ValueRow]], area: str
) -> dict[int, dict]:
    """Status per resultaat from the rows the doel page already has (no extra query)."""
    out = {}
    for result in results:
        link = _first_link(result)
        rows = values.get(link.indicator.code, []) if link else []
        out[result.pk] = insights.assess_result(result, rows, area)
    return out


def targets(results: Iterable[Result], statuses: dict[int, dict], end_year: int) -> dict[str, dict[str, Any]]:
    """Per indicator code: the target (when a resultaat's streefwaarde refers to it), its status and the
    target year the projection band runs to (else the last year of the agenda)."""
    out: dict[str, dict[str, Any]] = {}
    for result in results:
        links = list(result.indicator_links.all())
        for i, link in enumerate(links):
            if link.breakdown:
                continue
            entry = out.setdefault(link.indicator.code, {"target": None, "status": None, "year": end_year})
            if i == 0 and result.target_value is not None and result.target_year and entry["target"] is None:
                entry["target"] = {"value": result.target_value, "year": result.target_year}
                entry["status"] = statuses.get(result.pk)
                entry["year"] = result.target_year
            elif entry["target"] is None and result.target_year:
                entry["year"] = result.target_year
    return out


def chart_overlay(
    indicator: Indicator, meta: dict[str, Any], rows: list[ValueRow], area: str, target: dict[str, Any] | None
) -> dict[str, Any] | None:
    """Target line and projection band for the trend chart of ``area`` (yearly or half-yearly series)."""
    if target is None:
        return None
    series = [r for r in series_for(indicator, rows, area) if r.value is not None]
    if not series or series[-1].period[4:6] not in {"JJ", "HJ"}:
        return None
    status = target.get("status")
    projection = status.get("projection") if status else None
    if projection is None:
        projection = insights.projection_from_rows(indicator, series, target["year"])["projection"]
    last = series[-1]
    step = int(last.period[:4]) - int(series[-2].period[:4]) if len(series) > 1 else 1
    return overlay(meta, last.period, last.value, projection, target["target"], target["year"], step)


def indicator_targets(indicator: Indicator, agenda: Agenda, rows: list[ValueRow]) -> dict[str, Any]:
    """The target of ``indicator`` in ``agenda`` (two queries) with the status computed from ``rows``."""
    links = ResultIndicator.objects.select_related("indicator").order_by("order", "id")
    results = list(
        Result.objects.filter(goal__theme__agenda=agenda, indicator_links__indicator=indicator)
        .distinct()
        .prefetch_related(Prefetch("indicator_links", queryset=links))
        .order_by("goal__theme__order", "goal__order", "order", "id")
    )
    statuses = {}
    for result in results:
        link = _first_link(result)
        if link and link.indicator_id == indicator.pk and not link.breakdown:
            statuses[result.pk] = insights.assess_result(result, rows, agenda.area.code)
    found = targets(results, statuses, agenda.end_year).get(indicator.code)
    return found or {"target": None, "status": None, "year": agenda.end_year}


def comparison_sections(indicator: Indicator, area: Area, period: str | None) -> dict[str, Any]:
    """The comparison table and the gemeenten die op ons lijken: the comparison group the table uses
    (with this indicator's value for each), and why, when the indicator helped to pick that group."""
    choice = insights.peer_choice(indicator, area, indicator_period=period, show=True)
    found = choice["similar"]
    # {} = no comparison group: do not look for one again
    comparisons = insights.indicator_comparisons(indicator, area, period, peer_group=choice["group"] or {})
    comparisons["peer_note"] = choice["note"]
    found["api_url"] = reverse("api:v1:area-similar", kwargs={"code": area.code})
    found["api_example"] = api_example(found)
    similar_tables(found, "gemeente")
    comparisons["api_url"] = reverse("api:v1:indicator-comparisons", kwargs={"code": indicator.code})
    comparisons["table"] = comparison_table(comparisons) if comparisons.get("comparisons") else None
    return {"comparisons": comparisons, "similar": found}


def api_example(found: dict[str, Any]) -> str:
    """The API address that gives these gemeenten again, with their characteristics and weights."""
    chars = found.get("characteristics") or []
    if not chars or found.get("saved"):
        return found["api_url"]
    items = [c["code"] + ("" if c["weight"] == 1 else f":{c['weight']:g}") for c in chars]
    return f"{found['api_url']}?characteristics={','.join(items)}"


def comparison_table(comparisons: dict[str, Any]) -> dict[str, Any]:
    """The comparison with groups as a data table (shown on the page, downloadable like every table):
    each group by its label, which names its figure (published, summed parts or median) and indeling."""
    rows = []
    for row in comparisons["comparisons"]:
        # The label in two lines: the group, then what its figure is (downloads join them again).
        header = row["name"][:1].upper() + row["name"][1:]
        details = ", ".join(p for p in (row["statistic_text"], row["indeling"]) if p)
        cells = [
            row["reference_text"],
            row["difference_text"],
            row["rank_text"],
            row["percentile_text"],
        ]
        rows.append(
            (header, [{"text": t} for t in [*cells, row["significance_text"]]], {"note": f"({details})"})
        )
    return table(
        f"{comparisons['area']['name']} vergeleken met groepen gemeenten, {comparisons['period_label']}. "
        "Verschil = eigen waarde min die van de groep.",
        ["Groep", "Waarde groep", "Verschil", "Plaats", "Percentiel", "Significant?"],
        rows,
    )


def _weight(weight: float) -> str:
    """A characteristic's weight as the page has always shown it: ``1,0``, ``2,5``."""
    return str(float(weight)).replace(".", ",")


SIMILAR_KINDS = {  # first column, what the matches are
    "gemeente": ("Gemeente", "gemeenten"),
    "wijk": ("Wijk (gemeente)", "wijken in andere gemeenten"),
}


def similar_tables(found: dict[str, Any], kind: str) -> dict[str, Any]:
    """Add the data tables of ``insights.similar_areas`` to ``found`` (``kind``: gemeente or wijk):
    ``characteristics_table`` (the characteristics with their weights) and ``table`` (the area itself,
    then the matches with their characteristics and, with an indicator, its value). In this order: the
    page shows them so, and downloads number the tables in the order of the page data."""
    if not found.get("matches"):
        return found
    own_name, chars = found["area"]["name"], found["characteristics"]
    found["characteristics_table"] = table(
        "Kenmerken en gewichten waarop is vergeleken.",
        ["Kenmerk", own_name, "Gewicht", "Jaar"],
        [
            (
                ch["label"],
                [{"text": ch["own_text"]}, {"text": _weight(ch["weight"])}, {"text": ch["period_label"]}],
                {"note": "" if ch["used"] else f"(telt niet mee: {ch['left_out_reason']})"},
            )
            for ch in chars
        ],
    )
    indicator = found.get("indicator")
    rows: list[tuple[Any, ...]] = []
    if indicator or kind == "wijk":  # the area itself: on the indicator page with its own value
        own = [{"text": ch["own_text"]} for ch in chars]
        if indicator:
            own.append(_shown(indicator.get("own")))
        rows.append((f"{own_name} (zelf)", [{"text": "0"}, *own]))
    for m in found["matches"]:
        cells = [{"text": m["distance_text"]}, *({"text": v["text"]} for v in m["values"])]
        if indicator:
            cells.append(_shown(m.get("indicator_value")))
        name = m["name"] + (f" ({m['gemeente']})" if m.get("gemeente") else "")
        rows.append((f"{m['rank']}. {name}", cells, {"url": m.get("url"), "note": m["explanation"]}))
    name_column, plural = SIMILAR_KINDS[kind]
    with_indicator = " en hun waarde voor deze indicator" if indicator else ""
    found["table"] = table(
        f"De {len(found['matches'])} {plural} die het meest op {own_name} lijken, met hun kenmerken"
        f"{with_indicator}. Afstand 0 = gelijk; onder elke naam staat waarop de {kind} vooral lijkt.",
        [name_column, "Afstand", *(ch["label"] for ch in chars), *(["Deze indicator"] if indicator else [])],
        rows,
    )
    return found


def _shown(value: dict[str, Any] | None) -> dict[str, Any]:
    """A value of the indicator in the similar table: its text, ``–`` when there is none."""
    value = value or {}
    return {"text": value.get("text") or MISSING_TEXT, "secret": value.get("secret")}
