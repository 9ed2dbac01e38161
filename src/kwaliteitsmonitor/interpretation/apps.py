# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class InterpretationConfig(AppConfig):
    name = "kwaliteitsmonitor.interpretation"
    label = "interpretation"
    verbose_name = "Duiding en raadsvragen"
