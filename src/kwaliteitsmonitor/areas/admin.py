# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin, messages

from .models import Area, AreaMembership, AreaVintage, ComparisonGroup


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
class AreaAdmin(admin.ModelAdmin):
    actions = [save_similar_group]
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "is_pseudo")
    list_filter = ("level", "is_pseudo")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    inlines = [VintageInline, MembershipInline]


@admin.register(AreaMembership)
class AreaMembershipAdmin(admin.ModelAdmin):
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
