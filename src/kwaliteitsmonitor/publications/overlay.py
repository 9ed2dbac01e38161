# SPDX-License-Identifier: EUPL-1.2
"""Public pages and the API show an indicator as the publication they read defines it.

A definition changed in the working store (a unit, a number of decimals, a name) reaches the public with
the next publication, together with the values computed under it, never before: otherwise the live site
would show values of the old definition with the label of the new one.
"""

from __future__ import annotations

from typing import Any

from . import context

_SKIP = frozenset({"code", "rule"})


def published_definition(instance: Any) -> None:
    reading = context.current()
    if reading is None or not reading.overlay or reading.building:
        return
    from .build import definitions_cache

    found = definitions_cache.get(reading.number).get(instance.pk)
    if not found:
        return
    loaded = instance.__dict__
    for name, value in found.items():
        if name not in _SKIP and name in loaded:
            loaded[name] = value
