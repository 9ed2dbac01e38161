# SPDX-License-Identifier: EUPL-1.2
"""Public pages. HTML pages end in a slash (a static export writes ``…/index.html``); every page has
a JSON twin at the same path ending in ``.json``."""

from django.urls import path, re_path

from kwaliteitsmonitor.monitor import downloads, insight_views, views

app_name = "monitor"

urlpatterns = [
    path("", views.home, name="home"),
    path("index.json", views.home_json, name="home-json"),
    path("opgave/<slug:theme>/", views.opgave, name="opgave"),
    path("opgave/<slug:theme>.json", views.opgave_json, name="opgave-json"),
    # Before the doel pattern, which would otherwise take "beeld" for a doel.
    path("opgave/<slug:theme>/beeld/", views.beeld, name="beeld"),
    path("opgave/<slug:theme>/beeld.json", views.beeld_json, name="beeld-json"),
    path("opgave/<slug:theme>/<slug:goal>/", views.doel, name="doel"),
    path("opgave/<slug:theme>/<slug:goal>.json", views.doel_json, name="doel-json"),
    path("indicator/", insight_views.indicatoren, name="indicatoren"),
    path("indicator.json", insight_views.indicatoren_json, name="indicatoren-json"),
    path("indicator/<slug:code>/", views.indicator, name="indicator"),
    path("indicator/<slug:code>.json", views.indicator_json, name="indicator-json"),
    path("prognose/", insight_views.prognose, name="prognose"),
    path("prognose.json", insight_views.prognose_json, name="prognose-json"),
    path("ontdekken/", insight_views.ontdekken, name="ontdekken"),
    path("ontdekken.json", insight_views.ontdekken_json, name="ontdekken-json"),
    path("beelden/", views.beelden, name="beelden"),
    path("beelden.json", views.beelden_json, name="beelden-json"),
    path("stand/", views.stand, name="stand"),
    path("stand.json", views.stand_json, name="stand-json"),
    path("vergelijken/", insight_views.vergelijken, name="vergelijken"),
    path("vergelijken.json", insight_views.vergelijken_json, name="vergelijken-json"),
    path("processen/", insight_views.processen, name="processen"),
    path("processen.json", insight_views.processen_json, name="processen-json"),
    path("processen/<slug:monitor>/", insight_views.procesmonitor, name="procesmonitor"),
    path("processen/<slug:monitor>.json", insight_views.procesmonitor_json, name="procesmonitor-json"),
    path("processen/<slug:monitor>/<slug:region>/", insight_views.procesregio, name="procesregio"),
    path(
        "processen/<slug:monitor>/<slug:region>.json", insight_views.procesregio_json, name="procesregio-json"
    ),
    path("wijken/", insight_views.wijken, name="wijken"),
    path("wijken.json", insight_views.wijken_json, name="wijken-json"),
    path("wijk/<slug:code>/", views.wijk, name="wijk"),
    path("wijk/<slug:code>.json", views.wijk_json, name="wijk-json"),
    path("voorziening/<slug:code>/", views.voorziening, name="voorziening"),
    path("voorziening/<slug:code>.json", views.voorziening_json, name="voorziening-json"),
    path("zoeken/", insight_views.zoeken, name="zoeken"),
    path("zoeken.json", insight_views.zoeken_json, name="zoeken-json"),
    path("bouwer/", insight_views.bouwer, name="bouwer"),
    path("bouwer.json", insight_views.bouwer_json, name="bouwer-json"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    re_path(r"^grafiek/(?P<digest>[0-9a-f]{40})\.(?P<fmt>svg|png)$", views.chart, name="chart"),
    # The n-th table of any page as CSV or Excel: "<page path>tabel-<n>.csv" (see monitor/downloads.py).
    re_path(
        r"^(?P<page>(?:[^/]+/)*)tabel-(?P<number>[1-9][0-9]{0,2})\.(?P<fmt>csv|xlsx)$",
        downloads.table_download,
        name="table-download",
    ),
]
