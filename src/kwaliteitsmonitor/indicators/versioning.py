# SPDX-License-Identifier: EUPL-1.2
"""Per-indicator data versions: every write of observations (load, derive, admin) counts up the
version of the indicators it touched, in the same transaction. A publication compares these with the
versions it was built from, so republishing after a one-indicator import re-protects one indicator."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F

from .models import Indicator


def touch(indicator_ids: Iterable[int]) -> None:
    ids = sorted(set(indicator_ids))
    for start in range(0, len(ids), 500):
        Indicator.objects.filter(pk__in=ids[start : start + 500]).update(data_version=F("data_version") + 1)
