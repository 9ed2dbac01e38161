# SPDX-License-Identifier: EUPL-1.2
"""Raadsvragen: asked by raadsleden on a doel or indicator of a publication, answered by redacteuren.

The deadline follows the reglement van orde (``KM_QUESTION_DEADLINES``, :mod:`analysis.deadlines`). A
question counts as answered once a redacteur vastgesteld (approved) the answer; only then do the asker
and the snapshot see it, and only then is it fixed. The share answered on time counts every question
whose answer was vastgesteld or whose deadline passed: on time / (answered + overdue).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.analysis import deadlines
from kwaliteitsmonitor.publications.models import Publication

from .models import Question, QuestionKind
from .sessions import OPEN_TO_SESSIONS


def ask(
    user: Any, publication: Publication, goal: Goal, indicator_id: int | None, kind: str, text: str
) -> Question:
    if publication.state not in OPEN_TO_SESSIONS:
        raise ValidationError({"publication": "Over deze publicatie kunnen geen vragen worden gesteld."})
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": "Kies technische vraag of schriftelijke vraag."})
    if not text.strip():
        raise ValidationError({"question": "Schrijf de vraag."})
    now = timezone.now()
    term = settings.KM_QUESTION_DEADLINES[kind]
    return Question.objects.create(
        publication=publication,
        goal=goal,
        indicator_id=indicator_id,
        kind=kind,
        question=text.strip(),
        asked_by=user,
        asked_at=now,
        deadline=deadlines.deadline(timezone.localdate(now), term),
    )


def answer(question: Question, user: Any, text: str, *, final: bool) -> None:
    """Save the answer; ``final`` also vaststellen (approve) it, after which it is fixed."""
    if question.is_answered:
        raise ValidationError("Dit antwoord is vastgesteld en ligt vast.")
    if final and not text.strip():
        raise ValidationError({"answer": "Schrijf het antwoord voordat u het vaststelt."})
    question.answer = text.strip()
    question.answered_by = user
    question.answered_at = timezone.now()
    if final:
        question.approved_by = user
        question.approved_at = question.answered_at
    question.save()


@dataclass(frozen=True)
class OnTime:
    on_time: int
    counted: int  # answered, or unanswered past the deadline

    @property
    def share(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    def text(self) -> str:
        if not self.counted:
            return "nog geen vragen waarvan de termijn voorbij is of die beantwoord zijn"
        percent = f"{round(100 * self.on_time / self.counted)}%"
        return f"{percent} op tijd beantwoord ({self.on_time} van {self.counted})"


def on_time_share(questions: QuerySet[Question]) -> OnTime:
    today = timezone.localdate()
    on_time = counted = 0
    for q in questions.only("deadline", "approved_at"):
        if q.approved_at is not None:
            counted += 1
            on_time += bool(q.on_time)
        elif q.deadline < today:
            counted += 1
    return OnTime(on_time, counted)


def terms_text() -> str:
    terms = settings.KM_QUESTION_DEADLINES
    labels = dict(QuestionKind.choices)
    return "; ".join(f"{labels.get(kind, kind)}: {term.text()}" for kind, term in terms.items())
