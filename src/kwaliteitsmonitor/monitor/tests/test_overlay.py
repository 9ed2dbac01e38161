# SPDX-License-Identifier: EUPL-1.2
"""The target line and projection band run at the series' own rhythm up to the end of the target year."""

from __future__ import annotations

from kwaliteitsmonitor.monitor.insight_figures import overlay

META = {"decimals": 0}
PROJECTION = {"method": "theil_sen", "level": 0.8, "value": 37.0, "low": 36.0, "high": 38.0,
              "target_year": 2027, "value_text": "37", "band_text": "36–38"}  # fmt: skip
TARGET = {"value": 42.0, "year": 2027}


def test_half_yearly_series_get_half_years_up_to_the_end_of_the_target_year():
    data = overlay(META, "2025HJ02", 43.0, PROJECTION, TARGET, 2027)
    assert data["extra_periods"] == ["2026-H1", "2026-H2", "2027-H1", "2027-H2"]
    band = {b["period"]: b for b in data["band"]}
    assert band["2025-H2"]["mid"] == 43.0  # starts at the last measurement
    assert band["2027-H2"]["mid"] == 37.0 and band["2027-H2"]["low"] == 36.0  # ends at the projection
    assert band["2026-H2"]["mid"] == 43.0 + (37.0 - 43.0) * 0.5  # halfway in time, halfway in value
    assert "Streefwaarde 42 in 2027" in data["text"]


def test_biennial_survey_adds_only_its_own_step_and_the_target_year():
    data = overlay(META, "2024JJ00", 7.7, None, TARGET, 2027, step=2)
    assert data["extra_periods"] == ["2026", "2027"]
    assert data["band"] == []  # no projection given: only the target line


def test_nothing_to_draw_without_target_or_projection():
    assert overlay(META, "2024JJ00", 7.7, None, None, 2027) is None
