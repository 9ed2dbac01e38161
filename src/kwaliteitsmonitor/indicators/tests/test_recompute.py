# SPDX-License-Identifier: EUPL-1.2
"""Computed values never go stale: a definition change (import, upsert, admin) or a membership change (areas
import, admin) recomputes them in the same transaction, and the result equals a recompute from scratch;
``kwaliteitsmonitor recompute`` does it on demand, and an identical recompute writes nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from kwaliteitsmonitor.accounts.testing import login_verified
from kwaliteitsmonitor.areas.models import Area, AreaMembership
from kwaliteitsmonitor.connectors.base import IndicatorDefinition
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.upsert import upsert_indicators
from kwaliteitsmonitor.indicators import recompute
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    woerden = Area.objects.create(code="GM0632", name="Woerden", level="GM", parent=nl)
    other = Area.objects.create(code="GM0001", name="Buurdorp", level="GM", parent=nl)
    for code in ("JZ01", "JZ02"):
        Area.objects.create(code=code, name=f"Jeugdregio {code[2:]}", level="JZ")
    for gemeente in (woerden, other):
        AreaMembership.objects.create(
            area=gemeente,
            kind="jeugdregio",
            year=2020,
            group_code="JZ01",
            group=Area.objects.get(code="JZ01"),
        )
    for code in ("WK063201", "WK063202"):
        Area.objects.create(code=code, name=code, level="WK", parent=woerden)
    inwoners = Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
    mannen = Indicator.objects.create(code="mannen", name="Mannen", unit="count", provider="cbs")
    # The unit mistake of the issue: "% mannen" defined per 1.000, so 20.180 men of 50.000 give 403,6.
    Indicator.objects.create(
        code="pct_mannen", name="% mannen", unit="per_1000", decimals=1, provider="cbs",
        numerator=mannen, denominator=inwoners, factor=1000,
    )  # fmt: skip
    Indicator.objects.create(code="bezoekers", name="Bezoekers", unit="count", provider="partner")
    rows = [
        ("inwoners", "GM0632", 50000), ("mannen", "GM0632", 20180),
        ("inwoners", "GM0001", 10000), ("mannen", "GM0001", 4900),
        ("bezoekers", "WK063201", 40), ("bezoekers", "WK063202", 62), ("bezoekers", "GM0001", 11),
    ]  # fmt: skip
    path = tmp_path / "waarden.csv"
    path.write_text(
        "indicator;gebied;periode;waarde\n" + "".join(f"{i};{a};2024;{v}\n" for i, a, v in rows),
        encoding="utf-8",
    )
    assert run_import("tabular", str(path)).status == "ok"
    return tmp_path


def _snapshot():
    return sorted(
        Observation.objects.filter(is_computed=True).values_list(
            "indicator__code",
            "area__code",
            "period",
            "breakdown",
            "value",
            "numerator",
            "denominator",
            "status",
        )
    )


def _value(code, area):
    return Observation.objects.get(indicator__code=code, area__code=area).value


def _same_as_from_scratch():
    """The stored computed values equal a full recompute from an empty start; a second one writes 0."""
    before = _snapshot()
    Observation.objects.filter(is_computed=True).delete()
    recompute.recompute_all()
    assert _snapshot() == before
    again = recompute.recompute_all()
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    assert again.unchanged == len(before)


def test_a_definition_fix_and_a_membership_change_leave_no_stale_value(world, client):
    assert _value("pct_mannen", "GM0632") == pytest.approx(403.6)
    assert _value("bezoekers", "JZ01") == 40 + 62 + 11  # Woerden (its wijken) + Buurdorp
    # The unit fix, through `import indicators`: at once 40,36 %, nowhere 403,6 any more.
    (world / "defs.yaml").write_text(
        "indicators:\n  - {code: pct_mannen, name: '% mannen', unit: pct, decimals: 1, provider: cbs,"
        " numerator: mannen, denominator: inwoners, factor: 100}\n",
        encoding="utf-8",
    )
    assert run_import("indicators", str(world / "defs.yaml")).status == "ok"
    assert _value("pct_mannen", "GM0632") == pytest.approx(40.36)
    assert not Observation.objects.filter(value__gt=100, indicator__code="pct_mannen").exists()
    _same_as_from_scratch()
    # Buurdorp moves to the other jeugdregio, in the admin.
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "geheim-wachtwoord-1")
    login_verified(client, admin)
    membership = AreaMembership.objects.get(area__code="GM0001")
    response = client.post(
        f"/beheer/areas/areamembership/{membership.pk}/change/",
        {"area": membership.area_id, "kind": "jeugdregio", "year": 2020, "group_code": "JZ02",
         "group": Area.objects.get(code="JZ02").pk},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (_value("bezoekers", "JZ01"), _value("bezoekers", "JZ02")) == (102, 11)
    _same_as_from_scratch()


def test_an_areas_import_recomputes_in_its_transaction(world):
    (world / "regio.csv").write_text(
        "gemeentecode;gemeentenaam;jeugdregiocode;jaar\nGM0632;Woerden;JZ02;2024\nGM0001;Buurdorp;JZ02;2024\n",
        encoding="utf-8",
    )
    outcome = run_import("areas", str(world / "regio.csv"))
    assert outcome.status == "ok", outcome.result.errors
    assert not Observation.objects.filter(indicator__code="bezoekers", area__code="JZ01").exists()
    assert _value("bezoekers", "JZ02") == 113
    _same_as_from_scratch()


def test_definition_upserts_and_admin_saves_recompute(world, client):
    # A source now says the partner count is a CBS figure: CBS totals are never made up, so they go.
    with transaction.atomic():
        upsert_indicators([IndicatorDefinition("bezoekers", "Bezoekers", provider="cbs", overwrite=True)])
    assert not Observation.objects.filter(indicator__code="bezoekers", is_computed=True).exists()
    # The admin sets the factor of % mannen to 100 (and its unit to %).
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "geheim-wachtwoord-1")
    login_verified(client, admin)
    rate = Indicator.objects.get(code="pct_mannen")
    form = {
        "code": rate.code, "name": rate.name, "provider": "cbs", "unit": "pct", "decimals": 1, "polarity": "neutral",
        "nature": "fact", "numerator": rate.numerator_id, "denominator": rate.denominator_id, "factor": 100,
        "area_levels": '["GM", "WK"]', "period_type": "year", "count_method": "during_period", "is_published": "on",
    }  # fmt: skip
    response = client.post(f"/beheer/indicators/indicator/{rate.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _value("pct_mannen", "GM0632") == pytest.approx(40.36)
    _same_as_from_scratch()


def test_recompute_is_part_of_the_callers_transaction(world):
    Indicator.objects.filter(code="pct_mannen").update(factor=100)
    with pytest.raises(RuntimeError), transaction.atomic():
        recompute.changed(definitions=["pct_mannen"])
        assert _value("pct_mannen", "GM0632") == pytest.approx(40.36)
        raise RuntimeError("the change fails after all")
    assert _value("pct_mannen", "GM0632") == pytest.approx(403.6)  # rolled back with it


def test_collect_recomputes_once_at_the_end_and_drops_on_error(world):
    Indicator.objects.filter(code="pct_mannen").update(factor=100)
    with recompute.collect():
        assert recompute.changed(definitions=["pct_mannen"]).written == 0  # deferred
        assert _value("pct_mannen", "GM0632") == pytest.approx(403.6)
    assert _value("pct_mannen", "GM0632") == pytest.approx(40.36)
    Indicator.objects.filter(code="pct_mannen").update(factor=10)
    with pytest.raises(RuntimeError), recompute.collect():
        recompute.changed(definitions=["pct_mannen"])
        raise RuntimeError
    assert _value("pct_mannen", "GM0632") == pytest.approx(40.36)


def test_the_recompute_command(world):
    # A stale value made behind the monitor's back (raw SQL): the command repairs it.
    Observation.objects.filter(indicator__code="pct_mannen", area__code="GM0632").update(value=1.0)
    out = StringIO()
    call_command("recompute", "--indicator", "pct_mannen", "--dry-run", "--json", stdout=out)
    dry = json.loads(out.getvalue())
    assert (dry["status"], dry["dry_run"], dry["changed"], dry["indicators"]) == (
        "ok",
        True,
        1,
        ["pct_mannen"],
    )
    assert _value("pct_mannen", "GM0632") == 1.0  # a dry run writes nothing
    out = StringIO()
    call_command("recompute", stdout=out, stderr=StringIO())
    assert "Klaar: 0 nieuw, 1 gewijzigd, 0 vervallen" in out.getvalue()
    assert _value("pct_mannen", "GM0632") == pytest.approx(403.6)
    run = ImportRun.objects.filter(connector="recompute").latest("pk")
    assert (run.status, run.changed, run.source) == ("ok", 1, "berekende waarden: alle")
    out = StringIO()
    call_command("recompute", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("Niets gewijzigd")
    with pytest.raises(CommandError) as refused:
        call_command("recompute", "--indicator", "bestaat_niet", stdout=StringIO(), stderr=StringIO())
    assert refused.value.returncode == 2
