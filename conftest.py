# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures for the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SHARED_DATA = Path(os.environ.get("KM_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real CBS/PDOK/GGD files in ../shared/data, read by path. Skips when absent, fails in CI."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"../shared/data ontbreekt ({SHARED_DATA}); in CI moet die er zijn")
        pytest.skip(f"../shared/data niet gevonden ({SHARED_DATA})")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Each test: its own chart cache, an empty local-memory cache, and static files served from the
    app directories (no collectstatic manifest needed to render a page)."""
    from django.core.cache import cache

    settings.KM_CHART_CACHE_DIR = tmp_path / "charts"
    # Publications: no background worker in tests (a queued build does nothing), and a build does not
    # render every page (tests that look at that switch it on).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.KM_PUBLISH_RENDER_PAGES = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    from kwaliteitsmonitor.monitor import cache as page_cache
    from kwaliteitsmonitor.publications.build import definitions_cache

    definitions_cache.clear()
    page_cache.reset()
    yield
    cache.clear()
    definitions_cache.clear()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, logged in as after password and TOTP code: the Django admin is for
    beheerders with a verified second factor only."""
    from kwaliteitsmonitor.accounts.testing import login_verified

    return login_verified(client, admin_user)
