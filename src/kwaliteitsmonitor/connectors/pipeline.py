# SPDX-License-Identifier: EUPL-1.2
"""The one import pipeline behind the ``import`` command and the staff upload page.

fetch → parse → (one transaction: ImportRun, areas on request, indicator definitions, observations).
All-or-nothing: invalid input writes nothing at all, not even an ImportRun, so the database is exactly
as it was. A dry run does the same work inside a transaction that is rolled back and reports the counts.
An identical re-import writes no observations (0 changes) but is recorded as a run.

The reported outcome is the real one: once the transaction has committed, the import succeeded, whatever
fails afterwards (a page cache that cannot be written is logged, not reported as a failed import). A run
whose process ended before it finished is marked failed on the next start (``indicators.runs``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from kwaliteitsmonitor.indicators import recompute, runs
from kwaliteitsmonitor.indicators.derive import DeriveResult
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import ImportRun
from kwaliteitsmonitor.indicators.preview import IndicatorPreview
from kwaliteitsmonitor.indicators.preview import build as build_preview
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from .base import Connector, InvalidInput, Options, ParseResult, RawSource, SourceUnavailable
from .registry import UnknownConnector, get_connector
from .upsert import create_areas, upsert_indicators

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]
ProgressFactory = Callable[[int], Progress | None]


@dataclass
class ImportOutcome:
    status: str  # ok | invalid | failed
    result: LoadResult = field(default_factory=LoadResult)
    dry_run: bool = False
    run_id: int | None = None
    sha256: str = ""
    indicators_created: int = 0
    indicators_updated: int = 0
    areas_created: int = 0
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    derived: DeriveResult = field(default_factory=DeriveResult)
    # Dry runs: per indicator the definition that will be used and a few values as delivered and as
    # they would be published (staff only; see indicators.preview).
    preview: list[IndicatorPreview] = field(default_factory=list)
    # Dry runs asked with ``inspect``: what that function saw inside the rolled-back transaction (the staff
    # upload page builds the next publication there, to list the cells that would become hidden).
    inspection: dict[str, Any] | None = None

    @property
    def exit_code(self) -> int:
        return {"ok": 0, "invalid": 2}.get(self.status, 1)

    @property
    def nothing_changed(self) -> bool:
        r = self.result
        return not (
            r.added or r.changed or self.indicators_created or self.indicators_updated or self.areas_created
        )

    def as_json(self) -> dict[str, Any]:
        r = self.result
        summary = {
            "status": self.status,
            "added": r.added,
            "changed": r.changed,
            "unchanged": r.unchanged,
            "rejected": r.rejected,
            "errors": [e.as_dict() for e in r.errors],
        }
        if self.dry_run:
            summary["indicators"] = [p.as_dict() for p in self.preview]
        return summary


class _Rollback(Exception):
    pass


def run_import(
    connector_name: str,
    source: str,
    *,
    options: Options | None = None,
    dry_run: bool = False,
    actor: str = "",
    user: Any = None,
    progress: ProgressFactory | None = None,
    inspect: Callable[[], dict[str, Any]] | None = None,
) -> ImportOutcome:
    """Run one import. Never raises for bad input; returns the outcome with status and errors.

    ``inspect`` (dry runs only): called inside the transaction after the data are loaded and recomputed,
    before everything is rolled back; its result is ``outcome.inspection``."""
    options = dict(options or {})
    started = time.monotonic()
    try:
        connector = get_connector(connector_name)
        raw = connector.fetch(source, options)
        parsed = connector.parse(raw, options)
    except (InvalidInput, UnknownConnector) as exc:
        errors = exc.errors if isinstance(exc, InvalidInput) else (RecordError(str(exc)),)
        return _invalid(errors, dry_run, started)
    except SourceUnavailable as exc:  # network: one line, no traceback
        logger.info("import %s %s: %s", connector_name, source, exc)
        failed = ImportOutcome("failed", dry_run=dry_run)
        failed.result.errors.append(RecordError(str(exc)))
        return failed
    except Exception as exc:  # disk, a bug: not the user's input
        logger.exception("import %s %s: bron niet gelezen", connector_name, source)
        failed = ImportOutcome("failed", dry_run=dry_run)
        failed.result.errors.append(RecordError(f"bron niet gelezen: {type(exc).__name__}: {exc}"))
        return failed
    if parsed.errors:
        outcome = _invalid(parsed.errors, dry_run, started)
        outcome.sha256 = raw.sha256
        outcome.warnings = parsed.warnings
        return outcome
    params = {"options": _jsonable(options), "dry_run": dry_run}
    outcome = ImportOutcome("ok", dry_run=dry_run, sha256=raw.sha256, warnings=parsed.warnings)
    committed: list[bool] = []
    try:
        if not dry_run:
            runs.recover()
        _store(
            outcome, committed, connector, connector_name, source, raw, parsed, options, dry_run,
            (actor, user), params, progress, inspect if dry_run else None,
        )  # fmt: skip
    except Exception as exc:
        if committed:  # the data are in: the import succeeded, what failed after the commit is logged
            logger.exception("import %s %s: fout na het vastleggen", connector_name, source)
            outcome.seconds = time.monotonic() - started
            return outcome
        logger.exception("import %s %s mislukt", connector_name, source)
        _record_failure(connector_name, source, raw, params, actor, user, dry_run, exc)
        failed = ImportOutcome("failed", dry_run=dry_run, sha256=raw.sha256)
        failed.result.errors.append(RecordError(f"import mislukt: {type(exc).__name__}: {exc}"))
        return failed
    outcome.seconds = time.monotonic() - started
    return outcome


def _store(
    outcome: ImportOutcome,
    committed: list[bool],
    connector: Connector[Any],
    connector_name: str,
    source: str,
    raw: RawSource,
    parsed: ParseResult,
    options: Options,
    dry_run: bool,
    who: tuple[str, Any],
    params: dict[str, Any],
    progress: ProgressFactory | None,
    inspect: Callable[[], dict[str, Any]] | None,
) -> None:
    try:
        # Computed values depend on what any connector writes: recomputed once, before the run is
        # finished, in this transaction (indicators.recompute).
        with transaction.atomic(), recompute.collect() as changes:
            # First of the on-commit callbacks: from here on the import has happened.
            transaction.on_commit(lambda: committed.append(True), robust=True)
            run = None if dry_run else _start(connector_name, source, raw, params, *who)
            custom = connector.load(parsed, run, options)
            if custom is not None:  # a connector that loads something other than observations
                outcome.result, notes = custom
                outcome.warnings = (*parsed.warnings, *notes)
            else:
                _load_shared(parsed, options, run, outcome, progress, derive=run is not None or bool(inspect))
            if outcome.result.errors:
                outcome.status = "invalid"
                raise _Rollback
            if run is not None:
                outcome.derived = changes.flush(run)
                outcome.warnings = (*outcome.warnings, *outcome.derived.notes)
                _finish(run, outcome)
            if dry_run:
                if inspect is not None:  # what would follow: the derived figures, then ``inspect``
                    outcome.derived = changes.flush(None)
                    outcome.inspection = _inspect(inspect)
                else:
                    changes.discard()
                raise _Rollback
    except _Rollback:
        pass


def _load_shared(
    parsed: ParseResult,
    options: Options,
    run: ImportRun | None,
    outcome: ImportOutcome,
    progress: ProgressFactory | None,
    *,
    derive: bool,
) -> None:
    """Areas (on request), indicator definitions, then observations through ``load_observations``;
    ``derive``: write and register the changed values for recomputing (every real run, and a dry run that
    inspects: it writes inside the transaction that is rolled back)."""
    if options.get("create_areas"):
        outcome.areas_created = create_areas(parsed.areas, {r.area for r in parsed.records})
    written = upsert_indicators(parsed.indicator_definitions)
    if written.errors:
        outcome.result = LoadResult(
            errors=written.errors, rejected=len({(e.file, e.row) for e in written.errors})
        )
        return
    outcome.indicators_created, outcome.indicators_updated = written.created, written.updated
    if run is None:  # a dry run shows what the definitions and the values will look like
        outcome.preview = build_preview(written.changes, parsed.records)
    if not parsed.records and parsed.indicator_definitions:  # a file of definitions only
        outcome.result = LoadResult(written.created, written.updated, written.unchanged)
        return
    tick = progress(len(parsed.records)) if progress else None
    # A dry run that inspects writes (without a run) in its rolled-back transaction; a plain one counts.
    outcome.result = load_observations(parsed.records, run, dry_run=run is None and not derive, progress=tick)
    if derive and not outcome.result.errors and (outcome.result.added or outcome.result.changed):
        recompute.changed(values=_changed_values(parsed))


def _inspect(inspect: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``inspect`` in a savepoint: whatever it does or fails at, the dry run itself still reports."""
    try:
        with transaction.atomic():
            return inspect()
    except Exception as exc:
        logger.exception("voorbeeld bij een proefimport mislukt")
        return {
            "status": "failed",
            "message": f"Het voorbeeld kon niet worden gemaakt: {type(exc).__name__}.",
        }


