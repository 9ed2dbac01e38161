# SPDX-License-Identifier: EUPL-1.2
"""How the monitor talks to PostgreSQL: parameters bound on the server, and repeated queries prepared
once per connection (KM_DB_PREPARE_THRESHOLD), or not at all for a pooler that cannot keep them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from kwaliteitsmonitor.publications.models import Publication

PG_URL = "postgres://postgres@127.0.0.1:5432/bestaat-niet-nodig"  # settings only; nothing connects
SHOW = (
    "import django, json; django.setup(); from django.conf import settings; "
    "o = settings.DATABASES['default']['OPTIONS']; "
    "print(json.dumps([o.get('server_side_binding'), o.get('prepare_threshold', 'ontbreekt')]))"
)


def _settings(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "KM_DB_PREPARE_THRESHOLD"}
    environment.update(DATABASE_URL=PG_URL, KM_DATA_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", SHOW], env=environment, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, [True, 5]), ("0", [True, 0]), ("12", [True, 12]), ("off", [True, None]), ("uit", [True, None])],
)
def test_postgresql_binds_on_the_server_and_prepares_after_the_threshold(tmp_path, value, expected):
    result = _settings(tmp_path, **({} if value is None else {"KM_DB_PREPARE_THRESHOLD": value}))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected


@pytest.mark.parametrize("value", ["veel", "-1", "1.5", "999999"])
def test_a_threshold_that_is_no_count_is_refused_in_dutch(tmp_path, value):
    result = _settings(tmp_path, KM_DB_PREPARE_THRESHOLD=value)
    assert result.returncode != 0
    assert "KM_DB_PREPARE_THRESHOLD moet een geheel getal vanaf 0 zijn of 'off'" in result.stderr


@pytest.mark.django_db
def test_a_query_the_connection_repeats_is_prepared_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    assert threshold is not None
    for number in range(threshold + 2):  # the same query text, other parameters
        list(Publication.objects.filter(number=number).values_list("state", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"publications_publication"."number" = $1' in statement for statement in prepared), prepared
