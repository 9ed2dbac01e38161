# SPDX-License-Identifier: EUPL-1.2
"""Building a publication: protect what changed, audit it, compute its figures, and switch it live.

``build()`` makes publication N from the working store:

1. **Scope.** Indicators whose values (``Indicator.data_version``) or definition changed since the live
   publication are re-protected, with every indicator they share a table with; a change of the area
   hierarchy, the memberships or the set of readable publications re-protects every additive table.
   The rest of the live publication is kept as it is (its rows belong to N as well).
2. **Protection and audit** per table (``protect``), written as versioned rows (``store``). An audit
   that finds a cell an attacker could narrow below its protection width refuses the publication: it
   fails with the reasons, and the live publication stays.
3. **Figures**: those of the live publication that depend on nothing that changed are kept; the others
   are computed by rendering every public page inside the build (``warm``).
4. **Draft.** The publication is a draft with a change list; ``switch()`` makes it live in one
   transaction (``KM_AUTO_PUBLISH`` does so at once). Then the public pages are rendered again for
   the page cache.

A build that crashes (an error, or a kill -9 of its process) leaves the live publication untouched: its
rows are invisible to every reader of an earlier number, and the next build removes them first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from kwaliteitsmonitor.agenda.models import Agenda, Result, ResultIndicator
from kwaliteitsmonitor.areas.models import Area, AreaMembership, ComparisonGroup
from kwaliteitsmonitor.indicators import runs
from kwaliteitsmonitor.indicators.models import Indicator

from . import context, figures, store, warm
from .models import Publication, PublishedFigure, PublishedIndicator, State
from .protect import (
    ADDITIVE_RULES,
    TableReport,
    load_history,
    protect_cluster,
    protect_single,
    raw_rows,
    value_kind,
)
from .tables import Cluster, clusters, load_hierarchy

logger = logging.getLogger(__name__)

STALE_SECONDS = 120  # a build without a sign of life for this long has died
SPEC_FIELDS = (
    "code", "name", "short_name", "category", "definition", "explanation", "source", "source_table",
    "source_url", "provider", "unit", "unit_label", "decimals", "polarity", "nature", "count_method",
    "numerator_id", "denominator_id", "factor", "denominator_breakdown", "disclosure", "area_levels",
    "period_type", "is_published", "update_frequency",
)  # fmt: skip

# Sent after a publication went live (the page cache starts a new version).
publication_switched = Signal()

Progress = Callable[[str, int, int], None]


class PublicationBusy(Exception):
    """Another publication is being built."""


class PublicationRefused(Exception):
    """The audit found cells that could be worked out; the message says which (Dutch)."""


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def spec(indicator: Indicator) -> dict[str, Any]:
    out = {name: getattr(indicator, name) for name in SPEC_FIELDS}
    out["rule"] = indicator.disclosure_rule.text
    return out


def fingerprints() -> dict[str, Any]:
    return {
        "agenda": _digest(
            [
                list(Agenda.objects.order_by("pk").values_list("pk", "area_id", "start_year", "end_year")),
                list(
                    Result.objects.order_by("pk").values_list(
                        "pk",
                        "goal_id",
                        "target_value",
                        "target_year",
                        "baseline_value",
                        "baseline_period",
                        "direction",
                    )
                ),
                list(
                    ResultIndicator.objects.order_by("pk").values_list(
                        "result_id", "indicator_id", "breakdown", "order"
                    )
                ),
            ]
        ),
        "areas": _digest(
            [
                list(
                    Area.objects.order_by("pk").values_list(
                        "pk", "level", "parent_id", "valid_from", "valid_to", "is_pseudo"
                    )
                ),
                list(
                    AreaMembership.objects.order_by("pk").values_list(
                        "area_id", "kind", "year", "group_code", "group_id"
                    )
                ),
                list(ComparisonGroup.objects.order_by("pk").values_list("pk", "fingerprint")),
            ]
        ),
        "readable": store.readable_numbers(),
        "year": timezone.localdate().year,
    }


# --- starting and ending ------------------------------------------------------------------------------


def _begin(actor: str, user: Any, full: bool) -> Publication:
    now = timezone.now()
    with transaction.atomic():
        for stale in Publication.objects.select_for_update().filter(state=State.BUILDING):
            if _alive(stale, now):
                raise PublicationBusy(
                    f"Publicatie {stale.number} wordt al gemaakt ({stale.stage or 'bezig'}); "
                    "probeer het zo opnieuw."
                )
            _abandon(stale, State.FAILED, "Afgebroken: het proces dat deze publicatie maakte, is gestopt.")
        for draft in Publication.objects.filter(state=State.DRAFT):
            _abandon(draft, State.DISCARDED, "Vervangen door een nieuwer concept.")
        live = Publication.objects.filter(state=State.LIVE).first()
        try:
            return Publication.objects.create(
                number=store.next_number(),
                state=State.BUILDING,
                basis=live.number if live else None,
                actor=actor[:200],
                created_by=user if getattr(user, "pk", None) else None,
                heartbeat=now,
                process=runs.process_identity(),
                full=full or live is None,
            )
        except IntegrityError as exc:  # another process started one at the same moment
            raise PublicationBusy("Er wordt al een publicatie gemaakt; probeer het zo opnieuw.") from exc


def _alive(publication: Publication, now: dt.datetime) -> bool:
    """Is the process building ``publication`` still at work (its pid on this host, else its heartbeat)?"""
    return runs.process_alive(publication.process, publication.heartbeat, now, STALE_SECONDS)


alive = _alive  # for the readiness check (ops.health)


def _abandon(publication: Publication, state: str, error: str) -> None:
    store.undo(publication.number)
    publication.state = state
    publication.error = publication.error or error
    publication.save(update_fields=["state", "error"])


def recover() -> list[int]:
    """Mark builds whose process died as failed and remove what they wrote (also done by every build)."""
    now = timezone.now()
    dead = [p for p in Publication.objects.filter(state=State.BUILDING) if not _alive(p, now)]
    for publication in dead:
        _abandon(publication, State.FAILED, "Afgebroken: het proces dat deze publicatie maakte, is gestopt.")
    if not Publication.objects.filter(state=State.BUILDING).exists():
        store.ensure_indexes()  # a first build that died may have left its deferred indexes unbuilt
    return [p.number for p in dead]


class _Tracker:
    def __init__(self, publication: Publication, progress: Progress | None) -> None:
        self.publication = publication
        self.progress = progress
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)
        now = time.monotonic()
        if now - self.last < 1.0 and done not in (0, total):
            return
        self.last = now
        p = self.publication
        p.stage, p.done, p.total, p.heartbeat = stage, done, total, timezone.now()
        Publication.objects.filter(pk=p.pk).update(stage=stage, done=done, total=total, heartbeat=p.heartbeat)


# --- the build ------------------------------------------------------------------------------------------


def build(
    *,
    actor: str = "",
    user: Any = None,
    full: bool = False,
    publish: bool | None = None,
    progress: Progress | None = None,
    warm_cache: bool = True,
    render: bool | None = None,
) -> Publication:
    """Build the next publication as a draft; publish it when ``publish`` (default: ``KM_AUTO_PUBLISH``).
    When nothing changed since the live publication (and ``full`` is not asked), no publication is made
    and the live one is returned."""
    if not full:
        unchanged = _unchanged_live()
        if unchanged is not None:
            return unchanged
    publication = _begin(actor, user, full)
    track = _Tracker(publication, progress)
    try:
        render = settings.KM_PUBLISH_RENDER_PAGES if render is None else render
        with context.use(publication.number, building=True, overlay=False, label="in aanbouw"):
            _build(publication, track, render)
    except BaseException as exc:
        message = str(exc) if isinstance(exc, PublicationRefused) else f"{type(exc).__name__}: {exc}"
        _abandon(publication, State.FAILED, message)
        raise
    publication.state = State.DRAFT
    publication.stage = "klaar"
    publication.save()
    if publish if publish is not None else settings.KM_AUTO_PUBLISH:
        switch(publication, user, warm_cache=warm_cache and render, progress=track)
    return publication


def pending() -> dict[str, Any]:
    """What changed in the working store since the live publication: indicators to re-protect and
    whether the agenda or the areas changed (nothing: an empty dict)."""
    live = Publication.objects.filter(state=State.LIVE).first()
    if live is None:
        return {"first": True}
    prints = fingerprints()
    previous = {p.indicator_id: p for p in PublishedIndicator.objects.filter(publication=live)}
    indicators = {i.pk: i for i in Indicator.objects.all()}
    specs = {pk: spec(ind) for pk, ind in indicators.items()}
    structure = _structure_changed(live.fingerprints, prints)
    dirty = _dirty(indicators, specs, previous, _units(indicators), False, structure)
    out: dict[str, Any] = {}
    if dirty:
        out["indicators"] = sorted(indicators[pk].code for pk in dirty)
    for key in ("agenda", "areas"):
        if live.fingerprints.get(key) != prints[key]:
            out[key] = True
    return out


def _structure_changed(before: dict[str, Any], now: dict[str, Any]) -> bool:
    """The area hierarchy or memberships changed, or a publication was withdrawn (its hidden cells no
    longer bind later ones): every additive table is protected again."""
    withdrawn = set(before.get("readable") or []) - set(now["readable"])
    return before.get("areas") != now["areas"] or bool(withdrawn)


def _unchanged_live() -> Publication | None:
    if Publication.objects.filter(state__in=(State.BUILDING, State.DRAFT)).exists():
        return None
    live = Publication.objects.filter(state=State.LIVE).first()
    if live is None or pending():
        return None
    return live


def _build(publication: Publication, track: _Tracker, render: bool) -> None:
    started = time.monotonic()
    store.ensure_indexes()  # an earlier first build that died may have left its deferred indexes unbuilt
    basis = Publication.objects.filter(number=publication.basis).first() if publication.basis else None
    prints = fingerprints()
    previous = (
        {p.indicator_id: p for p in PublishedIndicator.objects.filter(publication=basis)} if basis else {}
    )
    indicators = {i.pk: i for i in Indicator.objects.all()}
    specs = {pk: spec(ind) for pk, ind in indicators.items()}
    structure = publication.full or not basis or _structure_changed(basis.fingerprints, prints)
    units = _units(indicators)
    dirty = _dirty(indicators, specs, previous, units, publication.full, structure)
    with store.deferred_indexes(basis is None):
        reports, diffs = _protect(publication, indicators, units, dirty, previous, specs, track)
    store.refresh_statistics(sum(r["cells"] for r in reports.values()))  # before the pages are rendered
    failures = {code: r["failures"] for code, r in reports.items() if r["failures"]}
    _record_indicators(publication, indicators, specs, previous, dirty, reports)
    publication.audit = _audit_summary(reports, basis)
    if failures:
        raise PublicationRefused(_refusal(failures))
    dirty_codes = {indicators[pk].code for pk in dirty}
    if not basis or basis.fingerprints.get("agenda") != prints["agenda"]:
        dirty_codes.add(figures.AGENDA)
    if not basis or basis.fingerprints.get("areas") != prints["areas"]:
        dirty_codes.add(figures.AREAS)
    kept = (
        0
        if publication.full or not basis
        else figures.carry_over(basis.number, publication.number, dirty_codes)
    )
    track("pagina's en uitkomsten", 0, 0)
    crawl = warm.CrawlReport()
    if render:
        crawl = warm.render_for_figures(
            publication.number,
            (basis.fingerprints or {}).get("pages") if basis and not publication.full else None,
            same_indicators=set(previous) == set(indicators),
            dirty=dirty_codes,
            prints=prints,
            progress=lambda n, path: track("pagina's en uitkomsten", n, 0),
        )
    publication.fingerprints = prints
    publication.changes = {"values": diffs, "statuses": _status_changes(basis, publication)}
    publication.summary = {
        "indicators": len(indicators),
        "rebuilt": len(dirty),
        "figures_kept": kept,
        "figures": PublishedFigure.objects.filter(publication=publication).count(),
        "pages": crawl.pages,
        "page_errors": crawl.errors[:20],
        "seconds": round(time.monotonic() - started, 1),
    }


def _units(indicators: dict[int, Indicator]) -> list[Cluster]:
    """Tables to protect: clusters of additive indicators, and every other indicator on its own."""
    additive = {
        pk: (ind.disclosure_rule.text, ind.numerator_id, value_kind(ind))
        for pk, ind in indicators.items()
        if ind.disclosure_rule.kind in ADDITIVE_RULES and value_kind(ind) in ("count", "rate")
    }
    singles = [Cluster((pk,), None) for pk in sorted(indicators) if pk not in additive]
    return [*clusters(additive), *singles]


def _dirty(
    indicators: dict[int, Indicator],
    specs: dict[int, dict[str, Any]],
    previous: dict[int, PublishedIndicator],
    units: list[Cluster],
    full: bool,
    structure: bool,
) -> set[int]:
    changed = set()
    for pk, indicator in indicators.items():
        before = previous.get(pk)
        if (
            full
            or before is None
            or before.definition != _digest(specs[pk])
            or before.data_version != indicator.data_version
        ):
            changed.add(pk)
    dirty: set[int] = set()
    for unit in units:
        additive = (
            unit.count is not None or len(unit.members) > 1 or _is_additive(indicators[unit.members[0]])
        )
        if changed.intersection(unit.members) or (structure and additive):
            dirty.update(unit.members)
    return dirty


def _is_additive(indicator: Indicator) -> bool:
    return indicator.disclosure_rule.kind in ADDITIVE_RULES and value_kind(indicator) in ("count", "rate")


def _protect(
    publication: Publication,
    indicators: dict[int, Indicator],
    units: list[Cluster],
    dirty: set[int],
    previous: dict[int, PublishedIndicator],
    specs: dict[int, dict[str, Any]],
    track: _Tracker,
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    todo = [u for u in units if dirty.intersection(u.members)]
    readable = store.readable_numbers()
    hierarchy = load_hierarchy() if any(_is_additive(indicators[u.members[0]]) for u in todo) else None
    reports: dict[str, dict[str, Any]] = {}
    diffs: dict[str, dict[str, Any]] = {}
    for done, unit in enumerate(todo):
        track("beveiligen", done, len(todo))
        published = [pk for pk in unit.members if indicators[pk].is_published]
        rows = raw_rows(published)
        if hierarchy is not None and _is_additive(indicators[unit.members[0]]) and published:
            history = load_history(published, readable)
            out, table_reports = protect_cluster(
                Cluster(tuple(published), unit.count if unit.count in published else None),
                indicators, rows, hierarchy, history,
            )  # fmt: skip
        else:
            out, table_reports = [], {}
            for pk in published:
                out.extend(protect_single(indicators[pk], (r for p in rows[pk].values() for r in p)))
        by_indicator: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in unit.members}
        for row in out:
            by_indicator[row[0]].append(row)
        for pk in unit.members:
            code = indicators[pk].code
            before = previous.get(pk)
            changed_definition = before is not None and before.definition != _digest(specs[pk])
            diff = store.write_indicator(
                pk, by_indicator[pk], publication.number, definition_changed=changed_definition
            )
            diffs[code] = diff.as_dict()
            report = table_reports.get(pk, TableReport())
            if not table_reports:
                report.cells = len(by_indicator[pk])
                for row in by_indicator[pk]:
                    if row[12]:
                        report.hidden[row[13]] += 1
            reports[code] = report.as_dict()
    track("beveiligen", len(todo), len(todo))
    return reports, diffs


def _record_indicators(
    publication: Publication,
    indicators: dict[int, Indicator],
    specs: dict[int, dict[str, Any]],
    previous: dict[int, PublishedIndicator],
    dirty: set[int],
    reports: dict[str, dict[str, Any]],
) -> None:
    rows = []
    delivered = runs.last_delivered(dirty)  # the others keep what their publication recorded
    for pk, indicator in sorted(indicators.items()):
        before = previous.get(pk)
        report = reports.get(indicator.code)
        rows.append(
            PublishedIndicator(
                publication=publication,
                indicator_id=pk,
                data_version=indicator.data_version,
                definition=_digest(specs[pk]),
                spec=json.loads(json.dumps(specs[pk], default=str)),
                rebuilt=pk in dirty,
                cells=report["cells"] if report else (before.cells if before else 0),
                hidden=report["hidden"] if report else (before.hidden if before else {}),
                audit=(
                    {k: report[k] for k in ("audited", "failures", "narrowest")}
                    if report
                    else (before.audit if before else {})
                ),
                delivered_at=delivered.get(pk) if pk in dirty else (before.delivered_at if before else None),
            )
        )
    PublishedIndicator.objects.bulk_create(rows, batch_size=500)


def _audit_summary(reports: dict[str, dict[str, Any]], basis: Publication | None) -> dict[str, Any]:
    totals = {"cells": 0, "primary": 0, "secondary": 0, "carried": 0, "audited": 0, "recoverable": 0}
    for report in reports.values():
        totals["cells"] += report["cells"]
        for reason in ("primary", "secondary", "carried"):
            totals[reason] += report["hidden"].get(reason, 0)
        totals["audited"] += report.get("audited", 0)
        totals["recoverable"] += len(report.get("failures", []))
    hidden = totals["primary"] + totals["secondary"] + totals["carried"]
    totals["hidden_pct"] = round(100 * hidden / totals["cells"], 3) if totals["cells"] else 0.0
    totals["secondary_per_primary"] = (
        round(totals["secondary"] / totals["primary"], 3) if totals["primary"] else 0.0
    )
    totals["previous"] = (basis.audit or {}).get("totals") if basis else None
    narrowest = [r["narrowest"] for r in reports.values() if r.get("narrowest") is not None]
    totals["narrowest_interval"] = min(narrowest) if narrowest else None
    return {
        "totals": totals,
        "indicators": {c: r for c, r in reports.items() if r.get("audited") or r["failures"]},
    }


def _refusal(failures: dict[str, list[dict[str, Any]]]) -> str:
    lines = [
        "Publicatie geweigerd: de controle vond cellen die uit de getoonde cijfers te nauw zijn af te leiden."
    ]
    for code, found in sorted(failures.items()):
        for f in found[:10]:
            where = f"{f['area']} {f['period']}" + (f" ({f['breakdown']})" if f["breakdown"] else "")
            low = "?" if f["low"] is None else f"{f['low']:g}"
            high = "onbegrensd" if f["high"] is None else f"{f['high']:g}"
            need = (
                "moet 0 tot en met 7 open laten"
                if f["required"] == "class"
                else "moet minstens de afronding open laten"
            )
            lines.append(f"- {code}, {where}: af te leiden tussen {low} en {high} ({need}).")
    return "\n".join(lines)


def _status_changes(basis: Publication | None, publication: Publication) -> list[dict[str, Any]]:
    if basis is None:
        return []
    old = {
        f.arguments.get("result"): f.payload
        for f in PublishedFigure.objects.filter(publication=basis, kind="status")
    }
    out = []
    for figure in PublishedFigure.objects.filter(publication=publication, kind="status").order_by("key"):
        before = old.get(figure.arguments.get("result"))
        now = figure.payload
        if before is None or before.get("code") != now.get("code"):
            out.append(
                {
                    "result_id": figure.arguments.get("result"),
                    "title": now.get("title", ""),
                    "old": before.get("label") if before else None,
                    "new": now.get("label"),
                }
            )
    return out


# --- going live ----------------------------------------------------------------------------------------


def switch(
    publication: Publication, user: Any = None, *, warm_cache: bool = True, progress: Progress | None = None
) -> Publication:
    """Make a draft the live publication, in one transaction."""
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.state != State.DRAFT:
            raise ValueError(f"Publicatie {locked.number} is geen concept ({locked.get_state_display()}).")
        Publication.objects.filter(state=State.LIVE).update(state=State.SUPERSEDED)
        locked.state = State.LIVE
        locked.published_at = timezone.now()
        locked.published_by = user if getattr(user, "pk", None) else None
        locked.save(update_fields=["state", "published_at", "published_by"])
    publication.refresh_from_db()
    definitions_cache.clear()
    publication_switched.send(sender=Publication, publication=publication)
    # Warming fills the page cache; with the cache off (KM_PAGE_CACHE=off) it would render for nothing.
    if warm_cache and settings.KM_PUBLISH_RENDER_PAGES and settings.KM_PAGE_CACHE != "off":
        pages = sorted((publication.fingerprints or {}).get("pages") or [])
        warm.warm(pages, (lambda n, path: progress("pagina's klaarzetten", n, 0)) if progress else None)
    return publication


class _Definitions:
    """Published definitions per publication number (immutable once built), for the indicator overlay."""

    def __init__(self) -> None:
        self._by_number: dict[int, dict[int, dict[str, Any]]] = {}

    def get(self, number: int) -> dict[int, dict[str, Any]]:
        found = self._by_number.get(number)
        if found is None:
            found = dict(
                PublishedIndicator.objects.filter(publication__number=number).values_list(
                    "indicator_id", "spec"
                )
            )
            if len(self._by_number) > 16:
                self._by_number.clear()
            self._by_number[number] = found
        return found

    def clear(self) -> None:
        self._by_number.clear()


definitions_cache = _Definitions()
