# SPDX-License-Identifier: EUPL-1.2
"""Report periods, step 3 of 3: the foreign key replaces the free text, and an inspanning no longer has a
status, progress or explanation of its own (its latest report is the one source; 0004 moved them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0004_report_period_data"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="effortprogress", name="effort_progress_unique"),
        migrations.RemoveField(model_name="effortprogress", name="report_period"),
        migrations.RenameField(model_name="effortprogress", old_name="period", new_name="report_period"),
        migrations.AlterField(
            model_name="effortprogress",
            name="report_period",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="agenda.reportperiod",
                verbose_name="rapportageperiode",
            ),
        ),
        migrations.AlterField(
            model_name="effortprogress",
            name="reported_on",
            field=models.DateField(blank=True, null=True, verbose_name="datum van de rapportage"),
        ),
        migrations.AddConstraint(
            model_name="effortprogress",
            constraint=models.UniqueConstraint(
                fields=("effort", "report_period"), name="effort_progress_unique"
            ),
        ),
        migrations.AlterModelOptions(
            name="effortprogress",
            options={
                "ordering": ["effort", "report_period__date", "report_period__name"],
                "verbose_name": "voortgangsrapportage",
                "verbose_name_plural": "voortgangsrapportages",
            },
        ),
        migrations.RemoveField(model_name="effort", name="status"),
        migrations.RemoveField(model_name="effort", name="status_label"),
        migrations.RemoveField(model_name="effort", name="progress"),
        migrations.RemoveField(model_name="effort", name="explanation"),
    ]
