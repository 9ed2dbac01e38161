# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SnapshotsConfig(AppConfig):
    verbose_name = "Rapportages"
    name = "kwaliteitsmonitor.snapshots"
    label = "snapshots"

    def ready(self) -> None:
        from . import signals

        signals.connect()
