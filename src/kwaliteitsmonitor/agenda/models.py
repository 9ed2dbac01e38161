# SPDX-License-Identifier: EUPL-1.2
"""The Maatschappelijke Agenda: opgaven (Theme) → doelen (Goal) → resultaten (Result) with a
streefwaarde, and inspanningen (Effort) with their progress per report period (ReportPeriod,
EffortProgress). An inspanning has no status of its own: its latest report is the one source."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from kwaliteitsmonitor.analysis import report_periods
from kwaliteitsmonitor.analysis.vocabulary import GENERIC_CHOICES, LABEL_SET_CHOICES, NO_DATA, status_label
from kwaliteitsmonitor.audit.queryset import AuditedManager


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", "Gemeente of regio"
    PARTNER = "partner", "Partnerorganisatie"


class Organisation(models.Model):
    """An organisation staff work for: a gemeente (or regio) with its own agenda, or a partner organisation
    that carries out inspanningen. Accounts are scoped to one (``accounts.Profile``)."""

    name = models.CharField("naam", max_length=200, unique=True)
    kind = models.CharField("soort", max_length=20, choices=OrganisationKind.choices, default="partner")
    area = models.ForeignKey(
        "areas.Area", verbose_name="gemeente of regio", null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations",
        help_text="Voor een gemeente: het gebied van haar agenda; haar redacteuren bewerken die.",
    )  # fmt: skip

    objects = AuditedManager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_name(cls, name: str) -> Organisation | None:
        """The partner organisation with this name (made when new); ``None`` for an empty name."""
        name = (name or "").strip()[:200]
        if not name:
            return None
        organisation, _ = cls.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.PARTNER})
        return organisation


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

    objects = AuditedManager()

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

    objects = AuditedManager()

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaven"
        ordering = ["agenda", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["agenda", "slug"], name="theme_slug_unique")]

    def __str__(self) -> str:
        return self.title


# Paths under /opgave/<opgave>/ that are pages of the opgave itself, not doelen.
RESERVED_GOAL_SLUGS = frozenset({"beeld"})


class Goal(models.Model):
    """Doel: wat willen we bereiken."""

    theme = models.ForeignKey(Theme, verbose_name="opgave", on_delete=models.CASCADE, related_name="goals")
    slug = models.SlugField(max_length=80)
    number = models.CharField("nummer", max_length=10, blank=True)
    title = models.CharField("titel", max_length=255)
    description = models.TextField("toelichting", blank=True, help_text="Markdown.")
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["theme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["theme", "slug"], name="goal_slug_unique")]

    def __str__(self) -> str:
        return f"Doel {self.number}: {self.title}" if self.number else self.title

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_GOAL_SLUGS:
            raise ValidationError(
                {
                    "slug": f"'{self.slug}' kan geen korte naam van een doel zijn: "
                    f"/opgave/…/{self.slug}/ is al een andere pagina (het beeld van de opgave). "
                    "Kies een andere korte naam."
                }
            )


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

    objects = AuditedManager()

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

    objects = AuditedManager()

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
    partner = models.ForeignKey(
        Organisation, verbose_name="uitvoerende partner", null=True, blank=True, on_delete=models.PROTECT,
        related_name="efforts",
    )  # fmt: skip
    start_date = models.DateField("start", null=True, blank=True)
    end_date = models.DateField("einde", null=True, blank=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    external_id = models.CharField("id in bronsysteem", max_length=80, blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name="prestatie-indicatoren", blank=True, related_name="efforts"
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "inspanning"
        verbose_name_plural = "inspanningen"
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def latest_report(self) -> EffortProgress | None:
        """The report of the latest report period (by the period's date, never by its name): the one
        source of the inspanning's status, progress, explanation, budget and realisation. Uses the
        prefetched ``progress_reports`` when there are (see :func:`reports_by_period`)."""
        reports = list(self.progress_reports.all())
        return max(reports, key=lambda r: r.report_period.sort_key) if reports else None


class ReportPeriodKind(models.TextChoices):
    VOORJAARSNOTA = report_periods.VOORJAARSNOTA, "Voorjaarsnota (kadernota)"
    NAJAARSNOTA = report_periods.NAJAARSNOTA, "Najaarsnota"
    JAARSTUKKEN = report_periods.JAARSTUKKEN, "Jaarstukken"
    BEGROTING = report_periods.BEGROTING, "Begroting"
    BURAP = report_periods.BURAP, "Bestuursrapportage (tussenrapportage)"
    OTHER = report_periods.OTHER, "Anders"


class ReportPeriod(models.Model):
    """Rapportageperiode: a moment of the P&C cycle at which inspanningen report their progress (e.g. the
    Voorjaarsnota 2026). Ordered by ``date``, the moment it describes, never by name. ``deadline`` is
    when staff must have reported. Later work (the staff workspace, reminders, P&C snapshots) hangs on
    this model; see docs/glossary.md."""

    name = models.CharField("naam", max_length=80, unique=True, help_text="Bijvoorbeeld Voorjaarsnota 2026.")
    slug = models.SlugField(
        "korte naam", max_length=80, unique=True,
        help_text="Zoals in importbestanden (kolom report_period), bijvoorbeeld 2026-voorjaarsnota.",
    )  # fmt: skip
    kind = models.CharField("soort", max_length=20, choices=ReportPeriodKind.choices)
    date = models.DateField(
        "peildatum",
        help_text="Het moment waarover de rapportage gaat; bepaalt de volgorde van de perioden.",
    )
    deadline = models.DateField(
        "uiterste aanleverdatum", null=True, blank=True,
        help_text="Tot wanneer medewerkers de voortgang van hun inspanningen kunnen aanleveren.",
    )  # fmt: skip

    objects = AuditedManager()

    class Meta:
        verbose_name = "rapportageperiode"
        verbose_name_plural = "rapportageperioden"
        ordering = ["date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def sort_key(self) -> tuple[date, str, int]:
        return (self.date, self.name, self.pk or 0)


class EffortProgress(models.Model):
    """The progress of an inspanning as reported in one report period: status, progress, explanation and
    what it cost (begroot and gerealiseerd, in euro). The report of the latest period is what the
    inspanning shows (:meth:`Effort.latest_report`)."""

    effort = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="progress_reports")
    report_period = models.ForeignKey(
        ReportPeriod, verbose_name="rapportageperiode", on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField("status", max_length=20, choices=GENERIC_CHOICES, default=NO_DATA)
    status_label = models.CharField("status zoals de bron die noemt", max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField("voortgang (%)", null=True, blank=True)
    explanation = models.TextField("toelichting", blank=True)
    budget = models.DecimalField(
        "begroot (euro)", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="Wat mag het kosten: het budget van de inspanning volgens deze rapportage.",
    )  # fmt: skip
    realisation = models.DecimalField(
        "gerealiseerd (euro)", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="Wat heeft het gekost: uitgegeven tot en met deze rapportageperiode.",
    )  # fmt: skip
    reported_on = models.DateField("datum van de rapportage", null=True, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["effort", "report_period__date", "report_period__name"]
        constraints = [
            models.UniqueConstraint(fields=["effort", "report_period"], name="effort_progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.effort} – {self.report_period}"

    def display_status(self, label_set: str = "generiek") -> str:
        return self.status_label or status_label(self.status, label_set)


def reports_by_period() -> models.QuerySet[EffortProgress]:
    """Reports with their period, oldest period first: prefetch ``progress_reports`` with this."""
    return EffortProgress.objects.select_related("report_period").order_by(
        "report_period__date", "report_period__name", "report_period_id"
    )


class Picture(models.Model):
    """Beeld: a thematic picture of one opgave, drawn up with the people who work on it (after the
    Zwolle approach "Sociaal domein in beeld"): which interventions, how they are expected to work, who
    steers and who takes part, what else influences the effects and which monitoring information exists.
    Its parts are :class:`PictureItem` rows."""

    theme = models.OneToOneField(
        Theme, verbose_name="opgave", on_delete=models.CASCADE, related_name="picture"
    )
    summary = models.TextField(
        "samenvatting", blank=True, help_text="Markdown. Waar gaat dit beeld over, in een paar zinnen."
    )
    participants = models.TextField(
        "opgesteld met", blank=True, help_text="Markdown. Wie waren betrokken bij de werksessies."
    )
    reflection = models.TextField(
        "reflectie",
        blank=True,
        help_text="Markdown. Hoe verliepen de sessies, wat is nieuw inzicht, wat is open.",
    )
    drawn_up_on = models.DateField("opgesteld op", null=True, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = "beeld"
        verbose_name_plural = "beelden"
        ordering = ["theme__agenda", "theme__order", "theme_id"]

    def __str__(self) -> str:
        return f"Beeld: {self.theme.title}"


class PictureItemKind(models.TextChoices):
    """The parts of a beeld, in the order of the chain: interventies work through mechanismen towards
    verwachte effecten (which monitoring information shows); around it stuurknoppen, the wijkteam and
    other parties and funding; externe factoren also influence the effects."""

    INTERVENTION = "intervention", "Interventie"
    MECHANISM = "mechanism", "Mechanisme"
    EFFECT = "effect", "Verwacht effect"
    MONITORING = "monitoring", "Monitoringsinformatie"
    INFORMATION_NEED = "information_need", "Gewenste informatie"
    EXTERNAL_FACTOR = "external_factor", "Externe factor"
    LEVER = "lever", "Stuurknop"
    TEAM_ROLE = "team_role", "Rol van het wijkteam"
    PARTY = "party", "Andere partij of financiering"


class PictureItem(models.Model):
    """One part of a beeld: a title and Markdown text, optionally linked to an inspanning, indicator or
    doel of the same agenda (so an intervention leads to its inspanning, monitoring information to the
    indicator's page)."""

    picture = models.ForeignKey(Picture, verbose_name="beeld", on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("soort", max_length=20, choices=PictureItemKind.choices)
    order = models.PositiveSmallIntegerField("volgorde", default=0, help_text="Binnen de soort.")
    title = models.CharField("titel", max_length=200)
    text = models.TextField("toelichting", blank=True, help_text="Markdown.")
    effort = models.ForeignKey(
        Effort, verbose_name="inspanning", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="picture_items",
    )  # fmt: skip
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="indicator", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="picture_items",
    )  # fmt: skip
    goal = models.ForeignKey(
        Goal,
        verbose_name="doel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="picture_items",
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = "onderdeel van een beeld"
        verbose_name_plural = "onderdelen van een beeld"
        ordering = ["picture", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def clean(self) -> None:
        """Links stay inside the agenda of the beeld (another opgave of the same agenda is fine)."""
        if self.picture_id is None:
            return
        agenda_id = self.picture.theme.agenda_id
        errors = {}
        if self.effort_id and self.effort.goal.theme.agenda_id != agenda_id:
            errors["effort"] = "Kies een inspanning uit dezelfde agenda als het beeld."
        if self.goal_id and self.goal.theme.agenda_id != agenda_id:
            errors["goal"] = "Kies een doel uit dezelfde agenda als het beeld."
        if errors:
            raise ValidationError(errors)
