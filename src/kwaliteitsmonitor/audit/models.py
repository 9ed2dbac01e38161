# SPDX-License-Identifier: EUPL-1.2
"""The seal of each audit log entry: a chain of hashes, so a changed, removed or inserted entry shows.

Entries themselves are django-auditlog's ``LogEntry`` rows (who, when, what, before and after). Every
entry gets one :class:`Seal` in the order it was written: ``hash = sha256(previous hash + the entry's
fields)``. :class:`ChainHead` is the single row that serialises writers (locked while a seal is added),
so two transactions can never hang their entries on the same predecessor. ``kwaliteitsmonitor audit
verify`` walks the chain (``chain.verify``).
"""

from __future__ import annotations

from django.db import models

GENESIS = "0" * 64


class ChainHead(models.Model):
    sequence = models.PositiveBigIntegerField("laatste volgnummer", default=0)
    hash = models.CharField("laatste hash", max_length=64, default=GENESIS)

    class Meta:
        verbose_name = "einde van de keten"
        verbose_name_plural = "einde van de keten"

    def __str__(self) -> str:
        return f"{self.sequence}: {self.hash[:12]}"


class Seal(models.Model):
    sequence = models.PositiveBigIntegerField("volgnummer", unique=True)
    # No foreign key: a removed entry must leave its seal behind, so verify can name it.
    entry_id = models.BigIntegerField("logregel", unique=True)
    previous_hash = models.CharField("vorige hash", max_length=64)
    hash = models.CharField("hash", max_length=64)

    class Meta:
        verbose_name = "zegel"
        verbose_name_plural = "zegels"
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"{self.sequence}: {self.hash[:12]}"
