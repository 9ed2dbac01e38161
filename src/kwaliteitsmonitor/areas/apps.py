# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AreasConfig(AppConfig):
    verbose_name = "Gebieden"
    name = "kwaliteitsmonitor.areas"
    label = "areas"
