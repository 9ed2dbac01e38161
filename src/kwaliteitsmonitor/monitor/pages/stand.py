# SPDX-License-Identifier: EUPL-1.2
"""Stand van de gemeente: the first step of the Kwaliteitskompas ("hoe staat onze gemeente ervoor?").

For the agenda's gemeente, the key indicators (those linked to the resultaten of the agenda, per
opgave) and a few context indicators, each with its latest value, Nederland, the comparison groups
of ``publications.insights_compare`` (provincie, COROP, jeugdregio, GGD, stedelijkheid, grootteklasse,
comparison group), rank and percentile among all gemeenten, and for survey figures "significant
hoger/lager" only where the intervals say so. Per opgave a summary against gemeenten of comparable
size, counted from the polarity of each indicator (nothing is said where the polarity is unknown),
and a strip figure with its table.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from kwaliteitsmonitor.agenda.models import ResultIndicator, Theme
from kwaliteitsmonitor.analysis.units import format_number, unit
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor.figures import strip_figure
from kwaliteitsmonitor.monitor.pages.common import (
    MISSING_TEXT,
    crumb,
    figure_text,
    home_crumb,
    indicator_urls,
    require_agenda,
    table,
    unit_title,
)
from kwaliteitsmonitor.publications.insights import comparisons_for_indicators

# Context indicators: published indicators of these categories (settings.KM_STAND_CONTEXT_CATEGORIES).
CONTEXT_CATEGORIES = ("Bevolking",)
SUMMARY_KINDS = ("grootteklasse", "nederland")  # the first present is the summary's reference
PEER_KINDS = ("vergelijkingsgroep", "gelijkende_gemeenten")
FIGURE_KINDS = ("nederland", "grootteklasse", *PEER_KINDS)
COLUMN_KINDS = (
    "nederland", "provincie", "corop", "jeugdzorgregio", "ggd_regio", "stedelijkheidsklasse",
    "grootteklasse", *PEER_KINDS,
)  # fmt: skip
NOTES = (
    "Groepen zonder eigen cijfer: bij een verhoudingsgetal waarvan alle gemeenten teller en noemer hebben "
    "het cijfer uit hun opgetelde tellers en noemers, anders de mediaan van hun gemeenten. Regio's en "
    "klassen in de indeling van het jaar van het cijfer. (significant hoger) of "
    "(significant lager): bij een enquêtecijfer ligt de gemeente significant hoger of lager dan de groep. "
    "Plaats en percentiel onder alle gemeenten; plaats 1 = gunstigste waarde (zonder richting: hoogste)."
)
GROUP_HEADERS = {"vergelijkingsgroep": "Vergelijkingsgroep", "gelijkende_gemeenten": "Lijkende gemeenten"}


def _key_indicators(agenda: Any) -> list[tuple[Theme, list[Indicator]]]:
    """Per opgave (in order) the published indicators linked to its resultaten, each once (two queries)."""
    themes = list(Theme.objects.filter(agenda=agenda).order_by("order", "id"))
    links = (
        ResultIndicator.objects.filter(result__goal__theme__agenda=agenda, indicator__is_published=True)
        .order_by("result__goal__order", "result__goal_id", "result__order", "result_id", "order", "id")
        .values_list("result__goal__theme_id", "indicator_id")
    )
    per_theme: dict[int, list[int]] = {t.pk: [] for t in themes}
    for theme_id, indicator_id in links:
        if indicator_id not in per_theme[theme_id]:
            per_theme[theme_id].append(indicator_id)
    wanted = {i for ids in per_theme.values() for i in ids}
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=wanted)}
    rates = _rates_of([i for i in indicators.values() if unit(i.unit).additive])
    out = []
    for t in themes:
        chosen: list[Indicator] = []
        for i in per_theme[t.pk]:
            shown = rates.get(i, indicators[i])
            if shown not in chosen:
                chosen.append(shown)
        out.append((t, chosen))
    return out


def _rates_of(counts: list[Indicator]) -> dict[int, Indicator]:
    """For each count, the published rate computed from it (it as numerator; a rate per 1.000 of its target
    group first): places of different size compare by rates, never by counts (one query)."""
    if not counts:
        return {}
    found: dict[int, Indicator] = {}
    candidates = Indicator.objects.filter(numerator__in=counts, is_published=True).order_by(
        "-denominator_breakdown", "code"
    )
    for rate in candidates:
        if not unit(rate.unit).additive and rate.numerator_id not in found:
            found[rate.numerator_id] = rate  # type: ignore[index]
    return found


def _context_indicators(exclude: set[int]) -> list[Indicator]:
    categories = getattr(settings, "KM_STAND_CONTEXT_CATEGORIES", CONTEXT_CATEGORIES)
    return list(
        Indicator.objects.filter(is_published=True, category__in=list(categories))
        .exclude(pk__in=exclude)
        .order_by("category", "name")
    )


def _judgement(row: dict[str, Any], survey: bool) -> str:
    """How the gemeente relates to one group: 'hoger'/'lager'/'gelijk' (registrations), for surveys
    'hoger'/'lager' only when significant, else 'geen_verschil' or 'onbekend'; '' without a comparison."""
    if row["difference"] is None or row["ranked"] < 2:
        return ""  # no reference, or the "group" holds no gemeente with a value besides the own one
    if survey:
        if row["significant"] is None:
            return "onbekend"
        if not row["significant"]:
            return "geen_verschil"
    if row["difference"] == 0:
        return "gelijk"
    return "hoger" if row["difference"] > 0 else "lager"


def _group_cell(row: dict[str, Any], judgement: str, survey: bool) -> dict[str, Any]:
    """The group's value in a table cell and, for a survey figure, "(significant hoger)" or "(significant
    lager)" when the own gemeente is significantly higher or lower than the group; "–" when no other
    gemeente of the group has a value."""
    if row["ranked"] < 2:
        return {"text": MISSING_TEXT}
    text = row["reference_text"]
    if survey and judgement in {"hoger", "lager"}:
        text += f" (significant {judgement})"
    return {"text": text}


def _entry(indicator: Indicator, comparison: dict[str, Any]) -> dict[str, Any]:
    """One indicator as the page shows it: own value, each group, rank and percentile."""
    own = comparison["own"] or {"value": None, "secret": False}
    survey = comparison["survey"]
    alone = "Geen andere gemeente heeft dit cijfer: geen vergelijking met"
    groups = []
    for row in comparison["comparisons"]:
        judgement = _judgement(row, survey)
        favourable = row["better"] if judgement in {"hoger", "lager"} else None
        groups.append(
            {
                **{k: row[k] for k in ("kind", "kind_label", "code", "name", "label", "members", "ranked")},
                **{k: row[k] for k in ("indeling", "membership_year", "statistic", "statistic_text")},
                **{k: row[k] for k in ("reference_text", "reference_source", "difference_text")},
                **{k: row[k] for k in ("significant", "significance_text")},
                "reference": row["reference"] if row["ranked"] > 1 else None,
                "text": row["text"] if row["ranked"] > 1 else f"{alone} {row['name']}.",
                "judgement": judgement,
                "favourable": favourable,
                "cell": _group_cell(row, judgement, survey),
            }
        )
    ranked = comparison["all_gemeenten"] or {}
    if (ranked.get("of") or 0) < 2:
        ranked = {}  # a rank among one gemeente says nothing
    return {
        "code": indicator.code,
        "name": indicator.name,
        "label": indicator.label,
        **indicator_urls(indicator.code),
        "unit": indicator.unit,
        "unit_title": unit_title(indicator.unit, indicator.unit_label),
        "decimals": indicator.decimals,
        "survey": survey,
        "polarity": comparison["polarity"],
        "polarity_label": indicator.get_polarity_display(),
        "period": comparison["period"],
        "period_label": comparison["period_label"],
        "own": {
            "value": own["value"],
            "secret": bool(own.get("secret")),
            "text": figure_text(own["value"], bool(own.get("secret")), indicator.unit, indicator.decimals),
            "number_text": figure_text(
                own["value"], bool(own.get("secret")), indicator.unit, indicator.decimals, with_unit=False
            ),
        },
        "groups": groups,
        "rank": ranked.get("rank"),
        "ranked": ranked.get("of"),
        "percentile": ranked.get("percentile"),
        "rank_text": f"{ranked['rank']} van {ranked['of']}"
        if ranked.get("rank") is not None
        else MISSING_TEXT,
        "percentile_text": (
            format_number(ranked["percentile"], 0) if ranked.get("percentile") is not None else MISSING_TEXT
        ),
        "range": comparison["range"],
        "note": comparison["note"],
        "peer_note": comparison["peer_note"],
    }


def _group(entry: dict[str, Any], kinds: tuple[str, ...]) -> dict[str, Any] | None:
    return next((g for g in entry["groups"] if g["kind"] in kinds), None)


def summary(area_name: str, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How many key indicators are favourable against gemeenten of comparable size (else Nederland).

    Only indicators with a polarity count ("hoger is beter" or "lager is beter"); a survey figure only
    counts as favourable or unfavourable when the difference is significant."""
    if not entries:
        return None
    kind = next((k for k in SUMMARY_KINDS if any(_group(e, (k,)) for e in entries)), None)
    if kind is None:
        return None
    reference = next(g for e in entries if (g := _group(e, (kind,))))
    who = (
        f"gemeenten van vergelijkbare grootte ({reference['name']})"
        if kind == "grootteklasse"
        else "Nederland"
    )
    directed = [e for e in entries if e["polarity"] != "neutral"]
    compared = [(e, g) for e in directed if (g := _group(e, (kind,))) and g["judgement"]]
    favourable = sum(1 for _, g in compared if g["favourable"] is True)
    unfavourable = sum(1 for _, g in compared if g["favourable"] is False)
    undecided = len(compared) - favourable - unfavourable
    sentences = []
    if compared:
        sentence = (
            f"{area_name} scoort op {favourable} van de {len(compared)} kernindicatoren gunstiger dan "
            f"{who} en op {unfavourable} ongunstiger"
        )
        if undecided:
            sentence += f"; bij {undecided} is er geen (significant) verschil"
        sentences.append(sentence + ".")
    neutral = len(entries) - len(directed)
    if neutral:
        sentences.append(
            f"Bij {neutral} {'kernindicator' if neutral == 1 else 'kernindicatoren'} is niet vastgelegd of "
            "hoger of lager beter is; daarover geeft deze samenvatting geen oordeel."
        )
    missing = len(directed) - len(compared)
    if missing:
        sentences.append(
            f"Bij {missing} {'kernindicator' if missing == 1 else 'kernindicatoren'} is geen vergelijking "
            f"mogelijk: er is geen (openbaar) cijfer van {area_name} of van andere gemeenten in de groep."
        )
    return {
        "kind": kind,
        "reference": reference["name"],
        "compared": len(compared),
        "favourable": favourable,
        "unfavourable": unfavourable,
        "undecided": undecided,
        "neutral": neutral,
        "missing": missing,
        "text": " ".join(sentences),
    }


