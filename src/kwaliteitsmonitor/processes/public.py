# SPDX-License-Identifier: EUPL-1.2
"""What the public may see of the process monitors: only approved region rounds.

Every public reader (pages and their JSON twins, search, the static export) takes its rounds, statuses
and answers through these functions; a concept, submitted or returned round is on none of them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from .models import ProcessAnswer, ProcessRegion, ProcessRound, Submission, SubmissionState, SubThemeStatus


def _approved(**match: Any) -> Exists:
    return Exists(Submission.objects.filter(state=SubmissionState.APPROVED, **match))


def rounds(region_id: int | None = None) -> QuerySet[ProcessRound]:
    """Rounds with at least one approved region (of ``region_id`` when given), oldest first."""
    match: dict[str, Any] = {"round": OuterRef("pk")}
    if region_id is not None:
        match["region_id"] = region_id
    return ProcessRound.objects.filter(_approved(**match)).order_by("reference_date")


def statuses() -> QuerySet[SubThemeStatus]:
    return SubThemeStatus.objects.filter(_approved(round=OuterRef("round"), region=OuterRef("region")))


def answers() -> QuerySet[ProcessAnswer]:
    return ProcessAnswer.objects.filter(_approved(round=OuterRef("round"), region=OuterRef("region")))


def approved_regions(round_: ProcessRound) -> QuerySet[ProcessRegion]:
    """The regions whose filling of ``round_`` is approved."""
    return ProcessRegion.objects.filter(
        submissions__round=round_, submissions__state=SubmissionState.APPROVED
    ).distinct()
