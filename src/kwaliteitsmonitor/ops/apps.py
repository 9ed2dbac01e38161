# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "kwaliteitsmonitor.ops"
    label = "ops"
    verbose_name = "Beheer"
