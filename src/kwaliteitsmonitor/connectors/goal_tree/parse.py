# SPDX-License-Identifier: EUPL-1.2
"""Pure parsing of a goal tree export (DOMAIN.md §8): one row per node per report period.

Levels: ``opgave``/``ambitie`` → ``doel`` → ``resultaat``/``subdoel`` → ``inspanning``/``actie``/``project``.
Status labels are mapped with :func:`~kwaliteitsmonitor.analysis.vocabulary.status_from_label`.

A resultaat may say its ``direction`` (stijgen, dalen, gelijk blijven) and its nulmeting
(``baseline_value``, ``baseline_period``); an inspanning's row per report period may say what it costs
(``budget``, ``realisation``, in euro). Whether a parent outside the file exists, and whether a direction
agrees with the indicator's polarity, is checked when loading (``load.py``), where the agenda is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from kwaliteitsmonitor.analysis.periods import PeriodError, normalise_period
from kwaliteitsmonitor.analysis.vocabulary import NO_DATA, status_from_label
from kwaliteitsmonitor.indicators.records import RecordError

from ..base import ParseResult
from ..files import Cell, Table, cell_text, parse_number

LEVELS = {
    "opgave": "theme", "ambitie": "theme", "thema": "theme",
    "doel": "goal",
    "resultaat": "result", "subdoel": "result",
    "inspanning": "effort", "actie": "effort", "project": "effort",
}  # fmt: skip
PARENT = {"theme": (), "goal": ("theme",), "result": ("goal",), "effort": ("goal", "result")}
REQUIRED = ("node_id", "level", "title")
OPTIONAL = ("direction", "baseline_value", "baseline_period", "budget", "realisation")
DIRECTIONS = {
    "stijgen": "increase", "stijging": "increase", "hoger": "increase", "omhoog": "increase",
    "toename": "increase", "increase": "increase", "hoger is beter": "increase",
    "dalen": "decrease", "daling": "decrease", "lager": "decrease", "omlaag": "decrease",
    "afname": "decrease", "decrease": "decrease", "lager is beter": "decrease",
    "gelijk blijven": "maintain", "gelijk": "maintain", "stabiel": "maintain", "handhaven": "maintain",
    "behouden": "maintain", "maintain": "maintain",
}  # fmt: skip
KIND_NAMES = {
    "theme": "een opgave",
    "goal": "een doel",
    "result": "een resultaat",
    "effort": "een inspanning",
}


@dataclass(frozen=True, slots=True)
class Node:
    node_id: str
    parent_id: str
    kind: str  # theme | goal | result | effort
    title: str
    description: str = ""
    owner: str = ""
    partner: str = ""
    start_date: date | None = None
    end_date: date | None = None
    indicator_ids: tuple[str, ...] = ()
    target_value: float | None = None
    target_year: int | None = None
    direction: str = ""  # increase | decrease | maintain; "" = from the indicator's polarity
    baseline_value: float | None = None
    baseline_period: str = ""
    order: int = 0
    row: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    node_id: str
    report_period: str
    status: str
    status_label: str
    progress: int | None
    explanation: str
    row: int
    budget: float | None = None
    realisation: float | None = None


# Beelden (thematic pictures, agenda.Picture): the parts of the beeld of an opgave, one per row of a
# separate sheet. The kinds in Dutch as editors write them; the values are agenda.PictureItemKind's.
PICTURE_KINDS = {
    "interventie": "intervention", "mechanisme": "mechanism", "verwacht effect": "effect", "effect": "effect",
    "monitoringsinformatie": "monitoring", "gewenste informatie": "information_need",
    "externe factor": "external_factor", "stuurknop": "lever", "rol wijkteam": "team_role",
    "rol van het wijkteam": "team_role", "andere partij": "party", "financiering": "party",
    "andere partij of financiering": "party",
}  # fmt: skip
PICTURE_REQUIRED = ("theme_id", "kind", "title")
KIND_CHOICES = (
    "interventie, mechanisme, verwacht effect, monitoringsinformatie, gewenste informatie, externe factor, "
    "stuurknop, rol wijkteam of financiering"
)


@dataclass(frozen=True, slots=True)
class PicturePart:
    """One part of a beeld; ids are node ids of the doelenboom (the agenda's ``external_id``)."""

    theme_id: str
    kind: str
    title: str
    text: str
    effort_id: str
    goal_id: str
    indicator_id: str
    order: int  # within the kind of the beeld, from the row order
    row: int
    file: str


@dataclass(frozen=True, slots=True)
class GoalTreeParse(ParseResult):
    nodes: tuple[Node, ...] = ()
    progress: tuple[Progress, ...] = ()
    file: str = ""
    picture_parts: tuple[PicturePart, ...] = ()
    columns: frozenset[str] = frozenset()  # optional columns the file has (absent ones change nothing)


class _Row:
    def __init__(self, table: Table, number: int, cells: tuple[Cell, ...], errors: list[RecordError]) -> None:
        self.table, self.number, self.cells, self.errors = table, number, cells, errors

    def raw(self, name: str) -> Cell:
        index = self.table.column(name)
        return self.cells[index] if index is not None else None

    def text(self, name: str) -> str:
        return cell_text(self.raw(name))

    def error(self, name: str, message: str) -> None:
        self.errors.append(RecordError(message, self.table.file, self.number, name))

    def number_or_none(self, name: str) -> float | None:
        cell = self.raw(name)
        if cell is None:
            return None
        try:
            return parse_number(cell).value
        except ValueError as exc:
            self.error(name, f"{exc}: in deze kolom hoort een getal")
            return None

    def date(self, name: str) -> date | None:
        cell = self.raw(name)
        if cell is None or isinstance(cell, date):
            return cell.date() if isinstance(cell, datetime) else cell
        text = cell_text(cell)
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(name, f"'{text}' is geen datum (gebruik 2025-01-31 of 31-01-2025)")
        return None


def parse_goal_tree(table: Table) -> GoalTreeParse:
    missing = [name for name in REQUIRED if table.column(name) is None]
    if missing:
        message = "verplichte kolom(men) ontbreken: " + ", ".join(missing)
        return GoalTreeParse(errors=(RecordError(message, table.file, 1, missing[0]),))
    errors: list[RecordError] = []
    nodes: dict[str, Node] = {}
    progress: dict[tuple[str, str], Progress] = {}
    for order, (number, cells) in enumerate(table.rows):
        row = _Row(table, number, cells, errors)
        node = _node(row, order)
        if node is None:
            continue
        earlier = nodes.setdefault(node.node_id, node)
        if earlier is not node and (earlier.title, earlier.kind, earlier.parent_id) != (
            node.title,
            node.kind,
            node.parent_id,
        ):
            row.error(
                "title",
                f"knoop {node.node_id} staat eerder (rij {earlier.row}) "
                "met een andere titel, niveau of ouder",
            )
        if node.kind == "effort":
            _progress(row, node, progress)
    _check_tree(nodes, table.file, errors)
    return GoalTreeParse(
        errors=tuple(errors[:1000]),
        nodes=tuple(nodes.values()),
        progress=tuple(progress.values()),
        file=table.file,
        columns=frozenset(name for name in OPTIONAL if table.column(name) is not None),
    )


def _node(row: _Row, order: int) -> Node | None:
    before = len(row.errors)
    node_id, title, level = row.text("node_id"), row.text("title"), row.text("level").lower()
    for name, value in (("node_id", node_id), ("title", title)):
        if not value:
            row.error(name, f"{name} ontbreekt")
    kind = LEVELS.get(level)
    if kind is None:
        row.error("level", f"onbekend niveau '{level}'; kies opgave, doel, resultaat of inspanning")
    target_year = row.number_or_none("target_year")
    if target_year is not None and not (2000 <= target_year <= 2100 and float(target_year).is_integer()):
        row.error("target_year", f"streefjaar {target_year:g} is geen jaartal")
    baseline_value, baseline_period = row.number_or_none("baseline_value"), _baseline_period(row)
    if baseline_value is not None and not baseline_period:
        row.error("baseline_period", "een nulmeting zonder periode: vul baseline_period in (bijv. 2022)")
    direction = _direction(row)
    _only_on(row, kind, "result", ("direction", "baseline_value", "baseline_period"))
    _only_on(row, kind, "effort", ("budget", "realisation"))
    node = Node(
        node_id=node_id[:80], parent_id=row.text("parent_id")[:80], kind=kind or "", title=title,
        description=row.text("description"), owner=row.text("owner")[:200], partner=row.text("partner")[:200],
        start_date=row.date("start_date"), end_date=row.date("end_date"),
        indicator_ids=tuple(i for i in re.split(r"[;,\s]+", row.text("indicator_ids")) if i),
        target_value=row.number_or_none("target_value"),
        target_year=int(target_year) if target_year is not None else None, direction=direction,
        baseline_value=baseline_value, baseline_period=baseline_period, order=order, row=row.number,
    )  # fmt: skip
    return node if len(row.errors) == before else None


def _direction(row: _Row) -> str:
    text = " ".join(row.text("direction").lower().split())
    if not text:
        return ""
    direction = DIRECTIONS.get(text)
    if direction is None:
        row.error("direction", f"onbekende richting '{text}'; kies stijgen, dalen of gelijk blijven")
    return direction or ""


def _baseline_period(row: _Row) -> str:
    text = row.text("baseline_period")
    if not text:
        return ""
    try:
        return normalise_period(text)
    except PeriodError as exc:
        row.error("baseline_period", str(exc))
        return ""


def _only_on(row: _Row, kind: str | None, allowed: str, columns: tuple[str, ...]) -> None:
    if kind is None or kind == allowed:
        return
    for column in columns:
        if row.text(column):
            row.error(column, f"{column} hoort bij {KIND_NAMES[allowed]}, niet bij {KIND_NAMES[kind]}")


def _progress(row: _Row, node: Node, found: dict[tuple[str, str], Progress]) -> None:
    period = row.text("report_period")[:80]
    label = row.text("status_label_source") or row.text("status")
    status = NO_DATA
    if label:
        mapped = status_from_label(label)
        if mapped is None:
            column = "status_label_source" if row.text("status_label_source") else "status"
            row.error(column, f"onbekende status '{label}'; bijvoorbeeld Groen/Oranje/Rood, Op koers, Gereed")
            return
        status = mapped
    pct = row.number_or_none("progress_pct")
    if pct is not None and not 0 <= pct <= 100:
        row.error("progress_pct", f"voortgang {pct:g}% ligt niet tussen 0 en 100")
        return
    costs = [_amount(row, column) for column in ("budget", "realisation")]
    if not period:
        values = {
            "status": label or None, "progress_pct": pct, "budget": costs[0], "realisation": costs[1],
            "explanation": row.text("explanation") or None,
        }  # fmt: skip
        given = [column for column, value in values.items() if value is not None]
        if given:
            row.error(
                "report_period",
                f"{given[0]} zonder rapportageperiode: vul report_period in (bijv. 2025-najaarsnota)",
            )
        return
    key = (node.node_id, period.casefold())
    if key in found:
        row.error(
            "report_period",
            f"voortgang van {node.node_id} in '{period}' staat dubbel (ook rij {found[key].row})",
        )
        return
    progress = round(pct) if pct is not None else None
    found[key] = Progress(
        node.node_id, period, status, label[:80], progress, row.text("explanation"), row.number, *costs
    )


def _amount(row: _Row, column: str) -> float | None:
    amount = row.number_or_none(column)
    if amount is not None and amount < 0:
        row.error(column, f"{column} {amount:g} is negatief; een bedrag in euro is 0 of meer")
        return None
    return amount


def _check_tree(nodes: dict[str, Node], file: str, errors: list[RecordError]) -> None:
    for node in nodes.values():
        allowed = PARENT[node.kind]
        if not allowed:
            if node.parent_id:
                errors.append(
                    RecordError("een opgave heeft geen bovenliggende knoop", file, node.row, "parent_id")
                )
            continue
        parent = nodes.get(node.parent_id)
        if not node.parent_id:
            errors.append(RecordError("parent_id ontbreekt", file, node.row, "parent_id"))
        elif parent is None:
            continue  # not in this file: a node already in the agenda (checked when loading)
        elif parent.kind not in allowed:
            errors.append(
                RecordError(
                    f"een {node.kind} kan niet onder een {parent.kind} hangen", file, node.row, "parent_id"
                )
            )


def parse_picture_parts(table: Table) -> tuple[tuple[PicturePart, ...], tuple[RecordError, ...]]:
    """The sheet with parts of beelden: ``theme_id``, ``kind``, ``title``, optional ``text``, ``effort_id``,
    ``goal_id`` and ``indicator_id``. Whether the ids exist is checked when loading."""
    missing = [name for name in PICTURE_REQUIRED if table.column(name) is None]
    if missing:
        message = "verplichte kolom(men) ontbreken in het werkblad met beelden: " + ", ".join(missing)
        return (), (RecordError(message, table.file, 1, missing[0]),)
    errors: list[RecordError] = []
    parts: list[PicturePart] = []
    orders: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        row = _Row(table, number, cells, errors)
        before = len(errors)
        theme_id, title, label = row.text("theme_id")[:80], row.text("title"), row.text("kind").lower()
        for name, value in (("theme_id", theme_id), ("title", title)):
            if not value:
                row.error(name, f"{name} ontbreekt")
        kind = PICTURE_KINDS.get(label)
        if kind is None:
            row.error("kind", f"onbekende soort '{label}'; kies {KIND_CHOICES}")
        if len(title) > 200:
            row.error("title", f"titel is {len(title)} tekens; ten hoogste 200")
        if len(errors) > before or kind is None:
            continue
        orders[(theme_id, kind)] = orders.get((theme_id, kind), 0) + 1
        parts.append(
            PicturePart(
                theme_id=theme_id,
                kind=kind,
                title=title,
                text=row.text("text"),
                effort_id=row.text("effort_id")[:80],
                goal_id=row.text("goal_id")[:80],
                indicator_id=row.text("indicator_id")[:80],
                order=orders[(theme_id, kind)],
                row=number,
                file=table.file,
            )
        )
    return tuple(parts), tuple(errors[:1000])
