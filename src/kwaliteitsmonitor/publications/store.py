# SPDX-License-Identifier: EUPL-1.2
"""Writing the versioned rows of a publication, and undoing a build that did not finish.

A build of publication N compares each re-protected indicator's new rows with the rows the basis
(the live publication) shows: unchanged rows stay as they are and so belong to N too; a changed or
vanished row is closed (``until = N``) and a changed or new row is written with ``since = N``. Rows of
N are invisible to every reader of an earlier number, so the live publication is untouched until the
switch, which is one update of the publications' states.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.dispatch import Signal

from .models import Cause, Publication, PublishedFigure, PublishedIndicator, PublishedValue, Reason, State
from .protect import OUT_FIELDS

# What the diff compares (everything after the cell key).
_PAYLOAD = slice(4, len(OUT_FIELDS))
_DIGEST = OUT_FIELDS.index("digest")
_SECRET = OUT_FIELDS.index("secret")
_VALUE = OUT_FIELDS.index("value")
_REASON = OUT_FIELDS.index("reason")
_COMPUTED = OUT_FIELDS.index("computed")
_INSERT = (*OUT_FIELDS, "since", "cause")
_CHUNK = 500
# Plain strings for the per-row loop (an enum member is a class-attribute lookup and a Python-level hash).
NEW, DEFINITION, PROTECTION, RECOMPUTED, REVISION = (
    str(c.value) for c in (Cause.NEW, Cause.DEFINITION, Cause.PROTECTION, Cause.RECOMPUTED, Cause.REVISION)
)
SAMPLE = 40  # changes per indicator kept for the change list


@dataclass
class Diff:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    newly_hidden: int = 0
    newly_shown: int = 0
    added_hidden: int = 0  # new cells that are published hidden
    causes: dict[str, int] = field(default_factory=dict)
    sample: list[dict[str, Any]] = field(default_factory=list)
    visibility: list[dict[str, Any]] = field(default_factory=list)  # cells hidden or shown anew, with reason

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added, "changed": self.changed, "removed": self.removed,
            "unchanged": self.unchanged, "newly_hidden": self.newly_hidden, "newly_shown": self.newly_shown,
            "added_hidden": self.added_hidden, "causes": self.causes, "sample": self.sample,
            "visibility": self.visibility,
        }  # fmt: skip


def write_indicator(
    indicator_id: int, rows: Iterable[tuple[Any, ...]], number: int, *, definition_changed: bool
) -> Diff:
    """Diff ``rows`` (``OUT_FIELDS``) of one indicator against its current rows and write the difference."""
    current: dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]] = {}
    table = PublishedValue._meta.db_table
    sql = f"SELECT id, {', '.join(OUT_FIELDS)} FROM {table} WHERE indicator_id = %s AND until IS NULL"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator_id])
        while stored := cursor.fetchmany(50_000):
            for row in stored:
                current[row[2:5]] = (row[0], _typed(row[1:]))
    diff = Diff()
    if not current:  # nothing published yet (a first publication): every row is new
        return _write_new(rows, number, diff)
    inserts: list[tuple[Any, ...]] = []
    closing: list[int] = []
    for row in rows:
        old = current.pop(row[1:4], None)
        if old is not None and old[1][_PAYLOAD] == row[_PAYLOAD]:
            diff.unchanged += 1
            continue
        cause = _cause(old[1] if old else None, row, definition_changed)
        diff.causes[cause] = diff.causes.get(cause, 0) + 1
        if old is None:
            diff.added += 1
            diff.added_hidden += bool(row[_SECRET])
            visible_changed = bool(row[_SECRET])
        else:
            diff.changed += 1
            closing.append(old[0])
            visible_changed = _count_visibility(diff, old[1], row)
        change = _change(old[1] if old else None, row, cause)
        if len(diff.sample) < SAMPLE:
            diff.sample.append(change)
        if visible_changed and len(diff.visibility) < SAMPLE:
            diff.visibility.append(change)
        inserts.append((*row, number, cause))
    for old_id, old_row in current.values():
        diff.removed += 1
        closing.append(old_id)
        if len(diff.sample) < SAMPLE:
            diff.sample.append(_change(old_row, None, ""))
    # One transaction per indicator: in autocommit every batch of rows would be a commit of its own.
    with transaction.atomic():
        _close(closing, number)
        _insert(inserts)
    return diff


def _write_new(rows: Iterable[tuple[Any, ...]], number: int, diff: Diff) -> Diff:
    """Every row is new: the same outcome as the comparison, without comparing row by row."""
    inserts = [(*row, number, NEW) for row in rows]
    diff.added = len(inserts)
    diff.added_hidden = sum(1 for row in inserts if row[_SECRET])
    if inserts:
        diff.causes[NEW] = diff.added
    diff.sample = [_change(None, row, NEW) for row in inserts[:SAMPLE]]
    hidden = (row for row in inserts if row[_SECRET])
    diff.visibility = [_change(None, row, NEW) for _, row in zip(range(SAMPLE), hidden, strict=False)]
    with transaction.atomic():
        _insert(inserts)
    return diff


_BOOLEANS = [OUT_FIELDS.index(name) for name in ("secret", "computed", "revised")]


def _typed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A stored row as the protection produces it (SQLite gives booleans as 0 and 1)."""
    values = list(row)
    for index in _BOOLEANS:
        values[index] = bool(values[index])
    return tuple(values)


