# SPDX-License-Identifier: EUPL-1.2
"""Refresh what is due: each source through the one import pipeline, all-or-nothing per source.

* CBS table: first the catalogue entry (one small request); only when ``Modified`` differs from the
  version the monitor holds is the table fetched and imported (``kwaliteitsmonitor import cbs``).
* File location: the file's SHA-256 against the last import of that file; imported only when changed.
* Delivery by hand: no fetch; a finished import that feeds the source's indicators counts as the
  delivery and moves the expected date on by the source's frequency.

A failure leaves the data as it was (the pipeline rolls back), is recorded as a failed ``ImportRun``
with a Dutch message and shows in ``sources.attention``. With ``KM_AUTO_PUBLISH`` a publication is
built after the pass when something changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from kwaliteitsmonitor.analysis.periods import dutch_date
from kwaliteitsmonitor.connectors.base import SourceUnavailable
from kwaliteitsmonitor.connectors.pipeline import ImportOutcome, run_import
from kwaliteitsmonitor.indicators.load import finish_run, start_run
from kwaliteitsmonitor.indicators.models import ImportRun, Observation
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from . import catalogue, freshness
from .models import Kind, Outcome, Source, safe_path

logger = logging.getLogger(__name__)
ACTOR = "verversing"


@dataclass
class SourceResult:
    source: str
    outcome: str  # ok | ongewijzigd | mislukt
    message: str
    run_id: int | None = None
    added: int = 0
    changed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "outcome": self.outcome,
            "message": self.message,
            "run": self.run_id,
            "added": self.added,
            "changed": self.changed,
        }


@dataclass
class PassResult:
    sources: list[SourceResult] = field(default_factory=list)
    published: int | None = None
    publish_message: str = ""

    @property
    def failed(self) -> int:
        return sum(1 for s in self.sources if s.outcome == Outcome.FAILED)

    @property
    def changed_data(self) -> bool:
        return any(s.outcome == Outcome.OK and (s.added or s.changed) for s in self.sources)


def due(now: dt.datetime | None = None) -> list[Source]:
    now = now or timezone.now()
    return [s for s in Source.objects.filter(active=True).order_by("name") if s.is_due(now)]


def refresh_due(*, now: dt.datetime | None = None, publish: bool | None = None) -> PassResult:
    """Run every source that is due, then publish (``KM_AUTO_PUBLISH``) when data changed."""
    now = now or timezone.now()
    result = PassResult([refresh_source(source, now=now) for source in due(now)])
    if result.changed_data and (settings.KM_AUTO_PUBLISH if publish is None else publish):
        _publish(result)
    return result


def _publish(result: PassResult) -> None:
    from kwaliteitsmonitor.publications import build

    try:
        publication = build.build(actor=ACTOR, publish=True)
    except build.PublicationBusy:
        result.publish_message = "er wordt al een publicatie gemaakt; die neemt deze cijfers mee"
        return
    except Exception as exc:  # refused by protection, or a bug: the refresh itself stands
        logger.exception("verversing: publiceren mislukt")
        result.publish_message = f"publiceren mislukt: {exc}"
        return
    result.published = publication.number
    result.publish_message = f"publicatie {publication.number} staat live"


def refresh_source(source: Source, *, now: dt.datetime | None = None, force: bool = False) -> SourceResult:
    """One source; never raises for a failing source (the failure is recorded)."""
    now = now or timezone.now()
    try:
        if source.kind == Kind.CBS:
            result = _refresh_cbs(source, force, now)
        elif source.kind == Kind.FILE:
            result = _refresh_file(source, force, now)
        else:
            result = _check_delivery(source)
    except Exception as exc:  # a bug or the database: still recorded, the next source still runs
        logger.exception("verversing %s mislukt", source.name)
        result = _failure(source, f"verversing mislukt: {type(exc).__name__}: {exc}")
    source.last_checked_at = now
    source.last_outcome = result.outcome
    source.last_message = result.message
    source.next_run_at = now + dt.timedelta(hours=max(1, source.check_every_hours))
    source.save()
    return result


# --- CBS --------------------------------------------------------------------------------------------


def _refresh_cbs(source: Source, force: bool, now: dt.datetime) -> SourceResult:
    table = source.table_id.strip()
    try:
        entry = catalogue.read_entry(table, source.cbs_api or "v3")
    except SourceUnavailable as exc:
        return _failure(
            source, f"CBS-catalogus voor {table} niet gelezen: {exc}", connector="cbs", where=table
        )
    source.catalogue_modified = entry.modified
    source.catalogue_frequency = entry.frequency
    source.catalogue_reason = entry.reason
    source.catalogue_status = entry.status
    source.catalogue_period = entry.period
    if not force and source.held_version and source.held_version == entry.modified:
        changed = dutch_date(freshness.parse_modified(entry.modified))
        return SourceResult(source.name, Outcome.UNCHANGED, f"Tabel {table} is ongewijzigd sinds {changed}.")
    folder = catalogue.offline_dir(table)
    where = str(folder) if folder is not None else table
    with tempfile.TemporaryDirectory(prefix="km-bron-") as tmp:
        options: dict[str, Any] = {"cbs_api": source.cbs_api or "v3"}
        if source.config.strip():
            config = Path(tmp) / f"{table}.yaml"
            config.write_text(source.config, encoding="utf-8")
            options["config"] = str(config)
        if source.create_areas:
            options["create_areas"] = True
        outcome = run_import("cbs", where, options=options, actor=ACTOR)
    result = _after_import(source, outcome, "cbs", where, now)
    if result.outcome == Outcome.OK:
        source.held_version = entry.modified
    return result


# --- file location ----------------------------------------------------------------------------------


def _refresh_file(source: Source, force: bool, now: dt.datetime) -> SourceResult:
    try:
        path = safe_path(source.path)
    except ValidationError as exc:
        return _failure(source, " ".join(exc.messages), connector=source.connector, where=source.path)
    if not path.is_file():
        return _failure(
            source,
            f"bestand '{source.path}' ontbreekt in de bronnenmap",
            connector=source.connector,
            where=source.path,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if not force and source.held_version == digest:
        return SourceResult(source.name, Outcome.UNCHANGED, f"Bestand '{source.path}' is niet veranderd.")
    outcome = run_import(source.connector, str(path), actor=ACTOR)
    result = _after_import(source, outcome, source.connector, str(path), now)
    if result.outcome == Outcome.OK:
        source.held_version = digest
    return result


# --- delivery by hand -------------------------------------------------------------------------------


def _check_delivery(source: Source) -> SourceResult:
    """The newest finished import that wrote values of the source's indicators is the last delivery."""
    codes = list(source.indicators.values_list("pk", flat=True))
    latest = (
        Observation.objects.filter(indicator_id__in=codes, import_run__status="ok")
        .aggregate(run=Max("import_run_id"))
        .get("run")
        if codes
        else None
    )
    run = ImportRun.objects.filter(pk=latest).first() if latest else None
    if run is not None and (source.last_run_id is None or run.pk != source.last_run_id):
        source.last_run = run
        source.retrieved_at = run.retrieved_at or run.finished_at
        delivered = timezone.localdate(source.retrieved_at) if source.retrieved_at else timezone.localdate()
        source.expected_delivery = _next_expected(source.expected_delivery, delivered, source.frequency)
        return SourceResult(
            source.name, Outcome.OK, f"Levering ontvangen op {dutch_date(delivered)}.", run.pk
        )
    judged = source.freshness()
    return SourceResult(source.name, Outcome.UNCHANGED, judged.explanation)


