# SPDX-License-Identifier: EUPL-1.2
"""Organisations: an inspanning's partner becomes a link to an organisation (accounts are scoped to one).
The free-text partner names are kept: each distinct name becomes a partner organisation."""

import django.db.models.deletion
from django.db import migrations, models


def names_to_organisations(apps, schema_editor):
    Effort = apps.get_model("agenda", "Effort")
    Organisation = apps.get_model("agenda", "Organisation")
    names = sorted({n.strip()[:200] for n in Effort.objects.values_list("partner_name", flat=True) if n and n.strip()})
    Organisation.objects.bulk_create([Organisation(name=n, kind="partner") for n in names], ignore_conflicts=True)
    ids = dict(Organisation.objects.values_list("name", "id"))
    for effort in Effort.objects.exclude(partner_name=""):
        effort.partner_id = ids.get(effort.partner_name.strip()[:200])
        effort.save(update_fields=["partner"])


def organisations_to_names(apps, schema_editor):
    Effort = apps.get_model("agenda", "Effort")
    for effort in Effort.objects.exclude(partner__isnull=True).select_related("partner"):
        effort.partner_name = effort.partner.name
        effort.save(update_fields=["partner_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0002_comparison_group"),
        ("agenda", "0005_report_period_finish"),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="naam")),
                (
                    "kind",
                    models.CharField(
                        choices=[("gemeente", "Gemeente of regio"), ("partner", "Partnerorganisatie")],
                        default="partner",
                        max_length=20,
                        verbose_name="soort",
                    ),
                ),
                (
                    "area",
                    models.ForeignKey(
                        blank=True,
                        help_text="Voor een gemeente: het gebied van haar agenda; haar redacteuren bewerken die.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organisations",
                        to="areas.area",
                        verbose_name="gemeente of regio",
                    ),
                ),
            ],
            options={"verbose_name": "organisatie", "verbose_name_plural": "organisaties", "ordering": ["name"]},
        ),
        migrations.RenameField(model_name="effort", old_name="partner", new_name="partner_name"),
        migrations.AddField(
            model_name="effort",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="efforts",
                to="agenda.organisation",
                verbose_name="uitvoerende partner",
            ),
        ),
        migrations.RunPython(names_to_organisations, organisations_to_names),
        migrations.RemoveField(model_name="effort", name="partner_name"),
    ]
