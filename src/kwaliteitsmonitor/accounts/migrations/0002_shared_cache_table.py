# SPDX-License-Identifier: EUPL-1.2
"""The table of the shared cache (API throttle counters), so `migrate` is all an operator runs."""

from io import StringIO

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", "--database", schema_editor.connection.alias, verbosity=0, stdout=StringIO())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
