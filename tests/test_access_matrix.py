# SPDX-License-Identifier: EUPL-1.2
"""Who may read and who may write: every URL pattern of the project, for every role and scope.

Each pattern is classified (public, API, admin, login, workspace); a new pattern that is not fails the
test until someone decides who may use it. Public pages and the API answer every role alike (never 403);
the Django admin is for beheerders only; each workspace page and each write is checked against the
table below, in scope and outside it (403, and a line in the security log)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import (
    Agenda,
    Effort,
    Goal,
    Organisation,
    ReportPeriod,
    Result,
    ResultIndicator,
    Theme,
)
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.interpretation.models import Action, Interpretation, Question
from kwaliteitsmonitor.outcomes.models import Submission, Voorziening
from kwaliteitsmonitor.processes.models import (
    ProcessMonitor,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
)
from kwaliteitsmonitor.publications.models import Publication
from kwaliteitsmonitor.reports.models import CouncilReport
from kwaliteitsmonitor.snapshots.models import Snapshot

pytestmark = pytest.mark.django_db

ROLES = ["anoniem", "beheerder", "redacteur", "partner", "regio", "raadslid"]
STAFF = set(ROLES) - {"anoniem"}

# Workspace pages: who may open them (GET 200); everyone else on staff gets 403, anonymous the login.
WORKSPACE_READ = {
    "home": STAFF,
    "efforts": {"beheerder", "redacteur", "partner"},
    "effort:own": {"beheerder", "redacteur", "partner"},
    "effort:other": {"beheerder"},
    "results": {"beheerder", "redacteur"},
    "result:own": {"beheerder", "redacteur"},
    "result:other": {"beheerder"},
    "imports": {"beheerder", "redacteur"},
    "publications": {"beheerder", "redacteur", "raadslid"},
    "processes": {"beheerder", "regio"},
    "process_theme:own": {"beheerder", "regio"},
    "process_theme:other": {"beheerder"},
    "outcomes": {"beheerder", "redacteur", "partner"},
    "outcome_template": {"partner"},
    "outcome_upload": {"partner"},
    "outcome_form": {"partner"},
    "outcome_submission:own": {"beheerder", "redacteur", "partner"},
    "outcome_submission:other": {"beheerder"},
    "voorziening_new": {"beheerder", "redacteur"},
    "voorziening_edit:own": {"beheerder", "redacteur"},
    "voorziening_edit:other": {"beheerder"},
    "process_round:own": {"beheerder", "regio"},
    "process_round:other": {"beheerder"},
    # the regio-adviseur is a beheerder (docs/processen.md)
    "process_round_new": {"beheerder"},
    "process_overview": {"beheerder"},
    "process_review:own": {"beheerder"},
    "process_review:other": {"beheerder"},
    "audit": {"beheerder", "redacteur"},
    "users": {"beheerder"},
    "user_new": {"beheerder"},
    "user_edit": {"beheerder"},
    "password_change": STAFF,
    "periods": {"beheerder", "redacteur"},
    "period_new": {"beheerder", "redacteur"},
    "period_edit": {"beheerder", "redacteur"},
    "duiding": {"beheerder", "redacteur", "raadslid"},
    "duiding_publication": {"beheerder", "redacteur", "raadslid"},
    # readers outside the own gemeente see the page with approved duiding only (none here)
    "duiding_session:own": {"beheerder", "redacteur", "raadslid"},
    "duiding_session:other": {"beheerder", "redacteur", "raadslid"},
    "duiding_indicator:own": {"beheerder", "redacteur", "raadslid"},
    "actions": {"beheerder", "redacteur"},
    "questions": {"beheerder", "redacteur", "raadslid"},
    "question_new": {"beheerder", "raadslid"},
    "question:own": {"beheerder", "redacteur", "raadslid"},  # asked by this raadslid, own gemeente
    "question:other": {"beheerder"},  # another raadslid's, another gemeente
    "report": {"beheerder", "redacteur", "raadslid"},
    "report_download": {"beheerder", "redacteur", "raadslid"},
    "snapshots": {"beheerder", "redacteur"},
}
# Workspace writes (POST): who may (anything but 403 and the login), in and outside scope.
WORKSPACE_WRITE = {
    "effort:own": {"beheerder", "redacteur", "partner"},
    "effort:other": {"beheerder"},
    "result:own": {"beheerder", "redacteur"},
    "result:other": {"beheerder"},
    "imports": {"beheerder", "redacteur"},
    "publish": {"beheerder", "redacteur"},
    "preview": {"beheerder", "redacteur", "raadslid"},
    "report_make": {"beheerder", "redacteur", "raadslid"},
    "process_theme:own": {"beheerder", "regio"},
    "process_theme:other": {"beheerder"},
    "outcome_upload": {"partner"},
    "outcome_form": {"partner"},
    "outcome_review:own": {"beheerder", "redacteur"},
    "outcome_review:other": {"beheerder"},
    "voorziening_new": {"beheerder", "redacteur"},
    "voorziening_edit:own": {"beheerder", "redacteur"},
    "voorziening_edit:other": {"beheerder"},
    "process_round:own": {"beheerder", "regio"},
    "process_round:other": {"beheerder"},
    "process_round_new": {"beheerder"},
    "process_review:own": {"beheerder"},
    "process_review:other": {"beheerder"},
    "user_new": {"beheerder"},
    "user_edit": {"beheerder"},
    "user_active": {"beheerder"},
    "period_new": {"beheerder", "redacteur"},
    "period_edit": {"beheerder", "redacteur"},
    "duiding_session:own": {"beheerder", "redacteur"},
    "duiding_session:other": {"beheerder"},
    "duiding_indicator:own": {"beheerder", "redacteur"},
    "action_status:own": {"beheerder", "redacteur"},
    "action_status:other": {"beheerder"},
    "question_new": {"beheerder", "raadslid"},
    "question:own": {"beheerder", "redacteur"},
    "question:other": {"beheerder"},
    "snapshots": {"beheerder", "redacteur"},
    "snapshot_public": {"beheerder", "redacteur"},
    "snapshot_amend": {"beheerder", "redacteur"},
}
POST_ONLY = {
    "publish",
    "preview",
    "user_active",
    "logout",
    "outcome_review",
    "action_status",
    "report_make",
    "snapshot_public",
    "snapshot_amend",
}
# Pages that are not the workspace's own: login steps (django-two-factor-auth) and the invitation link.
ACCOUNT_PAGES = {
    "login",
    "setup",
    "qr",
    "setup_complete",
    "backup_tokens",
    "profile",
    "set_password",
    "logout",
}


def _patterns(patterns=None, prefix="", namespace=""):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p.name


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    own_area = Area.objects.create(code="GM0001", name="Eigenstad", level="GM")
    other_area = Area.objects.create(code="GM0002", name="Anderdorp", level="GM")
    own_org = Organisation.objects.create(name="Gemeente Eigenstad", kind="gemeente", area=own_area)
    partner_org = Organisation.objects.create(name="Welzijn Eigenstad")
    other_partner = Organisation.objects.create(name="Welzijn Anderdorp")
    efforts, results = {}, {}
    for key, area, partner in (("own", own_area, partner_org), ("other", other_area, other_partner)):
        agenda = Agenda.objects.create(organisation=area.name, area=area, start_year=2024, end_year=2027)
        theme = Theme.objects.create(agenda=agenda, slug=f"zorg-{key}", title="Zorg")
        goal = Goal.objects.create(theme=theme, slug="thuis", title="Thuis wonen")
        efforts[key] = Effort.objects.create(goal=goal, title=f"Inspanning {key}", partner=partner)
        results[key] = Result.objects.create(goal=goal, title=f"Resultaat {key}")
    period = ReportPeriod.objects.create(
        name="Voorjaarsnota 2026", slug="2026-voorjaarsnota", kind="voorjaarsnota", date=dt.date(2026, 4, 1)
    )
    Indicator.objects.create(code="wmo", name="Wmo-cliënten", unit="count", provider="own")
    monitor = ProcessMonitor.objects.create(
        slug="beschermd-thuis", name="Beschermd thuis", label_set="generiek"
    )
    process_theme = ProcessTheme.objects.create(monitor=monitor, name="Wonen", slug="wonen")
    ProcessSubTheme.objects.create(theme=process_theme, name="Woningen")
    round_ = ProcessRound.objects.create(
        monitor=monitor, label="Voorjaar 2026", slug="2026-1", reference_date=dt.date(2026, 6, 1)
    )
    regions = {
        "own": ProcessRegion.objects.create(
            monitor=monitor, area=own_area, name="Eigenstad", slug="eigenstad"
        ),
        "other": ProcessRegion.objects.create(
            monitor=monitor, area=other_area, name="Anderdorp", slug="anderdorp"
        ),
    }
    voorzieningen, submissions = {}, {}
    for key, area, partner in (("own", own_area, partner_org), ("other", other_area, other_partner)):
        voorzieningen[key] = Voorziening.objects.create(
            code=f"v-{key}", name=f"Voorziening {key}", kind="ambulante jeugdhulp", partner=partner, area=area
        )
        submissions[key] = Submission.objects.create(
            partner=partner, area=area, period="2026HJ01", rows=[{"code": f"v-{key}", "clienten": 20}]
        )
    draft = Publication.objects.create(number=7, state="draft")
    indicator = Indicator.objects.get(code="wmo")
    ResultIndicator.objects.create(result=results["own"], indicator=indicator)
    goals = {key: efforts[key].goal for key in efforts}
    actions = {
        key: Action.objects.create(
            interpretation=Interpretation.objects.create(publication=draft, goal=goals[key]),
            title=f"Actie {key}", owner="Team", due_date=dt.date(2026, 6, 1),
        )
        for key in goals
    }  # fmt: skip
    named = Publication.objects.create(
        number=6, state="live", name="Najaarsnota 2026", slug="najaarsnota-2026"
    )
    # A finished council report: downloads answer 200, and asking again makes nothing new.
    CouncilReport.objects.create(publication=named, format="pdf", state="done", data=b"%PDF-1.7 test")
    # A snapshot still being frozen: its pages are a 404 for every role (who reads a pre-release snapshot
    # is tested in snapshots/tests); the workspace writes act on it.
    Snapshot.objects.create(
        name="Najaarsnota", slug="najaarsnota", as_of=dt.date(2026, 11, 1), publication=named
    )
    users = {
        "beheerder": make_user("m-beheerder", "beheerder"),
        "redacteur": make_user("m-redacteur", "redacteur", organisation=own_org),
        "partner": make_user("m-partner", "partner", organisation=partner_org),
        "regio": make_user("m-regio", "regio", region=own_area),
        "raadslid": make_user("m-raadslid", "raadslid"),
    }
    target = make_user("m-doel", "raadslid")
    questions = {
        key: Question.objects.create(
            publication=draft, goal=goals[key], kind="technisch", question=f"Vraag {key}",
            asked_by=users["raadslid"] if key == "own" else target, deadline=dt.date(2026, 6, 1),
        )
        for key in goals
    }  # fmt: skip
    return {
        "goals": goals, "actions": actions, "questions": questions, "indicator": indicator,
        "efforts": efforts, "results": results, "period": period, "regions": regions, "round": round_, "theme": process_theme,
        "draft": draft, "named": named, "users": users, "voorzieningen": voorzieningen, "submissions": submissions, "target": target, "monitor": monitor,
    }  # fmt: skip


def _client(client, world, role):
    if role != "anoniem":
        login_verified(client, world["users"][role])
    return client


def _workspace_url(name, world):
    scope = name.split(":")[1] if ":" in name else "own"
    base = name.split(":")[0]
    args = {
        "effort": {"pk": world["efforts"][scope].pk},
        "result": {"pk": world["results"][scope].pk},
        "process_theme": {
            "region": world["regions"][scope].pk,
            "round_": world["round"].pk,
            "theme": world["theme"].pk,
        },
        "outcome_submission": {"pk": world["submissions"][scope].pk},
        "outcome_review": {"pk": world["submissions"][scope].pk},
        "voorziening_edit": {"pk": world["voorzieningen"][scope].pk},
        "process_round": {"region": world["regions"][scope].pk, "round_": world["round"].pk},
        "process_review": {"region": world["regions"][scope].pk, "round_": world["round"].pk},
        "process_overview": {"round_": world["round"].pk},
        "publish": {"number": world["draft"].number},
        "preview": {"number": world["draft"].number},
        "user_edit": {"pk": world["target"].pk},
        "user_active": {"pk": world["target"].pk},
        "period_edit": {"pk": world["period"].pk},
        "duiding_publication": {"number": world["draft"].number},
        "duiding_session": {"number": world["draft"].number, "goal": world["goals"][scope].pk},
        "duiding_indicator": {
            "number": world["draft"].number,
            "goal": world["goals"][scope].pk,
            "indicator": world["indicator"].pk,
        },
        "action_status": {"pk": world["actions"][scope].pk},
        "question_new": {"number": world["draft"].number, "goal": world["goals"][scope].pk},
        "question": {"pk": world["questions"][scope].pk},
        "report": {"number": world["named"].number},
        "report_make": {"number": world["named"].number, "fmt": "pdf"},
        "report_download": {"number": world["named"].number, "fmt": "pdf"},
        "snapshot_public": {"slug": "najaarsnota"},
        "snapshot_amend": {"slug": "najaarsnota"},
    }.get(base, {})
    return reverse(f"workspace:{base}", kwargs=args)


FILL = {
    "object_id": "1", "pk": "1", "code": "GM0001", "theme": "zorg-own", "goal": "thuis", "monitor": "beschermd-thuis",
    "region": "eigenstad", "round": "2026-1", "content_type_id": "1", "id": "1", "app_label": "agenda", "url": "bestaat-niet/",
    "digest": "0" * 40, "fmt": None, "page": "", "number": "1", "uidb64": "MQ", "token": "ongeldig",
    "slug": "najaarsnota", "rest": "opgave/",
}  # fmt: skip


def _public_url(pattern, namespace, name):
    if name is None:  # the admin's unnamed redirects
        return "/beheer/bestaat-niet/" if "(?P<url>" in pattern else "/" + re.sub(r"<[^>]+>", "1", pattern)
    params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)
    kwargs = {}
    for a, b in params:
        key = a or b
        value = FILL[key]
        if key == "fmt":
            value = "svg" if name == "chart" else "csv"
        kwargs[key] = value
    return reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)


def test_every_url_pattern_is_classified():
    unknown = []
    for pattern, namespace, name in _patterns():
        top = namespace.split(":")[0]
        if top in {"monitor", "api", "admin", "connectors", "two_factor", "snapshots"}:
            continue
        if top == "workspace" and (
            name in ACCOUNT_PAGES or name in POST_ONLY or any(k.split(":")[0] == name for k in WORKSPACE_READ)
        ):
            continue
        unknown.append(f"{pattern} ({namespace}:{name})")
    assert not unknown, "Beslis wie deze URL's mogen gebruiken (tests/test_access_matrix.py):\n" + "\n".join(
        unknown
    )


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_api_and_admin_for_every_role(role, world, client):
    anonymous = type(client)()
    _client(client, world, role)
    problems = []
    for pattern, namespace, name in _patterns():
        top = namespace.split(":")[0]
        if top not in {"monitor", "api", "admin", "connectors", "snapshots"}:
            continue
        url = _public_url(pattern, namespace, name)
        status = client.get(url).status_code
        if status >= 500:
            problems.append(f"{url}: {status}")
        elif top == "admin":
            # read-only records (audit log, import runs, publications, lockouts) refuse add and delete
            # and no one sees another account's TOTP key or QR code (OTP_ADMIN_HIDE_SENSITIVE_DATA)
            read_only = url.endswith(("/add/", "/delete/", "/autocomplete/", "/config/", "/qrcode/"))
            if role == "beheerder" and status == 403 and not read_only:
                problems.append(f"{url}: beheerder krijgt 403")
            if role != "beheerder" and status == 200:
                problems.append(f"{url}: {role} mag het beheer in")
        else:
            expected = anonymous.get(url).status_code
            if status != expected or status == 403:
                problems.append(f"{url}: {role} {status}, anoniem {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_workspace_reads_per_role_and_scope(role, world, client, caplog):
    _client(client, world, role)
    problems = []
    for key, allowed_roles in WORKSPACE_READ.items():
        url = _workspace_url(key, world)
        response = client.get(url)
        if role == "anoniem":
            ok = response.status_code == 302 and "/werkplek/inloggen/" in response["Location"]
        elif role in allowed_roles:
            ok = response.status_code == 200
        else:
            ok = response.status_code == 403
        if not ok:
            problems.append(f"GET {url} ({key}): {role} kreeg {response.status_code}")
    for name in POST_ONLY:
        url = _workspace_url(name, world)
        if client.get(url).status_code != 405:
            problems.append(f"GET {url}: geen 405")
    assert not problems, "\n".join(problems)
    if role in {"partner", "regio", "raadslid"}:
        assert 'event="permission_denied"' in caplog.text


@pytest.mark.parametrize("role", ROLES)
def test_workspace_writes_per_role_and_scope(role, world, client, caplog):
    _client(client, world, role)
    problems = []
    for key, allowed_roles in WORKSPACE_WRITE.items():
        url = _workspace_url(key, world)
        data = {
            "save_progress": "1",
            "voortgang-report_period": world["period"].pk,
            "voortgang-progress": "101",
        }
        if key.startswith("user_new"):
            data = {"username": f"nieuw-{role}", "role": "raadslid"}
        elif key == "user_active":
            data = {"active": "1"}
        elif key.startswith("action_status"):
            data = {"status": "closed"}
        elif key.startswith("question_new"):
            data = {"kind": "technisch", "question": "Een vraag"}
        elif key.startswith("question:"):
            data = {"answer": "Een antwoord", "approve": "1"}
        response = client.post(url, data)
        if role == "anoniem":
            ok = response.status_code == 302 and "/werkplek/inloggen/" in response["Location"]
        elif role in allowed_roles:
            ok = response.status_code in {200, 302, 400}  # 400: handled, with a Dutch error
        else:
            ok = response.status_code == 403
        if not ok:
            problems.append(f"POST {url} ({key}): {role} kreeg {response.status_code}")
    assert not problems, "\n".join(problems)
    # nothing was written by those who may not
    from kwaliteitsmonitor.agenda.models import EffortProgress

    assert not EffortProgress.objects.filter(effort=world["efforts"]["other"]).exists()
    other_action, other_question = world["actions"]["other"], world["questions"]["other"]
    other_action.refresh_from_db()
    other_question.refresh_from_db()
    if role != "beheerder":
        assert other_action.status == "open" and other_question.answered_at is None
        assert not Interpretation.objects.filter(goal=world["goals"]["other"]).exclude(
            pk=other_action.interpretation_id
        )
    assert role in {"beheerder", "raadslid"} or not Question.objects.filter(question="Een vraag").exists()
    if role not in {"beheerder", "anoniem"}:
        assert 'event="permission_denied"' in caplog.text


@pytest.mark.parametrize("role", ["redacteur", "partner", "regio", "raadslid"])
def test_no_one_but_a_beheerder_writes_through_the_admin(role, world, client):
    _client(client, world, role)
    response = client.post("/beheer/agenda/organisation/add/", {"name": "Via het beheer", "kind": "partner"})
    # to the admin's login, which sends on to the workspace login (two factors)
    assert response.status_code == 302 and response["Location"].startswith("/beheer/login/")
    assert client.get(response["Location"])["Location"].startswith("/werkplek/inloggen/")
    assert not Organisation.objects.filter(name="Via het beheer").exists()


def test_view_only_staff_cannot_save_a_comparison_group_through_the_admin_action(world, client):
    from django.contrib.auth.models import Permission

    from kwaliteitsmonitor.areas.models import ComparisonGroup

    # even an admin user with view permission only (not a beheerder) gets nowhere
    user = make_user("kijker", None)
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_area"))
    login_verified(client, user)
    response = client.post(
        "/beheer/areas/area/", {"action": "save_similar_group", "_selected_action": [Area.objects.first().pk]}
    )
    assert response.status_code in {302, 403}
    assert not ComparisonGroup.objects.exists()
