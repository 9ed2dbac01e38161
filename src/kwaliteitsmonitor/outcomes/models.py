# SPDX-License-Identifier: EUPL-1.2
"""Voorzieningen of partner organisations and the outcome figures partners hand in per period.

A submission holds aggregates only (one row per voorziening: counts, never persons, ADR 0003). When a
redacteur accepts it, its figures go through the one load step (``indicators.load``) as ordinary
observations with the breakdown ``voorziening=<code>`` on the gemeente, and from there into the next
publication, protected with everything else (``outcomes.intake``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.audit.queryset import AuditedManager

BREAKDOWN_DIMENSION = "voorziening"


class Voorziening(models.Model):
    code = models.SlugField(
        "code", max_length=60, unique=True, help_text="Kort en vast, bijvoorbeeld 'jeugd-ambulant-noord'."
    )
    name = models.CharField("naam", max_length=200)
    kind = models.CharField("soort", max_length=120, help_text="Bijvoorbeeld 'ambulante jeugdhulp'.")
    partner = models.ForeignKey(
        "agenda.Organisation",
        verbose_name="partnerorganisatie",
        on_delete=models.PROTECT,
        related_name="voorzieningen",
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name="gemeente", on_delete=models.PROTECT, related_name="voorzieningen"
    )
    effort = models.ForeignKey(
        "agenda.Effort",
        verbose_name="hoort bij inspanning",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voorzieningen",
    )
    description = models.TextField("omschrijving", blank=True)
    is_fictitious = models.BooleanField("fictief (demo)", default=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = "voorziening"
        verbose_name_plural = "voorzieningen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def breakdown(self) -> str:
        return f"{BREAKDOWN_DIMENSION}={self.code}"


class SubmissionState(models.TextChoices):
    SUBMITTED = "ingediend", "Ingediend, wacht op beoordeling"
    ACCEPTED = "geaccepteerd", "Geaccepteerd"
    RETURNED = "teruggestuurd", "Teruggestuurd"


class Submission(models.Model):
    """The figures of one partner for the voorzieningen in one gemeente over one half-year."""

    partner = models.ForeignKey(
        "agenda.Organisation",
        verbose_name="partnerorganisatie",
        on_delete=models.PROTECT,
        related_name="outcome_submissions",
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name="gemeente", on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField("periode", max_length=8)
    rows = models.JSONField("cijfers per voorziening", default=list)
    state = models.CharField(
        "status", max_length=16, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingediend door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("ingediend op", auto_now_add=True)
    via = models.CharField("via", max_length=20, default="bestand")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beoordeeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reason = models.TextField("reden van terugsturen", blank=True)
    import_run = models.ForeignKey(
        "indicators.ImportRun",
        verbose_name="importrun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "aanlevering van uitkomsten"
        verbose_name_plural = "aanleveringen van uitkomsten"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.partner} {self.period} ({self.get_state_display()})"

    @property
    def period_label(self) -> str:
        return period_label(self.period)
