# SPDX-License-Identifier: EUPL-1.2
"""Indicators, their values (observations), the revisions of those values and the import runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models

from kwaliteitsmonitor.analysis import disclosure
from kwaliteitsmonitor.analysis.units import UNIT_CHOICES
from kwaliteitsmonitor.areas.models import Level
from kwaliteitsmonitor.audit.queryset import AuditedManager


class Polarity(models.TextChoices):
    HIGHER = "higher_is_better", "Hoger is beter"
    LOWER = "lower_is_better", "Lager is beter"
    NEUTRAL = "neutral", "Neutraal"


class Nature(models.TextChoices):
    FACT = "fact", "Feit"
    PERCEPTION = "perception", "Beleving"


class CountMethod(models.TextChoices):
    DURING = "during_period", "Gedurende de periode"
    REFERENCE_DATE = "on_reference_date", "Op peildatum"
    SURVEY = "survey", "Enquête (steekproef)"


class Provider(models.TextChoices):
    CBS = "cbs", "CBS of andere statistiekbron (al beveiligd)"
    OWN = "own", "Eigen registratie van de gemeente"
    PARTNER = "partner", "Ketenpartner"
    SURVEY = "survey", "Onderzoeksbureau of GGD (enquête)"


class PeriodType(models.TextChoices):
    YEAR = "year", "Jaar"
    HALFYEAR = "halfyear", "Halfjaar"
    YEAR_AND_HALFYEAR = "year_halfyear", "Jaar en halfjaar"
    QUARTER = "quarter", "Kwartaal"
    MONTH = "month", "Maand"


class UpdateFrequency(models.TextChoices):
    MONTHLY = "monthly", "Maandelijks"
    QUARTERLY = "quarterly", "Per kwartaal"
    HALFYEARLY = "halfyearly", "Halfjaarlijks"
    YEARLY = "yearly", "Jaarlijks"
    BIENNIAL = "biennial", "Tweejaarlijks"
    QUADRENNIAL = "quadrennial", "Vierjaarlijks"
    IRREGULAR = "irregular", "Onregelmatig"
    STOPPED = "stopped", "Gestopt"


class FigureStatus(models.TextChoices):
    PROVISIONAL = "voorlopig", "Voorlopig"
    REVISED_PROVISIONAL = "nader_voorlopig", "Nader voorlopig"
    FINAL = "definitief", "Definitief"


# Called with every Indicator loaded from the database; the publications app registers one that gives
# indicators read for a public page the definition of the publication being read.
_load_hooks: list[Callable[[Indicator], None]] = []


def register_load_hook(hook: Callable[[Indicator], None]) -> None:
    if hook not in _load_hooks:
        _load_hooks.append(hook)


def _default_levels() -> list[str]:
    return [Level.GM, Level.WK]


class Indicator(models.Model):
    code = models.SlugField("code", max_length=120, unique=True)
    name = models.CharField("naam", max_length=255)
    short_name = models.CharField("korte naam", max_length=80, blank=True)
    category = models.CharField("thema", max_length=120, blank=True)
    definition = models.TextField("definitie", blank=True)
    explanation = models.TextField(
        "toelichting", blank=True, help_text="Hoe lees je deze indicator? Markdown."
    )
    source = models.CharField("bron", max_length=255, blank=True)
    source_table = models.CharField("brontabel", max_length=120, blank=True)
    source_url = models.URLField("bron-URL", blank=True)
    provider = models.CharField("soort bron", max_length=10, choices=Provider.choices, default=Provider.CBS)
    unit = models.CharField("eenheid", max_length=20, choices=UNIT_CHOICES, default="count")
    unit_label = models.CharField("eenheid zoals de bron die noemt", max_length=120, blank=True)
    decimals = models.PositiveSmallIntegerField("decimalen", default=0)
    polarity = models.CharField("richting", max_length=20, choices=Polarity.choices, default=Polarity.NEUTRAL)
    nature = models.CharField("feit of beleving", max_length=12, choices=Nature.choices, default=Nature.FACT)
    count_method = models.CharField(
        "telwijze", max_length=20, choices=CountMethod.choices, default=CountMethod.DURING
    )
    numerator = models.ForeignKey(
        "self", verbose_name="teller", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name="noemer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    factor = models.FloatField("factor", null=True, blank=True, help_text="Bijvoorbeeld 100 of 1000.")
    denominator_breakdown = models.CharField(
        "doelgroep van de noemer",
        max_length=120,
        blank=True,
        help_text="Uitsplitsing van de noemer die de doelgroep is, bijvoorbeeld leeftijd=18+ voor "
        "'per 1.000 inwoners van 18 jaar en ouder'; leeg = dezelfde uitsplitsing als de teller.",
    )
    update_frequency = models.CharField(
        "verversing", max_length=12, choices=UpdateFrequency.choices, blank=True,
        help_text="Hoe vaak de bron nieuwe cijfers levert.",
    )  # fmt: skip
    disclosure = models.CharField(
        "geheimhoudingsregel",
        max_length=30,
        blank=True,
        help_text="cbs-persons, round:N, min-n:N of none; leeg = standaard voor deze soort bron.",
    )
    area_levels = models.JSONField("gebiedsniveaus", default=_default_levels, blank=True)
    period_type = models.CharField(
        "periode", max_length=20, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    is_published = models.BooleanField("gepubliceerd", default=True)
    updated_at = models.DateTimeField(auto_now=True)
    data_version = models.PositiveBigIntegerField(
        "gegevensversie", default=0, editable=False,
        help_text="Telt op bij elke wijziging van de waarden (indicators.versioning), zodat een publicatie "
        "weet welke indicatoren opnieuw beveiligd moeten worden.",
    )  # fmt: skip

    objects = AuditedManager()

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Indicator:
        instance = super().from_db(db, field_names, values)
        for hook in _load_hooks:
            hook(instance)
        return instance

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def disclosure_rule(self) -> disclosure.Rule:
        if self.disclosure:
            return disclosure.parse_rule(self.disclosure)
        return disclosure.default_rule(self.provider, self.unit, self.count_method)

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator_id and self.denominator_id and self.factor)

    @property
    def is_survey(self) -> bool:
        return self.count_method == CountMethod.SURVEY


class ImportStatus(models.TextChoices):
    RUNNING = "running", "Bezig"
    OK = "ok", "Geslaagd"
    INVALID = "invalid", "Afgewezen (ongeldige invoer)"
    FAILED = "failed", "Mislukt"


class ImportRun(models.Model):
    connector = models.CharField("bron-koppeling", max_length=40)
    source = models.TextField("bron (tabel, bestand of map)")
    parameters = models.JSONField("opties", default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField("uitgevoerd door", max_length=150, blank=True)
    started_at = models.DateTimeField("gestart", auto_now_add=True)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    dry_run = models.BooleanField("proefrun", default=False)
    added = models.PositiveIntegerField("toegevoegd", default=0)
    changed = models.PositiveIntegerField("gewijzigd", default=0)
    unchanged = models.PositiveIntegerField("ongewijzigd", default=0)
    rejected = models.PositiveIntegerField("afgewezen", default=0)
    errors = models.JSONField("fouten", default=list, blank=True)
    sha256 = models.CharField("SHA-256 van de bron", max_length=64, blank=True)
    retrieved_at = models.DateTimeField("opgehaald", null=True, blank=True)
    notes = models.TextField("toelichting", blank=True)
    # Which process runs it (host:pid) and when it last showed life: a run whose process has ended is
    # marked failed on the next start (indicators.runs.recover), never left "running".
    process = models.CharField("proces (host:pid)", max_length=120, blank=True)
    heartbeat = models.DateTimeField("laatste teken van leven", null=True, blank=True)

    class Meta:
        verbose_name = "importrun"
        verbose_name_plural = "importruns"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.connector} {self.source} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def duration_seconds(self) -> float | None:
        if not self.finished_at:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class Observation(models.Model):
    """One value: indicator × area × period × breakdown. Unique; earlier values go to revisions."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="observations")
    period = models.CharField("periode", max_length=8)
    breakdown = models.CharField(
        "uitsplitsing",
        max_length=120,
        blank=True,
        default="",
        help_text="Bijvoorbeeld leeftijd=65+; leeg = totaal.",
    )
    value = models.FloatField("waarde", null=True, blank=True)
    numerator = models.FloatField("teller", null=True, blank=True)
    denominator = models.FloatField("noemer", null=True, blank=True)
    ci_low = models.FloatField("ondergrens 95%-interval", null=True, blank=True)
    ci_high = models.FloatField("bovengrens 95%-interval", null=True, blank=True)
    n = models.PositiveIntegerField("aantal waarnemingen (n)", null=True, blank=True)
    status = models.CharField("status", max_length=16, choices=FigureStatus.choices, blank=True)
    value_attribute = models.CharField(
        "teken", max_length=12, blank=True, help_text="Zoals de bron het gaf, bijvoorbeeld '.' voor geheim."
    )
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision_count = models.PositiveSmallIntegerField("aantal herzieningen", default=0)
    is_computed = models.BooleanField(
        "berekend",
        default=False,
        db_default=False,
        help_text="Niet geleverd maar berekend uit de onderliggende gebieden (wijken, buurten of "
        "gemeenten van een regio); een geleverde waarde vervangt hem.",
    )

    class Meta:
        verbose_name = "waarde"
        verbose_name_plural = "waarden"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period", "breakdown"], name="observation_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period"], name="observation_ind_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period} {self.breakdown}: {self.value}"


class ObservationRevision(models.Model):
    """A value as it was before an import changed it (e.g. voorlopig before definitief)."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, blank=True)
    value_attribute = models.CharField(max_length=12, blank=True)
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_by = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_revisions"
    )
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "eerdere waarde"
        verbose_name_plural = "eerdere waarden"
        ordering = ["observation", "superseded_at"]

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.value} ({self.status or 'zonder status'})"
