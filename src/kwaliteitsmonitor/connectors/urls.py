# SPDX-License-Identifier: EUPL-1.2
"""The old upload address: the import pages live in the workspace now (``/werkplek/importeren/``)."""

from django.urls import path
from django.views.generic import RedirectView

app_name = "connectors"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="workspace:imports", permanent=True), name="upload")
]
