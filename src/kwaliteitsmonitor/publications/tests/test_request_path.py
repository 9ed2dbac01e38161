# SPDX-License-Identifier: EUPL-1.2
"""No visitor pays for a first render: every figure a public page shows was computed while publishing.

After a publication is built the way production builds it (``render=True``: the publication renders every
public page it reaches, which computes and stores the statuses, projections, comparisons, similar areas
and forecasts), the whole public site is crawled again with every model fit made to fail. A page that
still fitted a model on the request path would answer 500 here.
"""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.demo.generator import load_demo
from kwaliteitsmonitor.publications import figures, warm
from kwaliteitsmonitor.publications.models import PublishedFigure
from kwaliteitsmonitor.publications.testing import publish


class FittedOnRequest(AssertionError):
    pass


FITS = (
    "statsmodels.tsa.exponential_smoothing.ets.ETSModel.fit",  # projections (Holt)
    "kwaliteitsmonitor.analysis.projection.project_series",
    "kwaliteitsmonitor.publications.insights.project_series",
    "kwaliteitsmonitor.analysis.compare.compare_all",  # comparisons with peers and groups
    "kwaliteitsmonitor.analysis.similar.find_similar",  # gemeenten and wijken that are alike
    "kwaliteitsmonitor.analysis.forecast.forecast_users",  # forecasts of users
)


def _make_every_fit_fail(monkeypatch, replacement) -> None:
    for target in FITS:
        monkeypatch.setattr(target, replacement)


@pytest.fixture
def published_demo(db, settings):
    settings.KM_PAGE_CACHE = "off"  # what logged-in staff always get: every request renders
    load_demo(render=True)


def test_no_public_page_computes_a_figure_on_the_request_path(published_demo, monkeypatch):
    stored = PublishedFigure.objects.count()
    assert stored > 50  # the demo's statuses, projections, comparisons and forecasts
    computed_on_request: list[str] = []
    original = figures.remember

    def remember(kind, arguments, compute, **kwargs):
        def refuse():
            computed_on_request.append(kind)
            raise FittedOnRequest(f"{kind} berekend tijdens een verzoek: {arguments}")

        return original(kind, arguments, refuse, **kwargs)

    monkeypatch.setattr(figures, "remember", remember)
    for module in ("kwaliteitsmonitor.publications.insights", "kwaliteitsmonitor.monitor.pages.insights"):
        imported = __import__(module, fromlist=["remember"])
        if hasattr(imported, "remember"):
            monkeypatch.setattr(imported, "remember", remember)

    # Every model fit fails outright as well, wherever it is called from.
    def no_fit(*args, **kwargs):
        computed_on_request.append("fit")
        raise FittedOnRequest("model gefit tijdens een verzoek")

    _make_every_fit_fail(monkeypatch, no_fit)

    report = warm.crawl()

    assert report.errors == []
    assert computed_on_request == []
    assert report.pages > 100  # home, opgaven, doelen, indicatoren, wijken, vergelijken, beelden, …
    assert PublishedFigure.objects.count() == stored  # reading stored nothing new


def test_the_guard_above_would_notice_a_figure_computed_on_request(published_demo, monkeypatch):
    """Without stored figures the same crawl must fail: proof that the check above can fail."""
    PublishedFigure.objects.all().delete()
    _make_every_fit_fail(monkeypatch, _refuse)
    report = warm.crawl(limit=60)
    assert report.errors, "zonder opgeslagen uitkomsten moet een pagina een model fitten"


def test_a_republish_renders_only_the_pages_whose_figures_changed(published_demo, monkeypatch):
    """After a one-indicator import the build renders again only the pages that asked for a figure it
    could not keep; every page still finds all its figures stored."""
    from kwaliteitsmonitor.indicators.load import load_observations, start_run
    from kwaliteitsmonitor.indicators.models import Observation
    from kwaliteitsmonitor.indicators.records import ObservationRecord
    from kwaliteitsmonitor.publications.models import Publication, State

    first = Publication.objects.get(state=State.LIVE)
    everything = first.summary["pages"]
    latest = Observation.objects.filter(
        indicator__code="dim_sociale_kracht", area__code="GM9001", breakdown=""
    )
    newest = latest.order_by("-period").first()
    assert newest is not None
    changed = ObservationRecord("dim_sociale_kracht", "GM9001", newest.period, newest.value + 0.3)
    assert load_observations([changed], start_run("test", "een indicator")).changed == 1

    again = publish(render=True)

    assert again.summary["rebuilt"] >= 1
    assert 0 < again.summary["pages"] < everything / 2  # the pages showing figures of that indicator
    assert set(again.fingerprints["pages"]) == set(first.fingerprints["pages"])  # every page still known
    # and no page computes a figure on the request path after it
    _make_every_fit_fail(monkeypatch, _refuse)
    assert warm.crawl().errors == []


def _refuse(*args, **kwargs):
    raise FittedOnRequest("model gefit tijdens een verzoek")
