# SPDX-License-Identifier: EUPL-1.2
"""Caches are an optimisation, never a point of failure (issue 15): a read-only, unwritable or corrupted
page-cache directory or version token leaves pages and the API answering 200, an import reports its real
outcome, and the caches stay bounded however many distinct URLs are asked for."""

from __future__ import annotations

import errno
import logging
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.indicators.models import ImportRun, ImportStatus, Observation
from kwaliteitsmonitor.monitor import cache, charts

PARTICIPATIE = "/indicator/participatie/"
PAGES = ["/", PARTICIPATIE, "/indicator/participatie.json", "/ontdekken/?x=participatie", "/zoeken/?q=parti"]
API = ["/api/v1/indicators", "/api/v1/areas"]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def pages_cache(settings, tmp_path) -> Path:
    location = tmp_path / "pages"
    settings.KM_PAGE_CACHE = "file"
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "LOCATION": str(location)}}
    return location


def _page_files(location: Path) -> list[Path]:
    own = {Path(cache.store()._key_to_file(k)) for k in (cache.VERSION_KEY, cache.PROBE_KEY)}
    return [f for f in location.glob("*.djcache") if f not in own]


def _read_only(monkeypatch) -> None:
    """The file system refuses every write, as a read-only mount (or a directory the process may not
    write) does, also for root, who may write a chmod 0500 directory."""

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(os, "remove", refuse)
    monkeypatch.setattr(os, "unlink", refuse)
    monkeypatch.setattr(os, "replace", refuse)


def _import_csv(tmp_path: Path, value: str = "9,5"):
    source = tmp_path / "nieuw.csv"
    source.write_text(
        f"indicator;gebied;periode;waarde\nparticipatie;GM9001;2025;{value}\n", encoding="utf-8"
    )
    return run_import("tabular", str(source), actor="test")


def _all_answer_200(client) -> None:
    for url in [*PAGES, *API, "/werkplek/inloggen/"]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_a_read_only_cache_serves_everything_and_an_import_reports_its_real_outcome(
    world, client, pages_cache, monkeypatch, tmp_path, caplog
):
    _all_answer_200(client)  # the cache holds these pages now
    chart = re.search(r"/grafiek/[0-9a-f]{40}\.svg", client.get(PARTICIPATIE).content.decode())
    stored = len(_page_files(pages_cache))
    assert stored >= len(PAGES)
    _read_only(monkeypatch)
    cache.reset()
    with caplog.at_level(logging.WARNING):
        _all_answer_200(client)
        _all_answer_200(client)
        outcome = _import_csv(tmp_path)
    # The data are committed: the import says so, with its counts, and its run is finished.
    assert outcome.status == "ok", outcome.as_json()
    assert outcome.result.added == 1
    assert Observation.objects.filter(indicator__code="participatie", period="2025JJ00").count() == 1
    run = ImportRun.objects.get(pk=outcome.run_id)
    assert run.status == ImportStatus.OK and run.added == 1 and run.finished_at is not None
    assert not ImportRun.objects.filter(status=ImportStatus.RUNNING).exists()
    # Logged once per kind of failure, not once per request.
    failures = [r for r in caplog.records if "paginacache: schrijven mislukt" in r.getMessage()]
    assert len(failures) == 1
    assert len(_page_files(pages_cache)) == stored  # nothing written
    if chart:  # a chart is rendered without its cache directory too
        assert client.get(chart.group(0)).status_code == 200


def test_a_cache_directory_that_cannot_be_created(world, client, settings, tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "LOCATION": str(blocker / "p")},
    }
    settings.KM_CHART_CACHE_DIR = blocker / "charts"
    _all_answer_200(client)
    outcome = _import_csv(tmp_path)
    assert outcome.status == "ok" and outcome.result.added == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a chmod 0500 directory anyway")
def test_a_chmod_read_only_directory(world, client, pages_cache, tmp_path):
    _all_answer_200(client)
    pages_cache.chmod(0o500)
    try:
        cache.reset()
        _all_answer_200(client)
        assert _import_csv(tmp_path).status == "ok"
    finally:
        pages_cache.chmod(0o700)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x80\x04garbage" * 6, bytes(range(200, 254))],
    ids=["leeg", "kapotte-pickle", "54-willekeurige-bytes"],
)
def test_a_corrupted_version_token_is_replaced(world, client, pages_cache, content):
    _all_answer_200(client)
    token_file = Path(cache.store()._key_to_file(cache.VERSION_KEY))
    assert token_file.exists()
    token_file.write_bytes(content)
    cache.reset()
    _all_answer_200(client)
    token = cache.data_version()
    assert token is not None and cache.TOKEN_RE.match(token)
    # ...and the cache works again under the new token.
    client.get(PARTICIPATIE)
    assert client.get(PARTICIPATIE).content == client.get(PARTICIPATIE).content


def test_a_foreign_value_as_token_is_replaced(world, client):
    cache.store().set(cache.VERSION_KEY, {"niet": "een token"}, None)
    assert client.get(PARTICIPATIE).status_code == 200
    assert cache.TOKEN_RE.match(cache.data_version() or "")


def test_a_corrupted_page_entry_is_replaced(world, client, pages_cache):
    first = client.get(PARTICIPATIE).content
    for entry in _page_files(pages_cache):
        entry.write_bytes(entry.read_bytes()[:20])
    assert client.get(PARTICIPATIE).content == first
    assert client.get(PARTICIPATIE).content == first  # stored again, readable