def _next_expected(expected: dt.date | None, delivered: dt.date, frequency: str) -> dt.date | None:
    days = freshness.interval_days(frequency)
    if days is None:
        return None
    nxt = expected or delivered
    while nxt <= delivered:
        nxt += dt.timedelta(days=days)
    return nxt


# --- shared -----------------------------------------------------------------------------------------


def _after_import(
    source: Source, outcome: ImportOutcome, connector: str, where: str, now: dt.datetime
) -> SourceResult:
    r = outcome.result
    if outcome.status == "ok":
        run = ImportRun.objects.filter(pk=outcome.run_id).first() if outcome.run_id else None
        source.last_run = run
        source.retrieved_at = now  # when this pass fetched the source
        message = f"{r.added} toegevoegd, {r.changed} gewijzigd, {r.unchanged} ongewijzigd."
        return SourceResult(source.name, Outcome.OK, message, outcome.run_id, r.added, r.changed)
    first = r.errors[0] if r.errors else None
    reason = str(first) if first else "onbekende fout"
    more = f" (en nog {len(r.errors) - 1} fouten)" if len(r.errors) > 1 else ""
    label = "ongeldige invoer" if outcome.status == "invalid" else "mislukt"
    message = f"Verversing {label}, de gegevens zijn ongewijzigd: {reason}{more}"
    return _failure(source, message, connector=connector, where=where, errors=r.errors)


def _failure(
    source: Source,
    message: str,
    *,
    connector: str = "",
    where: str = "",
    errors: list[RecordError] | None = None,
) -> SourceResult:
    """Record the failure as a failed ImportRun (the pipeline keeps none for bad input or no network)."""
    run = None
    try:
        run = start_run(
            connector or source.kind, where or source.name, parameters={"bron": source.name}, actor=ACTOR
        )
        finish_run(run, LoadResult(errors=list(errors or [RecordError(message)])), status="failed")
        run.notes = message
        run.save(update_fields=["notes"])
        source.last_run = run
    except Exception:  # the database itself may be the problem
        logger.exception("kon mislukte verversing niet vastleggen")
    return SourceResult(source.name, Outcome.FAILED, message, run.pk if run else None)
