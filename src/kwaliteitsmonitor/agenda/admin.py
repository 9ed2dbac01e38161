# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from .models import Agenda, Effort, EffortProgress, Goal, Result, ResultIndicator, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ("order", "title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "start_year", "end_year", "is_active", "is_fictitious")
    raw_id_fields = ("area",)
    inlines = [ThemeInline]


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ("order", "number", "title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("title", "agenda", "order")
    list_filter = ("agenda",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [GoalInline]


class ResultInline(admin.StackedInline):
    model = Result
    extra = 0
    fields = (
        "order",
        "title",
        "target_value",
        "target_year",
        "baseline_value",
        "baseline_period",
        "direction",
    )
    show_change_link = True


class EffortInline(admin.TabularInline):
    model = Effort
    extra = 0
    fields = ("order", "title", "owner", "partner", "status", "progress")
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "theme", "order")
    list_filter = ("theme__agenda", "theme")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ResultInline, EffortInline]


class ResultIndicatorInline(admin.TabularInline):
    model = ResultIndicator
    extra = 0
    raw_id_fields = ("indicator",)


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("title", "goal", "target_value", "target_year", "direction")
    list_filter = ("goal__theme",)
    inlines = [ResultIndicatorInline]


class ProgressInline(admin.TabularInline):
    model = EffortProgress
    extra = 0


@admin.register(Effort)
class EffortAdmin(admin.ModelAdmin):
    list_display = ("title", "goal", "owner", "partner", "status", "progress")
    list_filter = ("status", "goal__theme")
    search_fields = ("title", "owner", "partner")
    filter_horizontal = ("indicators",)
    inlines = [ProgressInline]
