# SPDX-License-Identifier: EUPL-1.2
"""Reading report period names and the documented rule for their peildatum."""

from __future__ import annotations

from datetime import date

import pytest

from kwaliteitsmonitor.analysis.report_periods import read_period_name


@pytest.mark.parametrize(
    ("text", "name", "slug", "when"),
    [
        ("2025-voorjaarsnota", "Voorjaarsnota 2025", "2025-voorjaarsnota", date(2025, 3, 31)),
        ("Voorjaarsnota 2026", "Voorjaarsnota 2026", "2026-voorjaarsnota", date(2026, 3, 31)),
        ("Kadernota 2026", "Kadernota 2026", "2026-voorjaarsnota", date(2026, 3, 31)),
        ("2025-najaarsnota", "Najaarsnota 2025", "2025-najaarsnota", date(2025, 8, 31)),
        ("2025-burap1", "Burap 1 2025", "2025-burap1", date(2025, 4, 30)),
        ("2e Bestuursrapportage 2025", "Bestuursrapportage 2 2025", "2025-burap2", date(2025, 8, 31)),
        ("Tussenrapportage 2025", "Tussenrapportage 2025", "2025-burap", date(2025, 6, 30)),
        ("JAARSTUKKEN_2024", "Jaarstukken 2024", "2024-jaarstukken", date(2024, 12, 31)),
        ("Programmabegroting 2026", "Programmabegroting 2026", "2026-begroting", date(2025, 6, 30)),
        ("2025", "2025", "2025", date(2025, 12, 31)),
    ],
)
def test_names_that_say_kind_and_year(text: str, name: str, slug: str, when: date) -> None:
    parsed = read_period_name(text)
    assert parsed is not None
    assert (parsed.name, parsed.slug, parsed.reference_date) == (name, slug, when)


@pytest.mark.parametrize(
    "text",
    ["", "Q3 2025", "najaarsnota", "burap 4 2025", "tweede burap 2025", "voorjaarsnota en najaarsnota 2025",
     "2024-2025 begroting", "Najaarsnota 2025 (concept)"],
)  # fmt: skip
def test_names_that_do_not_are_not_guessed(text: str) -> None:
    assert read_period_name(text) is None


def test_order_by_date_is_not_the_order_by_name() -> None:
    names = ["2025-najaarsnota", "2025-voorjaarsnota", "2025-jaarstukken", "2026-begroting", "2025-burap1"]
    parsed = {name: read_period_name(name) for name in names}
    dates = {name: p.reference_date for name, p in parsed.items() if p is not None}
    by_date = sorted(names, key=lambda n: dates[n])
    assert by_date == [
        "2025-voorjaarsnota",
        "2025-burap1",
        "2026-begroting",
        "2025-najaarsnota",
        "2025-jaarstukken",
    ]
