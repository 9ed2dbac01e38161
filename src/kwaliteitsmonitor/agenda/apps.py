# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AgendaConfig(AppConfig):
    verbose_name = "Maatschappelijke Agenda"
    name = "kwaliteitsmonitor.agenda"
    label = "agenda"
