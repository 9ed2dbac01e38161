# SPDX-License-Identifier: EUPL-1.2
"""The whole-response cache of the public pages (monitor/cache.py): hits cost no query, a change to the
data shows at once, staff and open transactions never share it, and a hit is byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.monitor import cache
from kwaliteitsmonitor.publications.testing import publish

PARTICIPATIE = "/indicator/participatie/"
DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
PUBLIC = [
    "/",
    "/index.json",
    PARTICIPATIE,
    "/indicator/participatie.json",
    DOEL,
    "/opgave/inrichting-sociaal-domein/sterke-sociale-basis.json",
    "/ontdekken/?x=participatie",
]

# Transactional: the cache is only used outside an open transaction (see test_not_used_inside_a_transaction).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def pages_cache(settings, tmp_path) -> Path:
    """A page cache of this test's own, switched on."""
    location = tmp_path / "pages"
    settings.KM_PAGE_CACHE = "file"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "LOCATION": str(location)},
    }
    return location


def entries(location: Path) -> int:
    """Cached pages (every file but the ones holding the data version and the write probe)."""
    own = {Path(cache.store()._key_to_file(key)) for key in (cache.VERSION_KEY, cache.PROBE_KEY)}
    return len([f for f in location.glob("*.djcache") if f not in own])


def test_a_hit_costs_no_query_and_is_identical(world, client, settings, django_assert_num_queries):
    first = {url: client.get(url) for url in PUBLIC}
    assert all(r.status_code == 200 for r in first.values())
    for url in PUBLIC:
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first[url].content, url
        assert sorted(again.items()) == sorted(first[url].items()), url
    # ...and identical to a rendering without the cache.
    settings.KM_PAGE_CACHE = "off"
    for url in PUBLIC:
        fresh = client.get(url)
        assert fresh.content == first[url].content, url
        assert sorted(fresh.items()) == sorted(first[url].items()), url


def test_an_import_shows_once_it_is_published(world, client, pages_cache):
    assert "8,2" in client.get(PARTICIPATIE).content.decode()
    assert client.get("/indicator/participatie.json").json()["title"]
    before = entries(pages_cache)
    assert before == 2

    run = start_run("test", "nieuwe cijfers")
    result = load_observations(
        [ObservationRecord("participatie", "GM9001", "2025JJ00", 8.9, status="definitief")], run
    )
    finish_run(run, result)
    assert "8,9" not in client.get(PARTICIPATIE).content.decode()  # the public reads the publication
    publish()

    body = client.get(PARTICIPATIE).content.decode()
    assert "8,9" in body and "2025" in body
    data = client.get("/indicator/participatie.json").content.decode()
    assert "8.9" in data and "2025JJ00" in data
    # One rendering after the import (still the old figures), two after publishing; the old ones are
    # not read any more.
    assert entries(pages_cache) == before + 3


def test_an_edit_in_the_admin_shows_once_published_or_at_once(world, client):
    assert "Participatie" in client.get(DOEL).content.decode()
    score = world["score"]
    score.short_name = score.name = "Meedoen in de samenleving"
    score.save()
    # A definition goes with the figures: it reaches the public with the next publication.
    assert "Meedoen in de samenleving" not in client.get(DOEL).content.decode()
    publish()
    assert "Meedoen in de samenleving" in client.get(DOEL).content.decode()
    # A change to the agenda (the navigation of every page) too.
    theme = world["theme"]
    theme.title = "Een ander sociaal domein"
    theme.save()
    assert "Een ander sociaal domein" in client.get(PARTICIPATIE).content.decode()


def test_staff_is_never_served_or_stored(world, client, pages_cache):
    staff = get_user_model().objects.create_user("beheerder", password="x" * 16, is_staff=True)
    client.force_login(staff)
    client.get(PARTICIPATIE)
    assert entries(pages_cache) == 0
    client.logout()
    client.cookies.clear()

    client.get(PARTICIPATIE)  # stored for the public
    assert entries(pages_cache) == 1
    client.force_login(staff)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PARTICIPATIE).status_code == 200
    # Rendered for staff (session, user, page), not served from the cache.
    assert len(captured.captured_queries) > 2
    assert entries(pages_cache) == 1


