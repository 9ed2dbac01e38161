# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    verbose_name = "Publicaties"
    name = "kwaliteitsmonitor.publications"
    label = "publications"

    def ready(self) -> None:
        from kwaliteitsmonitor.indicators.models import register_load_hook

        from . import signals
        from .overlay import published_definition

        register_load_hook(published_definition)
        signals.connect()
