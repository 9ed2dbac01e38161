# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin, messages
from django.db import transaction

from kwaliteitsmonitor.indicators import recompute

from .models import Area, AreaMembership, AreaVintage, ComparisonGroup

# Fields of an area that computed values depend on (which parts a total has).
_HIERARCHY_FIELDS = {"level", "parent", "valid_from", "valid_to", "is_pseudo"}


class KeepsComputedValuesCurrent:
    """Saving or deleting areas and memberships in the admin recomputes the computed values that depend on
    the area hierarchy, in the admin's transaction (``indicators.recompute``)."""

    def hierarchy_changed(self, form, formsets) -> bool:
        return True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.hierarchy_changed(form, formsets):
            recompute.changed(areas=True)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            recompute.changed(areas=True)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            recompute.changed(areas=True)


class VintageInline(admin.TabularInline):
    model = AreaVintage
    extra = 0
    fields = ("year", "name", "parent_code", "source")
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = AreaMembership
    fk_name = "area"
    extra = 0
    fields = ("year", "kind", "group_code", "group")
    raw_id_fields = ("group",)


@admin.action(description="Vergelijkingsgroep opslaan: de 10 gebieden die het meest op dit gebied lijken")
def save_similar_group(modeladmin, request, queryset):
    """Find the gemeenten (or wijken elsewhere) most like each selected area and save them, with the
    characteristics, weights and method version, so comparisons stay reproducible."""
    from kwaliteitsmonitor.indicators.insights import save_comparison_group, similar_areas

    for area in queryset.filter(level__in=["GM", "WK"]):
        found = similar_areas(area, k=10)
        if not found.get("matches"):
            modeladmin.message_user(
                request, f"{area}: {found.get('message', 'geen vergelijkbare gebieden')}", messages.WARNING
            )
            continue
        group = save_comparison_group(area, found)
        modeladmin.message_user(
            request,
            f"{area}: vergelijkingsgroep {group.fingerprint} opgeslagen ({len(group.members)} gebieden).",
        )


@admin.register(Area)
class AreaAdmin(KeepsComputedValuesCurrent, admin.ModelAdmin):
    actions = [save_similar_group]
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "is_pseudo")
    list_filter = ("level", "is_pseudo")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    inlines = [VintageInline, MembershipInline]

    def hierarchy_changed(self, form, formsets) -> bool:
        memberships = [f for f in formsets if f.model is AreaMembership]
        return bool(_HIERARCHY_FIELDS & set(form.changed_data)) or any(f.has_changed() for f in memberships)


@admin.register(AreaMembership)
class AreaMembershipAdmin(KeepsComputedValuesCurrent, admin.ModelAdmin):
    list_display = ("area", "kind", "year", "group_code", "group")
    list_filter = ("kind", "year")
    search_fields = ("area__code", "area__name", "group_code")
    raw_id_fields = ("area", "group")


@admin.register(ComparisonGroup)
class ComparisonGroupAdmin(admin.ModelAdmin):
    list_display = ("area", "name", "k", "method_version", "fingerprint", "created_at")
    search_fields = ("area__code", "area__name", "name", "fingerprint")
    readonly_fields = [f.name for f in ComparisonGroup._meta.fields]

    def has_add_permission(self, request):
        return False  # saved from Gebieden with the action "Vergelijkingsgroep opslaan"

    def has_change_permission(self, request, obj=None):
        return False  # a saved group never changes: save a new one
