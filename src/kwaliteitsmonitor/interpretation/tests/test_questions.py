# SPDX-License-Identifier: EUPL-1.2
"""Raadsvragen: deadlines from the reglement van orde, answers, the share answered on time, public output."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kwaliteitsmonitor.analysis import deadlines
from kwaliteitsmonitor.interpretation import public, questions


def test_deadline_terms_parse_and_count_working_days():
    terms = deadlines.parse(deadlines.DEFAULT)
    assert terms["technisch"] == deadlines.Term(5, True) and terms["schriftelijk"] == deadlines.Term(
        30, False
    )
    friday = dt.date(2026, 12, 4)
    assert deadlines.deadline(friday, terms["technisch"]) == dt.date(2026, 12, 11)  # Mon..Fri next week
    assert deadlines.deadline(friday, terms["schriftelijk"]) == dt.date(2027, 1, 3)
    assert terms["technisch"].text() == "5 werkdagen"
    for bad in ("technisch=5", "technisch=vijf dagen", "technisch=0 dagen", "=5 dagen"):
        with pytest.raises(ValueError, match="KM_QUESTION_DEADLINES"):
            deadlines.parse(bad)


def test_ask_sets_the_deadline_and_refuses_bad_input(world, settings):
    settings.KM_QUESTION_DEADLINES = deadlines.parse("technisch=5 werkdagen; schriftelijk=30 dagen")
    asked = questions.ask(
        world.users["raadslid"], world.draft, world.goals["own"], None, "schriftelijk", " Waarom? "
    )
    assert asked.question == "Waarom?"
    assert asked.deadline == timezone.localdate(asked.asked_at) + dt.timedelta(days=30)
    with pytest.raises(ValidationError):
        questions.ask(world.users["raadslid"], world.draft, world.goals["own"], None, "mondeling", "Waarom?")
    world.draft.state = "discarded"
    with pytest.raises(ValidationError):
        questions.ask(world.users["raadslid"], world.draft, world.goals["own"], None, "technisch", "Waarom?")


def test_on_time_share_counts_answered_and_overdue(world):
    def ask():
        return questions.ask(
            world.users["raadslid"], world.draft, world.goals["own"], None, "technisch", "V?"
        )

    on_time, late, overdue, waiting = ask(), ask(), ask(), ask()
    questions.answer(on_time, world.users["redacteur"], "Op tijd.", final=True)
    late.deadline = overdue.deadline = timezone.localdate() - dt.timedelta(days=1)
    late.save()
    overdue.save()
    questions.answer(late, world.users["redacteur"], "Te laat.", final=True)
    share = questions.on_time_share(type(on_time).objects.all())
    assert (share.on_time, share.counted) == (1, 3)  # waiting is not yet due
    assert share.text() == "33% op tijd beantwoord (1 van 3)"
    assert waiting.on_time is None


def test_only_vastgestelde_answers_are_public_and_fixed(world):
    item = questions.ask(
        world.users["raadslid"], world.draft, world.goals["own"], world.indicator.pk, "technisch", "Hoe?"
    )
    questions.answer(item, world.users["redacteur"], "Concept", final=False)
    assert public.approved_for_indicator(world.draft.number, world.indicator.pk)["questions"] == []
    assert public.render(world.draft.number, indicator_id=world.indicator.pk) == ""
    questions.answer(item, world.users["redacteur"], "Zo.", final=True)
    [shown] = public.approved_for_goal(world.draft.number, world.goals["own"].pk)["questions"]
    assert shown["kind_label"] == "Technische vraag" and shown["answer"] == "Zo." and shown["on_time"] is True
    html = public.render(world.draft.number, indicator_id=world.indicator.pk)
    assert "Vragen van de raad" in html and "binnen de termijn" in html
    with pytest.raises(ValidationError):
        questions.answer(item, world.users["redacteur"], "Toch anders", final=True)
