# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 8: the command-line tool finds its data folder, and from a wrong folder says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwaliteitsmonitor import cli, datadir


def _installed(tmp_path: Path) -> Path:
    """A package as a wheel installs it (site-packages, no checkout around it)."""
    package = tmp_path / "site-packages" / "kwaliteitsmonitor"
    package.mkdir(parents=True)
    return package


def test_km_data_dir_comes_first(tmp_path):
    chosen = tmp_path / "gegevens"
    assert datadir.find({"KM_DATA_DIR": str(chosen)}, cwd=tmp_path) == chosen.resolve()


def test_the_checkout_is_found_from_any_folder(tmp_path):
    root = Path(datadir.__file__).resolve().parents[2]
    assert datadir.find({}, cwd=tmp_path) == (root / "var").resolve()
    assert not (tmp_path / "var").exists()


def test_installed_package_uses_var_here_only_when_it_exists(tmp_path):
    package = _installed(tmp_path)
    work = tmp_path / "werkmap"
    work.mkdir()
    assert datadir.find({}, cwd=work, package=package) is None
    (work / "var").mkdir()
    assert datadir.find({}, cwd=work, package=package) == (work / "var").resolve()


def test_cli_from_a_wrong_folder_says_so_in_one_dutch_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(datadir, "find", lambda *a, **k: None)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Geen gegevensmap gevonden: zet KM_DATA_DIR")
    assert not (tmp_path / "var").exists()
