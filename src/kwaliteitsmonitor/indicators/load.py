# SPDX-License-Identifier: EUPL-1.2
"""The one load step every source goes through: validate, diff against the store, write.

* All-or-nothing: any invalid record rejects the whole batch and nothing is written.
* Idempotent: a value that is already stored as given is counted as unchanged and not touched, so an
  identical re-import writes 0 rows.
* Revisions: a changed value keeps its predecessor (value, status, import run) in
  ``ObservationRevision``; the observation's ``revision_count`` says it was revised ("herzien").
* A value that contradicts its indicator's definition (a fraction or a negative number in a count, a
  percentage outside 0–100, a score outside 0–10, a rate without its numerator under a rule that protects
  rates through their numerator) is refused with file, row and column (``contract.value_problem``),
  whichever route delivered it.
* A delivered value replaces a computed one (``is_computed``, see ``derive.py``) without a revision:
  the computed value was never a publication of a source.

Writes use the database's bulk paths (sqlite3 ``executemany``, PostgreSQL ``COPY``) inside one
transaction; see ``bench/bench_load.py`` for the figures against raw inserts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from auditlog.models import LogEntry
from django.db import connection, transaction
from django.utils import timezone

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.audit import write as audit_write

from . import contract, versioning
from .models import FigureStatus, ImportRun, Indicator
from .records import PAYLOAD_OF, LoadResult, ObservationRecord, RecordError

PAYLOAD = ("value", "numerator", "denominator", "ci_low", "ci_high", "n", "status", "value_attribute")
KEY = ("indicator_id", "area_id", "period", "breakdown")
_VALID_STATUS = {"", *FigureStatus.values}
_CHUNK = 500  # ids per IN (...) clause, below SQLite's variable limit
_MAX_ERRORS = 1000  # a broken national file names its first thousand problems, not millions

Key = tuple[int, int, str, str]
Progress = Callable[[int], None] | None


def load_observations(
    records: Iterable[ObservationRecord],
    run: ImportRun | None,
    *,
    dry_run: bool = False,
    progress: Progress = None,
) -> LoadResult:
    """Validate and store ``records``. ``run`` is stamped on written rows (None only in dry runs).

    Validation works on the distinct codes, periods and statuses first (cheap set operations) and walks
    the records one by one only to name the rows of what is wrong, so a valid national table costs a
    few dictionary look-ups per value.
    """
    records = records if isinstance(records, list) else list(records)
    result = LoadResult()
    indicator_ids = _lookup(Indicator.objects.all(), "code", {r[0] for r in records})
    area_ids = _lookup(Area.objects.all(), "code", {r[1] for r in records})
    _check(records, indicator_ids, area_ids, result)
    if not result.errors:
        _check_values(records, result)
    keyed = _index(records, indicator_ids, area_ids, result) if not result.errors else {}
    if result.errors:
        result.rejected = len({(e.file, e.row) for e in result.errors}) or len(result.errors)
        return result

    pending, changed, replaced, result.unchanged = _diff(keyed)
    run_id = run.pk if run else None
    new_rows = [(*key, *PAYLOAD_OF(record), run_id, 0) for key, record in pending.items()]
    result.added, result.changed = len(new_rows) + len(replaced), len(changed)
    if dry_run or not (new_rows or changed or replaced):
        return result
    with transaction.atomic():
        _insert(new_rows, progress)
        _apply_changes(changed, run_id)
        _replace_computed(replaced, run_id)
        versioning.touch({key[0] for key in keyed})
        if run is not None:
            _audit(run, pending, changed)
    return result


_SAMPLES = 5


def _audit(run: ImportRun, pending: dict[Key, ObservationRecord], changed: Changed) -> None:
    """One audit log entry per indicator this run wrote: counts and a few values before → after,
    linked to the import run (the rows themselves keep their revisions in ObservationRevision)."""
    added: Counter[int] = Counter(key[0] for key in pending)
    altered: Counter[int] = Counter(item[4] for item in changed)
    samples: dict[int, list[str]] = {}
    for _oid, old, new, _run, indicator_id in changed:
        found = samples.setdefault(indicator_id, [])
        if len(found) < _SAMPLES:
            found.append(f"{old[0]} → {new[0]}")
    indicators = Indicator.objects.in_bulk(sorted(set(added) | set(altered)))
    for indicator_id, indicator in sorted(indicators.items()):
        audit_write.log_summary(
            indicator,
            LogEntry.Action.UPDATE,
            {"waarden": [f"{altered[indicator_id]} gewijzigd", f"{added[indicator_id]} nieuw"]},
            {"import_run": run.pk, "connector": run.connector, "added": added[indicator_id],
             "changed": altered[indicator_id], "samples": samples.get(indicator_id, [])},
        )  # fmt: skip


def _lookup(queryset: Any, field: str, values: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        found.update(queryset.filter(**{f"{field}__in": chunk}).values_list(field, "id"))
    return found


def _period_problem(key: str) -> str | None:
    try:
        return None if parse_period(key).key == key else f"'{key}' is niet in CBS-notatie (bijv. 2024JJ00)"
    except PeriodError as exc:
        return str(exc)


def _check(
    records: Sequence[ObservationRecord],
    indicator_ids: dict[str, int],
    area_ids: dict[str, int],
    result: LoadResult,
) -> None:
    """Unknown indicators and areas (reported once, at their first row), bad periods and statuses."""
    bad_periods = {p: m for p in {r[2] for r in records} if (m := _period_problem(p))}
    bad_status = {r[10] for r in records} - _VALID_STATUS
    unknown_ind = {r[0] for r in records} - indicator_ids.keys()
    unknown_area = {r[1] for r in records} - area_ids.keys()
    if not (bad_periods or bad_status or unknown_ind or unknown_area):
        return
    reported: set[tuple[str, str]] = set()
    for r in records:
        if r.indicator in unknown_ind and ("i", r.indicator) not in reported:
            reported.add(("i", r.indicator))
            result.errors.append(
                RecordError(f"onbekende indicator '{r.indicator}'", r.file, r.row, r.column or "indicator")
            )
        if r.area in unknown_area and ("a", r.area) not in reported:
            reported.add(("a", r.area))
            result.errors.append(
                RecordError(f"onbekend gebied '{r.area}'", r.file, r.row, r.column or "gebied")
            )
        if r.period in bad_periods and len(result.errors) < _MAX_ERRORS:
            result.errors.append(RecordError(f"periode: {bad_periods[r.period]}", r.file, r.row, "periode"))
        if r.status in bad_status and len(result.errors) < _MAX_ERRORS:
            result.errors.append(RecordError(f"onbekende status '{r.status}'", r.file, r.row, "status"))


_RULE_FIELDS = ("code", "unit", "decimals", "provider", "count_method", "disclosure", "factor")
_RULE_FIELDS += ("numerator", "denominator")


def _check_values(records: Sequence[ObservationRecord], result: LoadResult) -> None:
    """Each value against its indicator's definition (``contract.value_problem``)."""
    rules = {
        row["code"]: contract.value_rules(row)
        for row in Indicator.objects.filter(code__in={r[0] for r in records}).values(*_RULE_FIELDS)
    }
    problem = contract.value_problem
    for r in records:
        value = r[3]
        if value is None:
            continue
        message = problem(rules[r[0]], value, r[5])
        if message is not None:
            result.errors.append(
                RecordError(f"{r.indicator}: {message}", r.file, r.row, r.column or "waarde")
            )
            if len(result.errors) >= _MAX_ERRORS:
                return


