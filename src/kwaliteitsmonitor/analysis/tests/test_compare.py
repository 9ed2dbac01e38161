# SPDX-License-Identifier: EUPL-1.2
"""Comparison with reference groups: difference, rank, percentile, significance for survey figures."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.compare import (
    CompareError,
    ReferenceGroup,
    Value,
    compare,
    compare_all,
    ranks,
)

REGION = ReferenceGroup(
    "jeugdzorgregio",
    "JZ19",
    "jeugdzorgregio Utrecht West",
    members=tuple(Value(a, v) for a, v in [("A", 50.0), ("B", 60.0), ("C", 70.0), ("D", 80.0)]),
)


def test_difference_rank_percentile_worked_by_hand() -> None:
    # own 57 among 50, 60, 70, 80 (own added: 5 members). No published figure → median of 50, 57, 60,
    # 70, 80 = 60. Difference 57 − 60 = −3; relative −3 / 60 = −0,05.
    result = compare(Value("W", 57.0), REGION, polarity="lower_better")
    assert result.reference == 60 and result.reference_source == "mediaan van de groep"
    assert result.difference == pytest.approx(-3)
    assert result.relative_difference == pytest.approx(-0.05)
    # lower is better: only 50 is lower → rank 2 of 5
    assert (result.rank, result.ranked) == (2, 5)
    # percentile: 1 below, 1 equal (itself) → 100 × (1 + 0,5) / 5 = 30
    assert result.percentile == pytest.approx(30)
    # mean (50 + 57 + 60 + 70 + 80) / 5 = 63,4
    assert result.group_mean == pytest.approx(63.4)
    assert result.better is True
    assert (
        result.text
        == "3,0 lager dan jeugdzorgregio Utrecht West (mediaan: 60,0), dat is gunstiger. Plaats 2 van 5 "
        "(1 = beste)."
    )


def test_published_reference_wins_over_members() -> None:
    nl = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 65.0))
    result = compare(Value("W", 57.0), nl, polarity="neutral", decimals=0)
    assert result.reference == 65 and result.reference_source == "gepubliceerd"
    assert result.better is None
    assert result.text == "8 lager dan Nederland (gepubliceerd cijfer: 65)."


def test_the_sentence_names_the_statistic_the_caller_computed() -> None:
    # The group's figure from summed numerators and denominators, computed by the caller: the median of
    # members and own value would be 60, but the given figure (62,5) is the reference, and the sentence
    # says what it is.
    summed = ReferenceGroup("grootteklasse", "5", "gemeenten met 50.000 tot 100.000 inwoners",
                            members=REGION.members, value=Value("5", 62.5), source="som")  # fmt: skip
    result = compare(Value("W", 57.0), summed, polarity="lower_better")
    assert (result.reference, result.reference_source) == (62.5, "som")
    assert result.text.startswith(
        "5,5 lager dan gemeenten met 50.000 tot 100.000 inwoners (uit opgetelde tellers en noemers: 62,5)"
    )
    median = compare(Value("W", 57.0), REGION, polarity="lower_better")
    assert "(mediaan: 60,0)" in median.text
    with pytest.raises(CompareError, match="Onbekende soort vergelijkingswaarde"):
        compare(Value("W", 57.0), ReferenceGroup("x", "x", "x", value=Value("x", 1.0), source="gok"))


def test_a_group_whose_figure_is_missing_has_no_reference_not_the_own_value() -> None:
    # The caller found no figure for the group (no member has a value): the own value must not become
    # the reference ("gelijk aan") through a median over the own value alone.
    empty = ReferenceGroup("gelijkende_gemeenten", "f", "de gemeenten die op W lijken",
                           members=(Value("A", None),), value=Value("f", None), source="mediaan van de groep")  # fmt: skip
    result = compare(Value("W", 57.0), empty)
    assert result.reference is None and result.reference_source == "" and result.difference is None
    assert result.text == "Voor de gemeenten die op W lijken is geen vergelijkingswaarde."


def test_survey_z_test_worked_by_hand() -> None:
    # own 7,5 (7,3–7,7) vs reference 7,0 (6,9–7,1): se_own = 0,4 / 3,92 = 0,10204, se_ref = 0,05102
    # z = 0,5 / √(0,10204² + 0,05102²) = 0,5 / 0,11408 = 4,38 → significant
    ref = ReferenceGroup("ggd_regio", "GG3406", "GGD-regio", value=Value("GG3406", 7.0, 6.9, 7.1))
    result = compare(Value("W", 7.5, 7.3, 7.7, 600), ref, polarity="higher_better", survey=True)
    assert result.z == pytest.approx(0.5 / math.hypot(0.4 / 3.919928, 0.2 / 3.919928))
    assert result.z == pytest.approx(4.38, abs=0.01)
    assert result.significant is True
    assert "statistisch significant" in result.text


def test_survey_difference_within_noise_is_not_significant() -> None:
    # own 7,2 (6,8–7,6) vs 7,0 (6,9–7,1): z = 0,2 / √(0,20408² + 0,05102²) = 0,95 → not significant
    ref = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 7.0, 6.9, 7.1))
    result = compare(Value("W", 7.2, 6.8, 7.6, 200), ref, survey=True)
    assert result.significant is False
    assert result.text == "Geen significant verschil met Nederland (gepubliceerd cijfer: 7,0)."


def test_overlap_method_is_stricter() -> None:
    # intervals 7,3–7,7 and 6,9–7,28 do not overlap → significant; 7,3–7,7 vs 6,9–7,35 overlap → not,
    # although the z-test calls the latter significant (z = 0,375 / √(0,10204² + 0,11480²) = 2,44).
    own = Value("W", 7.5, 7.3, 7.7)
    apart = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 7.09, 6.9, 7.28))
    close = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 7.125, 6.9, 7.35))
    assert compare(own, apart, survey=True, method="overlap").significant is True
    assert compare(own, close, survey=True, method="overlap").significant is False
    assert compare(own, close, survey=True).significant is True


def test_survey_without_interval_is_unknown() -> None:
    ref = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 7.0))
    result = compare(Value("W", 7.4), ref, survey=True)
    assert result.significant is None and "onbekend" in result.text


def test_ties_share_the_best_rank_and_missing_values_are_not_ranked() -> None:
    assert ranks({"A": 3.0, "B": 5.0, "C": 5.0, "D": None}, "higher_better") == {"A": 3, "B": 1, "C": 1}
    assert ranks({"A": 3.0, "B": 5.0}, "lower_better") == {"A": 1, "B": 2}


def test_compare_all_and_bad_polarity() -> None:
    nl = ReferenceGroup("nederland", "NL00", "Nederland", value=Value("NL00", 65.0))
    assert [c.kind for c in compare_all(Value("W", 57.0), [nl, REGION])] == ["nederland", "jeugdzorgregio"]
    with pytest.raises(CompareError):
        compare(Value("W", 1.0), nl, polarity="up")


def test_all_342_gemeenten_rank_and_compare() -> None:
    """All gemeenten at once (how fast: ``bench/bench_compare.py``; no timing in tests)."""
    members = tuple(Value(f"GM{i:04d}", 40 + (i * 37 % 101) / 2) for i in range(342))
    group = ReferenceGroup("nederland", "NL00", "Nederland", members=members, value=Value("NL00", 65.0))
    ranked = ranks({m.area: m.value for m in members}, "lower_better")
    assert sorted(ranked.values())[0] == 1 and max(ranked.values()) <= 342
    lowest = min(members, key=lambda m: m.value or 0)
    assert ranked[lowest.area] == 1  # lower is better: the lowest value ranks first
    result = compare(members[100], group, polarity="lower_better")
    assert result.reference == 65.0  # the published national figure


@settings(deadline=None)
@given(
    st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=40),
    st.sampled_from(["higher_better", "lower_better", "neutral"]),
)
def test_rank_and_percentile_bounds(values: list[float], polarity: str) -> None:
    members = tuple(Value(f"A{i}", v) for i, v in enumerate(values))
    result = compare(
        members[0], ReferenceGroup("vergelijkingsgroep", "x", "groep", members), polarity=polarity
    )
    assert result.rank is not None and 1 <= result.rank <= len(values)
    assert result.percentile is not None and 0 < result.percentile <= 100
    best = max(values) if polarity != "lower_better" else min(values)
    assert (result.rank == 1) == (values[0] == best)
