# SPDX-License-Identifier: EUPL-1.2
"""API routes. Versioned in the URL: ``/api/v1/``. A later incompatible version gets its own list
(``v2``) next to ``v1``; v1 itself only grows (docs/api.md). Add v1 endpoints to ``v1`` below.
"""

from django.urls import include, path, re_path

from . import docs, insights, processes, views

app_name = "api"

v1 = [
    path("", views.IndexView.as_view(), name="index"),
    path("areas", views.AreaListView.as_view(), name="areas"),
    path("indicators", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<slug:code>", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<slug:code>/values", views.IndicatorValuesView.as_view(), name="indicator-values"),
    path(
        "indicators/<slug:code>/comparisons", insights.ComparisonsView.as_view(), name="indicator-comparisons"
    ),
    path("areas/<str:code>/similar", insights.SimilarAreasView.as_view(), name="area-similar"),
    path("results/<str:id>/status", insights.ResultStatusView.as_view(), name="result-status"),
    path("forecasts/wmo", insights.WmoForecastView.as_view(), name="forecast-wmo"),
    path("correlations", insights.CorrelationView.as_view(), name="correlations"),
    path("process-monitors", processes.MonitorListView.as_view(), name="process-monitors"),
    path("process-monitors/<slug:monitor>", processes.MonitorDetailView.as_view(), name="process-monitor"),
    path(
        "process-monitors/<slug:monitor>/rounds/<slug:round>",
        processes.RoundDetailView.as_view(),
        name="process-round",
    ),
    path("schema", views.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs_page, name="docs"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    # Anything else under /api/ (a code that fails the slug pattern, a mistyped path): a JSON 404 in Dutch,
    # like every other answer of the API, never the site's HTML page.
    # [\s\S]: also an address with a newline in it (%0A), which "." does not match.
    re_path(r"^[\s\S]*$", views.not_found, name="not-found"),
]
