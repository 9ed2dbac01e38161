# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    verbose_name = "Procesmonitors"
    name = "kwaliteitsmonitor.processes"
    label = "processes"
