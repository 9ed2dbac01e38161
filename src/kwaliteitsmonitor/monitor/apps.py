# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class MonitorConfig(AppConfig):
    verbose_name = "Website"
    name = "kwaliteitsmonitor.monitor"
    label = "monitor"
