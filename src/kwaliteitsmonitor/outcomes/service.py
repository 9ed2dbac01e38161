# SPDX-License-Identifier: EUPL-1.2
"""Submitting, reviewing and accepting outcome figures. Accepting writes them through the one load step
(``indicators.load``: an ImportRun, all-or-nothing, audited) as observations of the outcome indicators
with the breakdown ``voorziening=<code>`` on the voorziening's gemeente; the finished run queues the next
draft publication, which protects them with everything else. Nothing here protects or publishes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.indicators import load, recompute
from kwaliteitsmonitor.indicators.models import Indicator, Observation
from kwaliteitsmonitor.indicators.records import ObservationRecord

from .definitions import BY_CODE, INDICATORS, RATIOS
from .intake import Intake, Known
from .models import Submission, SubmissionState, Voorziening

CONNECTOR = "partner_outcomes"


def period_choices(today: dt.date | None = None, count: int = 4) -> list[tuple[str, str]]:
    """The half-years a partner can deliver for: the one that ended last first, then earlier ones."""
    today = today or timezone.localdate()
    year, half = (today.year, 1) if today.month > 6 else (today.year - 1, 2)
    out = []
    for _ in range(count):
        key = f"{year}HJ{half:02d}"
        out.append((key, period_label(key)))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return out


def known_for(partner_id: int) -> Known:
    return Known(dict(Voorziening.objects.values_list("code", "partner_id")), partner_id)


PARTNER_SOURCE = "Partnerorganisaties (aanlevering in de werkplek)"


def ensure_indicators(source: str = PARTNER_SOURCE) -> dict[str, Indicator]:
    """The outcome indicators, made on first use (definitions from ``definitions.INDICATORS``)."""
    out = {}
    for item in INDICATORS:
        indicator, _ = Indicator.objects.get_or_create(
            code=item.code,
            defaults={
                "name": item.name,
                "unit": item.unit,
                "disclosure": item.disclosure,
                "polarity": item.polarity,
                "definition": item.definition,
                "provider": "partner",
                "period_type": "halfyear",
                "category": "Uitkomsten voorzieningen",
                "decimals": 0 if item.unit == "count" else 1,
                "source": source,
                "area_levels": ["GM"],
            },
        )
        out[item.code] = indicator
    return out


@transaction.atomic
def submit(intake: Intake, partner_id: int, period: str, user: Any, via: str) -> list[Submission]:
    """One submission per gemeente the rows' voorzieningen are in. Only call with ``intake.ok``."""
    assert intake.ok
    areas = dict(
        Voorziening.objects.filter(code__in=[r["code"] for r in intake.rows]).values_list("code", "area_id")
    )
    per_area: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in intake.rows:
        per_area[areas[row["code"]]].append(row)
    return [
        Submission.objects.create(
            partner_id=partner_id, area_id=area, period=period, rows=rows, submitted_by=user, via=via
        )
        for area, rows in sorted(per_area.items())
    ]


def records(submission: Submission) -> list[ObservationRecord]:
    voorzieningen = {
        v.code: v
        for v in Voorziening.objects.select_related("area").filter(
            code__in=[r["code"] for r in submission.rows]
        )
    }
    out = []
    for number, row in enumerate(submission.rows, start=1):
        v = voorzieningen[row["code"]]
        common = {
            "area": v.area.code,
            "period": submission.period,
            "breakdown": v.breakdown,
            "file": f"aanlevering {submission.pk}",
            "row": number,
        }
        if row.get("clienten") is not None:
            out.append(
                ObservationRecord(
                    "outcome_clienten", value=float(row["clienten"]), column="clienten", **common
                )
            )
        for teller, noemer, code in RATIOS:
            t, n = row.get(teller), row.get(noemer)
            if t is not None and n:
                out.append(
                    ObservationRecord(
                        code,
                        value=round(100 * t / n, 1),
                        numerator=float(t),
                        denominator=float(n),
                        n=int(n),
                        column=teller,
                        **common,
                    )
                )
        if row.get("tevreden_pct") is not None and row.get("tevreden_n"):
            out.append(
                ObservationRecord(
                    "outcome_tevredenheid",
                    value=float(row["tevreden_pct"]),
                    n=int(row["tevreden_n"]),
                    column="tevreden_pct",
                    **common,
                )
            )
    return out


def changes(submission: Submission) -> list[dict[str, Any]]:
    """Per voorziening and indicator what is stored now (working store) and what the submission brings."""
    ensure_indicators()
    new = records(submission)
    stored = {
        (o.indicator.code, o.breakdown): o.value
        for o in Observation.objects.select_related("indicator").filter(
            indicator__code__in=BY_CODE,
            area_id=submission.area_id,
            period=submission.period,
            breakdown__in={r.breakdown for r in new},
        )
    }
    names = dict(
        Voorziening.objects.filter(code__in=[r["code"] for r in submission.rows]).values_list("code", "name")
    )
    out = []
    for record in new:
        old = stored.get((record.indicator, record.breakdown))
        code = record.breakdown.split("=", 1)[1]
        out.append(
            {
                "voorziening": names.get(code, code),
                "code": code,
                "indicator": BY_CODE[record.indicator].name,
                "spec": "count" if BY_CODE[record.indicator].unit == "count" else "pct:1",
                "old": old,
                "new": record.value,
                "n": record.n,
                "changed": old != record.value,
            }
        )
    return out


def accept(submission: Submission, user: Any) -> tuple[bool, list[str]]:
    """Load the figures (all or nothing); the submission is accepted only when the load succeeded."""
    ensure_indicators()
    with transaction.atomic():
        # locked, and asked again: two redacteuren accepting at once load it once
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.state != SubmissionState.SUBMITTED:
            return False, ["Deze aanlevering is al beoordeeld."]
        run = load.start_run(
            CONNECTOR,
            f"aanlevering {submission.pk} ({submission.partner}, {submission.period})",
            parameters={"submission": submission.pk},
            actor=user.get_username(),
        )
        run.user = user
        new = records(submission)
        result = load.load_observations(new, run)
        if not result.ok:
            transaction.set_rollback(True)
            return False, [str(e) for e in result.errors]
        if result.added or result.changed:  # computed values are kept current by every write path
            recompute.changed(
                values={code: {submission.period} for code in {r.indicator for r in new}}, run=run
            )
        load.finish_run(run, result)
        submission.state = SubmissionState.ACCEPTED
        submission.reviewed_by, submission.reviewed_at = user, timezone.now()
        submission.import_run = run
        submission.save()
    return True, []


def return_to_partner(submission: Submission, user: Any, reason: str) -> None:
    submission.state = SubmissionState.RETURNED
    submission.reason = reason
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.save()
