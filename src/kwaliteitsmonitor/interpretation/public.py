# SPDX-License-Identifier: EUPL-1.2
"""What the public sees of the duiding: approved sessions, their verbeteracties and answered raadsvragen
of one publication, for the snapshot pages and the council report (the lead wires these in).

Only approved items appear: sessions as frozen at approval (``Interpretation.published``), questions
whose answer was vastgesteld. Nothing here judges; every item is attributed and dated.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string

from .models import Interpretation, Question, SessionState


def approved_for_goal(publication_number: int, goal_id: int) -> dict[str, Any]:
    """The doel's own session first, then the sessions on its indicators."""
    return _collect(publication_number, Q(goal_id=goal_id))


def approved_for_indicator(publication_number: int, indicator_id: int) -> dict[str, Any]:
    return _collect(publication_number, Q(indicator_id=indicator_id))


def _collect(number: int, subject: Q) -> dict[str, Any]:
    sessions = (
        Interpretation.objects.filter(subject, publication__number=number, state=SessionState.APPROVED)
        .select_related("indicator")
        .order_by("goal_id", "indicator__name", "indicator_id", "id")
    )
    interpretations, actions, seen = [], [], set()
    for item in sorted(sessions, key=lambda s: (s.goal_id, s.indicator_id is not None)):
        frozen = item.published
        interpretations.append(
            {
                "subject": frozen["subject"],
                "title": frozen["title"],
                "session_date": date.fromisoformat(frozen["session_date"])
                if frozen["session_date"]
                else None,
                "participants": frozen["participants"],
                **{key: frozen[key] for key in ("herkennen", "verklaren", "waarderen", "verbeteren")},
                "approved_at": datetime.fromisoformat(frozen["approved_at"]),
                "approved_by": frozen["approved_by"],
            }
        )
        for action in frozen["actions"]:
            if action["id"] in seen:
                continue
            seen.add(action["id"])
            actions.append(
                {
                    "title": action["title"],
                    "owner": action["owner"],
                    "due_date": date.fromisoformat(action["due_date"]),
                    "status": action["status"],
                    "effort_title": action["effort_title"],
                }
            )
    questions = [
        {
            "kind_label": q.get_kind_display(),
            "asked_at": q.asked_at,
            "question": q.question,
            "answer": q.answer,
            "answered_at": q.approved_at,
            "on_time": bool(q.on_time),
        }
        for q in Question.objects.filter(
            subject, publication__number=number, approved_at__isnull=False
        ).order_by("asked_at", "id")
    ]
    return {"interpretations": interpretations, "actions": actions, "questions": questions}


def render(publication_number: int, *, goal_id: int | None = None, indicator_id: int | None = None) -> str:
    """An accessible HTML section with the approved duiding; "" when nothing is approved."""
    if (goal_id is None) == (indicator_id is None):
        raise ValueError("Geef precies één van goal_id en indicator_id.")
    data = (
        approved_for_goal(publication_number, goal_id)
        if goal_id is not None
        else approved_for_indicator(publication_number, indicator_id)  # type: ignore[arg-type]
    )
    if not any(data.values()):
        return ""
    return render_to_string("interpretation/public.html", {"data": data, "key": goal_id or indicator_id})
