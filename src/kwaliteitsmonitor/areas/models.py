# SPDX-License-Identifier: EUPL-1.2
"""Gebieden: Nederland, provincies, regio's, gemeenten, wijken en buurten, with vintages.

Codes are CBS codes without padding (``NL00``, ``GM0632``, ``WK063201``, ``BU06320101``). An area keeps
its code for life; CBS gives a merged or renamed gemeente a new code, so a time series never silently
joins two different gemeenten. Names, parents and boundaries are kept per vintage (indeling year).
"""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    NL = "NL", "Nederland"
    PV = "PV", "Provincie"
    CR = "CR", "COROP-gebied"
    JZ = "JZ", "Jeugdzorgregio"
    GG = "GG", "GGD-regio"
    GM = "GM", "Gemeente"
    WK = "WK", "Wijk"
    BU = "BU", "Buurt"


# Parent level of each level in the administrative tree (regions are groupings, see AreaMembership).
PARENT_LEVEL = {Level.GM: Level.NL, Level.WK: Level.GM, Level.BU: Level.WK}
REGION_LEVELS = [Level.PV, Level.CR, Level.JZ, Level.GG]


class AreaQuerySet(models.QuerySet["Area"]):
    def valid_in(self, year: int) -> AreaQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=year),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=year),
        )


class Area(models.Model):
    code = models.CharField("CBS-code", max_length=16, unique=True)
    name = models.CharField("naam", max_length=200)
    level = models.CharField("niveau", max_length=2, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="valt onder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.PositiveSmallIntegerField("geldig vanaf (jaar)", null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField("geldig tot en met (jaar)", null=True, blank=True)
    is_pseudo = models.BooleanField(
        "pseudogebied", default=False, help_text="Bijvoorbeeld een waterwijk (WKxxxx99) of 'Buitenland'."
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "parent"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or self.valid_to >= year
        )


class AreaVintage(models.Model):
    """An area as the indeling of one year has it: name, parent and (simplified) boundary."""

    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.CASCADE, related_name="vintages")
    year = models.PositiveSmallIntegerField("jaar van de indeling")
    name = models.CharField("naam", max_length=200)
    parent_code = models.CharField("valt onder (code)", max_length=16, blank=True)
    geometry = models.TextField(
        "grens (GeoJSON, WGS84)",
        blank=True,
        help_text="Vereenvoudigd voor weergave; buitenring met de klok mee.",
    )
    source = models.CharField("bron", max_length=200, blank=True)

    class Meta:
        verbose_name = "gebiedsjaargang"
        verbose_name_plural = "gebiedsjaargangen"
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="area_vintage_unique")]
        ordering = ["area__code", "year"]

    def __str__(self) -> str:
        return f"{self.name} ({self.area.code}, {self.year})"


class MembershipKind(models.TextChoices):
    PROVINCIE = "provincie", "Provincie"
    COROP = "corop", "COROP-gebied"
    JEUGDREGIO = "jeugdregio", "Jeugdzorgregio"
    GGDREGIO = "ggdregio", "GGD-regio"
    STEDELIJKHEID = "stedelijkheid", "Stedelijkheidsklasse"
    GROOTTEKLASSE = "grootteklasse", "Gemeentegrootteklasse"


# Membership kinds whose groups are areas of their own (with a level), the others are classes.
KIND_LEVEL = {
    MembershipKind.PROVINCIE: Level.PV,
    MembershipKind.COROP: Level.CR,
    MembershipKind.JEUGDREGIO: Level.JZ,
    MembershipKind.GGDREGIO: Level.GG,
}


class AreaMembership(models.Model):
    """A gemeente belongs, in a given year, to a provincie, region or class."""

    area = models.ForeignKey(
        Area, verbose_name="gemeente", on_delete=models.CASCADE, related_name="memberships"
    )
    kind = models.CharField("soort", max_length=20, choices=MembershipKind.choices)
    year = models.PositiveSmallIntegerField("jaar")
    group_code = models.CharField("code van de groep", max_length=16)
    group = models.ForeignKey(
        Area,
        verbose_name="groep (gebied)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="members",
    )

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.UniqueConstraint(fields=["area", "kind", "year"], name="area_membership_unique")
        ]
        indexes = [models.Index(fields=["kind", "year", "group_code"])]

    def __str__(self) -> str:
        return f"{self.area.code} → {self.get_kind_display()} {self.group_code} ({self.year})"


class ComparisonGroup(models.Model):
    """A saved comparison group: the result of the similar-areas finder (``analysis.similar``) with the
    characteristics, weights, filters and method version it came from, so a benchmark is reproducible.
    ``fingerprint`` hashes settings and members, ``definition_fingerprint`` the settings alone."""

    area = models.ForeignKey(
        Area, verbose_name="gebied", on_delete=models.CASCADE, related_name="comparison_groups"
    )
    name = models.CharField("naam", max_length=200, blank=True)
    method_version = models.CharField("methodeversie", max_length=40)
    characteristics = models.JSONField("kenmerken en gewichten", default=list)
    filters = models.JSONField("harde filters", default=list, blank=True)
    k = models.PositiveSmallIntegerField("aantal gebieden")
    members = models.JSONField("leden (codes, meest gelijkend eerst)", default=list)
    matches = models.JSONField("afstanden en uitleg", default=list, blank=True)
    fingerprint = models.CharField("vingerafdruk", max_length=16, db_index=True)
    definition_fingerprint = models.CharField("vingerafdruk van de instellingen", max_length=16)
    created_at = models.DateTimeField("opgeslagen", auto_now_add=True)

    class Meta:
        verbose_name = "vergelijkingsgroep"
        verbose_name_plural = "vergelijkingsgroepen"
        ordering = ["area__code", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["area", "fingerprint"], name="comparison_group_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name or 'Vergelijkingsgroep'} ({self.area.code}, {self.fingerprint})"
