# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kwaliteitsmonitor.audit"
    label = "audit"
    verbose_name = "Logboek"

    def ready(self) -> None:
        from . import registry

        registry.register_models()
