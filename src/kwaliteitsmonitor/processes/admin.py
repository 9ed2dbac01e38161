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
    SubThemeStatus,
)


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
    fields = ("region", "sub_theme", "status", "explanation")
    autocomplete_fields = ("region", "sub_theme")


class AnswerInline(admin.TabularInline):
    model = ProcessAnswer
    extra = 0
    fields = ("region", "question", "answer")
    autocomplete_fields = ("region", "question")


@admin.register(ProcessRound)
class ProcessRoundAdmin(admin.ModelAdmin):
    """A round with its statuses and answers: what the regioadviseurs filled in at one peildatum."""

    list_display = ("label", "monitor", "reference_date")
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
    list_display = ("region", "sub_theme", "round", "status")
    list_filter = ("round__monitor", "round", "status")
    search_fields = ("region__name", "sub_theme__name")
