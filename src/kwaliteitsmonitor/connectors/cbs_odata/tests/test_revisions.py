# SPDX-License-Identifier: EUPL-1.2
"""Revisions end to end: voorlopig → definitief keeps the old value, status and run; re-import writes 0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import Observation, ObservationRevision

from .conftest import FILES, copy_fixture, edit_json

pytestmark = pytest.mark.django_db
OPTIONS = {"config": str(FILES / "jeugdhulp.yaml"), "create_areas": True}


def definitive_release(tmp_path: Path) -> Path:
    """The autumn release: 2024HJ01 becomes definitief and Woerden's figure is revised from 10.0 to 10.4."""
    directory = copy_fixture("jeugdhulp_85098NED", tmp_path / "najaar")
    edit_json(
        directory / "Perioden.json",
        lambda d: d["value"][3].update(Status="Definitief", Title="2024 1e halfjaar"),
    )

    def revise(data: dict[str, Any]) -> None:
        for row in data["value"]:
            if row["RegioS"].strip() == "GM0632" and row["Perioden"] == "2024HJ01":
                row["JongerenMetJeugdhulpInNatura_1"] = 10.4

    edit_json(directory / "TypedDataSet.2.json", revise)
    edit_json(directory / "TypedDataSet.json", revise)
    return directory


def test_voorlopig_becomes_definitief_with_history(tmp_path: Path) -> None:
    first = run_import("cbs", str(FILES / "jeugdhulp_85098NED"), options=OPTIONS)
    assert first.status == "ok" and first.result.added == 24
    observation = Observation.objects.get(
        indicator__code="bij_jh_pct", area__code="GM0632", period="2024HJ01"
    )
    assert (observation.value, observation.status, observation.import_run_id) == (
        10.0,
        "voorlopig",
        first.run_id,
    )

    second = run_import("cbs", str(definitive_release(tmp_path)), options=OPTIONS)
    # every 2024HJ01 value changes status (6), one also changes value
    assert (second.result.added, second.result.changed, second.result.unchanged) == (0, 6, 18)
    observation.refresh_from_db()
    assert (observation.value, observation.status, observation.import_run_id) == (
        10.4,
        "definitief",
        second.run_id,
    )
    assert observation.revision_count == 1
    revision = ObservationRevision.objects.get(observation=observation)
    assert (revision.value, revision.status, revision.import_run_id, revision.superseded_by_id) == (
        10.0,
        "voorlopig",
        first.run_id,
        second.run_id,
    )
    suppressed = Observation.objects.get(indicator__code="bij_jh_pct", area__code="GM0193", period="2024HJ01")
    assert (suppressed.value, suppressed.value_attribute, suppressed.status) == (None, ".", "definitief")

    before = database_dump()
    third = run_import("cbs", str(definitive_release(tmp_path / "again")), options=OPTIONS)
    assert (third.result.added, third.result.changed, third.result.unchanged) == (0, 0, 24)
    assert third.nothing_changed
    after = database_dump()
    assert len(after.pop("indicators_importrun")) == len(before.pop("indicators_importrun")) + 1
    assert after == before
