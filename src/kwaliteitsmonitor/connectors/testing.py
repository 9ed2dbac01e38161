# SPDX-License-Identifier: EUPL-1.2
"""The contract every connector keeps, as a pytest base class (STYLE-ANCHORS §7.11).

Subclass it in the connector's tests and fill in the hooks; the tests come with it::

    class TestCbsContract(ConnectorContract):
        connector = "cbs"

        def valid_source(self, tmp_path): return str(FILES / "jeugdhulp_85098NED"), {"create_areas": True}
        def invalid_source(self, tmp_path): ...  # returns (source, options, (file, row, column))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.apps import apps

from kwaliteitsmonitor.indicators.records import ObservationRecord

from .base import ParseResult
from .pipeline import run_import
from .registry import get_connector

Source = tuple[str, dict[str, Any]]
_CONTRACT_APPS = ("areas", "indicators", "agenda")


def database_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the data apps, in primary-key order: compare before and after to prove nothing changed."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models():
        if model._meta.app_label in _CONTRACT_APPS:
            dump[model._meta.db_table] = list(model.objects.order_by("pk").values_list())
    return dump


class ConnectorContract:
    connector: ClassVar[str]

    # --- hooks -------------------------------------------------------------------------------
    def valid_source(self, tmp_path: Path) -> Source:
        raise NotImplementedError

    def invalid_source(self, tmp_path: Path) -> tuple[str, dict[str, Any], tuple[str, int | None, str]]:
        """A source with one bad cell, and where the error must point: (file, row, column)."""
        raise NotImplementedError

    def prepare_database(self) -> None:
        """Create what the valid source needs (areas, indicators) when it does not create them itself."""

    # --- the contract ------------------------------------------------------------------------
    def _parse(self, source: str, options: dict[str, Any]) -> ParseResult:
        connector = get_connector(self.connector)
        return connector.parse(connector.fetch(source, options), options)

    def test_parse_returns_typed_records(self, tmp_path: Path) -> None:
        source, options = self.valid_source(tmp_path)
        result = self._parse(source, options)
        assert result.ok, result.errors
        assert result.records
        assert all(isinstance(r, ObservationRecord) for r in result.records)
        assert self._parse(source, options) == result  # pure: same input, same output

    @pytest.mark.django_db
    def test_import_is_idempotent(self, tmp_path: Path) -> None:
        self.prepare_database()
        source, options = self.valid_source(tmp_path)
        first = run_import(self.connector, source, options=options)
        assert first.status == "ok", first.result.errors
        assert first.result.added > 0
        before = database_dump()
        second = run_import(self.connector, source, options=options)
        assert second.status == "ok"
        assert (second.result.added, second.result.changed, second.result.rejected) == (0, 0, 0)
        assert second.result.unchanged == first.result.added
        assert second.nothing_changed
        after = database_dump()
        runs = "indicators_importrun"
        assert len(after.pop(runs)) == len(before.pop(runs)) + 1  # the run itself is recorded
        assert after == before

    @pytest.mark.django_db
    def test_invalid_input_is_reported_with_location_and_writes_nothing(self, tmp_path: Path) -> None:
        self.prepare_database()
        source, options, (file, row, column) = self.invalid_source(tmp_path)
        before = database_dump()
        outcome = run_import(self.connector, source, options=options)
        assert outcome.status == "invalid"
        assert outcome.exit_code == 2
        assert any((e.file, e.row, e.column) == (file, row, column) for e in outcome.result.errors), (
            outcome.result.errors
        )
        assert all(e.message for e in outcome.result.errors)
        assert database_dump() == before

    @pytest.mark.django_db
    def test_dry_run_writes_nothing(self, tmp_path: Path) -> None:
        self.prepare_database()
        source, options = self.valid_source(tmp_path)
        before = database_dump()
        dry = run_import(self.connector, source, options=options, dry_run=True)
        assert dry.status == "ok", dry.result.errors
        assert database_dump() == before
        real = run_import(self.connector, source, options=options)
        assert (dry.result.added, dry.result.changed) == (real.result.added, real.result.changed)
