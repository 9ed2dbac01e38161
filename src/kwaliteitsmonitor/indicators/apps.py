# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    verbose_name = "Indicatoren en waarden"
    name = "kwaliteitsmonitor.indicators"
    label = "indicators"
