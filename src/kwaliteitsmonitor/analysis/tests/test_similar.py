# SPDX-License-Identifier: EUPL-1.2
"""Similar areas: z-standardised weighted distance, filters, missing values, explanation, fingerprint."""

from __future__ import annotations

import math
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwaliteitsmonitor.analysis.similar import (
    Characteristic,
    Filter,
    SimilarError,
    distance,
    find_similar,
    standardise,
)

CHARS = [
    Characteristic("inw", "inwonertal"),
    Characteristic("p75", "aandeel 75-plussers"),
    Characteristic("sted", "stedelijkheid", weight=0.5),
]
# four gemeenten; values chosen so the z-scores are easy (population sd over 4 areas)
Row = dict[str, float | str | None]
DATA: dict[str, Row] = {
    "A": {"inw": 10.0, "p75": 8.0, "sted": 1.0, "hbh": "algemeen"},
    "B": {"inw": 20.0, "p75": 12.0, "sted": 3.0, "hbh": "maatwerk"},
    "C": {"inw": 30.0, "p75": 8.0, "sted": 3.0, "hbh": "algemeen"},
    "D": {"inw": 40.0, "p75": 12.0, "sted": 5.0, "hbh": "algemeen"},
}


def test_standardise_worked_by_hand() -> None:
    # inw: mean 25, population sd √((225 + 25 + 25 + 225) / 4) = √125 = 11,1803 → A: −15 / 11,1803 = −1,3416
    # p75: mean 10, sd 2 → A: −1, B: +1; sted: mean 3, sd √((4 + 0 + 0 + 4) / 4) = √2 → A: −1,4142
    z = standardise(DATA, CHARS)
    assert z["A"]["inw"] == pytest.approx(-15 / math.sqrt(125))
    assert z["B"]["p75"] == pytest.approx(1.0)
    assert z["A"]["sted"] == pytest.approx(-math.sqrt(2))


def test_distance_and_nearest_worked_by_hand() -> None:
    # target B. Δz to A: inw 10/√125 = 0,8944 → 0,8; p75 2 → 4; sted 2/√2 = 1,4142 → 2 × 0,5 = 1. d = √5,8 = 2,4083
    #           to C: inw 0,8944 → 0,8; p75 2 → 4; sted 0 → 0. d = √4,8 = 2,1909
    #           to D: inw 20/√125 = 1,7889 → 3,2; p75 0 → 0; sted 1,4142 → 2 × 0,5 = 1. d = √4,2 = 2,0494
    result = find_similar("B", DATA, CHARS, k=3)
    assert result.members == ("D", "C", "A")
    assert [m.distance for m in result.matches] == pytest.approx(
        [math.sqrt(4.2), math.sqrt(4.8), math.sqrt(5.8)]
    )
    d = result.matches[0]
    assert dict(d.contributions) == pytest.approx({"inw": 3.2, "p75": 0.0, "sted": 1.0})
    assert (
        d.explanation
        == "Lijkt vooral op aandeel 75-plussers en stedelijkheid; het grootste verschil zit in inwonertal."
    )


def test_hard_filters_and_exclude() -> None:
    result = find_similar(
        "B", DATA, CHARS, k=3, filters=[Filter("hbh", equals="algemeen"), Filter("inw", max=35)]
    )
    assert result.members == ("C", "A")
    assert find_similar("B", DATA, CHARS, k=3, exclude={"D"}).members == ("C", "A")


def test_missing_values_exclude_or_rescale() -> None:
    data: dict[str, Row] = {**DATA, "E": {"inw": 20.0, "p75": None, "sted": 3.0}}
    assert "E" not in find_similar("B", data, CHARS, k=5).members
    rescaled = find_similar("B", data, CHARS, k=5, missing="rescale")
    # E equals B on the two shared characteristics → distance 0 (scaled by √(2,5 / 1,5), still 0)
    assert rescaled.members[0] == "E" and rescaled.matches[0].distance == 0


def test_target_without_a_characteristic_leaves_it_out_for_everyone() -> None:
    data: dict[str, Row] = {**DATA, "B": {"inw": 20.0, "p75": None, "sted": 3.0}}
    result = find_similar("B", data, CHARS, k=3)
    assert ("p75", "geen waarde voor dit gebied") in result.left_out
    assert all(code != "p75" for m in result.matches for code, _ in m.contributions)


def test_fingerprint_is_stable_and_changes_with_the_definition() -> None:
    one = find_similar("B", DATA, CHARS, k=2)
    reordered: dict[str, Row] = dict(reversed(list(DATA.items())))
    two = find_similar("B", reordered, CHARS, k=2)
    assert one.fingerprint == two.fingerprint and len(one.fingerprint) == 16
    heavier = [Characteristic("inw", "inwonertal", weight=2.0), *CHARS[1:]]
    three = find_similar("B", DATA, heavier, k=2)
    assert three.definition_fingerprint != one.definition_fingerprint
    assert one.method_version == "similar-1"


def test_works_for_wijken_and_validates() -> None:
    wijken: dict[str, Row] = {f"WK0632{i:02d}": {"inw": 1000.0 * (i + 1), "p75": 5.0 + i} for i in range(8)}
    result = find_similar("WK063203", wijken, [Characteristic("inw", "inwonertal", log=True)], k=2)
    assert set(result.members) == {"WK063202", "WK063204"}
    with pytest.raises(SimilarError):
        find_similar("XX", wijken, CHARS)
    with pytest.raises(SimilarError):
        find_similar("WK063203", wijken, CHARS, k=0)


def test_342_gemeenten_ten_nearest_is_fast() -> None:
    rng = random.Random(1)
    data: dict[str, Row] = {f"GM{i:04d}": {c.code: rng.gauss(0, 1) for c in CHARS} for i in range(342)}
    start = time.perf_counter()
    for _ in range(5):
        find_similar("GM0100", data, CHARS, k=10)
    assert (time.perf_counter() - start) / 5 < 0.05  # generous on a shared machine; budget 20 ms per page


vectors = st.dictionaries(
    st.sampled_from(["inw", "p75", "sted"]), st.floats(min_value=-5, max_value=5, allow_nan=False), min_size=1
)


@settings(deadline=None)
@given(vectors, vectors)
def test_distance_is_symmetric_and_zero_for_itself(a: dict[str, float], b: dict[str, float]) -> None:
    if set(a) == set(b):
        assert distance(a, b, CHARS)[0] == pytest.approx(distance(b, a, CHARS)[0])
    assert distance(a, a, CHARS)[0] == 0


@settings(deadline=None)
@given(st.lists(st.tuples(st.floats(1, 100), st.floats(1, 100)), min_size=3, max_size=12, unique=True))
def test_find_similar_distance_symmetric_over_areas(points: list[tuple[float, float]]) -> None:
    data: dict[str, Row] = {f"G{i}": {"inw": x, "p75": y} for i, (x, y) in enumerate(points)}
    chars = CHARS[:2]
    ab = {m.area: m.distance for m in find_similar("G0", data, chars, k=len(points)).matches}
    for area, dist in ab.items():
        back = {m.area: m.distance for m in find_similar(area, data, chars, k=len(points)).matches}
        assert back["G0"] == pytest.approx(dist)
