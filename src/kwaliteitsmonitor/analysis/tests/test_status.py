# SPDX-License-Identifier: EUPL-1.2
"""Status of a resultaat against its streefwaarde: rules R1–R8 with their Dutch reasoning."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.status import (
    ACHIEVED,
    INSUFFICIENT_DATA,
    LABELS,
    NO_RELIABLE_SIGNAL,
    OFF_TRACK,
    ON_TRACK,
    Point,
    StatusError,
    Target,
    assess,
)

LINEAR = [Point(y, v) for y, v in zip(range(2019, 2025), [5.0, 5.2, 5.4, 5.6, 5.8, 6.0], strict=True)]


def test_on_track_worked_by_hand() -> None:
    # a perfect line: +0,2 a year; 2024: 6,0 → 2027: 6,0 + 3 × 0,2 = 6,6 with no spread; target 6,5 ↑
    status = assess(LINEAR, Target(6.5, 2027, "increase"), 2025)
    assert (status.code, status.label, status.rule) == (ON_TRACK, "op koers", "R8")
    assert status.reasoning.startswith(
        "Op basis van de trend 2019–2024 komt de waarde in 2027 uit op 6,6 (bandbreedte 6,6–6,6); "
        "de streefwaarde is 6,5."
    )


def test_off_track_worked_by_hand() -> None:
    # same line, target 7,5 in 2027: the projection 6,6 stays below it
    status = assess(LINEAR, Target(7.5, 2027, "increase"), 2025)
    assert status.code == OFF_TRACK and status.rule == "R7"
    assert "gunstige kant" in status.reasoning


def test_achieved_when_the_latest_interval_is_past_the_target() -> None:
    # decrease: 10 → 9 → 8, target 8,5: 8 ≤ 8,5 and there is no interval
    series = [Point(2022, 10.0), Point(2023, 9.0), Point(2024, 8.0)]
    status = assess(series, Target(8.5, 2027, "decrease"), 2025)
    assert status.code == ACHIEVED and status.label == "behaald"
    assert status.reasoning == "De laatste meting (2024) is 8,0 en haalt de streefwaarde (8,5)."


def test_survey_value_past_target_but_interval_straddles_it() -> None:
    # 8,1 with interval 7,8–8,4 and target 8,0: the value passes, the interval does not decide
    series = [Point(2020, 7.6, 7.3, 7.9, 900), Point(2022, 8.1, 7.8, 8.4, 850)]
    status = assess(series, Target(8.0, 2026, "increase"), 2025)
    assert status.code == NO_RELIABLE_SIGNAL and status.rule == "R4"
    assert "7,8 tot 8,4" in status.reasoning


def test_target_inside_the_projection_band_gives_no_reliable_signal() -> None:
    # the issue's own example: a trend near 7,9 with a band around the target 8,0
    series = [
        Point(2019, 7.5, 7.3, 7.7, 800),
        Point(2021, 7.6, 7.4, 7.8, 800),
        Point(2023, 7.7, 7.5, 7.9, 800),
        Point(2024, 7.8, 7.6, 8.0, 900),
    ]
    status = assess(series, Target(8.0, 2027, "increase"), 2025)
    assert status.code == NO_RELIABLE_SIGNAL and status.rule == "R7"
    assert status.projection is not None
    assert status.projection.low < 8.0 < status.projection.high
    assert "komt de waarde in 2027 uit op 7,9" in status.reasoning


def test_overlapping_survey_intervals_do_not_show_progress() -> None:
    # steady small rises, each interval ±0,5: the projection passes 6,3 but 2019 and 2024 overlap
    series = [Point(2019 + i, 5.5 + 0.1 * i, 5.0 + 0.1 * i, 6.0 + 0.1 * i, 1000) for i in range(6)]
    status = assess(series, Target(6.3, 2030, "increase"), 2025, level=0.5)
    assert status.code == NO_RELIABLE_SIGNAL and status.rule == "R8"
    assert "overlappen" in status.reasoning


def test_small_counts_give_no_reliable_signal() -> None:
    series = [Point(2022, 40.0, n=200), Point(2023, 30.0, n=150), Point(2024, 12.0, n=12)]
    status = assess(series, Target(10.0, 2027, "decrease"), 2025)
    assert status.code == NO_RELIABLE_SIGNAL and status.rule == "R2"
    assert "12 personen" in status.reasoning


def test_poisson_interval_for_counts() -> None:
    # value 100 from n = 400: ± 100 × 1,96 / √400 = ± 9,8 → 90,2–109,8. Target ≤ 95: value 100 misses,
    # but the target year is measured and the interval reaches 95 → no reliable signal (R5).
    status = assess([Point(2027, 100.0, n=400)], Target(95.0, 2027, "decrease"), 2028)
    assert status.code == NO_RELIABLE_SIGNAL and status.rule == "R5"
    assert "90,2 tot 109,8" in status.reasoning


def test_target_year_measured_and_missed() -> None:
    status = assess([Point(2026, 5.0), Point(2027, 5.5)], Target(7.0, 2027, "increase"), 2028)
    assert status.code == OFF_TRACK and status.rule == "R5"


def test_too_few_points() -> None:
    status = assess([Point(2022, 5.0), Point(2024, 5.5)], Target(7.0, 2027, "increase"), 2025)
    assert status.code == INSUFFICIENT_DATA and status.rule == "R6"
    assert "2 metingen (2022, 2024)" in status.reasoning


def test_no_usable_points_secret_and_missing() -> None:
    status = assess([Point(2023, None), Point(2024, 3.0, secret=True)], Target(7.0, 2027, "increase"), 2025)
    assert status.code == INSUFFICIENT_DATA and status.rule == "R1"


def test_baseline_counts_as_a_point_and_periods_are_not_mixed() -> None:
    series = [Point("2023JJ00", 5.4), Point("2024JJ00", 5.6), Point("2024HJ01", 99.0)]
    # The year 2024 (midpoint 2024,5) is later than 2024-H1 (2024,25), so the series is of years and the
    # half-year is dropped. With the baseline: 5,2; 5,4; 5,6 → +0,2 a year → 2027: 5,6 + 3 × 0,2 = 6,2 ≥ 6,0.
    status = assess(series, Target(6.0, 2027, "increase"), 2025, baseline=Point(2022, 5.2))
    assert status.points_used == 3
    assert status.code == ON_TRACK


def test_maintain() -> None:
    # keep 80 % ± 5 % of 80 = ± 4: 78 is inside (before the target year → op koers)
    assert assess([Point(2024, 78.0)], Target(80.0, 2027, "maintain"), 2025).code == ON_TRACK
    assert assess([Point(2027, 78.0)], Target(80.0, 2027, "maintain"), 2028).code == ACHIEVED
    assert assess([Point(2024, 70.0)], Target(80.0, 2027, "maintain"), 2025).code == OFF_TRACK


def test_unknown_direction() -> None:
    with pytest.raises(StatusError):
        assess(LINEAR, Target(1.0, 2027, "up"), 2025)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=0, max_size=7),
    st.floats(min_value=0, max_value=100),
    st.sampled_from(["increase", "decrease", "maintain"]),
)
def test_every_status_has_a_label_and_reasoning(values: list[float], goal: float, direction: str) -> None:
    series = [Point(2017 + i, v) for i, v in enumerate(values)]
    status = assess(series, Target(goal, 2030, direction), 2025)
    assert status.label == LABELS[status.code]
    assert status.reasoning.strip()
    if status.projection is not None:
        assert status.projection.low <= status.projection.value <= status.projection.high