def _changed_values(parsed: ParseResult) -> dict[str, set[str]]:
    """Indicator code → the periods of this import (every code with every period of the batch: two cheap
    passes instead of pairing 1.7 M records; an extra period is recomputed to no change)."""
    periods = {r[2] for r in parsed.records}
    return {code: periods for code in {r[0] for r in parsed.records}}


def _start(
    connector_name: str, source: str, raw: RawSource, params: dict[str, Any], actor: str, user: Any
) -> ImportRun:
    run = start_run(connector_name, source, parameters=params, actor=actor)
    run.sha256 = raw.sha256
    run.user = user if getattr(user, "pk", None) else None
    run.retrieved_at = timezone.now() if raw.retrieved_live else None
    return run


def _finish(run: ImportRun, outcome: ImportOutcome) -> None:
    notes = [w for w in outcome.warnings if w not in outcome.derived.notes]
    if outcome.indicators_created or outcome.indicators_updated:
        notes.append(
            f"indicatoren: {outcome.indicators_created} nieuw, {outcome.indicators_updated} bijgewerkt"
        )
    if outcome.areas_created:
        notes.append(f"gebieden: {outcome.areas_created} nieuw")
    if outcome.derived.note():
        notes.append(outcome.derived.note())
    run.notes = "\n".join(notes)
    finish_run(run, outcome.result, status="ok")
    outcome.run_id = run.pk


def _invalid(errors: Iterable[RecordError], dry_run: bool, started: float) -> ImportOutcome:
    result = LoadResult(errors=list(errors))
    result.rejected = len({(e.file, e.row) for e in result.errors if e.row is not None}) or len(result.errors)
    return ImportOutcome("invalid", result=result, dry_run=dry_run, seconds=time.monotonic() - started)


def _record_failure(
    connector_name: str,
    source: str,
    raw: RawSource,
    params: dict[str, Any],
    actor: str,
    user: Any,
    dry_run: bool,
    exc: Exception,
) -> None:
    """A crash (not bad input) is kept as a failed run for staff, outside the rolled-back transaction."""
    if dry_run:
        return
    try:
        with transaction.atomic():  # created and finished together: never left "running"
            run = _start(connector_name, source, raw, params, actor, user)
            finish_run(run, LoadResult(errors=[RecordError(f"{type(exc).__name__}: {exc}")]), status="failed")
    except Exception:  # the database itself may be the problem
        logger.exception("kon mislukte import niet vastleggen")


def _jsonable(options: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool | type(None)) else str(v) for k, v in options.items()
    }
