# SPDX-License-Identifier: EUPL-1.2
"""Chart rendering, the disk cache, map geometry, Markdown and the number filters."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.monitor import charts, chartspecs, geo
from kwaliteitsmonitor.monitor.templatetags.km import nl_number, nl_value
from kwaliteitsmonitor.monitor.text import markdown_to_html

SPEC = chartspecs.trend_spec(
    [{"period": "2023", "series": "A", "value": 1.5}, {"period": "2024", "series": "A", "value": 1234.5}],
    periods=["2023", "2024"],
    series=["A"],
    y_title="Aantal",
    decimals=1,
    zero=True,
)


def test_render_svg_uses_dutch_locale_and_caches(settings, monkeypatch):
    svg = charts.render_svg(SPEC)
    assert svg.lstrip().startswith("<svg") and "1.200,0" in svg  # nl-NL axis labels
    digest = charts.spec_hash(SPEC)
    assert (settings.KM_CHART_CACHE_DIR / f"{digest}.svg").exists()

    def fail(*args, **kwargs):
        raise AssertionError("vl-convert called again")

    monkeypatch.setattr(charts, "_convert", fail)
    assert charts.render_svg(SPEC) == svg


def test_the_same_spec_always_renders_the_same_svg():
    """The renderer numbers clip paths with a counter of its process; the SVG numbers them from 1."""
    clipped = {
        "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]},
        "mark": {"type": "line", "clip": True},
        "encoding": {
            "x": {"field": "a", "type": "quantitative", "scale": {"domain": [0, 1.5]}},
            "y": {"field": "b", "type": "quantitative"},
        },
    }
    first, second = charts.render_spec(clipped, "svg"), charts.render_spec(clipped, "svg")
    assert first == second and b'id="clip1"' in first and b"url(#clip1)" in first
    assert charts.stable_ids(
        '<a id="clip7"/><b id="clip12"/><c clip-path="url(#clip12)"/><d id="clip1"/>'
    ) == ('<a id="clip1"/><b id="clip2"/><c clip-path="url(#clip2)"/><d id="clip3"/>')


@pytest.mark.django_db
def test_chart_endpoint_serves_svg_and_png(client, settings):
    ref = charts.chart_ref(SPEC)
    response = client.get(ref["svg_url"])
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert (settings.KM_CHART_CACHE_DIR / f"{ref['hash']}.svg").exists()
    png = client.get(ref["png_url"])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get("/grafiek/not-a-hash.svg").status_code == 404


def test_rings_are_rewound_clockwise_for_vega():
    ccw = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    rewound = geo.rewind_for_vega(ccw)
    assert geo.signed_area(rewound["coordinates"][0]) < 0
    assert geo.rewind_for_vega(rewound) == rewound
    assert geo.label_point(rewound) == pytest.approx((0.5, 0.5))


def test_markdown_is_sanitised():
    out = markdown_to_html(
        "Zie [dit](javascript:alert(1)) en [site](https://example.org) <img src=x onerror=y>"
    )
    assert "javascript:" not in out and "<img" not in out
    assert 'href="https://example.org"' in out and 'class="utrecht-paragraph"' in out


def test_number_filters_are_dutch():
    assert nl_number(1000) == "1.000"
    assert nl_number(8.25, 1) in {"8,2", "8,3"}
    assert nl_value(12.5, "pct:1") == "12,5%"
    assert nl_value(57, "per_1000") == "57 per 1.000"
    assert nl_number(None) == "–"


def test_chart_addresses_are_what_the_url_configuration_reverses_also_under_a_script_prefix():
    from django.urls import reverse, set_script_prefix

    digest = "ab" * 20
    try:
        for prefix in ("/", "/monitor/"):
            set_script_prefix(prefix)
            for fmt in ("svg", "png"):
                expected = reverse("monitor:chart", kwargs={"digest": digest, "fmt": fmt})
                assert charts.chart_url(digest, fmt) == expected
            assert charts.chart_url(digest, "svg").startswith(prefix + "grafiek/")
    finally:
        set_script_prefix("/")


def test_the_phone_version_changes_only_the_layout_and_leaves_the_wide_spec_and_its_data_as_they_were():
    import copy

    points = [{"period": str(2015 + i), "series": "Voorbeeldstad", "value": i * 1.5} for i in range(10)]
    spec = chartspecs.trend_spec(
        points,
        periods=[p["period"] for p in points],
        series=["Voorbeeldstad"],
        y_title="%",
        decimals=1,
        zero=True,
    )
    before = copy.deepcopy(spec)
    narrow = chartspecs.narrow_spec(spec)
    assert narrow is not None
    assert spec == before  # the wide chart is untouched
    assert narrow["width"] == chartspecs.NARROW_WIDTH
    assert narrow["data"] == spec["data"]  # same rows (shared, not copied)
    assert narrow["config"]["legend"]["columns"] == 1
