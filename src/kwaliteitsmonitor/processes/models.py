# SPDX-License-Identifier: EUPL-1.2
"""Procesmonitors: dashboards like VNG's Beschermd Thuis and Aanpak Dakloosheid.

A monitor has themes with sub-themes, a status per (round, region, sub-theme) in the dashboard's own
labels (``analysis.vocabulary`` label sets: the generic status is stored, the label is shown), and
yes/no questions per theme with an answer per (round, region). A region is a centrumgemeente-regio,
named after and linked to its centrumgemeente (an ``areas.Area`` of level gemeente): the area model has
no level for these regions, and the dashboards themselves name a region after its centrumgemeente.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kwaliteitsmonitor.analysis.vocabulary import (
    ANSWERS,
    GENERIC_CHOICES,
    LABEL_SET_CHOICES,
    ordered_statuses,
    status_label,
)
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.audit.queryset import AuditedManager


class ProcessMonitor(models.Model):
    slug = models.SlugField("korte naam (in de URL)", max_length=80, unique=True)
    name = models.CharField("naam", max_length=200)
    description = models.TextField("beschrijving (Markdown)", blank=True)
    source = models.CharField(
        "bron", max_length=300, blank=True, help_text="Wie de statussen verzamelt, bijvoorbeeld de VNG."
    )
    label_set = models.CharField(
        "statuslabels",
        max_length=40,
        choices=LABEL_SET_CHOICES,
        help_text="De labels van het dashboard zelf, in hun volgorde (verst gevorderd eerst).",
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    is_fictitious = models.BooleanField("fictief (demo)", default=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = "procesmonitor"
        verbose_name_plural = "procesmonitors"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def statuses(self) -> list[str]:
        return ordered_statuses(self.label_set)

    def label(self, status: str) -> str:
        return status_label(status, self.label_set)


class ProcessTheme(models.Model):
    monitor = models.ForeignKey(
        ProcessMonitor, verbose_name="procesmonitor", on_delete=models.CASCADE, related_name="themes"
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    name = models.CharField("naam", max_length=200)
    slug = models.SlugField("korte naam", max_length=80)
    description = models.TextField("beschrijving", blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["monitor", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["monitor", "slug"], name="process_theme_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ProcessSubTheme(models.Model):
    theme = models.ForeignKey(
        ProcessTheme, verbose_name="thema", on_delete=models.CASCADE, related_name="sub_themes"
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    name = models.CharField("naam", max_length=200)
    description = models.TextField("beschrijving", blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "subthema"
        verbose_name_plural = "subthema's"
        ordering = ["theme__order", "theme_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "name"], name="process_sub_theme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.theme.name}: {self.name}"


class ProcessRound(models.Model):
    """One filling of the dashboard (VNG: twice a year, before the summer and before the year's end)."""

    monitor = models.ForeignKey(
        ProcessMonitor, verbose_name="procesmonitor", on_delete=models.CASCADE, related_name="rounds"
    )
    label = models.CharField("naam", max_length=80, help_text="Bijvoorbeeld 'Voorjaar 2026'.")
    slug = models.SlugField("korte naam", max_length=80)
    reference_date = models.DateField("peildatum")
    deadline = models.DateField(
        "uiterste invuldatum",
        null=True,
        blank=True,
        help_text="Tot wanneer regio's kunnen indienen; daarna heet een niet-ingediende regio 'te laat'.",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "ronde"
        verbose_name_plural = "rondes"
        ordering = ["monitor", "reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["monitor", "slug"], name="process_round_slug_unique"),
            models.UniqueConstraint(fields=["monitor", "reference_date"], name="process_round_date_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.monitor.name}, {self.label}"


class ProcessRegion(models.Model):
    """A centrumgemeente-regio, linked to its centrumgemeente."""

    monitor = models.ForeignKey(
        ProcessMonitor, verbose_name="procesmonitor", on_delete=models.CASCADE, related_name="regions"
    )
    area = models.ForeignKey(
        Area,
        verbose_name="centrumgemeente",
        on_delete=models.PROTECT,
        related_name="process_regions",
        limit_choices_to={"level": "GM"},
    )
    name = models.CharField("naam", max_length=200, help_text="Meestal de naam van de centrumgemeente.")
    slug = models.SlugField("korte naam (in de URL)", max_length=80)

    objects = AuditedManager()

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["monitor", "name"]
        constraints = [
            models.UniqueConstraint(fields=["monitor", "slug"], name="process_region_slug_unique"),
            models.UniqueConstraint(fields=["monitor", "area"], name="process_region_area_unique"),
        ]

    def __str__(self) -> str:
        return self.name


def _same_monitor(**parts: models.Model | None) -> None:
    monitors = {name: getattr(obj, "monitor_id", None) for name, obj in parts.items() if obj is not None}
    if len(set(monitors.values())) > 1:
        raise ValidationError(f"{', '.join(monitors).capitalize()} horen niet bij dezelfde procesmonitor.")


class SubThemeStatus(models.Model):
    round = models.ForeignKey(
        ProcessRound, verbose_name="ronde", on_delete=models.CASCADE, related_name="statuses"
    )
    region = models.ForeignKey(
        ProcessRegion, verbose_name="regio", on_delete=models.CASCADE, related_name="statuses"
    )
    sub_theme = models.ForeignKey(
        ProcessSubTheme, verbose_name="subthema", on_delete=models.CASCADE, related_name="statuses"
    )
    status = models.CharField("status", max_length=20, choices=GENERIC_CHOICES)
    explanation = models.TextField("toelichting", blank=True)
    carried_over = models.BooleanField(
        "overgenomen",
        default=False,
        help_text="Overgenomen uit de vorige goedgekeurde ronde, nog niet bekeken.",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "status van een subthema"
        verbose_name_plural = "statussen van subthema's"
        constraints = [
            models.UniqueConstraint(fields=["round", "region", "sub_theme"], name="process_status_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region}, {self.sub_theme.name}: {self.status}"

    def clean(self) -> None:
        theme = self.sub_theme.theme if self.sub_theme_id else None
        _same_monitor(
            ronde=self.round if self.round_id else None,
            regio=self.region if self.region_id else None,
            subthema=theme,
        )
        monitor = self.round.monitor if self.round_id else None
        if monitor and self.status and self.status not in monitor.statuses:
            labels = ", ".join(monitor.label(s) for s in monitor.statuses)
            raise ValidationError(
                {"status": f"Deze status komt niet voor in {monitor.name}; kies uit: {labels}."}
            )


class ProcessQuestion(models.Model):
    theme = models.ForeignKey(
        ProcessTheme, verbose_name="thema", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    text = models.CharField("vraag", max_length=400)
    group = models.CharField(
        "groep", max_length=200, blank=True, help_text="Bijvoorbeeld 'Manieren van realisatie'."
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "ja/nee-vraag"
        verbose_name_plural = "ja/nee-vragen"
        ordering = ["theme__order", "theme_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "text"], name="process_question_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class ProcessAnswer(models.Model):
    round = models.ForeignKey(
        ProcessRound, verbose_name="ronde", on_delete=models.CASCADE, related_name="answers"
    )
    region = models.ForeignKey(
        ProcessRegion, verbose_name="regio", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        ProcessQuestion, verbose_name="vraag", on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.CharField("antwoord", max_length=10, choices=list(ANSWERS.items()))
    carried_over = models.BooleanField(
        "overgenomen",
        default=False,
        help_text="Overgenomen uit de vorige goedgekeurde ronde, nog niet bekeken.",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["round", "region", "question"], name="process_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region}, {self.question}: {self.answer}"

    def clean(self) -> None:
        _same_monitor(
            ronde=self.round if self.round_id else None,
            regio=self.region if self.region_id else None,
            vraag=self.question.theme if self.question_id else None,
        )


class SubmissionState(models.TextChoices):
    """A region's round (DHIS2 data approval, ODK Central review states); no row: niet begonnen."""

    NOT_STARTED = "niet_begonnen", "Niet begonnen"
    DRAFT = "concept", "Concept"
    SUBMITTED = "ingediend", "Ingediend"
    RETURNED = "teruggestuurd", "Teruggestuurd"
    APPROVED = "goedgekeurd", "Goedgekeurd"


class Submission(models.Model):
    """One region's filling of one round, and where it is in its review. Only an approved submission is
    public: ``processes.public`` is the one filter every public reader uses."""

    round = models.ForeignKey(
        ProcessRound, verbose_name="ronde", on_delete=models.CASCADE, related_name="submissions"
    )
    region = models.ForeignKey(
        ProcessRegion, verbose_name="regio", on_delete=models.CASCADE, related_name="submissions"
    )
    state = models.CharField(
        "stand", max_length=20, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    returned = models.JSONField(
        "teruggestuurde onderdelen",
        default=dict,
        blank=True,
        help_text="Per veld ('status_12', 'question_3') de reden waarom de adviseur het terugstuurde.",
    )
    via_import = models.BooleanField("via import", default=False)
    submitted_at = models.DateTimeField("ingediend op", null=True, blank=True)
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "inzending"
        verbose_name_plural = "inzendingen"
        ordering = ["round", "region"]
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="process_submission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region}, {self.round.label}: {self.get_state_display()}"

    @property
    def editable(self) -> bool:
        """The region may change its values: before submitting, or after the adviser returned them."""
        return self.state in (SubmissionState.DRAFT, SubmissionState.RETURNED)

    def clean(self) -> None:
        _same_monitor(
            ronde=self.round if self.round_id else None, regio=self.region if self.region_id else None
        )
