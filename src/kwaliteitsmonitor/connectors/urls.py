# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "connectors"
urlpatterns = [path("", views.upload_view, name="upload")]
