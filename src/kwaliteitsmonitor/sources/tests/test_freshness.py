# SPDX-License-Identifier: EUPL-1.2
"""Freshness judged against each source's own calendar (pure functions, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from kwaliteitsmonitor.sources import freshness as f

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("modified", "frequency", "reason", "status", "state", "next_expected"),
    [
        # Half-yearly table, updated in October: next version around April/May, not due yet.
        ("2026-10-31T02:00:00", "Perhalfjaar", "Actualisering", "Regulier", f.ACTUEEL, dt.date(2027, 5, 2)),
        # v4 spelling with a space and an offset; quarterly, due since 4 December, within 30 days grace.
        (
            "2026-09-03T02:00:00+02:00",
            "Per kwartaal",
            "Actualisering",
            "Regulier",
            f.VERWACHT,
            dt.date(2026, 12, 4),
        ),
        # Yearly, due in September 2026: more than 30 days ago.
        ("2025-09-01T02:00:00", "Perjaar", "Actualisering", "Regulier", f.TE_LAAT, dt.date(2026, 9, 2)),
        # Stopped: the Wmo series of 2 December 2024 (ReasonDelivery/Frequency "Stopgezet").
        ("2024-12-02T02:00:00", "Stopgezet", "Stopgezet", "Gediscontinueerd", f.BEEINDIGD, None),
        ("2024-12-02T02:00:00", "Perhalfjaar", "Actualisering", "Gediscontinueerd", f.BEEINDIGD, None),
        # KWB: irregular; current as long as the monitor holds the latest version.
        ("2025-03-27T02:00:00", "Onregelmatig", "ActualiseringBijzonder", "Regulier", f.ACTUEEL, None),
        ("", "Perjaar", "", "", f.ONBEKEND, None),
    ],
)
def test_cbs_catalogue_cases(modified, frequency, reason, status, state, next_expected):
    judged = f.judge_cbs(TODAY, modified=modified, frequency=frequency, reason=reason, status=status)
    assert (judged.state, judged.next_expected) == (state, next_expected)
    assert judged.explanation


def test_a_newer_cbs_version_than_the_monitor_holds_is_expected_at_the_next_refresh():
    judged = f.judge_cbs(
        TODAY, modified="2026-12-01T02:00:00", frequency="Perjaar", held_version="2026-06-01T02:00:00"
    )
    assert judged.state == f.VERWACHT
    assert "1 december 2026" in judged.explanation


@pytest.mark.parametrize(
    ("expected", "last", "state"),
    [
        (dt.date(2027, 1, 15), dt.date(2026, 7, 10), f.ACTUEEL),
        (dt.date(2026, 12, 1), dt.date(2026, 6, 1), f.VERWACHT),  # 6 days over, 14 days grace
        (dt.date(2026, 11, 1), dt.date(2026, 5, 1), f.TE_LAAT),
        (None, dt.date(2026, 5, 1), f.ACTUEEL),
        (None, None, f.ONBEKEND),
    ],
)
def test_schedule_cases(expected, last, state):
    assert f.judge_schedule(TODAY, expected=expected, last_delivery=last, grace_days=14).state == state


def test_labels_and_dates_are_dutch():
    judged = f.judge_schedule(TODAY, expected=dt.date(2026, 11, 1), last_delivery=None)
    assert judged.label == "te laat"
    assert "1 november 2026" in judged.explanation
    assert f.LABELS[f.BEEINDIGD] == "beëindigd"
    assert f.interval_days("Per halfjaar") == f.interval_days("Perhalfjaar") == 183
    assert f.interval_days("Eenmalig") is None
