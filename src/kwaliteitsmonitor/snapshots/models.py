# SPDX-License-Identifier: EUPL-1.2
"""A snapshot (rapportage): a named, pinned publication with its public pages frozen as bytes.

* :class:`Snapshot` — name, slug, "stand van" date, the publication it froze (protected: never deleted,
  withdrawn or discarded while the snapshot exists), who froze it and when, pre-release → public, and
  "wat is er veranderd" against the previous snapshot, computed once at freeze time.
* :class:`FrozenPage` — one page (HTML or JSON twin, chart image, download) as served, with its sha256.
  Rows are never updated: a correction that re-freezes a page adds a row linked to its amendment and
  marks the old one replaced, so the old bytes stay. The one exception: a chart or download frozen as
  its recipe gets its bytes once, on its first request (``snapshots.frozen.materialise``).
* :class:`Amendment` — a public, dated correction note ("Correctie"), never a silent edit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Stage(models.TextChoices):
    FREEZING = "freezing", "Wordt bevroren"
    PRERELEASE = "prerelease", "Voorinzage (raadsleden en medewerkers)"
    PUBLIC = "public", "Openbaar"
    FAILED = "failed", "Mislukt"


READABLE_STAGES = (Stage.PRERELEASE, Stage.PUBLIC)


class Snapshot(models.Model):
    name = models.CharField("naam", max_length=200, help_text="Bijvoorbeeld 'Najaarsnota 2026'.")
    slug = models.SlugField("korte naam", max_length=80, unique=True)
    as_of = models.DateField("stand van")
    publication = models.ForeignKey(
        "publications.Publication", verbose_name="publicatie", on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField("stand", max_length=12, choices=Stage.choices, default=Stage.FREEZING)
    frozen_at = models.DateTimeField("bevroren op", auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bevroren door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    made_public_at = models.DateTimeField("openbaar gemaakt op", null=True, blank=True)
    made_public_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="openbaar gemaakt door", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    previous = models.ForeignKey(
        "self", verbose_name="vorige rapportage", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    changes = models.JSONField("wat is er veranderd", default=dict, blank=True)
    summary = models.JSONField("samenvatting van het bevriezen", default=dict, blank=True)
    done = models.PositiveIntegerField("gedaan", default=0)
    total = models.PositiveIntegerField("totaal", default=0)
    error = models.TextField("fout", blank=True)

    class Meta:
        verbose_name = "rapportage"
        verbose_name_plural = "rapportages"
        ordering = ["-as_of", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def readable(self) -> bool:
        return self.stage in READABLE_STAGES


class Amendment(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="amendments")
    note = models.TextField("toelichting")
    date = models.DateField("datum")
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    publication = models.ForeignKey(
        "publications.Publication", verbose_name="opnieuw bevroren uit publicatie", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    paths = models.JSONField("opnieuw bevroren pagina's", default=list, blank=True)

    class Meta:
        verbose_name = "correctie"
        verbose_name_plural = "correcties"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"Correctie {self.date} op {self.snapshot}"


class FrozenPage(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="pages")
    path = models.CharField("pad op de site", max_length=400)
    content_type = models.CharField("soort", max_length=80)
    body = models.BinaryField("inhoud")
    sha256 = models.CharField(max_length=64)  # "" while the file is still to be made from its recipe
    # A chart image or a table download is frozen as what makes it (the chart's spec, the table with its
    # notes), taken from the frozen publication, and made from that on first request (snapshots.frozen).
    recipe = models.JSONField("recept", null=True, blank=True)
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.PROTECT, related_name="pages"
    )
    replaced = models.BooleanField("vervangen door een correctie", default=False)

    class Meta:
        verbose_name = "bevroren pagina"
        verbose_name_plural = "bevroren pagina's"
        indexes = [models.Index(fields=["snapshot", "path"], name="frozenpage_path")]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "path"], condition=models.Q(replaced=False), name="frozenpage_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot.slug}{self.path}"
