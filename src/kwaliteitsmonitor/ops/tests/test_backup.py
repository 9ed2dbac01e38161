# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor backup`` and ``restore`` on the database the suite runs on (SQLite, or PostgreSQL
with DATABASE_URL): a restore into an empty database gives every table identical (row counts and a
checksum per table), refuses a database with data without --force, and makes the caches stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

BIN = Path(sys.executable).parent / "kwaliteitsmonitor"
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith("postgres")

FILL = """
import django; django.setup()
from pathlib import Path
from django.contrib.auth import get_user_model
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.testing import publish
nl = Area.objects.create(code="NL00", name="Nederland", level=Level.NL)
for i in range(1, 6):
    Area.objects.create(code=f"GM900{i}", name=f"Gemeente {i}", level=Level.GM, parent=nl)
Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
Indicator.objects.create(code="tevreden", name="Tevreden", unit="pct", decimals=1, provider="cbs")
rows = "".join(f"inwoners;GM900{i};{y};{1000 * i + y}\\ntevreden;GM900{i};{y};{50 + i},5\\n"
               for i in range(1, 6) for y in range(2018, 2025))
Path("waarden.csv").write_text("indicator;gebied;periode;waarde\\n" + rows, encoding="utf-8")
assert run_import("tabular", "waarden.csv", actor="test").status == "ok"
Path("waarden.csv").write_text("indicator;gebied;periode;waarde\\ninwoners;GM9001;2024;9999\\n", encoding="utf-8")
assert run_import("tabular", "waarden.csv", actor="test").status == "ok"  # a revision
get_user_model().objects.create_user("beheerder", "b@example.org", "een-lang-wachtwoord-123", is_staff=True)
publish()
"""
FINGERPRINTS = """
import django, json; django.setup()
from kwaliteitsmonitor.ops.backup import table_fingerprints
print(json.dumps(table_fingerprints()))
"""
VERSION = """
import django; django.setup()
from kwaliteitsmonitor.monitor import cache
print(cache.data_version())
"""


class Site:
    """One installation: a data directory and a database of its own."""

    def __init__(self, root: Path, name: str) -> None:
        self.dir = root / name
        self.dir.mkdir()
        if ON_POSTGRES:
            server = dj_database_url.parse(SERVER_URL)
            self.db = f"km_ops_backup_{os.getpid()}_{name}"
            auth = server["USER"] + (f":{server['PASSWORD']}" if server["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{self.db}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.db}"', f'CREATE DATABASE "{self.db}"')
        else:
            self.url = f"sqlite:///{self.dir / 'km.sqlite3'}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        server = dj_database_url.parse(SERVER_URL)
        conninfo = dict(
            host=server["HOST"] or "127.0.0.1",
            port=server["PORT"] or 5432,
            user=server["USER"],
            dbname="postgres",
        )
        if server["PASSWORD"]:
            conninfo["password"] = server["PASSWORD"]
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def drop(self) -> None:
        if ON_POSTGRES:
            self._admin(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            KM_DATA_DIR=str(self.dir),
            DATABASE_URL=self.url,
            DJANGO_SETTINGS_MODULE="kwaliteitsmonitor.settings",
        )
        return env

    def km(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN), *args], env=self.env(), cwd=self.dir, capture_output=True, text=True)

    def python(self, code: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code], env=self.env(), cwd=self.dir, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def fingerprints(self) -> dict[str, list]:
        return json.loads(self.python(FINGERPRINTS))


@pytest.fixture
def sites(tmp_path):
    made: list[Site] = []

    def make(name: str) -> Site:
        made.append(Site(tmp_path, name))
        return made[-1]

    yield make
    for site in made:
        site.drop()


def test_backup_and_restore_into_an_empty_database_give_identical_tables(sites, tmp_path):
    origin = sites("a")
    assert origin.km("migrate", "--noinput").returncode == 0
    origin.python(FILL)
    before = origin.fingerprints()
    assert before["indicators_observation"][0] == 70 and before["indicators_observationrevision"][0] == 1
    assert before["publications_publication"][0] == 1 and before["auth_user"][0] == 1

    archive = tmp_path / "back-up.bin"
    made = origin.km("backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert "back-up:" in made.stdout and "Back-up klaar" in made.stdout
    assert archive.stat().st_size > 0
    assert not list(tmp_path.glob(".back-up.bin.deel"))

    empty = sites("b")  # not even migrated: no tables at all
    done = empty.km("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "terugzetten:" in done.stdout and "Teruggezet" in done.stdout
    after = empty.fingerprints()
    assert after == before  # every table: the same rows, the same checksum
    assert sum(count for count, _ in after.values()) > 100
    assert empty.km("migrate", "--check").returncode == 0


def test_restore_refuses_a_database_with_data_and_makes_caches_stale(sites, tmp_path):
    origin = sites("a")
    assert origin.km("migrate", "--noinput").returncode == 0
    origin.python(FILL)
    archive = tmp_path / "back-up.bin"
    assert origin.km("backup", str(archive)).returncode == 0

    target = sites("b")
    assert target.km("migrate", "--noinput").returncode == 0
    target.python(FILL)
    target.python(
        "import django; django.setup()\nfrom django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_user('ander', 'a@example.org', 'nog-een-lang-wachtwoord-45')"
    )
    before = target.fingerprints()
    version = target.python(VERSION)

    refused = target.km("restore", str(archive))
    assert refused.returncode == 1
    assert "De database is niet leeg" in refused.stderr and "--force" in refused.stderr
    assert target.fingerprints() == before  # nothing changed

    forced = target.km("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert target.fingerprints() == origin.fingerprints()
    assert target.python(VERSION) != version  # the page cache has a new data version


def test_restore_names_what_is_wrong_with_the_file(sites, tmp_path):
    site = sites("a")
    assert site.km("migrate", "--noinput").returncode == 0
    missing = site.km("restore", str(tmp_path / "bestaat-niet.bin"))
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr
    text = tmp_path / "notities.txt"
    text.write_text("geen back-up", encoding="utf-8")
    wrong = site.km("restore", str(text))
    assert wrong.returncode == 1 and "geen back-up van de Kwaliteitsmonitor" in wrong.stderr
    nowhere = site.km("backup", str(tmp_path / "geen-map" / "b.bin"))
    assert nowhere.returncode == 1 and "bestaat niet" in nowhere.stderr


@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump is only used for PostgreSQL")
def test_missing_postgresql_client_tools_are_named(sites, tmp_path):
    site = sites("a")
    assert site.km("migrate", "--noinput").returncode == 0
    env = {**site.env(), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [str(BIN), "backup", str(tmp_path / "b.bin")], env=env, cwd=site.dir, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "'pg_dump' is niet gevonden" in result.stderr and "postgresql-client" in result.stderr
    assert not (tmp_path / "b.bin").exists()
