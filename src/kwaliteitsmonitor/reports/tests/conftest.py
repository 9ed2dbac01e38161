# SPDX-License-Identifier: EUPL-1.2
"""The monitor's small fictitious world, published under a name, for the report tests."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.monitor.tests.conftest import _plain_static, world  # noqa: F401  (fixtures)
from kwaliteitsmonitor.publications.models import Publication, State


@pytest.fixture
def named(world):  # noqa: F811
    publication = Publication.objects.get(state=State.LIVE)
    publication.name = "Najaarsnota 2026"
    publication.slug = "najaarsnota-2026"
    publication.save(update_fields=["name", "slug"])
    return publication
