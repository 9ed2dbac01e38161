# SPDX-License-Identifier: EUPL-1.2
"""Several app servers, one page cache in Redis (``KM_PAGE_CACHE=redis``; docs/publications.md, "Opschalen").

Server A is this process's Django cache; server B is a second, independent Redis cache client with the same
settings, as another machine behind the load balancer would have. A page rendered by A is a hit for B, and
a publication switched by A gives both a new data version at once, so neither serves the old page.

Needs the Redis server of the test machine; skipped (with the reason) where none is running.
"""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.monitor import cache
from kwaliteitsmonitor.publications.testing import publish

PARTICIPATIE = "/indicator/participatie/"

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_url() -> str:
    return django_settings.KM_REDIS_URL


@pytest.fixture
def redis_pages(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(_redis_url(), socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"geen Redis op {_redis_url()}")
    prefix = f"km-test-{uuid.uuid4().hex[:8]}"
    config = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _redis_url(),
        "KEY_PREFIX": prefix,
        "TIMEOUT": 600,
    }
    settings.KM_PAGE_CACHE = "redis"
    settings.CACHES = {**settings.CACHES, "pages": config}
    other_server = RedisCache(config["LOCATION"], {k: v for k, v in config.items() if k != "LOCATION"})
    yield other_server
    client = redis.Redis.from_url(_redis_url())
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def _key(path: str, version: str) -> str:
    request = RequestFactory().get(path)  # the same request as the test client sends
    return cache.page_key(request, version)


def test_a_page_rendered_by_one_server_is_a_hit_for_another(world, client, redis_pages):
    assert isinstance(cache.store(), RedisCache)
    first = client.get(PARTICIPATIE)
    assert first.status_code == 200 and "8,2" in first.content.decode()

    version = redis_pages.get(cache.VERSION_KEY)
    assert version is not None and version == cache.data_version()  # one version for all servers
    entry = redis_pages.get(_key(PARTICIPATIE, version))
    assert entry is not None, "server B finds the page that server A rendered"
    status, _headers, content = entry
    assert status == 200 and content == first.content


def test_a_publication_by_one_server_is_seen_by_every_server(world, client, redis_pages):
    client.get(PARTICIPATIE)
    before = redis_pages.get(cache.VERSION_KEY)

    run = start_run("test", "nieuwe cijfers")
    result = load_observations(
        [ObservationRecord("participatie", "GM9001", "2025JJ00", 8.9, status="definitief")], run
    )
    finish_run(run, result)
    publish()

    after = redis_pages.get(cache.VERSION_KEY)
    assert after is not None and after != before  # server B sees the new version at once
    assert redis_pages.get(_key(PARTICIPATIE, after)) is None  # nothing cached yet under it
    body = client.get(PARTICIPATIE).content.decode()
    assert "8,9" in body
    _status, _headers, content = redis_pages.get(_key(PARTICIPATIE, after))
    assert "8,9" in content.decode()
