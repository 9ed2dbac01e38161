# SPDX-License-Identifier: EUPL-1.2
"""A load hook for connectors whose data are not observations (areas, indicator definitions, goal trees).

``pipeline.run_import`` stores observations, indicator definitions and (on request) areas named by
observations. Connectors that load something else implement :meth:`LoadingConnector.load`;
:func:`run_loading_import` runs them with the same guarantees as the pipeline: invalid input writes
nothing (not even an ImportRun), one transaction, a dry run is rolled back, every real run is an
ImportRun with counts. See docs/import/pipeline-hook.md for the small change that lets ``run_import``
(and so the ``import`` command and the upload page) call ``load`` itself.
"""

from __future__ import annotations

import logging
import time
from abc import abstractmethod
from typing import Any

from django.db import transaction
from django.utils import timezone

from kwaliteitsmonitor.indicators.load import finish_run, start_run
from kwaliteitsmonitor.indicators.models import ImportRun, ImportStatus
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from ..base import Connector, InvalidInput, Options, ParseResult, RawSource
from ..pipeline import ImportOutcome, run_import
from ..registry import UnknownConnector, get_connector

logger = logging.getLogger(__name__)


class LoadingConnector(Connector[RawSource]):
    @abstractmethod
    def load(
        self, parsed: ParseResult, run: ImportRun | None, options: Options
    ) -> tuple[LoadResult, list[str]]:
        """Write ``parsed`` inside the caller's transaction; return the counts and notes for the run."""


class _Rollback(Exception):
    pass


def run_loading_import(
    connector_name: str,
    source: str,
    *,
    options: Options | None = None,
    dry_run: bool = False,
    actor: str = "",
    user: Any = None,
) -> ImportOutcome:
    """Like ``pipeline.run_import``, for a :class:`LoadingConnector` (others are passed on to it)."""
    options = dict(options or {})
    started = time.monotonic()
    try:
        connector = get_connector(connector_name)
        if not isinstance(connector, LoadingConnector):
            return run_import(
                connector_name, source, options=options, dry_run=dry_run, actor=actor, user=user
            )
        raw = connector.fetch(source, options)
        parsed = connector.parse(raw, options)
    except (InvalidInput, UnknownConnector) as exc:
        errors = exc.errors if isinstance(exc, InvalidInput) else (RecordError(str(exc)),)
        return _invalid(errors, dry_run, started)
    if parsed.errors:
        outcome = _invalid(parsed.errors, dry_run, started)
        outcome.warnings = parsed.warnings
        return outcome
    outcome = ImportOutcome("ok", dry_run=dry_run, sha256=raw.sha256, warnings=parsed.warnings)
    params = {"options": {k: str(v) for k, v in options.items()}, "dry_run": dry_run}
    try:
        with transaction.atomic():
            run = None if dry_run else _start(connector_name, source, raw, params, actor, user)
            outcome.result, notes = connector.load(parsed, run, options)
            outcome.warnings = (*parsed.warnings, *notes)
            if outcome.result.errors:
                outcome.status = "invalid"
                raise _Rollback
            if run is not None:
                run.notes = "\n".join(outcome.warnings)
                finish_run(run, outcome.result, status=ImportStatus.OK)
                outcome.run_id = run.pk
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except Exception as exc:
        logger.exception("import %s %s mislukt", connector_name, source)
        failed = ImportOutcome("failed", dry_run=dry_run, sha256=raw.sha256)
        failed.result.errors.append(RecordError(f"import mislukt: {type(exc).__name__}: {exc}"))
        return failed
    outcome.seconds = time.monotonic() - started
    return outcome


def _start(
    connector_name: str, source: str, raw: RawSource, params: dict[str, Any], actor: str, user: Any
) -> ImportRun:
    run = start_run(connector_name, source, parameters=params, actor=actor)
    run.sha256 = raw.sha256
    run.user = user if getattr(user, "pk", None) else None
    run.retrieved_at = timezone.now() if raw.retrieved_live else None
    return run


def _invalid(errors: Any, dry_run: bool, started: float) -> ImportOutcome:
    result = LoadResult(errors=list(errors))
    result.rejected = len({(e.file, e.row) for e in result.errors if e.row is not None}) or len(result.errors)
    return ImportOutcome("invalid", result=result, dry_run=dry_run, seconds=time.monotonic() - started)
