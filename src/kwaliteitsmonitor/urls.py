# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.urls import include, path

from kwaliteitsmonitor.workspace.urls import urls as workspace_urls

admin.site.site_header = "Kwaliteitsmonitor – beheer"
admin.site.site_title = "Kwaliteitsmonitor"
admin.site.index_title = "Beheer"

# A database that is down answers 503 (page or JSON), not a crash (ops.errors; docs/operations.md).
handler500 = "kwaliteitsmonitor.ops.errors.server_error"

urlpatterns = [
    *workspace_urls,
    path("beheer/importeren/", include("kwaliteitsmonitor.connectors.urls")),
    path("beheer/", admin.site.urls),
    path("api/", include("kwaliteitsmonitor.api.urls")),
    # Before the monitor: its table-download pattern would otherwise take a frozen page's download.
    path("rapportages/", include("kwaliteitsmonitor.snapshots.urls")),
    path("", include("kwaliteitsmonitor.monitor.urls")),
]
