# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.db.models import Count, Prefetch

from .models import (
    Agenda,
    Effort,
    EffortProgress,
    Goal,
    Picture,
    PictureItem,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
    reports_by_period,
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
    fields = ("order", "title", "owner", "partner")
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


class ProgressInline(admin.StackedInline):
    """The reports of an inspanning, oldest period first; the latest is what the site shows."""

    model = EffortProgress
    extra = 0
    fields = (
        ("report_period", "reported_on"),
        ("status", "status_label", "progress"),
        ("budget", "realisation"),
        "explanation",
    )

    def get_queryset(self, request):
        return reports_by_period()


@admin.register(Effort)
class EffortAdmin(admin.ModelAdmin):
    list_display = ("title", "goal", "owner", "partner", "latest_status", "latest_period")
    list_filter = ("goal__theme", "progress_reports__report_period")
    search_fields = ("title", "owner", "partner__name")
    filter_horizontal = ("indicators",)
    inlines = [ProgressInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("progress_reports", queryset=reports_by_period()))
        )

    @admin.display(description="status (laatste rapportage)")
    def latest_status(self, effort: Effort) -> str:
        report = effort.latest_report()
        return report.display_status() if report else "geen rapportage"

    @admin.display(description="laatste rapportageperiode")
    def latest_period(self, effort: Effort) -> str:
        report = effort.latest_report()
        return str(report.report_period) if report else "–"


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "date", "deadline", "report_count")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "date", "deadline")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_total=Count("reports"))

    @admin.display(description="rapportages", ordering="report_total")
    def report_count(self, period: ReportPeriod) -> int:
        return period.report_total


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
