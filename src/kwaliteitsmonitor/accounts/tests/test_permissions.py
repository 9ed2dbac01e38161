# SPDX-License-Identifier: EUPL-1.2
"""The one rule set: object check and queryset filter agree, and whatever is not granted is denied."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from kwaliteitsmonitor.accounts.permissions import RULES, allowed, role_of, scoped
from kwaliteitsmonitor.accounts.testing import make_user
from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Organisation, Theme
from kwaliteitsmonitor.areas.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def efforts():
    made = {}
    for code in ("GM0001", "GM0002"):
        area = Area.objects.create(code=code, name=code, level="GM")
        Organisation.objects.create(name=f"Gemeente {code}", kind="gemeente", area=area)
        agenda = Agenda.objects.create(organisation=code, area=area, start_year=2024, end_year=2027)
        goal = Goal.objects.create(
            theme=Theme.objects.create(agenda=agenda, slug="t", title="T"), slug="g", title="G"
        )
        made[code] = Effort.objects.create(
            goal=goal, title=code, partner=Organisation.for_name(f"Partner {code}")
        )
    return made


def test_object_check_and_queryset_filter_agree_for_every_role(efforts):
    users = [
        make_user("b", "beheerder"),
        make_user("r", "redacteur", organisation=Organisation.objects.get(name="Gemeente GM0001")),
        make_user("p", "partner", organisation=Organisation.objects.get(name="Partner GM0002")),
        make_user("g", "regio", region=Area.objects.get(code="GM0001")),
        make_user("l", "raadslid"),
    ]
    for user in users:
        listed = set(scoped(user, "agenda.change_effort", Effort.objects.all()))
        checked = {e for e in Effort.objects.all() if allowed(user, "agenda.change_effort", e)}
        assert listed == checked, user
        assert checked == {e for e in Effort.objects.all() if user.has_perm("agenda.change_effort", e)}
    assert {e.title for e in scoped(users[1], "agenda.change_effort", Effort.objects.all())} == {"GM0001"}
    assert {e.title for e in scoped(users[2], "agenda.change_effort", Effort.objects.all())} == {"GM0002"}
    assert not scoped(users[3], "agenda.change_effort", Effort.objects.all()).exists()


def test_deny_unless_granted(efforts):
    redacteur = make_user("r", "redacteur")  # without organisation: no scope, nothing
    assert not scoped(redacteur, "agenda.change_effort", Effort.objects.all()).exists()
    assert not allowed(redacteur, "agenda.change_effort", efforts["GM0001"])
    assert not allowed(redacteur, "bestaat.niet")
    # no profile: no role; Django model permissions and groups grant nothing
    plain = make_user("zonder", None)
    plain.user_permissions.add(Permission.objects.get(codename="change_effort"))
    assert role_of(plain) is None
    assert not plain.has_perm("agenda.change_effort")
    assert not plain.has_perm("agenda.change_effort", efforts["GM0001"])
    # an inactive account has no role
    beheerder = make_user("weg", "beheerder")
    beheerder.is_active = False
    assert not allowed(beheerder, "workspace.enter")
    # a rule about efforts says nothing about another model
    assert not allowed(make_user("b2", "beheerder"), "agenda.change_effort", Area.objects.first())


def test_the_rules_publications_asks_for_by_name_exist():
    for name in ("publications.publish", "publications.view_draft", "publications.ask_question"):
        assert name in RULES
    raadslid = make_user("l", "raadslid")
    assert raadslid.has_perm("publications.view_draft") and not raadslid.has_perm("publications.publish")
