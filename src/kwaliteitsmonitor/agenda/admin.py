# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.db.models import Count

from .models import (
    Agenda,
    Effort,
    EffortProgress,
    Goal,
    Picture,
    PictureItem,
    Result,
    ResultIndicator,
    Theme,
)


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


class PictureLinkInline(admin.StackedInline):
    """On the opgave: whether it has a beeld, with a link to edit it."""

    model = Picture
    extra = 0
    fields = ("summary", "drawn_up_on")
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("title", "agenda", "order")
    list_filter = ("agenda",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [GoalInline, PictureLinkInline]


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


class PictureItemInline(admin.StackedInline):
    model = PictureItem
    extra = 0
    fields = (("kind", "order"), "title", "text", ("effort", "indicator", "goal"))
    raw_id_fields = ("effort", "indicator", "goal")


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    list_display = ("__str__", "drawn_up_on", "item_count")
    list_filter = ("theme__agenda",)
    list_select_related = ("theme",)
    fields = ("theme", "summary", "participants", "reflection", "drawn_up_on")
    inlines = [PictureItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description="onderdelen", ordering="item_total")
    def item_count(self, picture: Picture) -> int:
        return picture.item_total
