# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from .models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    Submission,
    SubThemeStatus,
)


def _dashboard_choices(monitor: ProcessMonitor | None) -> list[tuple[str, str]] | None:
    """The dashboard's own labels for a status field (never the generic ones), when the monitor is known."""
    return [("", "---------"), *[(s, monitor.label(s)) for s in monitor.statuses]] if monitor else None


class ThemeInline(admin.TabularInline):
    model = ProcessTheme
    extra = 0
    fields = ("order", "name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    show_change_link = True


class RoundInline(admin.TabularInline):
    model = ProcessRound
    extra = 0
    fields = ("label", "slug", "reference_date")
    prepopulated_fields = {"slug": ("label",)}
    show_change_link = True


class RegionInline(admin.TabularInline):
    model = ProcessRegion
    extra = 0
    fields = ("name", "slug", "area")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("area",)


@admin.register(ProcessMonitor)
class ProcessMonitorAdmin(admin.ModelAdmin):
    list_display = ("name", "label_set", "order", "is_fictitious")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ThemeInline, RoundInline, RegionInline]


class SubThemeInline(admin.TabularInline):
    model = ProcessSubTheme
    extra = 0
    fields = ("order", "name", "description")


class QuestionInline(admin.TabularInline):
    model = ProcessQuestion
    extra = 0
    fields = ("order", "text", "group")


@admin.register(ProcessTheme)
class ProcessThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "monitor", "order")
    list_filter = ("monitor",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SubThemeInline, QuestionInline]


class StatusInline(admin.TabularInline):
    model = SubThemeStatus
    extra = 0
    fields = ("region", "sub_theme", "status", "explanation", "carried_over")
    autocomplete_fields = ("region", "sub_theme")

    def get_formset(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        formset = super().get_formset(request, obj, **kwargs)
        choices = _dashboard_choices(obj.monitor if obj is not None else None)
        if choices:
            formset.form.base_fields["status"].choices = choices
        return formset


class AnswerInline(admin.TabularInline):
    model = ProcessAnswer
    extra = 0
    fields = ("region", "question", "answer")
    autocomplete_fields = ("region", "question")


@admin.register(ProcessRound)
class ProcessRoundAdmin(admin.ModelAdmin):
    """A round with its statuses and answers: what the regioadviseurs filled in at one peildatum."""

    list_display = ("label", "monitor", "reference_date", "deadline")
    list_filter = ("monitor",)
    prepopulated_fields = {"slug": ("label",)}
    inlines = [StatusInline, AnswerInline]


@admin.register(ProcessRegion)
class ProcessRegionAdmin(admin.ModelAdmin):
    list_display = ("name", "monitor", "area")
    list_filter = ("monitor",)
    search_fields = ("name", "area__name", "area__code")
    raw_id_fields = ("area",)


@admin.register(ProcessSubTheme)
class ProcessSubThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "theme")
    list_filter = ("theme__monitor",)
    search_fields = ("name", "theme__name")


@admin.register(ProcessQuestion)
class ProcessQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "theme", "group")
    list_filter = ("theme__monitor",)
    search_fields = ("text", "group")


@admin.register(SubThemeStatus)
class SubThemeStatusAdmin(admin.ModelAdmin):
    list_display = ("region", "sub_theme", "round", "dashboard_label")
    list_filter = ("round__monitor", "round")  # no filter on status: it would show the generic labels
    search_fields = ("region__name", "sub_theme__name")

    @admin.display(description="status", ordering="status")
    def dashboard_label(self, obj: SubThemeStatus) -> str:
        return obj.round.monitor.label(obj.status)

    def get_form(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, **kwargs)
        choices = _dashboard_choices(obj.round.monitor if obj is not None else None)
        if choices and "status" in form.base_fields:
            form.base_fields["status"].choices = choices
        return form


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """A region's round and its review state; the workspace is where regions and the adviser change it."""

    list_display = ("region", "round", "state", "via_import", "submitted_at", "reviewed_at")
    list_filter = ("round__monitor", "round", "state")
    search_fields = ("region__name",)
    raw_id_fields = ("round", "region")