def _columns(entries: list[dict[str, Any]]) -> list[str]:
    present = {g["kind"] for e in entries for g in e["groups"]}
    return [k for k in COLUMN_KINDS if k in present]


def _header(kind: str, entries: list[dict[str, Any]]) -> str:
    if kind in GROUP_HEADERS:
        return GROUP_HEADERS[kind]
    label = next(g["kind_label"] for e in entries for g in e["groups"] if g["kind"] == kind)
    return label[:1].upper() + label[1:]


def _full_table(caption: str, area_name: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Every group per indicator: value, groups (with significance for surveys), rank and percentile."""
    kinds = _columns(entries)
    rows = []
    for e in entries:
        by_kind = {g["kind"]: g for g in e["groups"]}
        cells = [
            {"text": e["period_label"] or MISSING_TEXT},
            {"text": e["own"]["text"], "secret": e["own"]["secret"]},
            *[_group_cell_of(by_kind.get(k)) for k in kinds],
            {"text": e["rank_text"]},
            {"text": e["percentile_text"]},
        ]
        rows.append((e["label"], cells))
    columns = ["Indicator", "Periode", area_name, *[_header(k, entries) for k in kinds]]
    return table(caption, [*columns, "Plaats", "Percentiel"], rows)


def _group_cell_of(group: dict[str, Any] | None) -> dict[str, Any]:
    return group["cell"] if group else {"text": MISSING_TEXT}


def _figure(area_name: str, theme_title: str, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    peer = next((k for k in PEER_KINDS if any(_group(e, (k,)) for e in entries)), None)
    kinds = [k for k in FIGURE_KINDS if k in {"nederland", "grootteklasse", peer}]
    kinds = [k for k in kinds if any(_group(e, (k,)) for e in entries)]
    series = [area_name, *[_series_name(k, entries) for k in kinds]]
    items = []
    for e in entries:
        groups = [_group(e, (k,)) for k in kinds]
        items.append(
            {
                "label": e["label"],
                "unit_title": e["unit_title"],
                "decimals": e["decimals"],
                "values": [e["own"]["value"], *[g["reference"] if g else None for g in groups]],
                "texts": [
                    e["own"]["number_text"],
                    *[
                        g["reference_text"] if g and g["reference"] is not None else MISSING_TEXT
                        for g in groups
                    ],
                ],
                "low": e["range"]["low"] if e["range"] else None,
                "high": e["range"]["high"] if e["range"] else None,
            }
        )
    caption = (
        f"{theme_title}: {area_name} naast {', '.join(series[1:])}, elke indicator op zijn eigen schaal; "
        "de grijze band loopt van de laagste tot de hoogste gemeente. De tabel geeft ook de andere groepen."
    )
    full = _full_table(
        f"{theme_title}: kernindicatoren van {area_name} vergeleken met groepen gemeenten, laatste periode. "
        + NOTES,
        area_name,
        entries,
    )
    return strip_figure(items, series=series, caption=caption, table=full)


def _series_name(kind: str, entries: list[dict[str, Any]]) -> str:
    group = next(g for e in entries if (g := _group(e, (kind,))))
    if kind == "grootteklasse":
        return f"grootteklasse ({group['name']})"
    return group["name"]


def _overview(area_name: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The compact table: one row per key indicator (each once), own value, Nederland, grootteklasse,
    comparison group, rank and percentile."""
    rows = []
    for e in entries:
        cells = [
            {"text": e["period_label"] or MISSING_TEXT},
            {"text": e["own"]["text"], "secret": e["own"]["secret"]},
            _group_cell_of(_group(e, ("nederland",))),
            _group_cell_of(_group(e, ("grootteklasse",))),
            _group_cell_of(_group(e, PEER_KINDS)),
            {"text": e["rank_text"]},
            {"text": e["percentile_text"]},
        ]
        rows.append((e["label"], cells))
    columns = ["Indicator", "Periode", area_name, "Nederland", "Grootteklasse", "Vergelijkingsgroep"]
    return table(
        f"Overzicht: de kernindicatoren van {area_name}, laatste periode, met Nederland, gemeenten van "
        "vergelijkbare grootte en de vergelijkingsgroep. " + NOTES,
        [*columns, "Plaats", "Percentiel"],
        rows,
    )


def _groups_used(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each group the page compares with, once, with the indelingen its indicators use (an indicator of
    another year may use another indeling)."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in entries:
        for g in e["groups"]:
            shown = seen.setdefault(
                (g["kind"], g["code"], g["name"]),
                {k: g[k] for k in ("kind", "kind_label", "name", "members")} | {"years": set()},
            )
            if g["membership_year"]:
                shown["years"].add(g["membership_year"])
    out = [g for k in COLUMN_KINDS for g in seen.values() if g["kind"] == k]
    for g in out:
        years = [str(y) for y in sorted(g.pop("years"))]
        g["indeling"] = f"indeling {_joined(years)}" if years else ""
    return out


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _without_groups(entry: dict[str, Any]) -> dict[str, Any]:
    """A key count without a rate: shown, but not set against Nederland or groups of other sizes."""
    return entry | {
        "groups": [],
        "rank": None,
        "ranked": None,
        "percentile": None,
        "rank_text": MISSING_TEXT,
        "percentile_text": MISSING_TEXT,
        "note": "Een aantal is niet te vergelijken met gemeenten van een andere grootte; er is geen "
        "verhoudingsgetal van deze indicator.",
    }


def stand_page() -> dict[str, Any]:
    agenda = require_agenda()
    area = agenda.area
    per_theme = _key_indicators(agenda)
    key_ids = {i.pk for _, indicators in per_theme for i in indicators}
    context = _context_indicators(key_ids)
    unique = list({i.pk: i for _, inds in per_theme for i in inds}.values())
    comparisons = comparisons_for_indicators([*unique, *context], area)
    entries = {i.code: _entry(i, comparisons[i.code]) for i in [*unique, *context]}
    for i in unique:
        if unit(i.unit).additive:
            entries[i.code] = _without_groups(entries[i.code])
    themes = []
    for theme, indicators in per_theme:
        theme_entries = [entries[i.code] for i in indicators]
        themes.append(
            {
                "slug": theme.slug,
                "title": theme.title,
                "url": reverse("monitor:opgave", kwargs={"theme": theme.slug}),
                "summary": summary(area.name, theme_entries),
                "indicators": theme_entries,
                "figure": _figure(area.name, theme.title, theme_entries) if theme_entries else None,
            }
        )
    key_entries = [entries[i.code] for i in unique]
    context_entries = [entries[i.code] for i in context]
    return {
        "page": "stand",
        "title": f"Stand van {area.name}",
        "url": reverse("monitor:stand"),
        "json_url": reverse("monitor:stand-json"),
        "breadcrumbs": [home_crumb(), crumb("Stand van de gemeente")],
        "area": {"code": area.code, "name": area.name},
        "groups": _groups_used(key_entries + context_entries),
        "overview": _overview(area.name, key_entries) if key_entries else None,
        "themes": themes,
        "context": {
            "indicators": context_entries,
            "table": _full_table(
                f"Context: kenmerken van {area.name} vergeleken met groepen gemeenten, laatste periode. "
                "Aantallen: de groepswaarde is de mediaan van de gemeenten.",
                area.name,
                context_entries,
            ),
        }
        if context_entries
        else None,
        "compare_url": reverse("monitor:vergelijken"),
    }
