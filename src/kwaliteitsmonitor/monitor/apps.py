# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class MonitorConfig(AppConfig):
    verbose_name = "Website"
    name = "kwaliteitsmonitor.monitor"
    label = "monitor"

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from kwaliteitsmonitor.agenda.models import Agenda, Goal, Theme

        from . import cache, site

        def agenda_changed(**kwargs: object) -> None:
            # The site info (navigation ribbon, demo banner) is cached per process: forget it once the
            # change is committed, whoever made it (admin, import, demo).
            transaction.on_commit(site.forget)

        for model in (Agenda, Theme, Goal):
            post_save.connect(agenda_changed, sender=model, dispatch_uid=f"km-site-{model.__name__}-save")
            post_delete.connect(agenda_changed, sender=model, dispatch_uid=f"km-site-{model.__name__}-delete")

        # Every committed change to the data starts a new data version of the page cache.
        post_save.connect(cache.model_changed, dispatch_uid="km-page-cache-save")
        post_delete.connect(cache.model_changed, dispatch_uid="km-page-cache-delete")
        m2m_changed.connect(cache.model_changed, dispatch_uid="km-page-cache-m2m")
        post_migrate.connect(cache.migrated, dispatch_uid="km-page-cache-migrate")

        # A publication going live changes what every public page shows.
        from kwaliteitsmonitor.publications.build import publication_switched

        publication_switched.connect(cache.published, dispatch_uid="km-page-cache-published")

        # A restored backup (ops.backup) replaces every row: every cache is stale.
        from kwaliteitsmonitor.ops.backup import restored

        restored.connect(cache.restored, dispatch_uid="km-page-cache-restored")