def test_only_public_pages_are_stored(world, client, pages_cache):
    assert client.get("/werkplek/inloggen/").status_code == 200
    client.cookies.clear()  # the login page starts a session (its steps), and a session is never served
    assert client.get("/indicator/bestaat-niet/").status_code == 404
    assert client.get("/api/v1/indicators").status_code == 200
    assert client.head(PARTICIPATIE).status_code == 200
    assert entries(pages_cache) == 0
    client.get(PARTICIPATIE)
    assert entries(pages_cache) == 1


def test_the_query_string_is_part_of_the_key(world, client):
    plain = client.get("/ontdekken/").content
    chosen = client.get("/ontdekken/?x=participatie").content
    assert plain != chosen
    assert client.get("/ontdekken/").content == plain
    assert client.get("/ontdekken/?x=participatie").content == chosen


def test_one_new_version_per_transaction_after_the_commit(world):
    start = cache.data_version()
    with transaction.atomic():
        world["score"].save()
        world["clients"].save()
        assert cache.data_version() == start  # not before the commit
    after = cache.data_version()
    assert after != start
    with pytest.raises(RuntimeError), transaction.atomic():
        world["score"].save()
        raise RuntimeError("afgebroken")
    assert cache.data_version() == after  # a rolled back change is no change


def test_switched_off_nothing_is_stored(world, client, settings, pages_cache):
    settings.KM_PAGE_CACHE = "off"
    client.get(PARTICIPATIE)
    assert entries(pages_cache) == 0


@pytest.mark.django_db(transaction=False)
def test_not_used_inside_a_transaction(world, client, pages_cache):
    """Test cases (and ATOMIC_REQUESTS) run inside a transaction that may be rolled back."""
    client.get(PARTICIPATIE)
    client.get(PARTICIPATIE)
    assert entries(pages_cache) == 0


def test_an_unknown_setting_is_refused_in_dutch(tmp_path):
    env = {**os.environ, "KM_PAGE_CACHE": "memcached", "KM_DATA_DIR": str(tmp_path)}
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "KM_PAGE_CACHE moet 'file', 'redis' of 'off' zijn" in result.stderr


def test_a_process_monitor_change_is_a_data_change(world):
    from kwaliteitsmonitor.processes.models import ProcessMonitor

    start = cache.data_version()
    ProcessMonitor.objects.create(name="Beschermd Thuis", slug="beschermd-thuis")
    assert cache.data_version() != start


def test_new_code_gives_new_keys(world, client, pages_cache):
    """After a deploy (or an edited template) a page rendered by the old code is not served."""
    assert client.get(DOEL).status_code == 200
    template = Path(cache.__file__).parent / "templates" / "monitor" / "doel.html"
    before = cache.code_identity()
    stat = template.stat()
    try:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        cache.code_identity.cache_clear()
        assert cache.code_identity() != before
        count = entries(pages_cache)
        assert client.get(DOEL).status_code == 200
        assert entries(pages_cache) == count + 1  # rendered again under the new key, not served
    finally:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        cache.code_identity.cache_clear()


def test_the_pages_of_a_publication_are_warmed_by_several_processes_where_the_database_allows(
    world, client, pages_cache, django_assert_num_queries
):
    """After a switch the recorded pages are rendered by forked processes, each with its own connection;
    on an in-memory database (the SQLite test run) they cannot see the data, so one process crawls."""
    from kwaliteitsmonitor.publications import warm

    pages = ["/", "/opgave/inrichting-sociaal-domein/", DOEL, PARTICIPATIE]
    report = warm.warm(pages, processes=2)

    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert report.processes == (1 if in_memory else 2)
    assert report.errors == []
    assert report.pages >= len(pages)
    assert entries(pages_cache) >= len(pages)
    for url in pages:  # every page is now a hit (for the host the crawl asks with), made elsewhere
        with django_assert_num_queries(0):
            assert client.get(url, HTTP_HOST=warm._host()).status_code == 200
