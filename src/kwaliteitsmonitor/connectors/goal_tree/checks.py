# SPDX-License-Identifier: EUPL-1.2
"""What a goal tree file is checked against once the agenda is known (``load.py`` writes nothing until
all of these pass): indicators, parents outside the file, report periods, and each resultaat's direction
against its indicator's polarity. Also the note on nodes a full re-import no longer contains.

Direction of a resultaat (the house rule: never assume a direction that decides "behaald"):

* ``direction`` given and the first indicator's polarity says the opposite (stijgen for a lower-is-better
  indicator, dalen for a higher-is-better one): an error. "Gelijk blijven" never conflicts.
* ``direction`` empty: the first indicator's polarity decides (hoger is beter → stijgen, lager is beter →
  dalen).
* Neither, while the resultaat has a streefwaarde: an error that says how to fix it. Without a streefwaarde
  the stored direction stays (it decides nothing).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from kwaliteitsmonitor.agenda.models import Agenda, Direction, Effort, Goal, Result, Theme
from kwaliteitsmonitor.indicators.models import Polarity
from kwaliteitsmonitor.indicators.records import RecordError

from .parse import KIND_NAMES, PARENT, GoalTreeParse, Node

_MODELS: dict[str, type[models.Model]] = {"theme": Theme, "goal": Goal, "result": Result, "effort": Effort}
_FROM_POLARITY = {Polarity.HIGHER: Direction.INCREASE, Polarity.LOWER: Direction.DECREASE}
_CONFLICT = {(Direction.INCREASE, Polarity.LOWER), (Direction.DECREASE, Polarity.HIGHER)}
_MISSING_LISTED = 20

Indicators = dict[str, tuple[int, str]]  # code → (id, polarity)


def scope(kind: str, agenda: Agenda) -> models.QuerySet[Any]:
    """The nodes of one kind in the agenda."""
    path = {"theme": "agenda", "goal": "theme__agenda", "result": "goal__theme__agenda"}
    return _MODELS[kind].objects.filter(**{path.get(kind, "goal__theme__agenda"): agenda})


def existing_nodes(agenda: Agenda) -> dict[str, list[tuple[str, models.Model]]]:
    """Every node of the agenda with an external id: id → [(kind, node)] (ids may repeat across kinds)."""
    found: dict[str, list[tuple[str, models.Model]]] = {}
    for kind in _MODELS:
        for node in scope(kind, agenda).exclude(external_id=""):
            found.setdefault(node.external_id, []).append((kind, node))
    return found


def indicator_errors(parsed: GoalTreeParse, indicators: Indicators) -> list[RecordError]:
    return [
        RecordError(f"onbekende indicator '{code}'", parsed.file, node.row, "indicator_ids")
        for node in parsed.nodes
        for code in node.indicator_ids
        if code not in indicators
    ]


def parent_errors(
    parsed: GoalTreeParse, existing: dict[str, list[tuple[str, models.Model]]]
) -> tuple[dict[str, models.Model], list[RecordError]]:
    """Parents that are not in the file but in the agenda (a partial file): id → node, and errors."""
    in_file = {node.node_id for node in parsed.nodes}
    parents: dict[str, models.Model] = {}
    errors = []
    for node in parsed.nodes:
        if not node.parent_id or node.parent_id in in_file:
            continue
        candidates = existing.get(node.parent_id, [])
        allowed = [obj for kind, obj in candidates if kind in PARENT[node.kind]]
        if len(allowed) == 1:
            parents[node.parent_id] = allowed[0]
            continue
        if allowed:
            message = f"bovenliggende knoop '{node.parent_id}' is in de agenda niet eenduidig"
        elif candidates:
            message = (
                f"{KIND_NAMES[node.kind]} kan niet onder {KIND_NAMES[candidates[0][0]]} hangen "
                f"('{node.parent_id}' in de agenda)"
            )
        else:
            message = f"bovenliggende knoop '{node.parent_id}' ontbreekt in het bestand en in de agenda"
        errors.append(RecordError(message, parsed.file, node.row, "parent_id"))
    return parents, errors


def period_errors(parsed: GoalTreeParse, unknown: list[str]) -> list[RecordError]:
    first_rows: dict[str, int] = {}
    for item in parsed.progress:
        first_rows.setdefault(item.report_period, item.row)
    return [
        RecordError(
            f"onbekende rapportageperiode '{text}': maak hem eerst aan in het beheer (Rapportageperioden), "
            "of schrijf soort en jaar, bijvoorbeeld 2025-najaarsnota, Voorjaarsnota 2026 of 2025-burap1",
            parsed.file,
            first_rows.get(text),
            "report_period",
        )
        for text in unknown
    ]


def directions(
    parsed: GoalTreeParse, indicators: Indicators, errors: list[RecordError]
) -> dict[str, dict[str, Any]]:
    """Per resultaat the fields this file sets besides ``_fields``: direction (when known) and, when the
    file has those columns, the nulmeting. Appends the direction errors to ``errors``."""
    fields: dict[str, dict[str, Any]] = {}
    for node in parsed.nodes:
        if node.kind != "result":
            continue
        values: dict[str, Any] = {}
        if "baseline_value" in parsed.columns or "baseline_period" in parsed.columns:
            values |= {"baseline_value": node.baseline_value, "baseline_period": node.baseline_period}
        direction = _direction(node, indicators, parsed.file, errors)
        if direction:
            values["direction"] = direction
        fields[node.node_id] = values
    return fields


def _direction(node: Node, indicators: Indicators, file: str, errors: list[RecordError]) -> str:
    code = node.indicator_ids[0] if node.indicator_ids else ""
    polarity = indicators[code][1] if code in indicators else ""
    if node.direction and (node.direction, polarity) in _CONFLICT:
        errors.append(
            RecordError(
                f"richting '{Direction(node.direction).label.lower()}' botst met de polariteit van "
                f"indicator '{code}' ({Polarity(polarity).label.lower()}): pas de richting in het bestand "
                "of de polariteit van de indicator aan",
                file,
                node.row,
                "direction",
            )
        )
        return ""
    direction = node.direction or _FROM_POLARITY.get(polarity, "")
    if not direction and node.target_value is not None:
        fix = (
            f"of geef indicator '{code}' een polariteit (nu neutraal)"
            if code
            else "of koppel een indicator met een polariteit"
        )
        errors.append(
            RecordError(
                f"resultaat met streefwaarde {node.target_value:g} zonder richting: vul direction in "
                f"(stijgen, dalen of gelijk blijven) {fix}",
                file,
                node.row,
                "direction",
            )
        )
    return direction


def missing_note(agenda: Agenda, in_file: set[str]) -> list[str]:
    """The nodes of the agenda a full re-import does not contain: named, never deleted."""
    missing = [
        f"{KIND_NAMES[kind]} '{node}'" + (f" ({node.external_id})" if node.external_id else "")
        for kind in _MODELS
        for node in scope(kind, agenda).order_by("pk")
        if not node.external_id or node.external_id not in in_file
    ]
    if not missing:
        return []
    listed = "; ".join(missing[:_MISSING_LISTED])
    more = f"; en nog {len(missing) - _MISSING_LISTED}" if len(missing) > _MISSING_LISTED else ""
    counted = f"{len(missing)} knoop staat" if len(missing) == 1 else f"{len(missing)} knopen staan"
    return [
        f"{counted} in de agenda maar niet in dit bestand (niet verwijderd; verwijder "
        "ze zo nodig in het beheer, of importeer met --partial als het bestand maar een deel is): "
        f"{listed}{more}"
    ]
