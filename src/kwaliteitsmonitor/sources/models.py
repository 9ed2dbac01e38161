# SPDX-License-Identifier: EUPL-1.2
"""A source with a schedule: a CBS table, a file location under the sources folder, or a delivery by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import freshness


class Kind(models.TextChoices):
    CBS = "cbs", "CBS-tabel"
    FILE = "bestand", "bestandslocatie"
    MANUAL = "handmatig", "handmatige levering"


class Frequency(models.TextChoices):
    DAILY = "dagelijks", "dagelijks"
    WEEKLY = "wekelijks", "wekelijks"
    MONTHLY = "maandelijks", "maandelijks"
    QUARTERLY = "kwartaal", "per kwartaal"
    HALF_YEARLY = "halfjaarlijks", "per halfjaar"
    YEARLY = "jaarlijks", "jaarlijks"
    IRREGULAR = "onregelmatig", "onregelmatig"


class Outcome(models.TextChoices):
    NONE = "", "nog niet uitgevoerd"
    OK = "ok", "bijgewerkt"
    UNCHANGED = "ongewijzigd", "ongewijzigd"
    FAILED = "mislukt", "mislukt"


def sources_dir() -> Path:
    """The folder the operator configured for file locations (``KM_SOURCES_DIR``)."""
    return Path(settings.KM_SOURCES_DIR).resolve()


def safe_path(relative: str) -> Path:
    """``relative`` inside the sources folder, or ValidationError (no absolute paths, no ``..``)."""
    text = (relative or "").strip()
    pure = PurePosixPath(text)
    if not text or pure.is_absolute() or ".." in pure.parts or "\\" in text:
        raise ValidationError(
            {"path": f"'{relative}' moet een pad binnen de bronnenmap zijn, zoals 'jeugd/levering.csv'."}
        )
    root = sources_dir()
    full = (root / pure).resolve()
    if full != root and root not in full.parents:
        raise ValidationError({"path": f"'{relative}' wijst buiten de bronnenmap ({root})."})
    return full


class Source(models.Model):
    name = models.CharField("naam", max_length=200, unique=True)
    kind = models.CharField("soort", max_length=12, choices=Kind.choices)
    active = models.BooleanField("actief", default=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name="vult de indicatoren", related_name="sources", blank=True
    )
    # CBS table: the same settings as `kwaliteitsmonitor import cbs <table> --config … --create-areas`.
    table_id = models.CharField("CBS-tabelnummer", max_length=20, blank=True)
    cbs_api = models.CharField(
        "CBS-API", max_length=2, choices=[("v3", "v3"), ("v4", "v4")], default="v3", blank=True
    )
    config = models.TextField(
        "configuratie (YAML)",
        blank=True,
        help_text="Welke CBS-onderwerpen welke indicatoren vullen (docs/import/); leeg: alle onderwerpen.",
    )
    create_areas = models.BooleanField("gebieden aanmaken", default=False)
    # File location: a path inside the sources folder the operator configured (KM_SOURCES_DIR).
    path = models.CharField(
        "pad binnen de bronnenmap", max_length=500, blank=True, help_text="Bijvoorbeeld 'jeugd/levering.csv'."
    )
    connector = models.CharField(
        "bron-koppeling", max_length=40, default="tabular", blank=True, help_text="Voor een bestandslocatie."
    )
    # The calendar of the source (file location, delivery by hand; CBS uses the catalogue).
    frequency = models.CharField(
        "leveringsfrequentie", max_length=16, choices=Frequency.choices, default=Frequency.IRREGULAR
    )
    expected_delivery = models.DateField("verwachte levering", null=True, blank=True)
    grace_days = models.PositiveSmallIntegerField("dagen speling", default=14)
    # The schedule of the checks.
    check_every_hours = models.PositiveIntegerField("controleer elke (uren)", default=24)
    next_run_at = models.DateTimeField("volgende controle", null=True, blank=True)
    # What happened.
    last_checked_at = models.DateTimeField("laatst gecontroleerd", null=True, blank=True)
    last_outcome = models.CharField(
        "uitkomst", max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    last_message = models.TextField("melding", blank=True)
    last_run = models.ForeignKey(
        "indicators.ImportRun",
        verbose_name="laatste importrun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retrieved_at = models.DateTimeField("opgehaald op", null=True, blank=True)
    # CBS catalogue (TableInfos / Properties), as last read, and the version the monitor holds.
    catalogue_modified = models.CharField("CBS: Modified", max_length=40, blank=True)
    catalogue_frequency = models.CharField("CBS: Frequency", max_length=40, blank=True)
    catalogue_reason = models.CharField("CBS: ReasonDelivery", max_length=60, blank=True)
    catalogue_status = models.CharField("CBS: Status", max_length=40, blank=True)
    catalogue_period = models.CharField("CBS: Period", max_length=120, blank=True)
    held_version = models.CharField(
        "versie in de monitor", max_length=64, blank=True, help_text="CBS: Modified; bestand: SHA-256."
    )

    class Meta:
        verbose_name = "bron"
        verbose_name_plural = "bronnen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from .checks import validate_source

        validate_source(self)

    def is_due(self, now: dt.datetime | None = None) -> bool:
        return self.active and (self.next_run_at is None or self.next_run_at <= (now or timezone.now()))

    def freshness(self, today: dt.date | None = None) -> freshness.Freshness:
        today = today or timezone.localdate()
        if self.kind == Kind.CBS:
            return freshness.judge_cbs(
                today,
                modified=self.catalogue_modified,
                frequency=self.catalogue_frequency or self.frequency,
                reason=self.catalogue_reason,
                status=self.catalogue_status,
                held_version=self.held_version if self.catalogue_modified else None,
                grace_days=self.grace_days,
            )
        last = timezone.localdate(self.retrieved_at) if self.retrieved_at else None
        expected = self.expected_delivery
        if self.kind == Kind.FILE and expected is None and last is not None:
            days = freshness.interval_days(self.frequency)
            expected = last + dt.timedelta(days=days) if days else None
        return freshness.judge_schedule(
            today, expected=expected, last_delivery=last, grace_days=self.grace_days, ended=not self.active
        )
