# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the CBS connector tests: saved-response directories built at run time.

The shared genuine responses are stored as ``meta_N.json`` (see their SOURCE.txt); the connector reads
one file per entity set, so tests link them under those names in ``tmp_path``. Nothing is copied into
the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FILES = Path(__file__).parent / "files"

V3_80137 = {
    "TableInfos.json": "meta_2.json",
    "CategoryGroups.json": "meta_3.json",
    "Persoonskenmerken.json": "meta_4.json",
    "BedrijfstakkenSBI93.json": "meta_5.json",
    "Perioden.json": "meta_6.json",
    "DataProperties.json": "meta_7.json",
    "TypedDataSet.json": "meta_8.json",
}
V4_80072 = {
    "Observations.json": "meta_4.json",
    "MeasureCodes.json": "meta_5.json",
    "Dimensions.json": "meta_6.json",
    "Properties.json": "meta_7.json",
    "PeriodenGroups.json": "meta_8.json",
    "PeriodenCodes.json": "meta_9.json",
    "BedrijfskenmerkenSBI2008Groups.json": "meta_10.json",
    "BedrijfskenmerkenSBI2008Codes.json": "meta_11.json",
}


def link_dir(target: Path, source_dir: Path, mapping: dict[str, str]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name, original in mapping.items():
        (target / name).symlink_to(source_dir / original)
    return target


def copy_fixture(name: str, target: Path) -> Path:
    """A writable copy of a repository fixture directory, for tests that change it."""
    target.mkdir(parents=True, exist_ok=True)
    for file in (FILES / name).iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    return target


def edit_json(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def v3_80137(shared_data: Path, tmp_path: Path) -> Path:
    return link_dir(tmp_path / "80137ned", shared_data / "cbs-odata-v3", V3_80137)


@pytest.fixture
def v4_80072(shared_data: Path, tmp_path: Path) -> Path:
    return link_dir(tmp_path / "80072ned", shared_data / "cbs-odata-v4", V4_80072)
