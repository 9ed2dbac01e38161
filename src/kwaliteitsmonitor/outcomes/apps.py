# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    verbose_name = "Uitkomsten per voorziening"
    name = "kwaliteitsmonitor.outcomes"
    label = "outcomes"
