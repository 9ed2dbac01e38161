# SPDX-License-Identifier: EUPL-1.2
"""Report periods, step 2 of 3: a ReportPeriod for every free-text report period, and the inspanning's own
status fields moved into a report. Prints what it did (nothing when there was nothing to do).

Dates are never guessed silently:

1. A name that says its kind and year (``2025-najaarsnota``, "Voorjaarsnota 2026", ``2025-burap1``) gets the
   date of the rule in :mod:`kwaliteitsmonitor.analysis.report_periods` (e.g. a najaarsnota: 31 August);
   names of the same kind and year become one period.
2. Otherwise the latest date of the reports in that period (``reported_on``), when there is one.
3. Otherwise (e.g. an empty period, which the old import allowed) the day of this migration: the state was
   known then. Staff correct the date in the beheer (Rapportageperioden); the output names these periods.

An inspanning's own status, label, progress and explanation used to override its latest report. When they
equal one of its reports (the import and the demo copied them from one), the reports keep them. When they
equal none (typed in the beheer), they become a report in the period "Stand bij invoering
rapportageperioden", dated the day of this migration, so what the page showed stays what it shows.
"""

import datetime
import sys

from django.db import migrations
from django.utils.text import slugify

from kwaliteitsmonitor.analysis.report_periods import OTHER, read_period_name

SNAPSHOT = "Stand bij invoering rapportageperioden"
_DEFAULT = ("no_data", "", None, "")


def _plan(text, dates, today):
    parsed = read_period_name(text)
    if parsed is not None:
        return parsed.name, parsed.slug, parsed.kind, parsed.reference_date, parsed.rule
    name = " ".join(text.split())[:80] or "Zonder rapportageperiode"
    if dates:
        return name, slugify(name)[:80], OTHER, max(dates), "de datum van de laatste rapportage erin"
    return (
        name,
        slugify(name)[:80],
        OTHER,
        today,
        "datum onbekend: de dag van de overgang; pas hem aan in het beheer",
    )


def _unique_slug(slug, used):
    base, n = slug or "periode", 2
    slug = base
    while slug in used:
        slug, n = f"{base[:75]}-{n}", n + 1
    used.add(slug)
    return slug


def forwards(apps, schema_editor):
    ReportPeriod = apps.get_model("agenda", "ReportPeriod")
    EffortProgress = apps.get_model("agenda", "EffortProgress")
    Effort = apps.get_model("agenda", "Effort")
    today = datetime.date.today()
    lines = []
    dates = {}
    for text, reported_on in EffortProgress.objects.values_list("report_period", "reported_on"):
        dates.setdefault(text, [])
        if reported_on:
            dates[text].append(reported_on)
    periods = {}
    by_slug = {}
    used = set(ReportPeriod.objects.values_list("slug", flat=True))
    for text in sorted(dates):
        name, slug, kind, when, how = _plan(text, dates[text], today)
        period = by_slug.get(slug) if kind != OTHER else None
        if period is None:
            period = ReportPeriod.objects.create(
                name=_unique_name(ReportPeriod, name), slug=_unique_slug(slug, used), kind=kind, date=when
            )
            by_slug[slug] = period
        periods[text] = period
        lines.append(f"  '{text}' → {period.name} (peildatum {when:%d-%m-%Y}; {how})")
    seen = set()
    for report in EffortProgress.objects.order_by("pk"):
        period = periods[report.report_period]
        if (report.effort_id, period.pk) in seen:
            raise RuntimeError(
                f"Inspanning {report.effort_id} heeft twee rapportages die allebei {period.name} zijn "
                f"('{report.report_period}' en een andere schrijfwijze). Verwijder of hernoem er één in het "
                "beheer met de vorige versie en migreer dan opnieuw."
            )
        seen.add((report.effort_id, period.pk))
        report.period = period
        report.save(update_fields=["period"])
    lines += _move_effort_fields(ReportPeriod, EffortProgress, Effort, today, used)
    if lines:
        sys.stdout.write(
            "\nRapportageperioden aangemaakt uit de bestaande voortgang:\n" + "\n".join(lines) + "\n"
        )


def _unique_name(ReportPeriod, name):
    candidate, n = name, 2
    while ReportPeriod.objects.filter(name=candidate).exists():
        candidate, n = f"{name[:74]} ({n})", n + 1
    return candidate


def _move_effort_fields(ReportPeriod, EffortProgress, Effort, today, used):
    snapshot = None
    lines = []
    for effort in Effort.objects.order_by("pk"):
        own = (effort.status, effort.status_label, effort.progress, effort.explanation)
        if own == _DEFAULT:
            continue
        reports = EffortProgress.objects.filter(effort=effort).values_list(
            "status", "status_label", "progress", "explanation"
        )
        if own in set(reports):
            continue
        if snapshot is None:
            snapshot = ReportPeriod.objects.create(
                name=_unique_name(ReportPeriod, SNAPSHOT),
                slug=_unique_slug(slugify(SNAPSHOT), used),
                kind=OTHER,
                date=today,
            )
        EffortProgress.objects.create(
            effort=effort,
            report_period="stand-bij-invoering",
            period=snapshot,
            status=own[0],
            status_label=own[1],
            progress=own[2],
            explanation=own[3],
            reported_on=today,
        )
        lines.append(
            f"  inspanning {effort.pk} '{effort.title}': eigen status → rapportage in '{snapshot.name}'"
        )
    return lines


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_report_period"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
