# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.http import HttpRequest

from .models import Submission, Voorziening


@admin.register(Voorziening)
class VoorzieningAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "partner", "area", "is_fictitious")
    list_filter = ("kind", "partner")
    search_fields = ("name", "code")
    raw_id_fields = ("area", "effort")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read only: submissions are handed in and reviewed in the workspace, where every step is checked."""

    list_display = ("partner", "area", "period", "state", "submitted_at", "reviewed_by")
    list_filter = ("state", "period")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
