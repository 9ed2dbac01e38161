# SPDX-License-Identifier: EUPL-1.2
"""Helpers for tests: publish what the working store holds now, as staff would."""

from __future__ import annotations

from typing import Any

from .build import build
from .models import Publication


def publish(**kwargs: Any) -> Publication:
    """Build the next publication and make it live at once (no page rendering, no cache warming)."""
    kwargs.setdefault("actor", "test")
    kwargs.setdefault("publish", True)
    kwargs.setdefault("warm_cache", False)
    kwargs.setdefault("render", False)
    return build(**kwargs)
