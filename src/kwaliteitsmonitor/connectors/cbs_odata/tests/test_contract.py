# SPDX-License-Identifier: EUPL-1.2
"""The CBS connector keeps the connector contract (typed records, idempotent, located errors, dry run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kwaliteitsmonitor.connectors.testing import ConnectorContract

from .conftest import FILES, copy_fixture, edit_json


class TestCbsContract(ConnectorContract):
    connector = "cbs"

    def valid_source(self, tmp_path: Path) -> tuple[str, dict[str, Any]]:
        return str(FILES / "jeugdhulp_85098NED"), {
            "config": str(FILES / "jeugdhulp.yaml"),
            "create_areas": True,
        }

    def invalid_source(self, tmp_path: Path) -> tuple[str, dict[str, Any], tuple[str, int | None, str]]:
        directory = copy_fixture("jeugdhulp_85098NED", tmp_path / "broken")
        edit_json(
            directory / "TypedDataSet.2.json",
            lambda d: d["value"][1].update(JongerenMetJeugdhulpInNatura_1="12,5x"),
        )
        options = {"config": str(FILES / "jeugdhulp.yaml"), "create_areas": True}
        return str(directory), options, ("TypedDataSet.2.json", 2, "JongerenMetJeugdhulpInNatura_1")


class TestCbsContractWithoutConfig(ConnectorContract):
    connector = "cbs"

    def valid_source(self, tmp_path: Path) -> tuple[str, dict[str, Any]]:
        return str(FILES / "wmo_wijken_85639NED"), {"create_areas": True}

    def invalid_source(self, tmp_path: Path) -> tuple[str, dict[str, Any], tuple[str, int | None, str]]:
        directory = copy_fixture("wmo_wijken_85639NED", tmp_path / "broken")
        edit_json(directory / "UntypedDataSet.json", lambda d: d["value"][4].update(WmoClienten_1="  veel"))
        return str(directory), {"create_areas": True}, ("UntypedDataSet.json", 5, "WmoClienten_1")