def _count_visibility(diff: Diff, old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    if new[_SECRET] and not old[_SECRET]:
        diff.newly_hidden += 1
    elif old[_SECRET] and not new[_SECRET]:
        diff.newly_shown += 1
    else:
        return False
    return True


def _cause(old: tuple[Any, ...] | None, new: tuple[Any, ...], definition_changed: bool) -> str:
    if old is None:
        return NEW
    if definition_changed:
        return DEFINITION
    if old[_DIGEST] == new[_DIGEST]:
        return PROTECTION  # the same figure, protected differently
    if new[_COMPUTED]:
        return RECOMPUTED
    return REVISION


def _change(old: tuple[Any, ...] | None, new: tuple[Any, ...] | None, cause: str) -> dict[str, Any]:
    base = new or old
    assert base is not None
    return {
        "area_id": base[1], "period": base[2], "breakdown": base[3], "cause": cause,
        "old": None if old is None else (None if old[_SECRET] else old[_VALUE]),
        "old_secret": bool(old and old[_SECRET]),
        "new": None if new is None else (None if new[_SECRET] else new[_VALUE]),
        "new_secret": bool(new and new[_SECRET]), "removed": new is None,
        "reason": new[_REASON] if new is not None and new[_SECRET] else "",
    }  # fmt: skip


def remove_indicator(indicator_id: int, number: int) -> Diff:
    """Close every current row of an indicator that is no longer published."""
    return write_indicator(indicator_id, [], number, definition_changed=False)


def _close(ids: Sequence[int], number: int) -> None:
    for start in range(0, len(ids), _CHUNK):
        PublishedValue.objects.filter(pk__in=ids[start : start + _CHUNK]).update(until=number)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    table = PublishedValue._meta.db_table
    columns = ", ".join(_INSERT)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(_INSERT))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - constant names
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


# Indexes a first publication builds once at the end instead of row by row: the index by area receives
# each indicator's rows all over its length, so 150 indicators rewrite the whole index 150 times (nationally
# ~100 GB written on SQLite); built afterwards it is one sort (seconds).
DEFERRED_INDEXES = ("pubvalue_area",)


@contextmanager
def deferred_indexes(enabled: bool) -> Iterator[None]:
    """Write without :data:`DEFERRED_INDEXES` and build them afterwards. Only while no publication is live
    (nobody reads published values then); a build that dies meanwhile leaves them for :func:`ensure_indexes`,
    which the next build and the start of ``serve`` call."""
    if not enabled:
        yield
        return
    existing = _existing_indexes()
    for index in PublishedValue._meta.indexes:
        if index.name in DEFERRED_INDEXES and index.name in existing:
            _execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(index.name)}")
    try:
        yield
    finally:
        ensure_indexes()


def _existing_indexes() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, PublishedValue._meta.db_table))


def ensure_indexes() -> list[str]:
    """Create any index of the published values that is missing (after a build died with them deferred)."""
    existing = _existing_indexes()
    missing = [i for i in PublishedValue._meta.indexes if i.name not in existing]
    if missing and connection.vendor == "postgresql" and connection.in_atomic_block:
        connection.check_constraints()  # PostgreSQL builds no index over rows with deferred checks pending
    for index in missing:
        _execute(_create_sql(index))
    return [i.name for i in missing]


def _create_sql(index: Any) -> str:
    """The plain index of the model (same name and columns as its migration), in SQL that SQLite and
    PostgreSQL both run inside a transaction (a schema editor cannot, on SQLite)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(PublishedValue._meta.get_field(name).column) for name in index.fields)
    table = quote(PublishedValue._meta.db_table)
    return f"CREATE INDEX IF NOT EXISTS {quote(index.name)} ON {table} ({columns})"


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


# PostgreSQL plans by table statistics: after a publication that wrote many rows, the statistics that
# autovacuum left (perhaps of an empty table) make it read every row of an indicator where the index
# (area, indicator) needs a few dozen (a comparison group of 83 gemeenten: 205 ms instead of 7 ms).
ANALYZE_AFTER_ROWS = 50_000


def refresh_statistics(written: int) -> bool:
    """Refresh the planner's statistics of the published values after a build wrote ``written`` rows
    (PostgreSQL: ``ANALYZE`` samples a fixed number of rows, a second or two at national size). SQLite's
    planner chooses these indexes by their shape and needs none. Returns whether it ran."""
    if connection.vendor != "postgresql" or written < ANALYZE_AFTER_ROWS:
        return False
    _execute(f"ANALYZE {connection.ops.quote_name(PublishedValue._meta.db_table)}")
    return True


def undo(number: int) -> None:
    """Remove everything a build of ``number`` wrote (a failed, crashed or discarded build)."""
    with transaction.atomic():
        PublishedValue.objects.filter(since=number).delete()
        PublishedValue.objects.filter(until=number).update(until=None)
        PublishedFigure.objects.filter(publication__number=number).delete()
        PublishedIndicator.objects.filter(publication__number=number).delete()


# Sent inside ``clear_all``'s transaction before any publication is deleted: what pins a publication (a
# snapshot) goes first, or the publications' deletion is refused.
clearing_all = Signal()


def clear_all() -> None:
    """Forget every publication (the demo does this before it replaces its fictitious data)."""
    with transaction.atomic():
        clearing_all.send(sender=None)
        PublishedFigure.objects.all().delete()
        PublishedIndicator.objects.all().delete()
        PublishedValue.objects.all().delete()
        Publication.objects.all().delete()


def hidden_reasons() -> list[str]:
    return [Reason.PRIMARY, Reason.SECONDARY, Reason.CARRIED]


def next_number() -> int:
    last = Publication.objects.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def readable_numbers() -> list[int]:
    return sorted(
        Publication.objects.filter(state__in=(State.LIVE, State.SUPERSEDED)).values_list("number", flat=True)
    )
