# SPDX-License-Identifier: EUPL-1.2
"""``/rapportages/``: the list of snapshots, each snapshot's frozen pages and "wat is er veranderd"."""

from django.urls import path, re_path

from . import views

app_name = "snapshots"

urlpatterns = [
    path("", views.snapshot_list, name="list"),
    path("index.json", views.snapshot_list_json, name="list-json"),
    path("<slug:slug>/wat-is-er-veranderd/", views.changes, name="changes"),
    path("<slug:slug>/wat-is-er-veranderd.json", views.changes_json, name="changes-json"),
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/(?P<rest>.*)$", views.frozen_page, name="page"),
]
