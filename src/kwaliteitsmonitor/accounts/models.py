# SPDX-License-Identifier: EUPL-1.2
"""Accounts: each member of staff has one role and, for the roles that need one, one scope.

* beheerder — users, settings, everything (the Django admin is theirs alone);
* redacteur — agenda, inspanningen, imports and publications of one organisation (a gemeente);
* partner — the inspanningen of its own partner organisation;
* regio — the process monitors of its own region (named after its centrumgemeente);
* raadslid — reads drafts and asks questions.

The public has no account. What each role may do is in :mod:`kwaliteitsmonitor.accounts.permissions`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Role(models.TextChoices):
    BEHEERDER = "beheerder", "Beheerder"
    REDACTEUR = "redacteur", "Redacteur"
    PARTNER = "partner", "Partner"
    REGIO = "regio", "Regio"
    RAADSLID = "raadslid", "Raadslid"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="account", on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "agenda.Organisation", verbose_name="organisatie", null=True, blank=True, on_delete=models.PROTECT,
        related_name="profiles",
        help_text="Redacteur: de gemeente van de agenda die hij bewerkt. Partner: de eigen organisatie.",
    )  # fmt: skip
    region = models.ForeignKey(
        "areas.Area", verbose_name="regio (centrumgemeente)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"level": "GM"},
        help_text="Regio: de centrumgemeente van de eigen regio in de procesmonitors.",
    )  # fmt: skip

    class Meta:
        verbose_name = "profiel"
        verbose_name_plural = "profielen"

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"

    def clean(self) -> None:
        super().clean()
        if self.role in {Role.REDACTEUR, Role.PARTNER} and self.organisation_id is None:
            raise ValidationError({"organisation": "Kies de organisatie van deze redacteur of partner."})
        if self.role == Role.REGIO and self.region_id is None:
            raise ValidationError({"region": "Kies de regio (centrumgemeente) van deze gebruiker."})

    @property
    def scope_text(self) -> str:
        if self.role in {Role.REDACTEUR, Role.PARTNER} and self.organisation_id:
            return str(self.organisation)
        if self.role == Role.REGIO and self.region_id:
            return f"regio {self.region.name}"
        return "alles" if self.role == Role.BEHEERDER else ""
