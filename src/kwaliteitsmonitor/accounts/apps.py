# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kwaliteitsmonitor.accounts"
    label = "accounts"
    verbose_name = "Accounts en rollen"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import middleware, permissions, security_log

        permissions.register()
        security_log.connect()
        user_logged_in.connect(middleware.mark_login, dispatch_uid="km_mark_login")