def _index(
    records: Sequence[ObservationRecord],
    indicator_ids: dict[str, int],
    area_ids: dict[str, int],
    result: LoadResult,
) -> dict[Key, ObservationRecord]:
    keyed = {(indicator_ids[r[0]], area_ids[r[1]], r[2], r[4]): r for r in records}
    if len(keyed) == len(records):
        return keyed
    # Duplicates: walk again to name both rows of each.
    first: dict[Key, ObservationRecord] = {}
    for r in records:
        key = (indicator_ids[r[0]], area_ids[r[1]], r[2], r[4])
        earlier = first.setdefault(key, r)
        if earlier is not r and len(result.errors) < _MAX_ERRORS:
            result.errors.append(
                RecordError(
                    f"dubbele waarde voor {r.indicator} / {r.area} / {r.period}"
                    + (f" / {r.breakdown}" if r.breakdown else "")
                    + (f" (ook in rij {earlier.row})" if earlier.row is not None else ""),
                    r.file,
                    r.row,
                    r.column,
                )
            )
    return keyed


Changed = list[tuple[int, tuple[Any, ...], tuple[Any, ...], int | None, int]]
Replaced = list[tuple[int, tuple[Any, ...]]]


def _diff(
    keyed: dict[Key, ObservationRecord],
) -> tuple[dict[Key, ObservationRecord], Changed, Replaced, int]:
    """Compare the batch with what is stored, streaming the stored rows of its indicators and periods.

    Returns the records not stored yet, the changed ones as (id, old payload, new payload, old import run),
    computed values a delivered value replaces as (id, new payload), and the number unchanged. No
    dictionary of the stored rows is built: each stored row is matched against the batch as it comes,
    which halves the time of an identical national re-import.
    """
    pending = dict(keyed)
    changed: Changed = []
    replaced: Replaced = []
    unchanged = 0
    if not keyed:
        return pending, changed, replaced, unchanged
    indicator_ids = sorted({k[0] for k in keyed})
    periods = sorted({k[2] for k in keyed})
    columns = ", ".join(("id", *KEY, *PAYLOAD, "import_run_id", "is_computed"))
    with connection.cursor() as cursor:
        scan = _scan_hint(cursor, len(keyed))
        for start in range(0, len(indicator_ids), _CHUNK):
            ids = indicator_ids[start : start + _CHUNK]
            sql = (
                f"SELECT {columns} FROM indicators_observation{scan} "
                f"WHERE indicator_id IN ({', '.join(['%s'] * len(ids))}) "
                f"AND period IN ({', '.join(['%s'] * len(periods))})"
            )
            cursor.execute(sql, [*ids, *periods])
            raw = cursor.cursor  # the driver's cursor: rows are plain tuples, slices are cheap
            while rows := raw.fetchmany(50_000):
                for row in rows:
                    record = pending.pop(row[1:5], None)
                    if record is None:
                        continue  # stored, but not in this batch
                    new = PAYLOAD_OF(record)
                    if row[14]:
                        replaced.append((row[0], new))
                    elif row[5:13] == new:
                        unchanged += 1
                    else:
                        changed.append((row[0], row[5:13], new, row[13], row[1]))
    return pending, changed, replaced, unchanged


