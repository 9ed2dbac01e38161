# SPDX-License-Identifier: EUPL-1.2
"""The published store (DESIGN.md §8): what the public reads, per numbered publication.

* :class:`Publication` — numbered, dated, attributed; built as a draft, then switched live at once.
* :class:`PublishedValue` — every value any output may show, after disclosure control decided on whole
  tables. Rows are versioned, not copied: a row is part of every publication from ``since`` up to (not
  including) ``until``, so publication *N* is the rows with ``since ≤ N`` and (``until`` empty or
  ``until > N``). A publication that changes one indicator writes only that indicator's changed rows.
* :class:`PublishedFigure` — statuses with their reasoning, projections, comparisons and forecasts as
  the pages show them, computed once per publication (no page fits a model on the request path).
* :class:`PublishedIndicator` — per publication and indicator: the data version and definition it was
  built from, its protection counts and audit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class State(models.TextChoices):
    BUILDING = "building", "Wordt gemaakt"
    DRAFT = "draft", "Concept"
    LIVE = "live", "Gepubliceerd (actueel)"
    SUPERSEDED = "superseded", "Gepubliceerd (vervangen)"
    FAILED = "failed", "Mislukt"
    DISCARDED = "discarded", "Vervallen concept"
    WITHDRAWN = "withdrawn", "Ingetrokken"


# States whose figures anyone may read (by number), and whose hidden cells later publications keep hidden.
READABLE = (State.LIVE, State.SUPERSEDED)


class Publication(models.Model):
    number = models.PositiveIntegerField("nummer", unique=True)
    state = models.CharField("stand", max_length=12, choices=State.choices, default=State.BUILDING)
    name = models.CharField("naam", max_length=200, blank=True, help_text="Bijvoorbeeld 'Najaarsnota 2026'.")
    slug = models.SlugField("korte naam", max_length=80, blank=True)
    created_at = models.DateTimeField("gemaakt", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gemaakt door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    actor = models.CharField("aanleiding", max_length=200, blank=True)
    published_at = models.DateTimeField("gepubliceerd", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gepubliceerd door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    basis = models.PositiveIntegerField("vergeleken met publicatie", null=True, blank=True)
    full = models.BooleanField("alles opnieuw berekend", default=False)
    stage = models.CharField("stap", max_length=120, blank=True)
    done = models.PositiveIntegerField("gedaan", default=0)
    total = models.PositiveIntegerField("totaal", default=0)
    heartbeat = models.DateTimeField("laatste teken van leven", null=True, blank=True)
    process = models.CharField("proces (host:pid)", max_length=120, blank=True)
    summary = models.JSONField("samenvatting", default=dict, blank=True)
    changes = models.JSONField("wijzigingen", default=dict, blank=True)
    audit = models.JSONField("controle", default=dict, blank=True)
    fingerprints = models.JSONField("vingerafdrukken van de invoer", default=dict, blank=True)
    error = models.TextField("fout", blank=True)

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["state"], condition=models.Q(state="live"), name="publication_one_live"
            ),
            models.UniqueConstraint(
                fields=["state"], condition=models.Q(state="building"), name="publication_one_building"
            ),
        ]

    def __str__(self) -> str:
        label = f"Publicatie {self.number}"
        return f"{label}: {self.name}" if self.name else label

    @property
    def readable(self) -> bool:
        return self.state in READABLE


class Reason(models.TextChoices):
    NONE = "", "Getoond"
    SOURCE = "source", "Geheim of onbekend bij de bron"
    PRIMARY = "primary", "Primair geheim (kleine aantallen)"
    SECONDARY = "secondary", "Secundair geheim (beschermt een ander getal)"
    CARRIED = "carried", "Geheim gebleven uit een eerdere publicatie"
    UNPROTECTABLE = "unprotectable", "Niet te beveiligen (aantallen ontbreken)"


class Cause(models.TextChoices):
    NEW = "new", "Nieuw cijfer"
    REVISION = "revision", "Herziening door de bron"
    DEFINITION = "definition", "Definitie gewijzigd"
    PROTECTION = "protection", "Beveiliging"
    CORRECTION = "correction", "Correctie"
    RECOMPUTED = "recomputed", "Opnieuw berekend"


class PublishedValue(models.Model):
    # No index of their own: the composite indexes below lead with these columns. Every index costs a write
    # per published value (17,6 M at the national workload).
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+", db_index=False)
    period = models.CharField("periode", max_length=8)
    breakdown = models.CharField("uitsplitsing", max_length=120, blank=True, default="")
    value = models.FloatField("waarde", null=True, blank=True)
    numerator = models.FloatField("teller", null=True, blank=True)
    denominator = models.FloatField("noemer", null=True, blank=True)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField("status", max_length=16, blank=True)
    value_attribute = models.CharField("teken", max_length=12, blank=True)
    secret = models.BooleanField("geheim", default=False)
    reason = models.CharField("reden", max_length=14, choices=Reason.choices, blank=True)
    note = models.CharField("toelichting", max_length=240, blank=True)
    protects = models.CharField("beschermt (intern)", max_length=160, blank=True)
    computed = models.BooleanField("berekend", default=False)
    revised = models.BooleanField("herzien", default=False)
    digest = models.CharField("vingerafdruk van het ongeronde cijfer (intern)", max_length=16, blank=True)
    cause = models.CharField("oorzaak", max_length=12, choices=Cause.choices, blank=True)
    since = models.PositiveIntegerField("vanaf publicatie")
    until = models.PositiveIntegerField("tot publicatie", null=True, blank=True)

    class Meta:
        verbose_name = "gepubliceerde waarde"
        verbose_name_plural = "gepubliceerde waarden"
        indexes = [
            models.Index(fields=["indicator", "period", "breakdown"], name="pubvalue_ind_period"),
            models.Index(fields=["area", "indicator"], name="pubvalue_area"),
            models.Index(fields=["since"], name="pubvalue_since"),
            models.Index(fields=["until"], name="pubvalue_until"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period} {self.breakdown}: {self.value}"


class PublishedIndicator(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.PROTECT, related_name="+")
    data_version = models.PositiveBigIntegerField(default=0)
    definition = models.CharField("vingerafdruk van de definitie", max_length=16)
    spec = models.JSONField("definitie zoals gepubliceerd", default=dict)
    rebuilt = models.BooleanField("opnieuw beveiligd", default=False)
    cells = models.PositiveIntegerField(default=0)
    hidden = models.JSONField("geheime cellen per reden", default=dict, blank=True)
    audit = models.JSONField("controle", default=dict, blank=True)
    # When the newest import that wrote values of this indicator retrieved them (its finish when the source
    # gives no retrieval date): the freshness a page shows for an indicator outside the sources register,
    # as of this publication, so no page aggregates the working store's observations.
    delivered_at = models.DateTimeField("laatst geleverd", null=True, blank=True)

    class Meta:
        verbose_name = "indicator in een publicatie"
        verbose_name_plural = "indicatoren in een publicatie"
        constraints = [
            models.UniqueConstraint(fields=["publication", "indicator"], name="published_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} in publicatie {self.publication_id}"


class PublishedFigure(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField("soort", max_length=40)
    key = models.CharField("sleutel", max_length=40)
    arguments = models.JSONField("invoer", default=dict)
    payload = models.JSONField("uitkomst")
    depends = models.JSONField("hangt af van", default=list)

    class Meta:
        verbose_name = "gepubliceerde uitkomst"
        verbose_name_plural = "gepubliceerde uitkomsten"
        constraints = [
            models.UniqueConstraint(fields=["publication", "kind", "key"], name="published_figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:8]} in publicatie {self.publication_id}"
