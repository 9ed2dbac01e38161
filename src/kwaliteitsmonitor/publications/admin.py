# SPDX-License-Identifier: EUPL-1.2
"""Publications in the admin: read-only (they are made by ``publish`` and the workspace, never edited),
and the action that saves a comparison group from the similar-areas finder (it reads published values)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages

from kwaliteitsmonitor.areas.admin import AreaAdmin
from kwaliteitsmonitor.areas.models import Area

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
    """Find the gemeenten (or wijken elsewhere) most like each selected area and save them, with the
    characteristics, weights and method version, so comparisons stay reproducible."""
    from .insights import save_comparison_group, similar_areas

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


class AreaWithGroupsAdmin(AreaAdmin):
    actions = [save_similar_group]


admin.site.unregister(Area)
admin.site.register(Area, AreaWithGroupsAdmin)
