# SPDX-License-Identifier: EUPL-1.2
""" "Wat vraagt aandacht": a small registry of checks. Each check takes the user and returns the items
that need that user's attention (within the user's scope); later features register their own with
:func:`register`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from kwaliteitsmonitor.accounts.permissions import allowed, scoped
from kwaliteitsmonitor.agenda.models import Effort, Goal, ReportPeriod
from kwaliteitsmonitor.agenda.periods import open_period
from kwaliteitsmonitor.analysis.periods import dutch_date, period_label
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation
from kwaliteitsmonitor.interpretation import sessions
from kwaliteitsmonitor.interpretation.models import Question
from kwaliteitsmonitor.interpretation.questions import on_time_share
from kwaliteitsmonitor.outcomes.models import Submission, SubmissionState
from kwaliteitsmonitor.publications.models import Publication, State


@dataclass(frozen=True)
class Item:
    text: str
    url: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    more: int = 0


Check = Callable[[Any], Section | None]
CHECKS: list[Check] = []
LIMIT = 10


def register(check: Check) -> Check:
    CHECKS.append(check)
    return check


def sections(user: Any) -> list[Section]:
    return [s for s in (check(user) for check in CHECKS) if s is not None]


def current_period(today: date | None = None) -> ReportPeriod | None:
    """The report period staff are reporting on now: the earliest whose deadline has not passed, else
    the latest by date."""
    return (
        open_period(today or timezone.localdate()) or ReportPeriod.objects.order_by("-date", "-name").first()
    )


def _section(key: str, title: str, items: list[Item]) -> Section:
    return Section(key, title, items[:LIMIT], max(0, len(items) - LIMIT))


@register
def efforts_without_report(user: Any) -> Section | None:
    if not allowed(user, "agenda.change_effort"):
        return None
    period = current_period()
    if period is None:
        return None
    missing = (
        scoped(user, "agenda.change_effort", Effort.objects.all())
        .exclude(progress_reports__report_period=period)
        .order_by("goal__theme__order", "goal__order", "order", "id")
    )
    items = [Item(e.title, reverse("workspace:effort", args=[e.pk])) for e in missing[: LIMIT + 50]]
    deadline = f" (uiterlijk {dutch_date(period.deadline)})" if period.deadline else ""
    return _section("inspanningen", f"Inspanningen zonder rapportage voor {period.name}{deadline}", items)


@register
def overdue_sources(user: Any) -> Section | None:
    if not allowed(user, "indicators.import_observations"):
        return None
    today = timezone.localdate()
    indicators = {i.pk: i for i in Indicator.objects.filter(update_frequency__in=list(CYCLE_DAYS))}
    last = (
        Observation.objects.filter(indicator_id__in=list(indicators), is_computed=False)
        .values("indicator_id")
        .annotate(last=Max("import_run__finished_at"))
    )
    items = []
    for row in last:
        indicator = indicators[row["indicator_id"]]
        if row["last"] is None:
            continue
        due = timezone.localdate(row["last"]) + timedelta(
            days=CYCLE_DAYS[indicator.update_frequency] + GRACE_DAYS
        )
        if due < today:
            items.append(Item(f"{indicator.name}: nieuwe cijfers verwacht vóór {dutch_date(due)}"))
    items.sort(key=lambda i: i.text)
    return _section("bronnen", "Bronnen die bijgewerkt hadden moeten zijn", items)


# How long after its last import a source with this update frequency is overdue (plus a month's grace).
CYCLE_DAYS = {
    "monthly": 31,
    "quarterly": 92,
    "halfyearly": 183,
    "yearly": 366,
    "biennial": 731,
    "quadrennial": 1461,
}
GRACE_DAYS = 31


@register
def failed_imports(user: Any) -> Section | None:
    if not allowed(user, "indicators.import_observations"):
        return None
    since = timezone.now() - timedelta(days=30)
    runs = ImportRun.objects.filter(started_at__gte=since).exclude(status="ok").order_by("-started_at")
    items = [Item(f"{run.connector}: {run.source[:80]} ({run.get_status_display()})") for run in runs[:60]]
    return _section("imports", "Mislukte imports (laatste 30 dagen)", items)


@register
def drafts_waiting(user: Any) -> Section | None:
    if not allowed(user, "publications.view_draft"):
        return None
    drafts = Publication.objects.filter(state=State.DRAFT).order_by("-number")
    url = reverse("workspace:publications")
    items = [Item(f"Publicatie {p.number}{f' ({p.name})' if p.name else ''}: concept", url) for p in drafts]
    return _section("concepten", "Concepten die wachten op publicatie", items)


@register
def open_questions(user: Any) -> Section | None:
    """Raadsvragen without a vastgesteld answer: for those who answer them (own gemeente), and for the
    raadslid who asked; with the share answered on time."""
    if not allowed(user, "interpretation.view_question"):
        return None
    found = scoped(user, "interpretation.view_question", Question.objects.all())
    waiting = (
        found.filter(approved_at__isnull=True).select_related("goal", "indicator").order_by("deadline", "id")
    )
    items = [
        Item(
            f"{q.get_kind_display()} over {q.subject_title}: beantwoorden uiterlijk {dutch_date(q.deadline)}"
            + (" (te laat)" if q.overdue else ""),
            reverse("workspace:question", args=[q.pk]),
        )
        for q in waiting[: LIMIT + 50]
    ]
    share = on_time_share(found)
    return _section("vragen", "Open raadsvragen" + (f" — {share.text()}" if share.counted else ""), items)


@register
def overdue_actions(user: Any) -> Section | None:
    if not allowed(user, "interpretation.write"):
        return None
    goals = scoped(user, "interpretation.write", Goal.objects.all())
    found = sessions.overdue_actions(goals).select_related("interpretation__publication")
    items = [
        Item(f"{a.title} ({a.owner}): uiterlijk {dutch_date(a.due_date)}", reverse("workspace:actions"))
        for a in found[: LIMIT + 50]
    ]
    return _section("verbeteracties", "Verbeteracties over de datum", items)


@register
def refresh_problems(user: Any) -> Section | None:
    """Registered sources (``sources``) whose scheduled refresh failed or whose delivery is late."""
    if not allowed(user, "indicators.import_observations"):
        return None
    from kwaliteitsmonitor.sources import attention as source_attention

    to_admin = allowed(user, "admin.use")  # the source register lives in the beheer
    items = [
        Item(f"{found['title']}: {found['detail']}", found["url"] if to_admin else "")
        for found in source_attention.items()
    ]
    return _section("verversen", "Bronnen: verversing mislukt of levering te laat", items)


@register
def outcome_submissions(user: Any) -> Section | None:
    """Partner outcome submissions waiting for the redacteur's review (partners: their returned ones)."""
    if allowed(user, "outcomes.review"):
        waiting = scoped(user, "outcomes.review", Submission.objects.filter(state=SubmissionState.SUBMITTED))
        title = "Aanleveringen van uitkomsten die op beoordeling wachten"
    elif allowed(user, "outcomes.submit"):
        waiting = scoped(user, "outcomes.submit", Submission.objects.filter(state=SubmissionState.RETURNED))
        title = "Teruggestuurde aanleveringen van uitkomsten"
    else:
        return None
    items = [
        Item(f"{s.partner}, {period_label(s.period)}", reverse("workspace:outcome_submission", args=[s.pk]))
        for s in waiting.select_related("partner").order_by("-submitted_at")[: LIMIT + 50]
    ]
    return _section("uitkomsten", title, items)