def test_unknown_query_parameters_are_served_but_not_stored(world, client, pages_cache):
    plain = client.get(PARTICIPATIE).content
    stored = len(_page_files(pages_cache))
    for i in range(30):
        response = client.get(f"{PARTICIPATIE}?utm_source=nieuwsbrief{i}")
        assert response.status_code == 200 and response.content == plain
    assert len(_page_files(pages_cache)) == stored
    # A page's own parameters are stored, in any order under one key.
    client.get("/ontdekken/?x=participatie&level=GM")
    stored = len(_page_files(pages_cache))
    client.get("/ontdekken/?level=GM&x=participatie")
    assert len(_page_files(pages_cache)) == stored


def test_ten_thousand_distinct_anonymous_urls_stay_within_the_bounds(settings, pages_cache, monkeypatch):
    """10.000 distinct URLs with parameters the page reads (every one a page to store), through the
    middleware into the file cache: entries and bytes stay under their settings."""
    max_entries, max_bytes = 200, 600_000
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            **settings.CACHES["pages"],
            "OPTIONS": {
                **settings.CACHES["pages"]["OPTIONS"],
                "MAX_ENTRIES": max_entries,
                "MAX_BYTES": max_bytes,
            },
        },
    }

    @cache.public_page(query=("q",))
    def view(request):
        return HttpResponse(("x" * 5000) + request.GET["q"])

    monkeypatch.setattr(cache, "_declared_query", lambda request: view.km_query)
    middleware = cache.PageCacheMiddleware(view)
    factory = RequestFactory()
    largest = (0, 0)
    for i in range(10_000):
        response = middleware(factory.get("/zoeken/", {"q": f"vraag-{i}"}))
        assert response.status_code == 200
        if i % 500 == 499:
            entries, size = cache.store().usage()
            largest = max(largest, (entries, size))
    entries, size = cache.store().usage()
    assert entries <= max_entries and size <= max_bytes + 10_000, (entries, size)
    assert largest[0] <= max_entries and largest[1] <= max_bytes + 10_000, largest
    assert entries > max_entries // 2  # it still caches
    # The data version survived the culling: the pages stored last are still served.
    assert cache.data_version() is not None


def test_chart_files_stay_within_the_bounds(settings):
    settings.KM_CHART_CACHE_MAX_FILES = 40
    settings.KM_CHART_CACHE_MAX_BYTES = 10_000_000
    for i in range(300):
        charts.register({"mark": "bar", "data": {"values": [{"a": i}]}})
    files = list(Path(settings.KM_CHART_CACHE_DIR).iterdir())
    assert len(files) <= 40 + charts.PRUNE_EVERY
    count, _ = charts.prune()
    assert count <= 40


def test_images_go_before_specs_so_a_cached_page_never_names_a_chart_that_cannot_be_made(
    settings, tmp_path, monkeypatch
):
    """At national scale a crawl registers thousands of charts: the bound used to remove the oldest specs,
    and a page still in the page cache then named a chart that answered 404 (the static export stopped
    on one). Images are removed first; a spec only when the specs alone exceed the bounds."""
    settings.KM_CHART_CACHE_DIR = str(tmp_path / "charts")  # its own: another test process also writes
    # Only the prune below: the automatic one runs every PRUNE_EVERY writes of this process, so where it
    # fell depended on the tests that ran before.
    monkeypatch.setattr(charts, "PRUNE_EVERY", 10**9)
    settings.KM_CHART_CACHE_MAX_FILES = 50
    settings.KM_CHART_CACHE_MAX_BYTES = 10_000_000
    specs = [{"mark": "bar", "data": {"values": [{"a": i}]}} for i in range(40)]
    digests = [charts.register(spec) for spec in specs[:20]]
    for digest in digests:  # images of the first charts, older than the specs that follow
        charts.render_cached(digest, "svg")
    digests += [charts.register(spec) for spec in specs[20:]]
    charts.prune()
    left = {f.name for f in Path(settings.KM_CHART_CACHE_DIR).iterdir()}
    assert len(left) <= 45  # 90% of the bound
    assert all(f"{digest}.json" in left for digest in digests)  # every spec is still there: 40 files
    assert sum(name.endswith(".svg") for name in left) <= 5  # the oldest images made room


def test_chart_bytes_stay_within_the_bounds(settings):
    settings.KM_CHART_CACHE_MAX_FILES = 100_000
    settings.KM_CHART_CACHE_MAX_BYTES = 200_000
    for i in range(200):  # about 5 kB each, 1 MB in all
        charts.register({"mark": "bar", "data": {"values": [{"a": i, "t": "x" * 5000}]}})
    charts.prune()
    assert sum(f.stat().st_size for f in Path(settings.KM_CHART_CACHE_DIR).iterdir()) <= 200_000


def test_a_corrupted_chart_spec_is_a_404_not_a_500(world, client, settings):
    digest = charts.register({"mark": "bar", "data": {"values": [{"a": 1}]}})
    (Path(settings.KM_CHART_CACHE_DIR) / f"{digest}.json").write_bytes(b"{niet af")
    assert client.get(f"/grafiek/{digest}.svg").status_code == 404


def test_redis_that_is_down_serves_everything(world, client, settings, tmp_path):
    pytest.importorskip("redis")
    settings.KM_PAGE_CACHE = "redis"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "KEY_PREFIX": "km",
            "TIMEOUT": 60,
        },
    }
    _all_answer_200(client)
    outcome = _import_csv(tmp_path)
    assert outcome.status == "ok" and outcome.result.added == 1
