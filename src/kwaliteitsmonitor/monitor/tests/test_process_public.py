# SPDX-License-Identifier: EUPL-1.2
"""An unapproved process round (concept, ingediend, teruggestuurd) is on no public page, JSON twin,
table download, search result or static export; once approved it is, and the region page shows its
history over the approved rounds."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK
from kwaliteitsmonitor.monitor.export import Exporter
from kwaliteitsmonitor.processes import lifecycle
from kwaliteitsmonitor.processes.models import SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db

SECRET = "Nog niet goedgekeurde toelichting"
PATHS = [
    "/processen/",
    "/processen.json",
    "/processen/beschermd-thuis/",
    "/processen/beschermd-thuis.json",
    "/processen/beschermd-thuis/eigenstad/",
    "/processen/beschermd-thuis/eigenstad.json",
    "/processen/beschermd-thuis/eigenstad/tabel-1.csv",
    "/processen/beschermd-thuis/tabel-1.csv",
    "/zoeken/?q=corporaties",
    "/zoeken.json?q=corporaties",
]


@pytest.fixture
def m():
    world = small_monitor()
    eigen = world["regions"]["Eigenstad"]
    lifecycle.start(world["open"], eigen)
    SubThemeStatus.objects.filter(round=world["open"], region=eigen, sub_theme=world["subs"][1]).update(
        status=DONE_ON_TRACK, explanation=SECRET, carried_over=False
    )
    return world


def _body(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode("utf-8-sig"))


@pytest.mark.parametrize("state", ["concept", "ingediend", "teruggestuurd"])
def test_an_unapproved_round_is_on_no_public_path(m, client, state):
    found = lifecycle.submission(m["open"], m["regions"]["Eigenstad"])
    found.state = state
    found.save()
    for path in PATHS:
        body = _body(client, path)
        assert SECRET not in body and "Najaar 2026" not in body, path
    # asking for it by name is a 404, not the draft
    assert client.get("/processen/beschermd-thuis/eigenstad/?ronde=najaar-2026").status_code == 404
    assert client.get("/processen/beschermd-thuis.json?ronde=najaar-2026").status_code == 404
    data = json.loads(_body(client, "/processen/beschermd-thuis/eigenstad.json"))
    assert data["round"]["label"] == "Voorjaar 2026" and data["history"] is None


def test_an_approved_round_is_public_with_history(m, client):
    found = lifecycle.submission(m["open"], m["regions"]["Eigenstad"])
    lifecycle.submit(found)
    lifecycle.approve(found)
    region = _body(client, "/processen/beschermd-thuis/eigenstad/")
    assert SECRET in region and "Najaar 2026" in region
    data = json.loads(_body(client, "/processen/beschermd-thuis/eigenstad.json"))
    assert data["history"]["columns"] == ["Subthema", "Voorjaar 2026", "Najaar 2026"]
    assert [c["text"] for c in data["history"]["rows"][1]["cells"]] == ["In ontwikkeling", "Gereed"]
    # Anderdorp did not submit: its page stays on its own last approved round
    other = json.loads(_body(client, "/processen/beschermd-thuis/anderdorp.json"))
    assert other["round"]["label"] == "Voorjaar 2026" and [r["label"] for r in other["rounds"]] == [
        "Voorjaar 2026"
    ]


def test_the_static_export_has_no_unapproved_round(m, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    exporter = Exporter(tmp_path / "site")
    exporter.crawl(reverse("monitor:processen"))
    written = [p for p in (tmp_path / "site").rglob("*") if p.is_file() and "proces" in str(p)]
    assert len(written) >= 4
    for path in written:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        assert SECRET not in text and "Najaar 2026" not in text, path
