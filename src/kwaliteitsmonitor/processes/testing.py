# SPDX-License-Identifier: EUPL-1.2
"""Test helper: mark every filled-in (round, region) as approved, as the adviser would."""

from __future__ import annotations

from .models import ProcessAnswer, Submission, SubmissionState, SubThemeStatus


def approve_filled() -> int:
    pairs = set(SubThemeStatus.objects.values_list("round_id", "region_id")) | set(
        ProcessAnswer.objects.values_list("round_id", "region_id")
    )
    for round_id, region_id in sorted(pairs):
        Submission.objects.update_or_create(
            round_id=round_id, region_id=region_id, defaults={"state": SubmissionState.APPROVED}
        )
    return len(pairs)


def small_monitor() -> dict:
    """A monitor with two themes (Wonen: two sub-themes and a question; Zorg: one sub-theme), two regions
    (Eigenstad GM0001, Anderdorp GM0002), an approved round Voorjaar 2026 for both and an open round
    Najaar 2026 (deadline 15 December 2026)."""
    import datetime as dt

    from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK, IN_PROGRESS
    from kwaliteitsmonitor.areas.models import Area

    from .models import (
        ProcessMonitor,
        ProcessQuestion,
        ProcessRegion,
        ProcessRound,
        ProcessSubTheme,
        ProcessTheme,
    )

    monitor = ProcessMonitor.objects.create(
        slug="beschermd-thuis", name="Beschermd Thuis", label_set="beschermd_thuis"
    )
    wonen = ProcessTheme.objects.create(monitor=monitor, order=1, name="Wonen", slug="wonen")
    zorg = ProcessTheme.objects.create(monitor=monitor, order=2, name="Zorg", slug="zorg")
    subs = [
        ProcessSubTheme.objects.create(theme=wonen, order=1, name="Woningen"),
        ProcessSubTheme.objects.create(theme=wonen, order=2, name="Afspraken met corporaties"),
        ProcessSubTheme.objects.create(theme=zorg, order=1, name="Passend palet"),
    ]
    question = ProcessQuestion.objects.create(theme=wonen, order=1, text="Is de regiovisie vastgesteld?")
    regions = {}
    for code, name in (("GM0001", "Eigenstad"), ("GM0002", "Anderdorp")):
        area = Area.objects.get_or_create(code=code, defaults={"name": name, "level": "GM"})[0]
        regions[name] = ProcessRegion.objects.create(monitor=monitor, area=area, name=name, slug=name.lower())
    approved = ProcessRound.objects.create(
        monitor=monitor, label="Voorjaar 2026", slug="voorjaar-2026", reference_date=dt.date(2026, 6, 1)
    )
    open_round = ProcessRound.objects.create(
        monitor=monitor, label="Najaar 2026", slug="najaar-2026", reference_date=dt.date(2026, 12, 1),
        deadline=dt.date(2026, 12, 15),
    )  # fmt: skip
    for region in regions.values():
        for sub, status in zip(subs, (DONE_ON_TRACK, IN_PROGRESS, IN_PROGRESS), strict=True):
            SubThemeStatus.objects.create(
                round=approved, region=region, sub_theme=sub, status=status, explanation=f"Eerder: {sub.name}"
            )
        ProcessAnswer.objects.create(round=approved, region=region, question=question, answer="nee")
    approve_filled()
    return {
        "monitor": monitor, "themes": [wonen, zorg], "subs": subs, "question": question, "regions": regions,
        "approved": approved, "open": open_round,
    }  # fmt: skip
