# SPDX-License-Identifier: EUPL-1.2
"""Duiding: per publication the doelen and indicatoren with their session's state; the four-step form of
one session with its verbeteracties; and the list of all verbeteracties (docs/duiding.md).

Redacteuren write and approve the duiding of their own gemeente's agenda; raadsleden read approved
sessions only (and ask questions from there); partners have no part in it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.interpretation import sessions
from kwaliteitsmonitor.interpretation.models import STEPS, Action, ActionStatus, Interpretation, SessionState

from .access import check, requires
from .forms_duiding import ActionForm, InterpretationForm
from .pages import page


def _goals(user: Any) -> Any:
    """The doelen the user sees here: to write (own gemeente), or all of them for a reader."""
    goals = Goal.objects.select_related("theme__agenda").order_by(
        "theme__agenda_id", "theme__order", "order", "id"
    )
    if allowed(user, "interpretation.write"):
        return scoped(user, "interpretation.write", goals)
    return goals


def _indicators(goal: Goal) -> list[Indicator]:
    return list(Indicator.objects.filter(result_links__result__goal=goal).distinct().order_by("name"))


@requires("interpretation.view")
def duiding(request: HttpRequest) -> HttpResponse:
    return page(
        request, "workspace/duiding.html", "duiding", "Duiding", rows=list(sessions.publications()[:30])
    )


@requires("interpretation.view")
def duiding_publication(request: HttpRequest, number: int) -> HttpResponse:
    publication = get_object_or_404(sessions.publications(), number=number)
    writer = allowed(request.user, "interpretation.write")
    stored = {
        (s.goal_id, s.indicator_id): s
        for s in Interpretation.objects.filter(publication=publication).only(
            "goal_id", "indicator_id", "state"
        )
    }
    groups = []
    for goal in _goals(request.user)[:300]:
        rows: list[dict[str, Any]] = []
        groups.append({"goal": goal, "rows": rows})
        for indicator in [None, *_indicators(goal)]:
            found = stored.get((goal.pk, indicator.pk if indicator else None))
            state = found.get_state_display() if found else "Nog niet begonnen"
            if not writer and (found is None or found.state != SessionState.APPROVED):
                state = "Geen goedgekeurde duiding"
            args = [number, goal.pk] + ([indicator.pk] if indicator else [])
            rows.append(
                {
                    "goal": goal,
                    "indicator": indicator,
                    "state": state,
                    "approved": found is not None and found.is_approved,
                    "url": reverse(f"workspace:duiding_{'indicator' if indicator else 'session'}", args=args),
                }
            )
    return page(
        request,
        "workspace/duiding_publication.html",
        "duiding",
        f"Duiding bij {publication}",
        publication=publication,
        groups=groups,
        writer=writer,
    )


@requires("interpretation.view")
def duiding_session(
    request: HttpRequest, number: int, goal: int, indicator: int | None = None
) -> HttpResponse:
    publication = get_object_or_404(sessions.publications(), number=number)
    goal_obj = get_object_or_404(Goal.objects.select_related("theme__agenda"), pk=goal)
    indicator_obj = None
    if indicator is not None:
        indicator_obj = get_object_or_404(Indicator, pk=indicator)
        if indicator_obj not in _indicators(goal_obj):
            raise Http404("Deze indicator hoort niet bij dit doel.")
    item = sessions.session(publication, goal_obj, indicator)
    may_write = allowed(request.user, "interpretation.write", goal_obj)
    may_approve = allowed(request.user, "interpretation.approve", goal_obj)
    if request.method == "POST":
        check(request, "interpretation.write", goal_obj)
        return _post(request, item, may_approve)
    if not may_write and not item.is_approved:
        item = Interpretation(
            publication=publication, goal=goal_obj, indicator=indicator_obj
        )  # shows nothing
        readable = False
    else:
        readable = True
    form = InterpretationForm(instance=item, prefix="duiding") if may_write and not item.is_approved else None
    action_form = ActionForm(goal=goal_obj, prefix="actie") if form is not None and item.pk else None
    return page(
        request,
        "workspace/duiding_session.html",
        "duiding",
        f"Duiding: {indicator_obj.name if indicator_obj else goal_obj}",
        publication=publication,
        goal=goal_obj,
        indicator=indicator_obj,
        item=item,
        readable=readable,
        form=form,
        action_form=action_form,
        may_approve=may_approve,
        steps=STEPS,
        actions=list(item.actions.select_related("effort")) if item.pk else [],
        carried=list(sessions.carried_actions(publication, goal_obj, indicator)),
        may_ask=allowed(request.user, "publications.ask_question"),
        REVIEW=SessionState.REVIEW,
    )


def _post(request: HttpRequest, item: Interpretation, may_approve: bool) -> HttpResponse:
    here = request.path
    try:
        if "save" in request.POST:
            form = InterpretationForm(request.POST, instance=item, prefix="duiding")
            if not form.is_valid():
                return _invalid(request, item, form=form)
            sessions.save(item, request.user, form.cleaned_data)
            messages.success(request, "De duiding is opgeslagen als concept.")
        elif "submit" in request.POST:
            sessions.submit(item)
            messages.success(request, "De duiding ligt ter goedkeuring.")
        elif "approve" in request.POST or "reject" in request.POST:
            check(request, "interpretation.approve", item.goal)
            if "approve" in request.POST:
                sessions.approve(item, request.user)
                messages.success(request, "De duiding is goedgekeurd en wordt met de publicatie getoond.")
            else:
                sessions.return_to_concept(item)
                messages.success(request, "De duiding is terug naar concept.")
        elif "add_action" in request.POST:
            form = ActionForm(request.POST, goal=item.goal, prefix="actie")
            if not form.is_valid():
                return _invalid(request, item, action_form=form)
            sessions.add_action(item, **form.cleaned_data)
            messages.success(request, "De verbeteractie is toegevoegd.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(here)


def _invalid(request: HttpRequest, item: Interpretation, **forms: Any) -> HttpResponse:
    goal = item.goal
    return page(
        request,
        "workspace/duiding_session.html",
        "duiding",
        f"Duiding: {item.subject_title}",
        publication=item.publication,
        goal=goal,
        indicator=item.indicator,
        item=item,
        readable=True,
        form=forms.get("form") or InterpretationForm(instance=item, prefix="duiding"),
        action_form=forms.get("action_form") or (ActionForm(goal=goal, prefix="actie") if item.pk else None),
        may_approve=allowed(request.user, "interpretation.approve", goal),
        steps=STEPS,
        actions=list(item.actions.all()) if item.pk else [],
        carried=list(sessions.carried_actions(item.publication, goal, item.indicator_id)),
        may_ask=False,
        REVIEW=SessionState.REVIEW,
    )


@requires("interpretation.write")
def actions(request: HttpRequest) -> HttpResponse:
    goals = scoped(request.user, "interpretation.write", Goal.objects.all())
    rows = list(
        Action.objects.filter(interpretation__goal__in=goals)
        .select_related(
            "interpretation__publication", "interpretation__goal", "interpretation__indicator", "effort"
        )
        .order_by("status", "due_date", "id")[:500]
    )
    return page(
        request,
        "workspace/actions.html",
        "verbeteracties",
        "Verbeteracties",
        rows=rows,
        OPEN=ActionStatus.OPEN,
    )


@require_POST
@requires("interpretation.write")
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("interpretation__goal"), pk=pk)
    check(request, "interpretation.write", action.interpretation.goal)
    try:
        sessions.set_status(action, request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Verbeteractie '{action.title}': {action.get_status_display().lower()}.")
    return redirect("workspace:actions")
