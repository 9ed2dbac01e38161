# SPDX-License-Identifier: EUPL-1.2
"""A region's round from start to approval: niet begonnen → concept → ingediend → teruggestuurd →
goedgekeurd (as DHIS2's data approval and ODK Central's review states do).

* ``start``: the region's first visit makes a concept, prefilled from its previous *approved* round
  (every value marked ``carried_over`` until the region saves the theme it is on);
* ``submit``: only when complete (a Dutch message lists what is missing); afterwards the region cannot
  edit until the adviser returns items;
* ``return_items`` (a reason per item) and ``approve``: the adviser's review; ``changes`` is what the
  adviser reads (per field old → new since the previous approved round).

Every state change goes through ``Submission.save`` and so into the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kwaliteitsmonitor.analysis.vocabulary import ANSWERS

from .models import (
    ProcessAnswer,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    Submission,
    SubmissionState,
    SubThemeStatus,
)

State = SubmissionState
OPEN_STATES = (State.NOT_STARTED, State.DRAFT, State.RETURNED)


def submission(round_: ProcessRound, region: ProcessRegion) -> Submission | None:
    return Submission.objects.filter(round=round_, region=region).first()


def state_of(round_: ProcessRound, region: ProcessRegion) -> str:
    found = submission(round_, region)
    return found.state if found else State.NOT_STARTED


def previous_round(round_: ProcessRound, region: ProcessRegion) -> ProcessRound | None:
    """The region's latest approved round before this one."""
    return (
        ProcessRound.objects.filter(
            monitor_id=round_.monitor_id,
            reference_date__lt=round_.reference_date,
            submissions__region=region,
            submissions__state=State.APPROVED,
        )
        .order_by("-reference_date")
        .first()
    )


@transaction.atomic
def start(round_: ProcessRound, region: ProcessRegion) -> Submission:
    """The region's concept; the first time, with the previous approved round's values carried over."""
    found = submission(round_, region)
    if found is not None:
        return found
    created = Submission.objects.create(round=round_, region=region, state=State.DRAFT)
    previous = previous_round(round_, region)
    if previous is not None:
        have = set(
            SubThemeStatus.objects.filter(round=round_, region=region).values_list("sub_theme_id", flat=True)
        )
        for row in SubThemeStatus.objects.filter(round=previous, region=region).exclude(
            sub_theme_id__in=have
        ):
            SubThemeStatus.objects.create(
                round=round_, region=region, sub_theme_id=row.sub_theme_id, status=row.status,
                explanation=row.explanation, carried_over=True,
            )  # fmt: skip
        answered = set(
            ProcessAnswer.objects.filter(round=round_, region=region).values_list("question_id", flat=True)
        )
        for answer in ProcessAnswer.objects.filter(round=previous, region=region).exclude(
            question_id__in=answered
        ):
            ProcessAnswer.objects.create(
                round=round_, region=region, question_id=answer.question_id, answer=answer.answer,
                carried_over=True,
            )  # fmt: skip
    return created


def _items(round_: ProcessRound) -> tuple[list[ProcessSubTheme], list[ProcessQuestion]]:
    subs = list(
        ProcessSubTheme.objects.filter(theme__monitor_id=round_.monitor_id)
        .select_related("theme")
        .order_by("theme__order", "theme_id", "order", "id")
    )
    questions = list(
        ProcessQuestion.objects.filter(theme__monitor_id=round_.monitor_id)
        .select_related("theme")
        .order_by("theme__order", "theme_id", "order", "id")
    )
    return subs, questions


@dataclass(frozen=True)
class Progress:
    filled: int
    total: int
    carried_over: int

    @property
    def text(self) -> str:
        """'12 van 75 ingevuld', with the carried-over values not yet looked at."""
        text = f"{self.filled} van {self.total} ingevuld"
        if self.carried_over:
            text += f", waarvan {self.carried_over} overgenomen uit de vorige ronde en nog niet bekeken"
        return text


def progress(round_: ProcessRound, region: ProcessRegion, theme_id: int | None = None) -> Progress:
    subs, questions = _items(round_)
    if theme_id is not None:
        subs = [s for s in subs if s.theme_id == theme_id]
        questions = [q for q in questions if q.theme_id == theme_id]
    statuses = SubThemeStatus.objects.filter(round=round_, region=region, sub_theme__in=subs)
    answers = ProcessAnswer.objects.filter(round=round_, region=region, question__in=questions)
    return Progress(
        filled=statuses.count() + answers.count(),
        total=len(subs) + len(questions),
        carried_over=statuses.filter(carried_over=True).count() + answers.filter(carried_over=True).count(),
    )


