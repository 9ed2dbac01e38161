# SPDX-License-Identifier: EUPL-1.2
"""Which models are on record: agenda, indicator definitions, process monitors, accounts and settings.
Observations are not registered row by row: the load step writes one entry per indicator per import
run (``indicators.load``), linked to the ``ImportRun``."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.db.models.signals import post_save

AUDITED = (
    "agenda.Organisation", "agenda.Agenda", "agenda.Theme", "agenda.Goal", "agenda.Result",
    "agenda.ResultIndicator", "agenda.Effort", "agenda.ReportPeriod", "agenda.EffortProgress",
    "agenda.Picture", "agenda.PictureItem",
    "indicators.Indicator",
    "processes.ProcessMonitor", "processes.ProcessTheme", "processes.ProcessSubTheme",
    "processes.ProcessRound", "processes.ProcessRegion", "processes.SubThemeStatus",
    "processes.ProcessQuestion", "processes.ProcessAnswer", "processes.Submission",
    "accounts.Profile", "auth.User",
    "areas.ComparisonGroup",
    "sources.Source",
    "outcomes.Voorziening", "outcomes.Submission",
    "interpretation.Interpretation", "interpretation.Action", "interpretation.Question",
    "snapshots.Snapshot", "snapshots.Amendment",
)  # fmt: skip
# Never recorded, whatever their model says: secrets and bookkeeping counters (an indicator's data version
# rises with every import; the import's own entry says what changed).
EXCLUDED_FIELDS = {
    "auth.User": ["password", "last_login"],
    "indicators.Indicator": ["data_version"],
    # A snapshot's freeze progress and its stored comparison are bookkeeping, not a staff edit.
    "snapshots.Snapshot": ["done", "total", "changes", "summary"],
    # What each refresh pass writes about itself; the refresh's ImportRun is the record of what it did.
    "sources.Source": [
        "next_run_at", "last_checked_at", "last_outcome", "last_message", "last_run", "retrieved_at",
        "catalogue_modified", "catalogue_frequency", "catalogue_reason", "catalogue_status",
        "catalogue_period", "held_version",
    ],
}  # fmt: skip


def register_models() -> None:
    for label in AUDITED:
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=EXCLUDED_FIELDS.get(label, []))
    post_save.connect(_seal_new_entry, sender=LogEntry, dispatch_uid="km_audit_seal")


def _seal_new_entry(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if created:
        from . import chain

        chain.seal([instance.pk])
