# SPDX-License-Identifier: EUPL-1.2
"""Duidingssessies and verbeteracties: the only place that changes their state.

A session belongs to one publication (its frozen figures) and never moves. Approving it freezes what is
published in ``Interpretation.published`` — the four steps, who approved when, and the verbeteracties as
they stood (this session's and the open ones carried from earlier sessions) — so a snapshot page shows
the same words forever, even after an action is closed later. An approved session is not edited again;
a new view belongs in the session on the next publication.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kwaliteitsmonitor.agenda.models import Effort, Goal
from kwaliteitsmonitor.publications.models import Publication, State

from .models import STEPS, Action, ActionStatus, Interpretation, SessionState

# Publications a session or a question may be about: the draft, the live one and earlier (named) ones.
OPEN_TO_SESSIONS = (State.DRAFT, State.LIVE, State.SUPERSEDED)


def publications() -> QuerySet[Publication]:
    return Publication.objects.filter(state__in=OPEN_TO_SESSIONS).order_by("-number")


def user_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def session(publication: Publication, goal: Goal, indicator_id: int | None) -> Interpretation:
    """The stored session on this subject, or a new unsaved one."""
    found = Interpretation.objects.filter(
        publication=publication, goal=goal, indicator_id=indicator_id
    ).first()
    return found or Interpretation(publication=publication, goal=goal, indicator_id=indicator_id)


def carried_actions(publication: Publication, goal: Goal, indicator_id: int | None) -> QuerySet[Action]:
    """Open verbeteracties from sessions on the same subject in earlier publications."""
    return (
        Action.objects.filter(
            status=ActionStatus.OPEN,
            interpretation__goal=goal,
            interpretation__indicator_id=indicator_id,
            interpretation__publication__number__lt=publication.number,
        )
        .select_related("interpretation__publication", "effort")
        .order_by("due_date", "id")
    )


def save(item: Interpretation, user: Any, data: dict[str, Any]) -> Interpretation:
    if item.is_approved:
        raise ValidationError(
            "Deze duiding is goedgekeurd en ligt vast; schrijf een nieuwe bij de volgende publicatie."
        )
    for name in ("session_date", "participants", *(key for key, _, _ in STEPS)):
        if name in data:
            setattr(item, name, data[name])
    item.written_by = user
    item.state = SessionState.CONCEPT
    item.save()
    return item


def submit(item: Interpretation) -> None:
    if item.state != SessionState.CONCEPT or item.pk is None:
        raise ValidationError("Alleen een opgeslagen concept kan ter goedkeuring worden aangeboden.")
    missing = [label for key, label, _ in STEPS if not getattr(item, key).strip()]
    if missing:
        raise ValidationError(f"Vul eerst alle vier de stappen in; nog leeg: {', '.join(missing)}.")
    if item.session_date is None:
        raise ValidationError("Vul eerst de datum van de sessie in.")
    item.state = SessionState.REVIEW
    item.save()


@transaction.atomic
def approve(item: Interpretation, user: Any) -> None:
    item = Interpretation.objects.select_for_update().get(pk=item.pk)
    if item.state != SessionState.REVIEW:
        raise ValidationError("Alleen een duiding die ter goedkeuring ligt, kan worden goedgekeurd.")
    item.state = SessionState.APPROVED
    item.approved_by = user
    item.approved_at = timezone.now()
    own = list(item.actions.select_related("effort"))
    carried = list(carried_actions(item.publication, item.goal, item.indicator_id))
    item.published = {
        "subject": item.subject,
        "title": item.subject_title,
        "session_date": item.session_date.isoformat() if item.session_date else None,
        "participants": item.participants,
        **{key: getattr(item, key) for key, _, _ in STEPS},
        "approved_at": item.approved_at.isoformat(),
        "approved_by": user_name(user),
        "actions": [_frozen_action(a) for a in [*carried, *own]],
    }
    item.save()


def return_to_concept(item: Interpretation) -> None:
    if item.state != SessionState.REVIEW:
        raise ValidationError("Alleen een duiding die ter goedkeuring ligt, kan terug naar concept.")
    item.state = SessionState.CONCEPT
    item.save()


def _frozen_action(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "title": action.title,
        "owner": action.owner,
        "due_date": action.due_date.isoformat(),
        "status": action.get_status_display(),
        "effort_title": action.effort.title if action.effort else "",
    }


@transaction.atomic
def add_action(
    item: Interpretation,
    *,
    title: str,
    owner: str,
    due_date: date,
    effort: Effort | None = None,
    new_effort: bool = False,
) -> Action:
    """A verbeteractie of this session, linked to an inspanning of the doel, or to a new one (created in
    the doel with the action's title and owner)."""
    if item.pk is None or item.is_approved:
        raise ValidationError(
            "Voeg verbeteracties toe aan een opgeslagen duiding die nog niet is goedgekeurd."
        )
    if effort is not None and effort.goal_id != item.goal_id:
        raise ValidationError({"effort": "Kies een inspanning van dit doel."})
    if new_effort:
        order = (
            Effort.objects.filter(goal=item.goal).order_by("-order").values_list("order", flat=True).first()
            or 0
        ) + 1
        effort = Effort.objects.create(goal=item.goal, title=title, owner=owner, order=order)
    return Action.objects.create(
        interpretation=item, title=title, owner=owner, due_date=due_date, effort=effort
    )


def set_status(action: Action, status: str, today: date | None = None) -> None:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Kies open of afgerond."})
    action.status = status
    action.closed_at = (today or timezone.localdate()) if status == ActionStatus.CLOSED else None
    action.save()


def overdue_actions(goals: QuerySet[Goal], today: date | None = None) -> QuerySet[Action]:
    return Action.objects.filter(
        Q(interpretation__goal__in=goals),
        status=ActionStatus.OPEN,
        due_date__lt=today or timezone.localdate(),
    ).order_by("due_date", "id")
