# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "kwaliteitsmonitor.workspace"
    label = "workspace"
    verbose_name = "Werkplek"
