# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the API tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from .dataset import Dataset, build


@pytest.fixture
def dataset(db) -> Dataset:
    return build()


@pytest.fixture
def api() -> APIClient:
    return APIClient()
