# SPDX-License-Identifier: EUPL-1.2
"""Write the demo agenda (opgaven, doelen, resultaten, inspanningen and their progress reports)."""

from __future__ import annotations

from kwaliteitsmonitor.agenda.models import (
    Agenda,
    Effort,
    EffortProgress,
    Goal,
    Organisation,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
)
from kwaliteitsmonitor.analysis.report_periods import read_period_name
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord

from .agenda_content import INTRO, REPORT_PERIODS, EffortSpec, GoalSpec, ResultSpec
from .agenda_themes import THEMES
from .common import DEMO_PERIOD_PREFIX, MUNICIPALITY, MUNICIPALITY_NAME

Values = dict[tuple[str, str, str, str], ObservationRecord]


def demo_periods() -> dict[str, ReportPeriod]:
    """The demo's report periods (e.g. "Najaarsnota 2025 (fictief)"), dated by the documented rule."""
    periods = {}
    for text, _reported_on in REPORT_PERIODS:
        parsed = read_period_name(text)
        assert parsed is not None
        periods[text], _created = ReportPeriod.objects.get_or_create(
            slug=DEMO_PERIOD_PREFIX + parsed.slug,
            defaults={"name": f"{parsed.name} (fictief)", "kind": parsed.kind, "date": parsed.reference_date},
        )
    return periods


def create_agenda(indicators: dict[str, Indicator], values: Values, *, active: bool = True) -> Agenda:
    agenda = Agenda.objects.create(
        title="Maatschappelijke Agenda",
        organisation=f"Gemeente {MUNICIPALITY_NAME}",
        area=Area.objects.get(code=MUNICIPALITY),
        start_year=2023,
        end_year=2027,
        intro=INTRO,
        label_set="generiek",
        is_active=active,
        is_fictitious=True,
    )
    for order, spec in enumerate(THEMES, start=1):
        theme = Theme.objects.create(
            agenda=agenda, slug=spec.slug, title=spec.title, summary=spec.summary, order=order,
            external_id=f"demo-opgave-{order}",
        )  # fmt: skip
        for goal_order, goal_spec in enumerate(spec.goals, start=1):
            create_goal(theme, goal_spec, goal_order, indicators, values)
    return agenda


Indicators = dict[str, Indicator]


def create_goal(theme: Theme, spec: GoalSpec, order: int, indicators: Indicators, values: Values) -> Goal:
    goal = Goal.objects.create(
        theme=theme, slug=spec.slug, number=spec.number, title=spec.title, description=spec.description,
        order=order, external_id=f"{theme.external_id}-doel-{spec.number}",
    )  # fmt: skip
    results = [create_result(goal, r, i, indicators, values) for i, r in enumerate(spec.results, start=1)]
    for effort_order, effort_spec in enumerate(spec.efforts, start=1):
        create_effort(goal, effort_spec, effort_order, results, indicators)
    return goal


def baseline(spec: ResultSpec, values: Values) -> float | None:
    """Voorbeeldstad's value of the first indicator in the baseline period."""
    record = values.get((spec.indicators[0], MUNICIPALITY, spec.baseline_period, spec.breakdown))
    return None if record is None or record.value is None else round(record.value, 2)


def create_result(goal: Goal, spec: ResultSpec, order: int, indicators: dict[str, Indicator], values: Values):
    result = Result.objects.create(
        goal=goal, title=spec.title, description=spec.description, target_value=spec.target,
        target_year=spec.target_year, baseline_value=baseline(spec, values),
        baseline_period=spec.baseline_period, direction=spec.direction, order=order,
        external_id=f"{goal.external_id}-resultaat-{order}",
    )  # fmt: skip
    for order_, code in enumerate(spec.indicators):
        breakdown = spec.breakdown if order_ == 0 else ""  # the streefwaarde is about the first one
        ResultIndicator.objects.create(
            result=result, indicator=indicators[code], breakdown=breakdown, order=order_
        )
    return result


def create_effort(goal: Goal, spec: EffortSpec, order: int, results: list[Result], indicators) -> Effort:
    effort = Effort.objects.create(
        goal=goal, result=results[spec.result] if spec.result is not None else None, title=spec.title,
        description=spec.description, owner=spec.owner, partner=Organisation.for_name(spec.partner),
        start_date=spec.start, end_date=spec.end, order=order,
        external_id=f"{goal.external_id}-inspanning-{order}",
    )  # fmt: skip
    effort.indicators.set([indicators[code] for code in spec.indicators])
    periods = demo_periods()
    EffortProgress.objects.bulk_create(
        EffortProgress(
            effort=effort,
            report_period=periods[period],
            status=report_status,
            progress=report_progress,
            explanation=text,
            reported_on=reported_on,
        )
        for (period, reported_on), (report_status, report_progress, text) in zip(
            REPORT_PERIODS, spec.reports, strict=True
        )
    )
    return effort
