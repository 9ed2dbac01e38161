# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib import admin

from . import contract, recompute
from .models import ImportRun, Indicator, Observation, ObservationRevision


class IndicatorForm(forms.ModelForm):
    """The admin form checks a definition with the same contract as every import route."""

    class Meta:
        model = Indicator
        fields = (
            "code", "name", "short_name", "category", "is_published", "definition", "explanation", "polarity",
            "nature", "source", "source_table", "source_url", "provider", "unit", "unit_label", "decimals",
            "numerator", "denominator", "factor", "denominator_breakdown", "disclosure", "area_levels",
            "period_type", "count_method", "update_frequency",
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        raw = {name: data.get(name) for name in contract.NAMES if name in data}
        for name in ("numerator", "denominator"):
            raw[name] = data[name].code if data.get(name) else ""
        values, problems = contract.clean(raw)
        whole = contract.complete(values, {n: "" for n in ("numerator", "denominator", "disclosure")})
        whole["factor"] = data.get("factor")
        problems += contract.check_consistency(whole)
        cycle = contract.find_cycles(self._edges(whole), [whole.get("code", "")])
        if cycle:
            problems.append(
                ("numerator", "kringverwijzing: deze indicator hangt via teller/noemer van zichzelf af")
            )
        for name, message in problems:
            field = name if name in self.fields else None
            if field and field in self.errors:
                continue
            self.add_error(field, message)
        return data

    def _edges(self, whole):
        edges = {whole.get("code", ""): (whole.get("numerator", ""), whole.get("denominator", ""))}
        for code, numerator, denominator in Indicator.objects.values_list(
            "code", "numerator__code", "denominator__code"
        ):
            edges.setdefault(code, (numerator or "", denominator or ""))
        return edges


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
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
            {
                "fields": (
                    "unit",
                    "unit_label",
                    "decimals",
                    "numerator",
                    "denominator",
                    "factor",
                    "denominator_breakdown",
                )
            },
        ),
        (
            "Publicatie",
            {"fields": ("disclosure", "area_levels", "period_type", "count_method", "update_frequency")},
        ),
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
