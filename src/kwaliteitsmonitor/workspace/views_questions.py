# SPDX-License-Identifier: EUPL-1.2
"""Raadsvragen: raadsleden ask on a doel or indicator of a publication and read their own questions and
the answers once vastgesteld; redacteuren answer those on their own gemeente's doelen. The overview shows
the share answered on time (docs/duiding.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format

from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.agenda.models import Goal
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.interpretation import questions as council
from kwaliteitsmonitor.interpretation import sessions
from kwaliteitsmonitor.interpretation.models import Question

from .access import check, requires
from .forms_duiding import AnswerForm, QuestionForm
from .pages import page


@requires("interpretation.view_question")
def question_list(request: HttpRequest) -> HttpResponse:
    found = scoped(request.user, "interpretation.view_question", Question.objects.all())
    rows = list(found.select_related("publication", "goal", "indicator", "asked_by")[:500])
    return page(
        request,
        "workspace/questions.html",
        "vragen",
        "Raadsvragen",
        rows=rows,
        share=council.on_time_share(found),
        terms=council.terms_text(),
        may_ask=allowed(request.user, "publications.ask_question"),
    )


@requires("publications.ask_question")
def question_new(request: HttpRequest, number: int, goal: int) -> HttpResponse:
    publication = get_object_or_404(sessions.publications(), number=number)
    goal_obj = get_object_or_404(Goal, pk=goal)
    raw = request.POST.get("indicator") or request.GET.get("indicator") or ""
    indicator = None
    if raw:
        indicator = (
            Indicator.objects.filter(pk=raw, result_links__result__goal=goal_obj).first()
            if raw.isdigit()
            else None
        )
        if indicator is None:
            raise Http404("Deze indicator hoort niet bij dit doel.")
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = council.ask(
                request.user,
                publication,
                goal_obj,
                indicator.pk if indicator else None,
                form.cleaned_data["kind"],
                form.cleaned_data["question"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Uw vraag is gesteld; het antwoord volgt uiterlijk {date_format(asked.deadline, 'j F Y')}.",
            )
            return redirect("workspace:question", pk=asked.pk)
    return page(
        request,
        "workspace/question_new.html",
        "vragen",
        "Vraag stellen",
        form=form,
        publication=publication,
        goal=goal_obj,
        indicator=indicator,
        terms=council.terms_text(),
    )


@requires("interpretation.view_question")
def question(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Question.objects.select_related("publication", "goal", "indicator", "asked_by"), pk=pk
    )
    check(request, "interpretation.view_question", item)
    may_answer = allowed(request.user, "interpretation.answer_question", item.goal) and not item.is_answered
    form = AnswerForm(request.POST if request.method == "POST" else None, initial={"answer": item.answer})
    if request.method == "POST":
        check(request, "interpretation.answer_question", item.goal)
        if form.is_valid():
            try:
                council.answer(
                    item, request.user, form.cleaned_data["answer"], final="approve" in request.POST
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                done = "vastgesteld" if item.is_answered else "opgeslagen als concept"
                messages.success(request, f"Het antwoord is {done}.")
            return redirect("workspace:question", pk=item.pk)
    return page(
        request,
        "workspace/question.html",
        "vragen",
        f"{item.get_kind_display()} {item.pk}",
        item=item,
        form=form if may_answer else None,
    )
