# SPDX-License-Identifier: EUPL-1.2
"""Duidingssessies and verbeteracties, and what the public output shows of them: approved only, frozen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kwaliteitsmonitor.agenda.models import Effort
from kwaliteitsmonitor.interpretation import public, sessions
from kwaliteitsmonitor.interpretation.models import ActionStatus, SessionState

TEXT = {
    "session_date": dt.date(2026, 5, 12),
    "participants": "Wethouder Zorg\nWijkteam Noord",
    "herkennen": "Meer cliënten in Noord.",
    "verklaren": "Vergrijzing.",
    "waarderen": "Zorgelijk.",
    "verbeteren": "Inzetten op preventie.",
}


def _concept(world, publication=None, indicator=None):
    """A saved concept session with all four steps (approved by :func:`_approve`)."""
    item = sessions.session(publication or world.draft, world.goals["own"], indicator)
    sessions.save(item, world.users["redacteur"], TEXT)
    return item


def _approve(world, item):
    sessions.submit(item)
    sessions.approve(item, world.users["redacteur"])
    item.refresh_from_db()
    return item


def test_states_concept_review_approved_and_then_fixed(world):
    item = _concept(world)
    assert item.state == SessionState.CONCEPT and item.written_by == world.users["redacteur"]
    _approve(world, item)
    assert item.state == SessionState.APPROVED and item.approved_at is not None
    with pytest.raises(ValidationError, match="goedgekeurd"):
        sessions.save(item, world.users["redacteur"], {"herkennen": "Anders"})
    with pytest.raises(ValidationError):
        sessions.add_action(item, title="Later", owner="X", due_date=dt.date(2026, 9, 1), new_effort=True)


def test_submitting_needs_all_four_steps_and_a_date(world):
    item = sessions.session(world.draft, world.goals["own"], None)
    sessions.save(item, world.users["redacteur"], {**TEXT, "waarderen": ""})
    with pytest.raises(ValidationError, match="Waarderen"):
        sessions.submit(item)
    with pytest.raises(ValidationError, match="ter goedkeuring"):
        sessions.approve(item, world.users["redacteur"])  # not submitted


def test_action_links_an_effort_of_the_doel_or_creates_one(world):
    item = _concept(world)
    existing = sessions.add_action(
        item,
        title="Spreekuur",
        owner="Wijkteam",
        due_date=dt.date(2026, 9, 1),
        effort=world.efforts["own"][0],
    )
    assert existing.effort == world.efforts["own"][0]
    created = sessions.add_action(
        item, title="Preventieteam", owner="GGD", due_date=dt.date(2026, 10, 1), new_effort=True
    )
    assert created.effort.goal == world.goals["own"] and created.effort.title == "Preventieteam"
    assert Effort.objects.filter(goal=world.goals["own"]).count() == 3
    with pytest.raises(ValidationError):
        sessions.add_action(
            item, title="X", owner="Y", due_date=dt.date(2026, 9, 1), effort=world.efforts["other"][0]
        )


def test_open_actions_are_carried_into_later_sessions_until_closed(world):
    earlier = _concept(world, publication=world.earlier)
    kept = sessions.add_action(
        earlier, title="Open actie", owner="A", due_date=dt.date(2026, 3, 1), new_effort=True
    )
    done = sessions.add_action(
        earlier, title="Klaar", owner="B", due_date=dt.date(2026, 3, 1), new_effort=True
    )
    sessions.set_status(done, ActionStatus.CLOSED)
    assert list(sessions.carried_actions(world.draft, world.goals["own"], None)) == [kept]
    # not into sessions on another subject, nor backwards
    assert not sessions.carried_actions(world.draft, world.goals["own"], world.indicator.pk).exists()
    assert not sessions.carried_actions(world.earlier, world.goals["own"], None).exists()
    sessions.set_status(kept, ActionStatus.CLOSED)
    assert not sessions.carried_actions(world.draft, world.goals["own"], None).exists()


def test_public_output_shows_approved_items_only(world):
    draft_only = _concept(world)  # concept: never public
    sessions.add_action(
        draft_only, title="Geheim plan", owner="A", due_date=dt.date(2026, 9, 1), new_effort=True
    )
    assert public.approved_for_goal(world.draft.number, world.goals["own"].pk) == {
        "interpretations": [], "actions": [], "questions": [],
    }  # fmt: skip
    assert public.render(world.draft.number, goal_id=world.goals["own"].pk) == ""
    sessions.submit(draft_only)  # ter goedkeuring: still not public
    assert public.render(world.draft.number, goal_id=world.goals["own"].pk) == ""
    sessions.approve(draft_only, world.users["redacteur"])
    data = public.approved_for_goal(world.draft.number, world.goals["own"].pk)
    [shown] = data["interpretations"]
    assert shown["subject"] == "doel" and shown["herkennen"] == "Meer cliënten in Noord."
    assert shown["session_date"] == dt.date(2026, 5, 12) and shown["approved_by"] == "redacteur"
    assert data["actions"] == [
        {"title": "Geheim plan", "owner": "A", "due_date": dt.date(2026, 9, 1), "status": "Open",
         "effort_title": "Geheim plan"},
    ]  # fmt: skip
    # bound to its publication: nothing on another one
    assert public.render(world.earlier.number, goal_id=world.goals["own"].pk) == ""


def test_goal_output_includes_its_indicator_sessions_and_indicator_output_only_those(world):
    _approve(world, _concept(world))
    on_indicator = sessions.session(world.draft, world.goals["own"], world.indicator.pk)
    sessions.save(on_indicator, world.users["redacteur"], {**TEXT, "herkennen": "Over de indicator"})
    _approve(world, on_indicator)
    by_goal = public.approved_for_goal(world.draft.number, world.goals["own"].pk)["interpretations"]
    assert [i["subject"] for i in by_goal] == ["doel", "indicator"]
    by_indicator = public.approved_for_indicator(world.draft.number, world.indicator.pk)["interpretations"]
    assert [(i["subject"], i["title"], i["herkennen"]) for i in by_indicator] == [
        ("indicator", "Wmo-cliënten", "Over de indicator")
    ]


def test_render_is_attributed_dated_and_frozen_at_approval(world):
    item = _concept(world)
    action = sessions.add_action(
        item, title="Spreekuur", owner="Wijkteam", due_date=dt.date(2026, 9, 1), new_effort=True
    )
    _approve(world, item)
    html = public.render(world.draft.number, goal_id=world.goals["own"].pk)
    for text in ("<h2", "Duiding", "Verbeteracties", "12 mei 2026", "Wethouder Zorg", "Goedgekeurd door redacteur",
                 "1 september 2026", "Open", "De monitor geeft zelf geen oordeel"):  # fmt: skip
        assert text in html, text
    sessions.set_status(action, ActionStatus.CLOSED)  # a later change does not alter what was published
    assert public.render(world.draft.number, goal_id=world.goals["own"].pk) == html


def test_render_needs_one_subject(world):
    with pytest.raises(ValueError):
        public.render(world.draft.number)


def test_the_demo_can_still_clear_publications_and_its_agenda(world):
    from kwaliteitsmonitor.interpretation import questions
    from kwaliteitsmonitor.interpretation.models import Action, Interpretation, Question
    from kwaliteitsmonitor.publications import store

    item = _concept(world)
    sessions.add_action(item, title="Actie", owner="A", due_date=dt.date(2026, 9, 1), new_effort=True)
    questions.ask(world.users["raadslid"], world.draft, world.goals["own"], None, "technisch", "Vraag?")
    store.clear_all()
    assert (
        not Interpretation.objects.exists() and not Action.objects.exists() and not Question.objects.exists()
    )
