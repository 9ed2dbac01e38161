# SPDX-License-Identifier: EUPL-1.2
"""Create or update the agenda tree from parsed nodes, keyed by ``external_id``; progress per period."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from kwaliteitsmonitor.agenda.models import (
    RESERVED_GOAL_SLUGS,
    Agenda,
    Effort,
    EffortProgress,
    Goal,
    Organisation,
    Picture,
    PictureItem,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
)
from kwaliteitsmonitor.agenda.periods import resolve_periods
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from .checks import (
    directions,
    existing_nodes,
    indicator_errors,
    missing_note,
    parent_errors,
    period_errors,
    scope,
)
from .parse import GoalTreeParse, Node, PicturePart

_NAMES = {
    "theme": "opgaven",
    "goal": "doelen",
    "result": "resultaten",
    "effort": "inspanningen",
    "progress": "voortgang",
    "picture": "beelden",
}


class GoalTreeError(Exception):
    pass


def resolve_agenda(options: dict[str, Any]) -> Agenda:
    if options.get("agenda"):
        agenda = Agenda.objects.filter(pk=options["agenda"]).first()
        if agenda is None:
            raise GoalTreeError(f"agenda {options['agenda']} bestaat niet")
        return agenda
    needed = [options.get(k) for k in ("organisation", "area", "start_year", "end_year")]
    if not all(needed):
        raise GoalTreeError("geef --agenda, of --organisation, --area, --start-year en --end-year")
    area = Area.objects.filter(code=str(options["area"]).upper()).first()
    if area is None:
        raise GoalTreeError(f"onbekend gebied '{options['area']}'")
    agenda, _created = Agenda.objects.get_or_create(
        organisation=options["organisation"],
        area=area,
        start_year=options["start_year"],
        end_year=options["end_year"],
    )
    return agenda


def load_goal_tree(parsed: GoalTreeParse, options: dict[str, Any]) -> tuple[LoadResult, list[str]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    result = LoadResult()
    with transaction.atomic():
        try:
            agenda = resolve_agenda(options)
        except GoalTreeError as exc:
            result.errors = [RecordError(str(exc), parsed.file)]
            return result, []
        indicators = {
            code: (pk, polarity)
            for code, pk, polarity in Indicator.objects.values_list("code", "id", "polarity")
        }
        existing = existing_nodes(agenda)
        periods = resolve_periods({p.report_period for p in parsed.progress})
        parents, errors = parent_errors(parsed, existing)
        result.errors = [
            *indicator_errors(parsed, indicators), *errors, *period_errors(parsed, periods.unknown)
        ]  # fmt: skip
        result_fields = directions(parsed, indicators, result.errors)
        if result.errors:
            return result, []
        ids = {code: pk for code, (pk, _polarity) in indicators.items()}
        objects: dict[str, models.Model] = dict(parents)
        for kind in ("theme", "goal", "result", "effort"):
            for node in (n for n in parsed.nodes if n.kind == kind):
                objects[node.node_id] = _upsert(
                    node, agenda, objects, counts, result_fields.get(node.node_id)
                )
                _link_indicators(node, objects[node.node_id], ids)
        _upsert_progress(parsed, objects, periods.found, counts)
        result.errors = _load_pictures(parsed, agenda, ids, counts)
        if result.errors:
            return result, []  # the pipeline rolls the whole import back
    for added, changed, unchanged in counts.values():
        result.added, result.changed, result.unchanged = (
            result.added + added, result.changed + changed, result.unchanged + unchanged
        )  # fmt: skip
    summary = "; ".join(
        f"{_NAMES[k]}: {a} nieuw, {c} gewijzigd, {u} ongewijzigd" for k, (a, c, u) in counts.items()
    )
    notes = [f"agenda {agenda.pk}: {agenda}", summary, *periods.created]
    if not options.get("partial"):
        notes += missing_note(agenda, {n.node_id for n in parsed.nodes})
    return result, notes


def _fields(node: Node, objects: dict[str, models.Model]) -> dict[str, Any]:
    if node.kind == "theme":
        return {"title": node.title[:200], "summary": node.description, "order": node.order}
    if node.kind == "goal":
        return {
            "theme": objects[node.parent_id],
            "title": node.title[:255],
            "description": node.description,
            "order": node.order,
        }
    if node.kind == "result":
        return {"goal": objects[node.parent_id], "title": node.title[:300], "description": node.description,
                "target_value": node.target_value, "target_year": node.target_year,
                "order": node.order}  # fmt: skip
    parent = objects[node.parent_id]
    goal, result = (parent.goal, parent) if isinstance(parent, Result) else (parent, None)
    return {"goal": goal, "result": result, "title": node.title[:300], "description": node.description,
            "owner": node.owner, "partner": Organisation.for_name(node.partner),
            "start_date": node.start_date, "end_date": node.end_date,
            "order": node.order}  # fmt: skip


def _upsert(
    node: Node,
    agenda: Agenda,
    objects: dict[str, models.Model],
    counts: dict[str, list[int]],
    extra_fields: dict[str, Any] | None,
) -> Any:
    fields = {**_fields(node, objects), **(extra_fields or {})}
    current = scope(node.kind, agenda).filter(external_id=node.node_id).first()
    if current is None:
        model = {"theme": Theme, "goal": Goal, "result": Result, "effort": Effort}[node.kind]
        extra: dict[str, Any] = {"agenda": agenda} if node.kind == "theme" else {}
        if node.kind in {"theme", "goal"}:
            extra["slug"] = _slug(node, agenda, fields)
        counts[node.kind][0] += 1
        return model.objects.create(external_id=node.node_id, **fields, **extra)
    diff = [name for name, value in fields.items() if getattr(current, name) != value]
    for name in diff:
        setattr(current, name, fields[name])
    if diff:
        current.save(update_fields=diff)
    counts[node.kind][1 if diff else 2] += 1
    return current


def _slug(node: Node, agenda: Agenda, fields: dict[str, Any]) -> str:
    base = slugify(node.title)[:60] or slugify(node.node_id)[:60] or "knoop"
    siblings = (
        Theme.objects.filter(agenda=agenda)
        if node.kind == "theme"
        else Goal.objects.filter(theme=fields["theme"])
    )
    slug, suffix = base, 2
    # A doel may not be called "beeld": /opgave/<opgave>/beeld/ is the beeld of the opgave.
    while (node.kind == "goal" and slug in RESERVED_GOAL_SLUGS) or siblings.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _link_indicators(node: Node, obj: Any, indicators: dict[str, int]) -> None:
    wanted = [indicators[code] for code in node.indicator_ids]
    if isinstance(obj, Result):
        current = list(obj.indicator_links.order_by("order").values_list("indicator_id", flat=True))
        if current != wanted:
            obj.indicator_links.all().delete()
            ResultIndicator.objects.bulk_create(
                ResultIndicator(result=obj, indicator_id=i, order=n) for n, i in enumerate(wanted)
            )
    elif isinstance(obj, Effort) and set(obj.indicators.values_list("id", flat=True)) != set(wanted):
        obj.indicators.set(wanted)


def _upsert_progress(
    parsed: GoalTreeParse,
    objects: dict[str, Any],
    periods: dict[str, ReportPeriod],
    counts: dict[str, list[int]],
) -> None:
    """One report per inspanning and report period. The inspanning keeps no copy: its latest report (by
    the period's date) is what every page shows."""
    for item in parsed.progress:
        effort = objects[item.node_id]
        values = {"status": item.status, "status_label": item.status_label, "progress": item.progress,
                  "explanation": item.explanation}  # fmt: skip
        if "budget" in parsed.columns:
            values["budget"] = _euro(item.budget)
        if "realisation" in parsed.columns:
            values["realisation"] = _euro(item.realisation)
        current, created = EffortProgress.objects.get_or_create(
            effort=effort, report_period=periods[item.report_period], defaults=values
        )
        diff = [] if created else [k for k, v in values.items() if getattr(current, k) != v]
        for name in diff:
            setattr(current, name, values[name])
        if diff:
            current.save(update_fields=diff)
        counts["progress"][0 if created else 1 if diff else 2] += 1


def _euro(amount: float | None) -> Decimal | None:
    return None if amount is None else Decimal(str(round(amount, 2))).quantize(Decimal("0.01"))


def _load_pictures(
    parsed: GoalTreeParse, agenda: Agenda, indicators: dict[str, int], counts: dict[str, list[int]]
) -> list[RecordError]:
    """The beeld of every opgave named in the sheet gets exactly the parts of the sheet (in its order);
    an opgave whose parts did not change is left alone. Ids refer to nodes of the agenda (this file or
    an earlier import)."""
    if not parsed.picture_parts:
        return []
    ids = {
        kind: dict(scope(kind, agenda).values_list("external_id", "id"))
        for kind in ("theme", "goal", "effort")
    }
    errors: list[RecordError] = []
    wanted: dict[int, list[tuple[Any, ...]]] = {}
    for part in parsed.picture_parts:
        row = _picture_row(part, ids, indicators, errors)
        if row is not None:
            wanted.setdefault(ids["theme"][part.theme_id], []).append(row)
    if errors:
        return errors
    fields = ("kind", "order", "title", "text", "effort_id", "goal_id", "indicator_id")
    for theme_id, rows in wanted.items():
        picture, created = Picture.objects.get_or_create(theme_id=theme_id)
        current = sorted(picture.items.values_list(*fields), key=repr)
        if not created and current == sorted(rows, key=repr):
            counts["picture"][2] += 1
            continue
        picture.items.all().delete()
        PictureItem.objects.bulk_create(
            PictureItem(picture=picture, **dict(zip(fields, r, strict=True))) for r in rows
        )
        counts["picture"][0 if created else 1] += 1
    return []


def _picture_row(
    part: PicturePart, scope: dict[str, dict[str, int]], indicators: dict[str, int], errors: list[RecordError]
) -> tuple[Any, ...] | None:
    before = len(errors)
    links: dict[str, int | None] = {}
    for column, kind, value, what in (
        ("theme_id", "theme", part.theme_id, "opgave"), ("goal_id", "goal", part.goal_id, "doel"),
        ("effort_id", "effort", part.effort_id, "inspanning"),
    ):  # fmt: skip
        links[kind] = scope[kind].get(value) if value else None
        if value and links[kind] is None:
            errors.append(
                RecordError(f"{what} '{value}' staat niet in de doelenboom", part.file, part.row, column)
            )
    indicator = indicators.get(part.indicator_id) if part.indicator_id else None
    if part.indicator_id and indicator is None:
        errors.append(
            RecordError(f"onbekende indicator '{part.indicator_id}'", part.file, part.row, "indicator_id")
        )
    if len(errors) > before:
        return None
    return (part.kind, part.order, part.title, part.text, links["effort"], links["goal"], indicator)
