# SPDX-License-Identifier: EUPL-1.2
"""Process rounds as a region fills them in: per monitor, round and region a short form per theme (its
sub-theme statuses in the dashboard's own labels and its yes/no questions), one theme per page with
"Opslaan en volgende thema", a progress line, and the round page where the region submits. Regio users
see and fill in only their own region, and only while the round is a concept or returned
(``processes.lifecycle``). The adviser's side is in ``views_process_review``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.analysis.vocabulary import ANSWERS
from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessRegion,
    ProcessRound,
    ProcessTheme,
    Submission,
    SubThemeStatus,
)

from .access import check, requires
from .pages import page


@requires("processes.change_status")
def processes(request: HttpRequest) -> HttpResponse:
    regions = (
        scoped(request.user, "processes.change_status", ProcessRegion.objects.all())
        .select_related("monitor")
        .order_by("monitor__order", "monitor__name", "name")
    )
    rows = []
    for region in regions:
        rounds = []
        for item in region.monitor.rounds.order_by("-reference_date")[:4]:
            state = lifecycle.state_of(item, region)
            rounds.append(
                {"round": item, "state": state, "state_text": lifecycle.State(state).label,
                 "progress": lifecycle.progress(item, region).text}
            )  # fmt: skip
        rows.append({"region": region, "rounds": rounds})
    reviewer = allowed(request.user, "processes.review_round")
    review_rounds = (
        ProcessRound.objects.select_related("monitor").order_by("monitor__order", "-reference_date")
        if reviewer
        else []
    )
    return page(
        request, "workspace/processes.html", "processen", "Procesmonitors",
        rows=rows, reviewer=reviewer, review_rounds=review_rounds,
    )  # fmt: skip


class ThemeForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        theme: ProcessTheme,
        round_: ProcessRound,
        region: ProcessRegion,
        returned: dict[str, str] | None = None,
        locked: bool = False,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        returned = returned or {}
        monitor = round_.monitor
        statuses = {s.sub_theme_id: s for s in SubThemeStatus.objects.filter(round=round_, region=region)}
        answers = {a.question_id: a for a in ProcessAnswer.objects.filter(round=round_, region=region)}
        choices = [("", "— nog niet ingevuld —"), *[(s, monitor.label(s)) for s in monitor.statuses]]
        self.sub_themes = list(theme.sub_themes.order_by("order", "id"))
        self.questions = list(theme.questions.order_by("order", "id"))
        for sub in self.sub_themes:
            current = statuses.get(sub.pk)
            self.fields[f"status_{sub.pk}"] = forms.ChoiceField(
                label=sub.name, choices=choices, required=False, initial=current.status if current else "",
                help_text=_help(current, returned.get(f"status_{sub.pk}"), round_),
            )  # fmt: skip
            self.fields[f"explanation_{sub.pk}"] = forms.CharField(
                label=f"Toelichting bij {sub.name}", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}), initial=current.explanation if current else "",
            )  # fmt: skip
        answer_choices = [("", "— nog niet beantwoord —"), *ANSWERS.items()]
        for question in self.questions:
            current_answer = answers.get(question.pk)
            self.fields[f"question_{question.pk}"] = forms.ChoiceField(
                label=question.text, choices=answer_choices, required=False,
                initial=current_answer.answer if current_answer else "",
                help_text=_help(current_answer, returned.get(f"question_{question.pk}"), round_),
            )  # fmt: skip
        if locked:
            for field in self.fields.values():
                field.disabled = True

    def save(self, round_: ProcessRound, region: ProcessRegion) -> int:
        changed = 0
        with transaction.atomic():
            for sub in self.sub_themes:
                status = self.cleaned_data.get(f"status_{sub.pk}") or ""
                explanation = self.cleaned_data.get(f"explanation_{sub.pk}") or ""
                found = SubThemeStatus.objects.filter(round=round_, region=region, sub_theme=sub).first()
                if not status:
                    if found is not None:
                        found.delete()
                        changed += 1
                    continue
                if found is None:
                    SubThemeStatus.objects.create(
                        round=round_, region=region, sub_theme=sub, status=status, explanation=explanation
                    )
                    changed += 1
                elif (found.status, found.explanation, found.carried_over) != (status, explanation, False):
                    found.status, found.explanation, found.carried_over = status, explanation, False
                    found.save()
                    changed += 1
            for question in self.questions:
                answer = self.cleaned_data.get(f"question_{question.pk}") or ""
                existing = ProcessAnswer.objects.filter(
                    round=round_, region=region, question=question
                ).first()
                if not answer:
                    if existing is not None:
                        existing.delete()
                        changed += 1
                elif existing is None:
                    ProcessAnswer.objects.create(
                        round=round_, region=region, question=question, answer=answer
                    )
                    changed += 1
                elif (existing.answer, existing.carried_over) != (answer, False):
                    existing.answer, existing.carried_over = answer, False
                    existing.save()
                    changed += 1
        return changed


def _help(current: Any, reason: str | None, round_: ProcessRound) -> str:
    parts = []
    if reason:
        parts.append(f"Teruggestuurd door de adviseur: {reason}")
    if current is not None and current.carried_over:
        parts.append("Overgenomen uit de vorige goedgekeurde ronde; opslaan bevestigt het.")
    return " ".join(parts)


def _region_round(request: HttpRequest, region: int, round_: int) -> tuple[ProcessRegion, ProcessRound]:
    region_obj = get_object_or_404(ProcessRegion.objects.select_related("monitor"), pk=region)
    check(request, "processes.change_status", region_obj)
    round_obj = get_object_or_404(
        ProcessRound.objects.select_related("monitor"), pk=round_, monitor=region_obj.monitor
    )
    return region_obj, round_obj


def _submission(request: HttpRequest, round_: ProcessRound, region: ProcessRegion) -> Submission | None:
    """The region's concept, started (prefilled) on the region's first visit; an adviser only looking
    does not start it."""
    found = lifecycle.submission(round_, region)
    if found is None and (request.method == "POST" or not allowed(request.user, "processes.review_round")):
        found = lifecycle.start(round_, region)
    return found


@requires("processes.change_status")
def theme_form(request: HttpRequest, region: int, round_: int, theme: int) -> HttpResponse:
    region_obj, round_obj = _region_round(request, region, round_)
    theme_obj = get_object_or_404(ProcessTheme, pk=theme, monitor=region_obj.monitor)
    found = _submission(request, round_obj, region_obj)
    locked = found is None or not found.editable
    form = ThemeForm(
        request.POST or None, theme=theme_obj, round_=round_obj, region=region_obj,
        returned=found.returned if found else {}, locked=locked,
    )  # fmt: skip
    themes = list(region_obj.monitor.themes.order_by("order", "id"))
    if request.method == "POST" and locked:
        messages.error(request, "Deze ronde is ingediend of goedgekeurd: u kunt niets meer wijzigen.")
        return redirect("workspace:process_round", region=region, round_=round_)
    if request.method == "POST" and form.is_valid():
        changed = form.save(round_obj, region_obj)
        messages.success(request, f"{theme_obj.name}: {changed} wijziging(en) opgeslagen.")
        index = [t.pk for t in themes].index(theme_obj.pk)
        if "next" in request.POST and index + 1 < len(themes):
            return redirect(
                "workspace:process_theme", region=region, round_=round_, theme=themes[index + 1].pk
            )
        if "next" in request.POST:
            return redirect("workspace:process_round", region=region, round_=round_)
        return redirect("workspace:process_theme", region=region, round_=round_, theme=theme)
    index = [t.pk for t in themes].index(theme_obj.pk)
    return page(
        request, "workspace/process_theme.html", "processen", f"{theme_obj.name} – {region_obj.name}",
        form=form, region=region_obj, round=round_obj, theme=theme_obj, themes=themes, locked=locked,
        submission=found, progress=lifecycle.progress(round_obj, region_obj).text,
        theme_number=index + 1, is_last=index + 1 == len(themes),
    )  # fmt: skip


@requires("processes.change_status")
def round_page(request: HttpRequest, region: int, round_: int) -> HttpResponse:
    """The region's round: progress per theme, what the adviser returned, and "Indienen"."""
    region_obj, round_obj = _region_round(request, region, round_)
    found = _submission(request, round_obj, region_obj)
    error = ""
    if request.method == "POST" and found is not None:
        try:
            lifecycle.submit(found)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Ronde {round_obj.label} is ingediend bij de regio-adviseur.")
            return redirect("workspace:process_round", region=region, round_=round_)
    themes = [
        {"theme": t, "progress": lifecycle.progress(round_obj, region_obj, t.pk)}
        for t in region_obj.monitor.themes.order_by("order", "id")
    ]
    names = {row["key"]: f"{row['theme']}: {row['name']}" for row in lifecycle.changes(round_obj, region_obj)}
    returned = [{"name": names.get(k, k), "reason": v} for k, v in (found.returned if found else {}).items()]
    return page(
        request, "workspace/process_round.html", "processen", f"{round_obj.label} – {region_obj.name}",
        status=400 if error else 200, region=region_obj, round=round_obj, submission=found,
        state_text=lifecycle.State(found.state if found else lifecycle.State.NOT_STARTED).label,
        progress=lifecycle.progress(round_obj, region_obj), themes=themes, returned=returned, error=error,
        previous=lifecycle.previous_round(round_obj, region_obj),
    )  # fmt: skip
