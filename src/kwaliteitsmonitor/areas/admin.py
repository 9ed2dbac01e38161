# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.db import transaction

from kwaliteitsmonitor.indicators import recompute

from .models import Area, AreaMembership, AreaVintage

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


@admin.register(Area)
class AreaAdmin(KeepsComputedValuesCurrent, admin.ModelAdmin):
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
