# SPDX-License-Identifier: EUPL-1.2
"""Publications in the admin: read-only (they are made by ``publish`` and the workspace, never edited),
and the action that saves a comparison group from the similar-areas finder (it reads published values)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages

from kwaliteitsmonitor.areas.admin import AreaAdmin
from kwaliteitsmonitor.areas.models import Area, ComparisonGroup

from .group_form import ComparisonGroupForm, characteristic_fields
from .models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "state", "created_at", "published_at", "actor")
    list_filter = ("state",)
    readonly_fields = [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.action(description="Vergelijkingsgroep opslaan: de 10 gebieden die het meest op dit gebied lijken")
def save_similar_group(modeladmin, request, queryset):
    """Find the gemeenten (or wijken elsewhere) most like each selected area on the default
    characteristics and save them, with the characteristics, weights and method version, so comparisons
    stay reproducible. Other characteristics: "Vergelijkingsgroep toevoegen"."""
    from django.core.exceptions import PermissionDenied

    from .insights import save_comparison_group, similar_areas
    from .insights_similar import UnknownCharacteristic

    # Saving a group writes: view-only staff may not (one rule of the accounts' rule set, asked by name).
    if not request.user.has_perm("areas.save_comparison_group"):
        raise PermissionDenied("U mag geen vergelijkingsgroepen opslaan.")

    for area in queryset.filter(level__in=["GM", "WK"]):
        try:
            found = similar_areas(area, k=10)
        except UnknownCharacteristic as exc:
            modeladmin.message_user(request, f"{area}: {exc}", messages.ERROR)
            return
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


save_similar_group.allowed_permissions = ("save_comparison_group",)  # type: ignore[attr-defined]


class AreaWithGroupsAdmin(AreaAdmin):
    actions = [save_similar_group]

    def has_save_comparison_group_permission(self, request: Any) -> bool:
        return bool(request.user.has_perm("areas.save_comparison_group"))


admin.site.unregister(Area)
admin.site.register(Area, AreaWithGroupsAdmin)


@admin.register(ComparisonGroup)
class ComparisonGroupAdmin(admin.ModelAdmin):
    """Staff save a comparison group by choosing its characteristics from the published indicators
    (``publications.group_form``); a saved group never changes (save a new one), so a benchmark stays
    reproducible."""

    list_display = ("area", "name", "k", "characteristics_text", "fingerprint", "created_at")
    search_fields = ("area__code", "area__name", "name", "fingerprint")
    autocomplete_fields = ("area",)

    @admin.display(description="kenmerken")
    def characteristics_text(self, obj: ComparisonGroup) -> str:
        return ", ".join(
            f"{c.get('label', c.get('code'))} ({c.get('weight', 1)})" for c in obj.characteristics
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ComparisonGroupForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return super().get_fieldsets(request, obj)
        form = ComparisonGroupForm()
        problems = " ".join(form.default_problems)
        description = (
            "Kies de kenmerken uit de gepubliceerde indicatoren: een indicator zelf (een aantal telt als "
            "logaritme), of een aantal als aandeel van een ander aantal. De standaardset staat al "
            "ingevuld. Een indicator wordt nooit vergeleken met een groep die mede op die indicator is "
            "gekozen." + (f" Let op: {problems}" if problems else "")
        )
        return [
            (None, {"fields": ["area", "name", "k"]}),
            (
                "Kenmerken",
                {"fields": [tuple(row) for row in characteristic_fields()], "description": description},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ComparisonGroup._meta.fields] if obj is not None else []

    def save_model(self, request, obj, form, change):
        from .insights_similar import comparison_group_fields

        if not change:
            for field, value in comparison_group_fields(obj.area, form.found, obj.name).items():
                setattr(obj, field, value)
            obj.fingerprint = form.found["fingerprint"]
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return False  # a saved group never changes: save a new one