@register
def process_rounds(user: Any) -> Section | None:
    """For the regio-adviseur: regions that submitted and wait for review, and regions late with an open
    round; for a region's users: their open rounds and what the adviser returned."""
    from kwaliteitsmonitor.processes import lifecycle
    from kwaliteitsmonitor.processes.models import ProcessRegion, ProcessRound, Submission

    if allowed(user, "processes.review_round"):
        waiting = Submission.objects.filter(state=lifecycle.State.SUBMITTED).select_related(
            "round__monitor", "region"
        )
        items = [
            Item(
                f"{s.round.monitor.name}, {s.round.label}: {s.region.name} wacht op beoordeling",
                reverse("workspace:process_review", args=[s.region_id, s.round_id]),
            )
            for s in waiting.order_by("round__reference_date", "region__name")[: LIMIT + 50]
        ]
        today = timezone.localdate()
        for item in ProcessRound.objects.filter(deadline__lt=today).select_related("monitor"):
            late = [r["region"].name for r in lifecycle.overview(item, today) if r["late"]]
            if late:
                items.append(
                    Item(
                        f"{item.monitor.name}, {item.label}: te laat ({', '.join(late)})",
                        reverse("workspace:process_overview", args=[item.pk]),
                    )
                )
        return _section("procesrondes", "Procesmonitors: rondes om te beoordelen", items)
    if not allowed(user, "processes.change_status"):
        return None
    items = []
    for region in scoped(user, "processes.change_status", ProcessRegion.objects.select_related("monitor")):
        newest = region.monitor.rounds.order_by("-reference_date").first()
        returned_rounds = ProcessRound.objects.filter(
            submissions__region=region, submissions__state=lifecycle.State.RETURNED
        )
        for item in {r.pk: r for r in [*([newest] if newest else []), *returned_rounds]}.values():
            state = lifecycle.state_of(item, region)
            if state not in lifecycle.OPEN_STATES:
                continue
            found = lifecycle.submission(item, region)
            count = len(found.returned) if found else 0
            returned = (
                f", {count} {'onderdeel' if count == 1 else 'onderdelen'} teruggestuurd" if count else ""
            )
            deadline = f", invullen tot {dutch_date(item.deadline)}" if item.deadline else ""
            items.append(
                Item(
                    f"{item.monitor.name}, {item.label}: "
                    f"{lifecycle.State(state).label.lower()}{returned}{deadline}",
                    reverse("workspace:process_round", args=[region.pk, item.pk]),
                )
            )
    return _section("procesrondes", "Procesmonitors: in te vullen rondes", items)
