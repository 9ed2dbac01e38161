# SPDX-License-Identifier: EUPL-1.2
"""Completeness as the pages count it: areas × periods with a published value, of those expected."""

from __future__ import annotations

from kwaliteitsmonitor.monitor.pages.quality import completeness
from kwaliteitsmonitor.publications.queries import ValueRow


def _row(area: str, period: str, value: float | None, secret: bool = False) -> ValueRow:
    return ValueRow("x", area, area, "GM", period, period, "", value, "", None, None, "pct", 1, "", None,
                    None, None, False, False, secret, "", "")  # fmt: skip


def test_completeness_counts_areas_and_periods_with_a_value_of_those_expected():
    rows = [
        _row("GM9001", "2024JJ00", 1.0),
        _row("GM9001", "2025JJ00", None, secret=True),  # delivered, protected: counts
        _row("WK900101", "2024JJ00", 2.0),
        _row("WK900101", "2025JJ00", None),  # empty
        _row("NL00", "2026JJ00", 3.0),  # Nederland already has 2026: expected here too
    ]
    assert completeness(rows, ["GM9001", "WK900101"], "year") == (3, 6)
