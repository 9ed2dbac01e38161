# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, items 1 and 2: the status overview (home, opgave, doel), time axes proportional to time,
survey intervals in charts, tables and downloads, and method terms only under "Hoe is dit berekend?"."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re

import pytest

from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.monitor import charts, chartspecs
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

HOME = "/"
OPGAVE = "/opgave/inrichting-sociaal-domein/"
DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
SURVEY_YEARS = {2016: (6.1, 5.6, 6.6), 2020: (6.5, 6.0, 7.0), 2022: (6.9, 6.3, 7.5), 2024: (7.2, 6.7, 7.7)}


def text_of(response) -> str:
    return html.unescape(response.content.decode("utf-8"))


def test_home_opens_with_the_status_of_every_resultaat_and_inspanning(world, client):
    doel = client.get(DOEL.rstrip("/") + ".json").json()
    status = doel["results"][0]["status"]
    home = client.get("/index.json").json()
    goal = home["themes"][0]["goals"][0]
    result = goal["overview"]["results"][0]
    assert (result["status_label"], result["status_symbol"]) == (status["label"], status["symbol"])
    assert result["url"] == DOEL + "#resultaat-1"
    effort = goal["overview"]["efforts"][0]
    assert effort["status_label"] == "In uitvoering, aandacht nodig" and effort["progress_text"] == "40%"
    assert effort["url"] == DOEL + "#inspanning-1"
    assert home["totals"]["result_count"] == 1 and home["totals"]["effort_count"] == 1
    body = text_of(client.get(HOME))
    # The overview comes before the introduction and the cards.
    assert body.index("Hoe staan we ervoor?") < body.index("Welkom.") < body.index(">Opgaven</h2>")
    assert f'href="{DOEL}#resultaat-1"' in body and f'href="{DOEL}#inspanning-1"' in body
    assert f"{status['label']}</strong></span>: <a" in body
    assert f"1 × {status['label']}" in body  # counted in the totals line of the agenda and the opgave card


def test_opgave_counts_resultaten_as_well_as_inspanningen(world, client):
    body = text_of(client.get(OPGAVE))
    label = client.get(DOEL.rstrip("/") + ".json").json()["results"][0]["status"]["label"]
    counts = body[body.index('id="stand-van-zaken"') : body.index(">Doelen</h2>")]
    assert f"1 × {label}" in counts and "1 × in uitvoering, aandacht nodig" in counts
    assert f'href="{DOEL}#resultaat-1"' in body


def test_doel_opens_with_the_overview_and_the_anchors_exist(world, client):
    body = text_of(client.get(DOEL))
    assert body.index("In het kort") < body.index("Welke resultaten willen we bereiken?")
    assert 'id="resultaat-1"' in body and 'id="inspanning-1"' in body
    assert '<details class="km-details km-indicator__detail" open>' in body


def test_method_terms_only_under_how_it_was_computed(world, client):
    body = text_of(client.get(DOEL))
    assert "Hoe is dit berekend?" in body
    for term in ("Theil", "gedempte trend"):
        for match in re.finditer(term, body):
            before = body[: match.start()]
            assert before.rfind("<summary>Hoe is dit berekend?</summary>") > before.rfind("</details>"), term


def _positions(svg: str, labels: list[str]) -> list[float]:
    """The x of each axis label in a rendered chart."""
    found = []
    for label in labels:
        match = re.search(
            r'<text[^>]*transform="translate\(([0-9.]+),[0-9.]+\)"[^>]*>' + label + "</text>", svg
        )
        assert match, label
        found.append(float(match.group(1)))
    return found


def test_time_axis_is_proportional_to_time():
    labels = ["2016", "2020", "2022", "2024", "2027"]
    points = [{"period": p, "series": "A", "value": 6.0 + i * 0.3} for i, p in enumerate(labels[:4])]
    spec = chartspecs.trend_spec(
        points, periods=labels, series=["A"], y_title="Score", decimals=1, zero=False
    )
    assert spec["encoding"]["x"]["type"] == "quantitative"
    x = _positions(charts.render_svg(spec), labels)
    gaps = [b - a for a, b in itertools.pairwise(x)]
    assert gaps[0] == pytest.approx(2 * gaps[1], rel=0.02)  # 4 years against 2
    assert gaps[1] == pytest.approx(gaps[2], rel=0.02)
    assert gaps[3] == pytest.approx(1.5 * gaps[1], rel=0.02)  # 2024 → 2027 (projection year)


def test_half_years_stand_between_years():
    assert chartspecs.label_time("2024-H1") < chartspecs.label_time("2024") < chartspecs.label_time("2024-H2")
    assert chartspecs.label_time("2024-K4") == pytest.approx(2024.875)


