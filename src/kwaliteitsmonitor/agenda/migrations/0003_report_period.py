# SPDX-License-Identifier: EUPL-1.2
"""Report periods (rapportageperioden) as a model of their own; step 1 of 3: the new table, a temporary
foreign key next to the free-text ``report_period``, and budget and realisation per report."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_picture"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Bijvoorbeeld Voorjaarsnota 2026.",
                        max_length=80,
                        unique=True,
                        verbose_name="naam",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Zoals in importbestanden (kolom report_period), bijvoorbeeld 2026-voorjaarsnota.",
                        max_length=80,
                        unique=True,
                        verbose_name="korte naam",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("voorjaarsnota", "Voorjaarsnota (kadernota)"),
                            ("najaarsnota", "Najaarsnota"),
                            ("jaarstukken", "Jaarstukken"),
                            ("begroting", "Begroting"),
                            ("burap", "Bestuursrapportage (tussenrapportage)"),
                            ("other", "Anders"),
                        ],
                        max_length=20,
                        verbose_name="soort",
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="Het moment waarover de rapportage gaat; bepaalt de volgorde van de perioden.",
                        verbose_name="peildatum",
                    ),
                ),
                (
                    "deadline",
                    models.DateField(
                        blank=True,
                        help_text="Tot wanneer medewerkers de voortgang van hun inspanningen kunnen aanleveren.",
                        null=True,
                        verbose_name="uiterste aanleverdatum",
                    ),
                ),
            ],
            options={
                "verbose_name": "rapportageperiode",
                "verbose_name_plural": "rapportageperioden",
                "ordering": ["date", "name"],
            },
        ),
        migrations.AddField(
            model_name="effortprogress",
            name="period",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agenda.reportperiod",
            ),
        ),
        migrations.AddField(
            model_name="effortprogress",
            name="budget",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Wat mag het kosten: het budget van de inspanning volgens deze rapportage.",
                max_digits=14,
                null=True,
                verbose_name="begroot (euro)",
            ),
        ),
        migrations.AddField(
            model_name="effortprogress",
            name="realisation",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Wat heeft het gekost: uitgegeven tot en met deze rapportageperiode.",
                max_digits=14,
                null=True,
                verbose_name="gerealiseerd (euro)",
            ),
        ),
    ]
