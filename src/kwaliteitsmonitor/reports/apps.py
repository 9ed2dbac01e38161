# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kwaliteitsmonitor.reports"
    label = "reports"
    verbose_name = "Raadsrapportages"