def missing(round_: ProcessRound, region: ProcessRegion) -> list[str]:
    """What is not filled in yet, by name ('Wonen: Woningen', 'Wonen, vraag: Is er een ...')."""
    subs, questions = _items(round_)
    have = set(
        SubThemeStatus.objects.filter(round=round_, region=region).values_list("sub_theme_id", flat=True)
    )
    answered = set(
        ProcessAnswer.objects.filter(round=round_, region=region).values_list("question_id", flat=True)
    )
    return [f"{s.theme.name}: {s.name}" for s in subs if s.pk not in have] + [
        f"{q.theme.name}, vraag: {q.text}" for q in questions if q.pk not in answered
    ]


@transaction.atomic
def submit(found: Submission) -> None:
    if not found.editable:
        raise ValidationError(
            f"Deze ronde is {found.get_state_display().lower()} en kan niet worden ingediend."
        )
    gaps = missing(found.round, found.region)
    if gaps:
        shown = "; ".join(gaps[:20]) + (f"; en nog {len(gaps) - 20}" if len(gaps) > 20 else "")
        raise ValidationError(
            f"Nog niet alles is ingevuld ({len(gaps)} ontbreken): {shown}. Vul deze in en dien opnieuw in."
        )
    found.state = State.SUBMITTED
    found.submitted_at = timezone.now()
    found.save()


@transaction.atomic
def return_items(found: Submission, reasons: dict[str, str]) -> None:
    reasons = {key: text.strip() for key, text in reasons.items() if text and text.strip()}
    if found.state != State.SUBMITTED:
        raise ValidationError("Alleen een ingediende ronde kan worden teruggestuurd.")
    if not reasons:
        raise ValidationError("Geef bij minstens één onderdeel een reden om het terug te sturen.")
    found.state = State.RETURNED
    found.returned = reasons
    found.reviewed_at = timezone.now()
    found.save()


@transaction.atomic
def approve(found: Submission) -> None:
    if found.state != State.SUBMITTED:
        raise ValidationError("Alleen een ingediende ronde kan worden goedgekeurd.")
    found.state = State.APPROVED
    found.returned = {}
    found.reviewed_at = timezone.now()
    found.save()


def changes(round_: ProcessRound, region: ProcessRegion) -> list[dict[str, Any]]:
    """Per field (status, toelichting, answer) the previous approved value and the new one."""
    monitor = round_.monitor
    previous = previous_round(round_, region)
    subs, questions = _items(round_)
    now = {s.sub_theme_id: s for s in SubThemeStatus.objects.filter(round=round_, region=region)}
    before = (
        {s.sub_theme_id: s for s in SubThemeStatus.objects.filter(round=previous, region=region)}
        if previous
        else {}
    )
    answers = dict(
        ProcessAnswer.objects.filter(round=round_, region=region).values_list("question_id", "answer")
    )
    answers_before = (
        dict(ProcessAnswer.objects.filter(round=previous, region=region).values_list("question_id", "answer"))
        if previous
        else {}
    )
    rows: list[dict[str, Any]] = []
    for sub in subs:
        new, old = now.get(sub.pk), before.get(sub.pk)
        new_label = monitor.label(new.status) if new else "niet ingevuld"
        old_label = monitor.label(old.status) if old else "niet ingevuld"
        rows.append(
            {
                "key": f"status_{sub.pk}", "theme": sub.theme.name, "name": sub.name,
                "old": old_label, "new": new_label, "changed": old_label != new_label,
                "old_explanation": old.explanation if old else "",
                "new_explanation": new.explanation if new else "",
                "explanation_changed": (old.explanation if old else "") != (new.explanation if new else ""),
                "carried_over": bool(new and new.carried_over),
            }
        )  # fmt: skip
    for question in questions:
        new_answer, old_answer = answers.get(question.pk), answers_before.get(question.pk)
        new_text = ANSWERS.get(new_answer or "", "niet beantwoord")
        old_text = ANSWERS.get(old_answer or "", "niet beantwoord")
        rows.append(
            {
                "key": f"question_{question.pk}", "theme": question.theme.name, "name": question.text,
                "old": old_text, "new": new_text, "changed": old_text != new_text,
                "old_explanation": "", "new_explanation": "", "explanation_changed": False,
                "carried_over": False,
            }
        )  # fmt: skip
    return rows


def overview(round_: ProcessRound, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Per region its state, and 'te laat' when the deadline passed before it submitted."""
    today = today or timezone.localdate()
    states = dict(Submission.objects.filter(round=round_).values_list("region_id", "state"))
    late_possible = round_.deadline is not None and today > round_.deadline
    rows = []
    for region in round_.monitor.regions.order_by("name"):
        state = states.get(region.pk, State.NOT_STARTED)
        rows.append(
            {
                "region": region,
                "state": state,
                "state_text": State(state).label,
                "late": late_possible and state in OPEN_STATES,
            }
        )
    return rows
