# SPDX-License-Identifier: EUPL-1.2
"""The audit log: before and after for an edit in the workspace, in the admin and by an import; bulk
``update()`` and ``bulk_create`` on record; deletions leave an entry; the hash chain shows tampering."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Organisation, ReportPeriod, Theme
from kwaliteitsmonitor.analysis.vocabulary import IN_PROGRESS
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.audit import chain
from kwaliteitsmonitor.audit.models import Seal
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_world():
    area = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    organisation = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente", area=area)
    agenda = Agenda.objects.create(organisation="Testdorp", area=area, start_year=2024, end_year=2027)
    theme = Theme.objects.create(agenda=agenda, slug="zorg", title="Zorg")
    goal = Goal.objects.create(theme=theme, slug="thuis", title="Thuis wonen")
    effort = Effort.objects.create(goal=goal, title="Buurtteams")
    period = ReportPeriod.objects.create(
        name="Voorjaarsnota 2026", slug="2026-voorjaarsnota", kind="voorjaarsnota", date=dt.date(2026, 4, 1)
    )
    return {"organisation": organisation, "effort": effort, "period": period, "area": area}


def _entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


def _verify():
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_an_edit_in_the_workspace_is_on_record_with_before_and_after(client, agenda_world):
    user = make_user("redactie", "redacteur", organisation=agenda_world["organisation"])
    login_verified(client, user)
    effort, period = agenda_world["effort"], agenda_world["period"]
    response = client.post(
        f"/werkplek/inspanningen/{effort.pk}/",
        {"save_progress": "1", "voortgang-report_period": period.pk, "voortgang-status": IN_PROGRESS,
         "voortgang-progress": "40", "voortgang-budget": "12.500,50", "voortgang-explanation": "Loopt."},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    report = effort.progress_reports.get()
    assert str(report.budget) == "12500.50"
    entry = _entries(report).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == user
    assert entry.changes["progress"] == ["None", "40"]
    client.post(
        f"/werkplek/inspanningen/{effort.pk}/",
        {"save_progress": "1", "voortgang-report_period": period.pk, "voortgang-status": IN_PROGRESS,
         "voortgang-progress": "55", "voortgang-budget": "12.500,50", "voortgang-explanation": "Loopt."},
    )  # fmt: skip
    change = _entries(report).last()
    assert change.action == LogEntry.Action.UPDATE and change.changes == {"progress": ["40", "55"]}
    assert "intact" in _verify()


def test_an_edit_in_the_admin_is_on_record(admin_client, admin_user, agenda_world):
    effort = agenda_world["effort"]
    page = admin_client.get(f"/beheer/agenda/effort/{effort.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"goal": effort.goal_id, "title": "Buurtteams in elke wijk", "order": 0})
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
    response = admin_client.post(f"/beheer/agenda/effort/{effort.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = _entries(effort).last()
    assert entry.actor == admin_user
    assert entry.changes["title"] == ["Buurtteams", "Buurtteams in elke wijk"]


def test_an_import_writes_one_entry_per_indicator_linked_to_its_run(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    indicator = Indicator.objects.create(code="wmo", name="Wmo-cliënten", unit="count", provider="own")
    user = make_user("importeur", "beheerder")
    login_verified(client, user)

    def run(text):
        upload = SimpleUploadedFile("c.csv", text.encode(), content_type="text/csv")
        token = client.post("/werkplek/importeren/", {"kind": "tabular", "file": upload}).context["token"]
        assert client.post("/werkplek/importeren/", {"token": token}).status_code == 200

    run("indicator;gebied;periode;waarde\nwmo;GM0001;2023;100\n")
    run("indicator;gebied;periode;waarde\nwmo;GM0001;2023;120\nwmo;GM0001;2024;130\n")
    first, second = ImportRun.objects.order_by("pk")
    entries = list(_entries(indicator).filter(additional_data__has_key="import_run"))
    assert [e.additional_data["import_run"] for e in entries] == [first.pk, second.pk]
    assert entries[1].additional_data["changed"] == 1 and entries[1].additional_data["added"] == 1
    assert entries[1].additional_data["samples"] == ["100.0 → 120.0"]
    assert entries[1].actor == user
    assert "intact" in _verify()


def test_bulk_update_and_bulk_create_are_on_record(agenda_world):
    effort = agenda_world["effort"]
    Effort.objects.filter(pk=effort.pk).update(title="Nieuwe titel")
    entry = _entries(effort).last()
    assert entry.changes == {"title": ["Buurtteams", "Nieuwe titel"]}
    made = Organisation.objects.bulk_create([Organisation(name="A"), Organisation(name="B")])
    assert all(_entries(o).filter(action=LogEntry.Action.CREATE).exists() for o in made if o.pk)
    assert "intact" in _verify()


def test_a_deletion_leaves_an_entry(agenda_world):
    effort = agenda_world["effort"]
    pk = effort.pk
    Effort.objects.filter(pk=pk).delete()
    entry = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert entry.object_repr == "Buurtteams"


def test_verify_finds_a_changed_a_removed_and_an_unsealed_entry(agenda_world):
    effort = agenda_world["effort"]
    for title in ("Een", "Twee", "Drie"):
        effort.title = title
        effort.save()
    assert "intact" in _verify()
    entries = list(_entries(effort))
    # someone rewrites history in the database
    LogEntry.objects.filter(pk=entries[1].pk).update(changes={"title": ["Buurtteams", "Iets anders"]})
    with pytest.raises(CommandError, match="niet intact"):
        _verify()
    problems = list(chain.verify())
    assert any(f"logregel {entries[1].pk}" in p and "veranderd" in p for p in problems)
    # a removed entry
    LogEntry.objects.filter(pk=entries[2].pk).delete()
    assert any(f"logregel {entries[2].pk}" in p and "verwijderd" in p for p in chain.verify())
    # an entry added behind the chain's back (no seal)
    Seal.objects.filter(entry_id=entries[-1].pk).delete()
    assert any("geen zegel" in p or "ontbreekt" in p for p in chain.verify())


def test_accounts_and_their_roles_are_on_record(client):
    beheerder = make_user("baas", "beheerder")
    login_verified(client, beheerder)
    area = Area.objects.create(code="GM0002", name="Elders", level="GM")
    organisation = Organisation.objects.create(name="Gemeente Elders", kind="gemeente", area=area)
    response = client.post(
        "/werkplek/gebruikers/nieuw/",
        {"username": "nieuwkomer", "role": "redacteur", "organisation": organisation.pk},
    )
    assert response.status_code == 200 and "/werkplek/wachtwoord/" in response.content.decode()
    from kwaliteitsmonitor.accounts.models import Profile

    profile = Profile.objects.get(user__username="nieuwkomer")
    entry = _entries(profile).get()
    assert entry.actor == beheerder and entry.changes["role"] == ["None", "redacteur"]
    assert not any("password" in (e.changes or {}) for e in LogEntry.objects.all())
