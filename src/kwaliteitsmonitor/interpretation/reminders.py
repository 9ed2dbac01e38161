# SPDX-License-Identifier: EUPL-1.2
"""Reminders before a report period's deadline (``kwaliteitsmonitor remind``, for cron).

Each redacteur and partner whose inspanningen (their scope in the rule set, ``agenda.change_effort``) still
lack a report for the open period gets one e-mail per step (``KM_REMINDER_DAYS``: days before the
deadline) listing those inspanningen. A step is due from its day until the deadline; when cron missed a
step, only the nearest due one is sent. Every mail sent is recorded (:class:`Reminder`), so running the
command again sends nothing twice. Beheerders (scope: everything) are not reminded: they are not the
ones responsible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.formats import date_format

from kwaliteitsmonitor.accounts.models import Role
from kwaliteitsmonitor.accounts.permissions import scoped
from kwaliteitsmonitor.agenda.models import Effort, ReportPeriod
from kwaliteitsmonitor.agenda.periods import open_period

from .models import Reminder

RESPONSIBLE = (Role.REDACTEUR, Role.PARTNER)


@dataclass
class Mail:
    user: Any
    efforts: list[Effort]


@dataclass
class Plan:
    period: ReportPeriod | None = None
    days_before: int | None = None
    mails: list[Mail] = field(default_factory=list)
    already_sent: int = 0
    without_email: list[str] = field(default_factory=list)


def plan(today: date) -> Plan:
    period = open_period(today)
    if period is None or period.deadline is None:
        return Plan()
    left = (period.deadline - today).days
    steps = [d for d in settings.KM_REMINDER_DAYS if left <= d]
    if not steps:
        return Plan(period)
    step = min(steps)
    result = Plan(period, step)
    users = (
        get_user_model()
        .objects.filter(is_active=True, profile__role__in=RESPONSIBLE)
        .select_related("profile__organisation")
        .order_by("username")
    )
    sent = set(
        Reminder.objects.filter(report_period=period, days_before=step).values_list("user_id", flat=True)
    )
    for user in users:
        missing = list(
            scoped(user, "agenda.change_effort", Effort.objects.all())
            .exclude(progress_reports__report_period=period)
            .select_related("goal")
            .order_by("goal__theme__order", "goal__order", "order", "id")
        )
        if not missing:
            continue
        if user.pk in sent:
            result.already_sent += 1
        elif not user.email:
            result.without_email.append(user.get_username())
        else:
            result.mails.append(Mail(user, missing))
    return result


def message(period: ReportPeriod, mail: Mail) -> tuple[str, str]:
    deadline = date_format(period.deadline, "j F Y")
    lines = [
        f"Beste {mail.user.get_full_name() or mail.user.get_username()},",
        "",
        f"Voor {period.name} is nog geen voortgang gerapporteerd van {len(mail.efforts)} "
        f"inspanning{'en' if len(mail.efforts) != 1 else ''} waarvoor u verantwoordelijk bent. "
        f"Rapporteer uiterlijk {deadline} in de werkplek (Inspanningen):",
        "",
        *(f"- {effort.title} (doel: {effort.goal.title})" for effort in mail.efforts),
        "",
        f"Met vriendelijke groet,\n{settings.KM_SITE_NAME}",
    ]
    return f"Herinnering: voortgang {period.name} uiterlijk {deadline}", "\n".join(lines)


def send(today: date, *, dry_run: bool = False) -> tuple[Plan, list[str]]:
    """Send what is due; returns the plan and the usernames whose mail failed (not recorded, so the next
    run tries again)."""
    result = plan(today)
    failed: list[str] = []
    if dry_run or result.period is None or result.days_before is None:
        return result, failed
    for mail in result.mails:
        subject, body = message(result.period, mail)
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    report_period=result.period,
                    user=mail.user,
                    days_before=result.days_before,
                    efforts=len(mail.efforts),
                )
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [mail.user.email])
        except Exception:
            failed.append(mail.user.get_username())
    return result, failed
