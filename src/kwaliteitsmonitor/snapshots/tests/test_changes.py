# SPDX-License-Identifier: EUPL-1.2
""" "Wat is er veranderd": exactly the changed values and statuses, each with its cause."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.agenda.models import EffortProgress, ReportPeriod
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.testing import publish
from kwaliteitsmonitor.snapshots import amend, freeze
from kwaliteitsmonitor.snapshots.models import Snapshot

pytestmark = pytest.mark.django_db


def load(*records: ObservationRecord) -> None:
    run = start_run("test", "snapshot")
    result = load_observations(list(records), run)
    assert result.ok, result.errors
    finish_run(run, result)


def test_the_first_snapshot_has_nothing_to_compare(world, client):
    first = freeze.freeze("Voorjaarsnota 2026", dt.date(2026, 4, 1))
    assert first.changes["previous"] is None
    assert all(not i["changes"] for i in first.changes["indicators"])
    amend.make_public(first)
    text = client.get("/rapportages/voorjaarsnota-2026/wat-is-er-veranderd/").content.decode()
    assert "is de eerste rapportage" in text


def test_the_diff_lists_exactly_the_changed_values_and_statuses(world, client):
    first = freeze.freeze("Voorjaarsnota 2026", dt.date(2026, 4, 1))
    amend.make_public(first)
    # revised by the source, a new period, a wijk value that is now small enough to be hidden, and an
    # unchanged value loaded again (not a change)
    load(
        ObservationRecord("participatie", "GM9001", "2024JJ00", 8.3, status="definitief"),
        ObservationRecord("participatie", "GM9001", "2025JJ00", 8.6, status="voorlopig"),
        ObservationRecord("participatie", "NL00", "2024JJ00", 7.4, status="definitief"),
    )
    autumn = ReportPeriod.objects.create(
        name="Najaarsnota 2025", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 9, 30)
    )
    EffortProgress.objects.create(
        effort=world["goal"].efforts.get(), report_period=autumn, status="done", progress=100
    )
    publish()
    second = freeze.freeze("Najaarsnota 2026", dt.date(2026, 11, 1))
    assert second.previous == first
    by_code = {i["code"]: i["changes"] for i in second.changes["indicators"]}
    changed = {
        (c["area_code"], c["period"], c["breakdown"], c["kind"], c["before"], c["after"])
        for c in by_code["participatie"]
    }
    assert changed == {
        ("GM9001", "2024JJ00", "", "changed", "8,2", "8,3"),
        ("GM9001", "2025JJ00", "", "new", "—", "8,6"),
    }
    causes = {c["period"]: c["cause"] for c in by_code["participatie"]}
    assert causes == {"2024JJ00": "revision", "2025JJ00": "new"}
    assert by_code["wmo-clienten"] == []
    (goal,) = second.changes["goals"]
    assert [e["title"] for e in goal["efforts"]] == ["Buurtverbinders in elke wijk"]
    effort = goal["efforts"][0]
    assert (effort["progress_before"], effort["progress_after"]) == ("40%", "100%")
    assert effort["cause"] == "Nieuwe voortgangsrapportage (Najaarsnota 2025)"
    # the page and its JSON twin show it
    amend.make_public(second)
    text = client.get("/rapportages/najaarsnota-2026/wat-is-er-veranderd/").content.decode()
    assert "Herziening door de bron" in text and "Nieuwe periode" in text and "Voorjaarsnota 2026" in text
    data = client.get("/rapportages/najaarsnota-2026/wat-is-er-veranderd.json").json()
    assert data["previous"]["slug"] == "voorjaarsnota-2026"
    assert len(data["indicators"][0]["changes"]) == 2


def test_newly_hidden_cells_are_named_as_protection(world):
    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.publications.models import PublishedValue
    from kwaliteitsmonitor.snapshots.changes import value_changes

    first = freeze.freeze("Voorjaarsnota 2026", dt.date(2026, 4, 1))
    number = first.publication.number
    row = PublishedValue.objects.filter(
        indicator=world["score"], area__code="WK900101", period="2024JJ00", until__isnull=True
    ).get()
    # A later publication hides the cell: the row ends and a secret row takes its place.
    row.until = number + 1
    row.save()
    PublishedValue.objects.create(
        indicator=world["score"], area=row.area, period=row.period, value=None, secret=True, reason="primary",
        cause="protection", since=number + 1,
    )  # fmt: skip
    areas = {a.pk: a for a in Area.objects.all()}
    found = value_changes(number, number + 1, [world["score"]], areas)["participatie"]
    assert [(c["area_code"], c["kind"], c["before"], c["after"], c["cause"]) for c in found] == [
        ("WK900101", "hidden", "7,9", "afgeschermd", "protection")
    ]


def test_the_command_freezes_and_lists(world):
    out = StringIO()
    call_command(
        "snapshot", "create", "--name", "Najaarsnota 2026", "--date", "2026-11-01", "--json", stdout=out
    )
    row = json.loads(out.getvalue())
    assert row["slug"] == "najaarsnota-2026" and row["stage"] == "prerelease" and row["pages"] > 10
    out = StringIO()
    call_command("snapshot", "list", "--json", stdout=out)
    assert [r["slug"] for r in json.loads(out.getvalue())] == ["najaarsnota-2026"]
    with pytest.raises(CommandError, match="--date: '1-13-2026' is geen datum"):
        call_command("snapshot", "create", "--name", "X", "--date", "1-13-2026")
    with pytest.raises(CommandError, match="al een rapportage"):
        call_command("snapshot", "create", "--name", "Najaarsnota 2026", stdout=StringIO())
    call_command("snapshot", "public", "najaarsnota-2026", stdout=StringIO())
    assert Snapshot.objects.get().stage == "public"
