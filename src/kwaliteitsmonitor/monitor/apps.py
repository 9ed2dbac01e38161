# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class MonitorConfig(AppConfig):
    verbose_name = "Website"
    name = "kwaliteitsmonitor.monitor"
    label = "monitor"

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from kwaliteitsmonitor.agenda.models import Agenda, Goal, Theme

        from . import site

        def agenda_changed(**kwargs: object) -> None:
            # The site info (navigation ribbon, demo banner) is cached per process: forget it once the
            # change is committed, whoever made it (admin, import, demo).
            transaction.on_commit(site.forget)

        for model in (Agenda, Theme, Goal):
            post_save.connect(agenda_changed, sender=model, dispatch_uid=f"km-site-{model.__name__}-save")
            post_delete.connect(agenda_changed, sender=model, dispatch_uid=f"km-site-{model.__name__}-delete")
