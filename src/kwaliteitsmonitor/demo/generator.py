# SPDX-License-Identifier: EUPL-1.2
"""Build the whole demo: areas, indicators, observations (through the shared load step) and agenda.

Deterministic: the same content on every run. Running it again replaces the earlier demo data. A
database that holds agenda's or areas of its own is left alone unless ``force`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from kwaliteitsmonitor.agenda.models import Agenda, Effort, EffortProgress, Goal, Picture, Result, Theme
from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.indicators.derive import derive_computed_values
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation, ObservationRevision
from kwaliteitsmonitor.indicators.records import LoadResult, ObservationRecord
from kwaliteitsmonitor.outcomes.service import ensure_indicators as ensure_outcome_indicators
from kwaliteitsmonitor.publications import build as publication

from .agenda import create_agenda
from .common import ACTOR, CONNECTOR, NOTE, SEED
from .indicators import CODES, ensure_indicators
from .outcomes import SOURCE as OUTCOME_SOURCE
from .outcomes import create_voorzieningen, outcome_records
from .pictures import create_pictures
from .places import Land, build_land
from .processes import create_for_land as create_process_monitors
from .registers import earlier_records, register_records
from .store import clear_demo, demo_area_filter, foreign_data, write_areas
from .surveys import survey_records


class DemoRefused(Exception):
    """The database holds data that is not demo data, and ``force`` was not given."""


@dataclass
class DemoSummary:
    areas: dict[str, int] = field(default_factory=dict)  # per level
    indicators: int = 0
    observations: int = 0
    revisions: int = 0
    vintages: int = 0
    memberships: int = 0
    agenda: dict[str, int] = field(default_factory=dict)
    runs: list[LoadResult] = field(default_factory=list)


def build_records(land: Land) -> list[ObservationRecord]:
    return [*register_records(land), *survey_records(land), *outcome_records()]


def load_demo(*, force: bool = False, publish: bool = True, render: bool | None = None) -> DemoSummary:
    """Load the demo without an audit entry per demo row (clearing and writing thousands of fictitious
    rows one entry each would make a reload slow and the log useless); one entry records the reload."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    from kwaliteitsmonitor.audit.write import log_summary

    with disable_auditlog():
        summary = _load_demo(force=force, publish=publish, render=render)
    run = ImportRun.objects.filter(connector=CONNECTOR).order_by("-pk").first()
    if run is not None:
        log_summary(run, LogEntry.Action.CREATE, {"demo": ["", "fictieve demogegevens geladen"]},
                    {"demo": True, "observations": summary.observations})  # fmt: skip
    return summary


def _load_demo(*, force: bool = False, publish: bool = True, render: bool | None = None) -> DemoSummary:
    foreign = foreign_data()
    if any(foreign.values()) and not force:
        found = " en ".join(f"{count} {what}" for what, count in foreign.items() if count)
        raise DemoRefused(
            f"De database bevat al gegevens die geen demogegevens zijn ({found}). De demo laadt niets, zodat "
            "er niets door elkaar raakt. Gebruik --force om de fictieve demogegevens er toch naast te zetten."
        )
    land = build_land()
    records = build_records(land)
    with transaction.atomic():
        clear_demo()
        write_areas(land)
        indicators = ensure_indicators()
        ensure_outcome_indicators(source=OUTCOME_SOURCE)
        # First the figures as they were published at first: a handful still provisional and later revised.
        first = {r.key: r for r in records} | {r.key: r for r in earlier_records(records)}
        runs = [
            _load(list(first.values()), "Fictieve demogegevens: eerdere (voorlopige) publicatie",
                  f"{NOTE}; zoals eerst gepubliceerd, een paar cijfers nog voorlopig"),
        ]  # fmt: skip
        derive_computed_values(CODES, run=ImportRun.objects.filter(connector=CONNECTOR).latest("pk"))
        has_own_agenda = Agenda.objects.filter(is_fictitious=False, is_active=True).exists()
        agenda = create_agenda(indicators, {r.key: r for r in records}, active=not has_own_agenda)
        create_pictures(agenda, indicators)
        create_voorzieningen(agenda)
        create_process_monitors(land)
    if publish:  # the earlier, provisional figures as they were published first
        publication.build(actor="demo: eerdere cijfers", full=True, publish=True, render=False)
    with transaction.atomic():
        runs.append(
            _load(records, "Fictieve demogegevens", f"{NOTE}; gegenereerd met vaste startwaarde {SEED}")
        )
        # Areas without a value of their own (Voorbeeldstad for the partner's per-wijk count): computed.
        derive_computed_values(CODES, run=ImportRun.objects.filter(connector=CONNECTOR).latest("pk"))
    if publish:
        publication.build(actor="demo", publish=True, render=render)
    # The site information that pages cache (monitor.site) expires by itself within a minute; the
    # dependency rule forbids importing monitor here (tests/test_architecture.py).
    return summarise(runs)


def _load(records: list[ObservationRecord], source: str, notes: str) -> LoadResult:
    run = start_run(CONNECTOR, source, parameters={"seed": SEED}, actor=ACTOR)
    result = load_observations(records, run)
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors[:5]))
    run.notes = notes
    finish_run(run, result)
    return result


def summarise(runs: list[LoadResult]) -> DemoSummary:
    demo_areas = Area.objects.filter(demo_area_filter())
    summary = DemoSummary(runs=runs)
    for level in ["NL", "PV", "CR", "JZ", "GG", "GM", "WK", "BU"]:
        summary.areas[level] = (demo_areas if level != "NL" else Area.objects).filter(level=level).count()
    summary.indicators = Indicator.objects.filter(code__in=CODES).count()
    summary.observations = Observation.objects.filter(import_run__connector=CONNECTOR).count()
    summary.revisions = ObservationRevision.objects.filter(superseded_by__connector=CONNECTOR).count()
    summary.vintages = AreaVintage.objects.filter(area__in=demo_areas).count()
    summary.memberships = AreaMembership.objects.filter(area__in=demo_areas).count()
    demo = Agenda.objects.filter(is_fictitious=True)
    summary.agenda = {
        "opgaven": Theme.objects.filter(agenda__in=demo).count(),
        "doelen": Goal.objects.filter(theme__agenda__in=demo).count(),
        "resultaten": Result.objects.filter(goal__theme__agenda__in=demo).count(),
        "inspanningen": Effort.objects.filter(goal__theme__agenda__in=demo).count(),
        "voortgangsrapportages": EffortProgress.objects.filter(effort__goal__theme__agenda__in=demo).count(),
        "beelden": Picture.objects.filter(theme__agenda__in=demo).count(),
    }
    return summary
