# SPDX-License-Identifier: EUPL-1.2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period, period_label, period_sort_key
from kwaliteitsmonitor.analysis.units import format_number, format_value, parse_dutch_number


@pytest.mark.parametrize(
    ("text", "key", "label"),
    [
        ("2024", "2024JJ00", "2024"),
        ("2024JJ00", "2024JJ00", "2024"),
        ("2024hj01", "2024HJ01", "1e halfjaar 2024"),
        (" 2023HJ02 ", "2023HJ02", "2e halfjaar 2023"),
        ("2022KW03", "2022KW03", "3e kwartaal 2022"),
        ("2021MM11", "2021MM11", "november 2021"),
    ],
)
def test_parse_period(text: str, key: str, label: str) -> None:
    period = parse_period(text)
    assert period.key == key
    assert period.label == label


@pytest.mark.parametrize("text", ["2024HJ03", "2024JJ01", "24", "2024-01", "", "2024MM13", "abcdJJ00"])
def test_invalid_periods_are_refused_in_dutch(text: str) -> None:
    with pytest.raises(PeriodError, match="geen geldige periode"):
        parse_period(text)


def test_periods_sort_by_their_midpoint() -> None:
    keys = ["2024JJ00", "2024HJ02", "2023JJ00", "2024HJ01"]
    assert sorted(keys, key=period_sort_key) == ["2023JJ00", "2024HJ01", "2024JJ00", "2024HJ02"]
    assert period_label("onzin") == "onzin"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (8.2, 1, "8,2"),
        (1000, 0, "1.000"),
        (1234567.891, 2, "1.234.567,89"),
        (-0.04, 1, "0,0"),
        (0, 0, "0"),
        (None, 1, ""),
    ],
)
def test_format_number_dutch(value: float | None, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_format_value_with_units() -> None:
    assert format_value(12.5, "pct", 1) == "12,5%"
    assert format_value(57, "per_1000", 0) == "57 per 1.000"
    assert format_value(1200, "euro", 0) == "€ 1.200"
    assert format_value(7.8, "score_0_10", 1) == "7,8"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1234.5", 1234.5),
        ("12,5%", 12.5),
        ("1.000", 1000.0),
        ("0.125", 0.125),
        ("1.234.567", 1234567.0),
        ("-3,25", -3.25),
        ("€ 1.200", 1200.0),
    ],
)
def test_parse_dutch_number(text: str, expected: float) -> None:
    assert parse_dutch_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "1,2,3,4a"])
def test_parse_dutch_number_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_dutch_number(text)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_format_then_parse_round_trips(value: float, decimals: int) -> None:
    text = format_number(value, decimals)
    assert parse_dutch_number(text) == pytest.approx(round(value, decimals), abs=10**-decimals)
