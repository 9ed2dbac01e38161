# SPDX-License-Identifier: EUPL-1.2
"""The Maatschappelijke Agenda: opgaven (Theme) → doelen (Goal) → resultaten (Result) with a
streefwaarde, and inspanningen (Effort) with their progress per report period."""

from __future__ import annotations

from django.db import models

from kwaliteitsmonitor.analysis.vocabulary import GENERIC_CHOICES, LABEL_SET_CHOICES, NO_DATA, status_label


class Agenda(models.Model):
    title = models.CharField("titel", max_length=200, default="Maatschappelijke Agenda")
    organisation = models.CharField("organisatie", max_length=200)
    area = models.ForeignKey("areas.Area", verbose_name="gemeente of regio", on_delete=models.PROTECT)
    start_year = models.PositiveSmallIntegerField("beginjaar")
    end_year = models.PositiveSmallIntegerField("eindjaar")
    intro = models.TextField("inleiding", blank=True, help_text="Markdown.")
    label_set = models.CharField(
        "labels voor de voortgang", max_length=30, choices=LABEL_SET_CHOICES, default="generiek"
    )
    is_active = models.BooleanField("actueel", default=True)
    is_fictitious = models.BooleanField("fictieve demogegevens", default=False)

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda's"
        ordering = ["-is_active", "-start_year"]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year} ({self.organisation})"

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class Theme(models.Model):
    """Opgave."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(max_length=80)
    title = models.CharField("titel", max_length=200)
    summary = models.TextField("samenvatting", blank=True, help_text="Markdown.")
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaven"
        ordering = ["agenda", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["agenda", "slug"], name="theme_slug_unique")]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """Doel: wat willen we bereiken."""

    theme = models.ForeignKey(Theme, verbose_name="opgave", on_delete=models.CASCADE, related_name="goals")
    slug = models.SlugField(max_length=80)
    number = models.CharField("nummer", max_length=10, blank=True)
    title = models.CharField("titel", max_length=255)
    description = models.TextField("toelichting", blank=True, help_text="Markdown.")
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["theme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["theme", "slug"], name="goal_slug_unique")]

    def __str__(self) -> str:
        return f"Doel {self.number}: {self.title}" if self.number else self.title


class Direction(models.TextChoices):
    INCREASE = "increase", "Stijgen"
    DECREASE = "decrease", "Dalen"
    MAINTAIN = "maintain", "Gelijk blijven"


class Result(models.Model):
    """Resultaat: e.g. 'In 2027 is de sociale kracht gestegen', with streefwaarde and baseline.

    The streefwaarde refers to the first linked indicator (``ResultIndicator.order``); further
    indicators complete the picture.
    """

    goal = models.ForeignKey(Goal, verbose_name="doel", on_delete=models.CASCADE, related_name="results")
    title = models.CharField("resultaat", max_length=300)
    description = models.TextField("toelichting", blank=True)
    target_value = models.FloatField("streefwaarde", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("streefjaar", null=True, blank=True)
    baseline_value = models.FloatField("nulmeting", null=True, blank=True)
    baseline_period = models.CharField("periode van de nulmeting", max_length=8, blank=True)
    direction = models.CharField(
        "gewenste richting", max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", through="ResultIndicator", verbose_name="resultaatindicatoren", blank=True
    )

    class Meta:
        verbose_name = "resultaat"
        verbose_name_plural = "resultaten"
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ResultIndicator(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="result_links"
    )
    breakdown = models.CharField("uitsplitsing", max_length=120, blank=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "resultaatindicator"
        verbose_name_plural = "resultaatindicatoren"
        ordering = ["result", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "indicator", "breakdown"], name="result_indicator_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.result} ← {self.indicator_id}" + (f" ({self.breakdown})" if self.breakdown else "")


class Effort(models.Model):
    """Inspanning: wat gaan we daarvoor doen."""

    goal = models.ForeignKey(Goal, verbose_name="doel", on_delete=models.CASCADE, related_name="efforts")
    result = models.ForeignKey(
        Result, verbose_name="draagt bij aan resultaat", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="efforts",
    )  # fmt: skip
    title = models.CharField("inspanning", max_length=300)
    description = models.TextField("omschrijving", blank=True)
    owner = models.CharField("eigenaar", max_length=200, blank=True)
    partner = models.CharField("uitvoerende partner", max_length=200, blank=True)
    start_date = models.DateField("start", null=True, blank=True)
    end_date = models.DateField("einde", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=GENERIC_CHOICES, default=NO_DATA)
    status_label = models.CharField("status zoals de bron die noemt", max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField("voortgang (%)", null=True, blank=True)
    explanation = models.TextField("toelichting", blank=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name="prestatie-indicatoren", blank=True, related_name="efforts"
    )

    class Meta:
        verbose_name = "inspanning"
        verbose_name_plural = "inspanningen"
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def display_status(self, label_set: str = "generiek") -> str:
        return self.status_label or status_label(self.status, label_set)


class EffortProgress(models.Model):
    """The progress of an inspanning as reported in one report period (e.g. '2025-najaarsnota')."""

    effort = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="progress_reports")
    report_period = models.CharField("rapportageperiode", max_length=40)
    status = models.CharField("status", max_length=20, choices=GENERIC_CHOICES, default=NO_DATA)
    status_label = models.CharField("status zoals de bron die noemt", max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField("voortgang (%)", null=True, blank=True)
    explanation = models.TextField("toelichting", blank=True)
    reported_on = models.DateField("datum", null=True, blank=True)

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["effort", "reported_on", "report_period"]
        constraints = [
            models.UniqueConstraint(fields=["effort", "report_period"], name="effort_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.effort} – {self.report_period}"
