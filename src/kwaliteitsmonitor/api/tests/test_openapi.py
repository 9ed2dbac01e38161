# SPDX-License-Identifier: EUPL-1.2
"""The committed ``openapi.yaml`` is the contract: it must match the code, and the app must keep it.

When the first test fails, regenerate the file from the repository root and commit it:

    kwaliteitsmonitor spectacular --file openapi.yaml --validate
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from kwaliteitsmonitor.api import pagination

COMMITTED = Path(__file__).resolve().parents[4] / "openapi.yaml"
REGENERATE = "kwaliteitsmonitor spectacular --file openapi.yaml --validate"


def test_committed_openapi_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    expected = generated.read_text(encoding="utf-8")
    actual = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            actual.splitlines(),
            expected.splitlines(),
            "openapi.yaml (gecommit)",
            "openapi.yaml (uit de code)",
            lineterm="",
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"openapi.yaml loopt niet gelijk met de code. Maak het opnieuw in de hoofdmap van de repository met\n\n"
            f"    {REGENERATE}\n\nen commit het mee. Verschil (eerste 80 regels):\n{shown}",
            pytrace=False,
        )


@pytest.mark.django_db
def test_served_schema_is_the_committed_one(api):
    import yaml

    served = api.get("/api/v1/schema", {"format": "json"})
    assert served.status_code == 200
    assert served.json() == yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


# --- schemathesis: the app against the committed schema, in process (WSGI) -----------------------------

schema = schemathesis.openapi.from_path(COMMITTED)
schema.app = get_wsgi_application()
# Few positive examples per operation keep this fast; the values endpoint is exercised on a known indicator
# (unknown codes and the 404 are covered by the other tests).
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=10, deterministic=True, database="none", allow_x00=False
)
schema.config.update(parameters={"code": "sociale_kracht"})
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])


@pytest.fixture
def wsgi_in_test_transaction(dataset):
    """Like Django's test client: keep the request cycle from closing the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield dataset
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr(pagination.Pagination, "page_size", 3)


@pytest.mark.django_db
@schema.parametrize()
# The dataset is only read here, so sharing the fixture between generated inputs is safe.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_api_conforms_to_committed_schema(case, wsgi_in_test_transaction):
    """Every check schemathesis has (the equivalent of ``--checks all``): status codes, content types,
    headers and bodies as documented, invalid input refused and valid input accepted; not only the
    absence of server errors."""
    case.call_and_validate(checks=ALL_CHECKS)


load_all_checks()
ALL_CHECKS = CHECKS.get_all()
