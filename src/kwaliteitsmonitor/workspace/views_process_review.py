# SPDX-License-Identifier: EUPL-1.2
"""The regio-adviseur's side of a process round (a beheerder, rule ``processes.review_round``): open a
round, see per region where it stands (niet begonnen, concept, ingediend, teruggestuurd, goedgekeurd,
te laat), and review a submitted region: per field what changed since its previous approved round, return
items with a reason each, or approve. Only approved regions are public (``processes.public``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify

from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import ProcessRegion, ProcessRound

from .access import check, requires
from .pages import page


class RoundForm(forms.ModelForm):
    class Meta:
        model = ProcessRound
        fields = ["monitor", "label", "reference_date", "deadline"]
        widgets = {
            "reference_date": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        monitor, label = data.get("monitor"), data.get("label")
        if monitor and label:
            self.instance.slug = slugify(label)[:80]
            if ProcessRound.objects.filter(monitor=monitor, slug=self.instance.slug).exists():
                self.add_error("label", f"{monitor.name} heeft al een ronde met de naam {label}.")
        reference, deadline = data.get("reference_date"), data.get("deadline")
        if (
            monitor
            and reference
            and ProcessRound.objects.filter(monitor=monitor, reference_date=reference).exists()
        ):
            self.add_error("reference_date", f"{monitor.name} heeft al een ronde met deze peildatum.")
        if reference and deadline and deadline < reference:
            self.add_error("deadline", "De uiterste invuldatum ligt vóór de peildatum.")
        return data


@requires("processes.review_round")
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, f"Ronde {created.label} is geopend; de regio’s kunnen invullen.")
        return redirect("workspace:process_overview", round_=created.pk)
    return page(
        request, "workspace/process_round_new.html", "processen", "Nieuwe ronde openen",
        status=400 if form.errors else 200, form=form,
    )  # fmt: skip


@requires("processes.review_round")
def overview(request: HttpRequest, round_: int) -> HttpResponse:
    round_obj = get_object_or_404(ProcessRound.objects.select_related("monitor"), pk=round_)
    rows = lifecycle.overview(round_obj)
    counts = {state.label: sum(1 for r in rows if r["state"] == state) for state in lifecycle.State}
    late = sum(1 for r in rows if r["late"])
    return page(
        request, "workspace/process_overview.html", "processen",
        f"{round_obj.monitor.name}: {round_obj.label}",
        round=round_obj, rows=rows, counts=counts, late=late,
    )  # fmt: skip


@requires("processes.review_round")
def review(request: HttpRequest, region: int, round_: int) -> HttpResponse:
    region_obj = get_object_or_404(ProcessRegion.objects.select_related("monitor"), pk=region)
    check(request, "processes.review_round", region_obj)
    round_obj = get_object_or_404(
        ProcessRound.objects.select_related("monitor"), pk=round_, monitor=region_obj.monitor
    )
    found = lifecycle.submission(round_obj, region_obj)
    rows = lifecycle.changes(round_obj, region_obj)
    error = ""
    if request.method == "POST" and found is not None:
        try:
            if "approve" in request.POST:
                lifecycle.approve(found)
                messages.success(
                    request, f"{region_obj.name}: {round_obj.label} is goedgekeurd en wordt openbaar."
                )
            else:
                reasons = {row["key"]: request.POST.get(f"reason_{row['key']}", "") for row in rows}
                lifecycle.return_items(found, reasons)
                messages.success(request, f"{region_obj.name}: onderdelen teruggestuurd met hun reden.")
            return redirect("workspace:process_overview", round_=round_obj.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return page(
        request, "workspace/process_review.html", "processen",
        f"Beoordelen: {region_obj.name}, {round_obj.label}",
        status=400 if error else 200, region=region_obj, round=round_obj, submission=found, rows=rows,
        changed=sum(1 for r in rows if r["changed"] or r["explanation_changed"]), error=error,
        previous=lifecycle.previous_round(round_obj, region_obj),
        reviewable=found is not None and found.state == lifecycle.State.SUBMITTED,
    )  # fmt: skip
