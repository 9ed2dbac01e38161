# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    verbose_name = "Gegevensbronnen"
    name = "kwaliteitsmonitor.connectors"
    label = "connectors"
