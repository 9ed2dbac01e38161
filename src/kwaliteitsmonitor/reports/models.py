# SPDX-License-Identifier: EUPL-1.2
"""A council report asked for in the workspace: made by a background task, with its progress, kept to
download. The bytes depend only on the publication, so a finished report is never made again."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kwaliteitsmonitor.publications.models import Publication


class ReportState(models.TextChoices):
    QUEUED = "queued", "In de wachtrij"
    RUNNING = "running", "Wordt gemaakt"
    DONE = "done", "Klaar"
    FAILED = "failed", "Mislukt"


class CouncilReport(models.Model):
    publication = models.ForeignKey(
        Publication, verbose_name="publicatie", on_delete=models.CASCADE, related_name="council_reports"
    )
    format = models.CharField("formaat", max_length=8, choices=[("pdf", "PDF"), ("docx", "Word")])
    state = models.CharField("stand", max_length=12, choices=ReportState.choices, default=ReportState.QUEUED)
    stage = models.CharField("stap", max_length=200, blank=True)
    done = models.PositiveIntegerField("gedaan", default=0)
    total = models.PositiveIntegerField("totaal", default=0)
    data = models.BinaryField("bestand", blank=True, default=b"")
    error = models.TextField("fout", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gevraagd door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("gevraagd", auto_now_add=True)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)

    class Meta:
        verbose_name = "raadsrapportage"
        verbose_name_plural = "raadsrapportages"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Raadsrapportage {self.publication.number} ({self.format})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
