# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Source
from .refresh import refresh_source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "active", "last_checked_at", "last_outcome", "next_run_at", "actualiteit")
    list_filter = ("kind", "active", "last_outcome")
    search_fields = ("name", "table_id", "path")
    filter_horizontal = ("indicators",)
    readonly_fields = (
        "last_checked_at",
        "last_outcome",
        "last_message",
        "last_run",
        "retrieved_at",
        "catalogue_modified",
        "catalogue_frequency",
        "catalogue_reason",
        "catalogue_status",
        "catalogue_period",
        "held_version",
        "actualiteit",
    )
    fieldsets = (
        (None, {"fields": ("name", "kind", "active", "indicators")}),
        ("CBS-tabel", {"fields": ("table_id", "cbs_api", "config", "create_areas")}),
        ("Bestandslocatie", {"fields": ("path", "connector")}),
        (
            "Kalender en planning",
            {"fields": ("frequency", "expected_delivery", "grace_days", "check_every_hours", "next_run_at")},
        ),
        (
            "Laatste verversing",
            {
                "fields": (
                    "actualiteit",
                    "last_checked_at",
                    "last_outcome",
                    "last_message",
                    "last_run",
                    "retrieved_at",
                    "held_version",
                )
            },
        ),
        (
            "CBS-catalogus",
            {
                "fields": (
                    "catalogue_modified",
                    "catalogue_frequency",
                    "catalogue_reason",
                    "catalogue_status",
                    "catalogue_period",
                )
            },
        ),
    )
    actions = ["refresh_now"]

    @admin.display(description="actualiteit")
    def actualiteit(self, obj: Source) -> str:
        judged = obj.freshness()
        return f"{judged.label}: {judged.explanation}"

    @admin.action(description="Nu verversen")
    def refresh_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        for source in queryset:
            result = refresh_source(source)
            level = messages.ERROR if result.outcome == "mislukt" else messages.INFO
            self.message_user(request, f"{source.name}: {result.message}", level)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"kind": "cbs", **super().get_changeform_initial_data(request)}
