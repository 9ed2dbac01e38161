# SPDX-License-Identifier: EUPL-1.2
"""Process rounds: per monitor, round and region a short form per theme (its sub-theme statuses and
yes/no questions), not one form of all rows. Regio users see and fill in only their own region."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from kwaliteitsmonitor.accounts.permissions import scoped
from kwaliteitsmonitor.analysis.vocabulary import ANSWERS
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessRegion,
    ProcessRound,
    ProcessTheme,
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
        rounds = list(region.monitor.rounds.order_by("-reference_date")[:4])
        themes = list(region.monitor.themes.order_by("order", "id"))
        rows.append({"region": region, "rounds": rounds, "themes": themes})
    return page(request, "workspace/processes.html", "processen", "Procesmonitors", rows=rows)


class ThemeForm(forms.Form):
    def __init__(
        self, *args: Any, theme: ProcessTheme, round_: ProcessRound, region: ProcessRegion, **kw: Any
    ):
        super().__init__(*args, **kw)
        monitor = round_.monitor
        statuses = {s.sub_theme_id: s for s in SubThemeStatus.objects.filter(round=round_, region=region)}
        answers = {a.question_id: a for a in ProcessAnswer.objects.filter(round=round_, region=region)}
        choices = [("", "— nog niet ingevuld —"), *[(s, monitor.label(s)) for s in monitor.statuses]]
        self.sub_themes = list(theme.sub_themes.order_by("order", "id"))
        self.questions = list(theme.questions.order_by("order", "id"))
        for sub in self.sub_themes:
            current = statuses.get(sub.pk)
            self.fields[f"status_{sub.pk}"] = forms.ChoiceField(
                label=sub.name, choices=choices, required=False, initial=current.status if current else ""
            )
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
            )  # fmt: skip

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
                elif (found.status, found.explanation) != (status, explanation):
                    found.status, found.explanation = status, explanation
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
                elif existing.answer != answer:
                    existing.answer = answer
                    existing.save()
                    changed += 1
        return changed


@requires("processes.change_status")
def theme_form(request: HttpRequest, region: int, round_: int, theme: int) -> HttpResponse:
    region_obj = get_object_or_404(ProcessRegion.objects.select_related("monitor"), pk=region)
    check(request, "processes.change_status", region_obj)
    round_obj = get_object_or_404(ProcessRound, pk=round_, monitor=region_obj.monitor)
    theme_obj = get_object_or_404(ProcessTheme, pk=theme, monitor=region_obj.monitor)
    form = ThemeForm(request.POST or None, theme=theme_obj, round_=round_obj, region=region_obj)
    if request.method == "POST" and form.is_valid():
        changed = form.save(round_obj, region_obj)
        messages.success(request, f"{theme_obj.name}: {changed} wijziging(en) opgeslagen.")
        return redirect("workspace:process_theme", region=region, round_=round_, theme=theme)
    themes = list(region_obj.monitor.themes.order_by("order", "id"))
    return page(
        request, "workspace/process_theme.html", "processen", f"{theme_obj.name} – {region_obj.name}",
        form=form, region=region_obj, round=round_obj, theme=theme_obj, themes=themes,
    )  # fmt: skip