def _scan_hint(cursor: Any, batch_size: int) -> str:
    """SQLite: read the table in order rather than through the index when the batch is a large part of
    it (an index look-up per row is then twice as slow). PostgreSQL's planner decides this itself."""
    if connection.vendor != "sqlite":
        return ""
    cursor.execute("SELECT MAX(id) FROM indicators_observation")  # O(1); an upper bound of the row count
    top = cursor.fetchone()[0] or 0
    return " NOT INDEXED" if batch_size * 3 >= top else ""


_INSERT_COLUMNS = (*KEY, *PAYLOAD, "import_run_id", "revision_count")


def _insert(rows: list[tuple[Any, ...]], progress: Progress) -> None:
    if not rows:
        return
    step = 50_000
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY indicators_observation ({', '.join(_INSERT_COLUMNS)}) FROM STDIN") as copy:
                for index, row in enumerate(rows, start=1):
                    copy.write_row(row)
                    if progress and index % step == 0:
                        progress(step)
        if progress:
            progress(len(rows) % step)
        return
    placeholders = ", ".join(["%s"] * len(_INSERT_COLUMNS))
    sql = f"INSERT INTO indicators_observation ({', '.join(_INSERT_COLUMNS)}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.executemany(sql, chunk)
            if progress:
                progress(len(chunk))


def _apply_changes(changed: Changed, run_id: int | None) -> None:
    if not changed:
        return
    now = timezone.now()
    revision_sql = (
        "INSERT INTO indicators_observationrevision (observation_id, "
        + ", ".join(PAYLOAD)
        + ", import_run_id, superseded_by_id, superseded_at) VALUES ("
        + ", ".join(["%s"] * (len(PAYLOAD) + 4))
        + ")"
    )
    update_sql = (
        "UPDATE indicators_observation SET "
        + ", ".join(f"{c} = %s" for c in PAYLOAD)
        + ", import_run_id = %s, revision_count = revision_count + 1 WHERE id = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            revision_sql, [(oid, *old, old_run, run_id, now) for oid, old, _new, old_run, _ind in changed]
        )
        cursor.executemany(update_sql, [(*new, run_id, oid) for oid, _old, new, _old_run, _ind in changed])


def start_run(
    connector: str, source: str, *, parameters: dict[str, Any] | None = None, actor: str = ""
) -> ImportRun:
    from .runs import process_identity

    return ImportRun.objects.create(
        connector=connector,
        source=source,
        parameters=parameters or {},
        actor=actor,
        process=process_identity(),
        heartbeat=timezone.now(),
    )


def finish_run(run: ImportRun, result: LoadResult, *, status: str | None = None) -> ImportRun:
    run.added, run.changed, run.unchanged, run.rejected = (
        result.added,
        result.changed,
        result.unchanged,
        result.rejected,
    )
    run.errors = [e.as_dict() for e in result.errors[:1000]]
    run.status = status or ("ok" if result.ok else "invalid")
    run.finished_at = timezone.now()
    run.save()
    return run


def _replace_computed(replaced: Replaced, run_id: int | None) -> None:
    if not replaced:
        return
    update_sql = (
        "UPDATE indicators_observation SET "
        + ", ".join(f"{c} = %s" for c in PAYLOAD)
        + ", import_run_id = %s, is_computed = %s, revision_count = 0 WHERE id = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(update_sql, [(*new, run_id, False, oid) for oid, new in replaced])