@pytest.fixture
def survey(world):
    indicator = Indicator.objects.create(
        code="eenzaamheid",
        name="Ernstig eenzaam",
        unit="score_0_10",
        decimals=1,
        provider="ggd",
        source="GGD Gezondheidsmonitor",
        source_table="GM volwassenen",
    )
    run = start_run("test", "survey")
    records = [
        ObservationRecord(
            "eenzaamheid", "GM9001", f"{y}JJ00", v, ci_low=lo, ci_high=hi, n=800, status="definitief"
        )
        for y, (v, lo, hi) in SURVEY_YEARS.items()
    ]
    result = load_observations(records, run)
    assert result.ok, result.errors
    finish_run(run, result)
    publish()
    return indicator


def test_intervals_are_drawn_and_in_the_table_and_downloads(survey, client):
    page = client.get("/indicator/eenzaamheid.json").json()
    figure = next(f for f in _figures(page) if f.get("type") == "trend")
    table = figure["table"]
    assert "Teststad: ondergrens 95%-interval" in table["columns"]
    row = next(r for r in table["rows"] if r["header"] == "2022")
    texts = [c["text"] for c in row["cells"]]
    assert texts[:3] == ["6,9", "6,3", "7,5"]
    assert (
        "95%-betrouwbaarheidsinterval" in figure["alt"]
        and "95%-betrouwbaarheidsinterval" in figure["caption"]
    )
    digest = figure["chart"]["hash"]
    svg = client.get(f"/grafiek/{digest}.svg").content.decode()
    assert svg.count('aria-roledescription="rule mark"') == len(SURVEY_YEARS)  # an error bar per year
    number = _table_number(page, table)
    download = client.get(f"/indicator/eenzaamheid/tabel-{number}.csv")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    header = next(r for r in rows if "Teststad: ondergrens 95%-interval" in r)
    line = next(r for r in rows if r and r[0] == "2022")
    assert line[header.index("Teststad: ondergrens 95%-interval")] == "6,3"


def _figures(value):
    if isinstance(value, dict):
        if "table" in value and "chart" in value:
            yield value
        for item in value.values():
            yield from _figures(item)
    elif isinstance(value, list):
        for item in value:
            yield from _figures(item)


def _table_number(page, wanted) -> int:
    from kwaliteitsmonitor.monitor.downloads import tables

    for number, (found, _source) in enumerate(tables(page), start=1):
        if found["caption"] == wanted["caption"] and found["columns"] == wanted["columns"]:
            return number
    raise AssertionError(json.dumps(wanted)[:200])


PHONE_CONTENT = 375 - 2 * 16  # CSS px of the content column at 375 px (padding 1rem each side)


def _smallest_text_on_phone(svg: str) -> float:
    """The smallest font size of the chart's text as shown at 375 px wide (the image fills the column)."""
    width = float(re.search(r'<svg[^>]*\bwidth="([0-9.]+)"', svg).group(1))
    sizes = [float(s) for s in re.findall(r'font-size[:=]"?\s*([0-9.]+)px', svg)]
    assert sizes
    return min(sizes) * PHONE_CONTENT / width


def test_charts_have_a_phone_version_with_readable_text(world, client):
    page = client.get("/indicator/participatie.json").json()
    figures = [f for f in _figures(page) if f.get("chart")]
    checked = 0
    for figure in figures:
        ref = figure["chart"]
        if "narrow_svg_url" not in ref:  # only concatenated charts have none
            continue
        narrow = client.get(ref["narrow_svg_url"]).content.decode()
        assert _smallest_text_on_phone(narrow) >= 11, figure["caption"]
        checked += 1
    assert checked >= 3  # trend, map and bars
    body = client.get("/indicator/participatie/").content.decode()
    assert '<source media="(max-width: 36em)" srcset="/grafiek/' in body


def test_error_bars_keep_the_legend():
    points = [
        {"period": "2016", "series": "Teststad", "value": 6.0, "low": 5.5, "high": 6.5},
        {"period": "2020", "series": "Teststad", "value": 6.4, "low": 6.0, "high": 6.9},
        {"period": "2016", "series": "Nederland", "value": 6.2},
        {"period": "2020", "series": "Nederland", "value": 6.3},
    ]
    spec = chartspecs.trend_spec(
        points,
        periods=["2016", "2020"],
        series=["Teststad", "Nederland"],
        y_title="Score",
        decimals=1,
        zero=False,
    )
    svg = charts.render_svg(spec)
    assert 'aria-roledescription="legend"' in svg and ">Nederland</text>" in svg and ">Teststad</text>" in svg
