# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "kwaliteitsmonitor.sources"
    label = "sources"
    verbose_name = "Bronnen"
