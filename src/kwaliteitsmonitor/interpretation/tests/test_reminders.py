# SPDX-License-Identifier: EUPL-1.2
"""Reminders before the deadline: the right people only, once per step, nothing to those who reported."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from kwaliteitsmonitor.agenda.models import EffortProgress
from kwaliteitsmonitor.interpretation import reminders
from kwaliteitsmonitor.interpretation.models import Reminder

DAY_BEFORE_STEP = dt.date(2026, 4, 15)  # 15 days before 30 April: no step due (14, 3)
STEP_14 = dt.date(2026, 4, 16)
STEP_3 = dt.date(2026, 4, 27)


@pytest.fixture(autouse=True)
def _steps(settings):
    settings.KM_REMINDER_DAYS = [14, 3]
    settings.DEFAULT_FROM_EMAIL = "monitor@example.org"


def _recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_the_people_responsible_get_their_own_efforts_only(world):
    reminders.send(STEP_14)
    # redacteuren: their gemeente's efforts; partners: their organisation's; no beheerder, no raadslid
    assert _recipients() == [
        "partner@example.org",
        "partner_other@example.org",
        "redacteur@example.org",
        "redacteur_other@example.org",
    ]
    by_to = {m.to[0]: m for m in mail.outbox}
    partner = by_to["partner@example.org"]
    assert "Buurtcoach own" in partner.body and "Mantelzorg own" not in partner.body
    assert "other" not in partner.body
    redacteur = by_to["redacteur@example.org"]
    assert "Buurtcoach own" in redacteur.body and "Mantelzorg own" in redacteur.body
    assert "other" not in redacteur.body
    assert "30 april 2026" in redacteur.subject and partner.from_email == "monitor@example.org"


def test_nothing_to_someone_whose_efforts_are_all_reported(world):
    EffortProgress.objects.create(effort=world.efforts["own"][0], report_period=world.period)
    reminders.send(STEP_14)
    assert "partner@example.org" not in _recipients()
    redacteur = next(m for m in mail.outbox if m.to == ["redacteur@example.org"])
    assert "Buurtcoach own" not in redacteur.body and "Mantelzorg own" in redacteur.body


def test_once_per_period_and_step(world):
    reminders.send(STEP_14)
    reminders.send(STEP_14)
    reminders.send(STEP_14 + dt.timedelta(days=1))  # same step, next day
    assert len(mail.outbox) == 4
    assert Reminder.objects.count() == 4
    reminders.send(STEP_3)  # the next step: one more each
    assert len(mail.outbox) == 8
    assert set(Reminder.objects.values_list("days_before", flat=True)) == {14, 3}


def test_nothing_before_the_first_step_or_after_the_deadline(world):
    reminders.send(DAY_BEFORE_STEP)
    reminders.send(dt.date(2026, 5, 1))
    assert mail.outbox == []


def test_dry_run_sends_and_records_nothing(world):
    out = StringIO()
    call_command("remind", "--dry-run", "--json", "--date", STEP_14.isoformat(), stdout=out)
    report = json.loads(out.getvalue())
    assert report["dry_run"] is True and report["days_before"] == 14
    assert {row["user"] for row in report["would_send"]} == {
        "partner", "partner-anders", "redacteur", "redacteur-anders",
    }  # fmt: skip
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_command_json_and_accounts_without_email(world):
    world.users["partner"].email = ""
    world.users["partner"].save()
    out = StringIO()
    call_command("remind", "--json", "--date", STEP_14.isoformat(), stdout=out)
    report = json.loads(out.getvalue())
    assert report["period"] == "Voorjaarsnota 2026" and len(report["sent"]) == 3
    assert report["without_email"] == ["partner"]
    out = StringIO()
    call_command("remind", "--json", "--date", STEP_14.isoformat(), stdout=out)
    again = json.loads(out.getvalue())
    assert again["sent"] == [] and again["already_sent"] == 3


def test_a_failed_mail_is_not_recorded_and_the_command_fails(world, settings):
    settings.EMAIL_BACKEND = "kwaliteitsmonitor.interpretation.tests.test_reminders.Broken"
    with pytest.raises(CommandError, match="Versturen mislukt"):
        call_command("remind", "--date", STEP_14.isoformat(), stdout=StringIO())
    assert not Reminder.objects.exists()


def test_bad_date_is_a_clear_error(world):
    with pytest.raises(CommandError, match="--date"):
        call_command("remind", "--date", "30-4-2026", stdout=StringIO())


class Broken:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
