# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ConnectorsConfig(AppConfig):  # type: ignore[misc]
    verbose_name = "Gegevensbronnen"
    name = "kwaliteitsmonitor.connectors"
    label = "connectors"
