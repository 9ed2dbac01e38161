# SPDX-License-Identifier: EUPL-1.2
"""Writing the versioned rows of a publication, and undoing a build that did not finish.

A build of publication N compares each re-protected indicator's new rows with the rows the basis
(the live publication) shows: unchanged rows stay as they are and so belong to N too; a changed or
vanished row is closed (``until = N``) and a changed or new row is written with ``since = N``. Rows of
N are invisible to every reader of an earlier number, so the live publication is untouched until the
switch, which is one update of the publications' states.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    _close(closing, number)
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
        return Cause.NEW
    if definition_changed:
        return Cause.DEFINITION
    if old[_DIGEST] == new[_DIGEST]:
        return Cause.PROTECTION  # the same figure, protected differently
    if new[_COMPUTED]:
        return Cause.RECOMPUTED
    return Cause.REVISION


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
