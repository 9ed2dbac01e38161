# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from . import recompute
from .models import ImportRun, Indicator, Observation, ObservationRevision


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "unit", "polarity", "nature", "provider", "is_published")
    list_filter = ("category", "unit", "provider", "nature", "is_published")
    search_fields = ("code", "name", "definition")
    raw_id_fields = ("numerator", "denominator")
    fieldsets = [
        (None, {"fields": ("code", "name", "short_name", "category", "is_published")}),
        ("Betekenis", {"fields": ("definition", "explanation", "polarity", "nature")}),
        ("Bron", {"fields": ("source", "source_table", "source_url", "provider")}),
        (
            "Eenheid en berekening",
            {"fields": ("unit", "unit_label", "decimals", "numerator", "denominator", "factor")},
        ),
        ("Publicatie", {"fields": ("disclosure", "area_levels", "period_type", "count_method")}),
    ]

    def save_related(self, request, form, formsets, change):
        """Computed values follow the definition, in the admin's transaction (indicators.recompute)."""
        super().save_related(request, form, formsets, change)
        code = form.instance.code
        recompute.changed(definitions=[code] if change else [], created=[] if change else [code])


class RevisionInline(admin.TabularInline):
    model = ObservationRevision
    extra = 0
    can_delete = False
    readonly_fields = ("value", "status", "value_attribute", "import_run", "superseded_by", "superseded_at")
    fields = readonly_fields


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = (
        "indicator",
        "area",
        "period",
        "breakdown",
        "value",
        "status",
        "value_attribute",
        "revision_count",
    )
    list_filter = ("status", "indicator__category")
    search_fields = ("indicator__code", "area__code", "area__name")
    raw_id_fields = ("indicator", "area", "import_run")
    list_select_related = ("indicator", "area")
    inlines = [RevisionInline]
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at",
        "connector",
        "source",
        "status",
        "added",
        "changed",
        "unchanged",
        "rejected",
        "actor",
    )
    list_filter = ("connector", "status")
    search_fields = ("source", "actor")
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False
