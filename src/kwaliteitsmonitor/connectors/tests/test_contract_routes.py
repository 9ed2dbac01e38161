# SPDX-License-Identifier: EUPL-1.2
"""The one indicator contract on every route: nothing that changes a published number is guessed, every
field can be set, contradicting values are refused, and a dry run shows what will be published."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.admin import IndicatorForm
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db

# KWB 2022 as CBS publishes it (Woerden, Zwolle, Almelo), plus a partner's satisfaction score.
WIDE = (
    "gemeentecode;gemeentenaam;wmo_per_1000;pct_jeugdzorg;tevredenheid\n"
    "GM0632;Woerden;57;9,7;7,8\n"
    "GM0193;Zwolle;88;10,2;7,1\n"
    "GM0141;Almelo;77;11,8;6,9\n"
)


@pytest.fixture
def gemeenten():
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    for code, name in (("GM0632", "Woerden"), ("GM0193", "Zwolle"), ("GM0141", "Almelo")):
        Area.objects.create(code=code, name=name, level="GM", parent=nl)


def _file(tmp_path: Path, text: str, name: str = "kwb.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _import(*args: str) -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("import", *args, "--json", stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, json.loads(out.getvalue())


def published(client, code: str, *areas: str) -> dict[str, object]:
    """Values as the public JSON API gives them, after publishing what was imported (as staff do)."""
    publish()
    response = client.get(f"/api/v1/indicators/{code}/values", {"area": ",".join(areas)})
    assert response.status_code == 200, response.content
    return {
        row["area"]: row["value"] if row["value"] is not None else "geheim"
        for row in response.json()["results"]
    }


def test_create_indicators_without_unit_and_provider_is_refused_and_says_how(gemeenten, tmp_path):
    before = database_dump()
    code, summary = _import("tabular", _file(tmp_path, WIDE), "--period", "2022", "--create-indicators")
    assert code == 2 and summary["status"] == "invalid"
    messages = {(e["column"], e["message"].split(" ")[0]) for e in summary["errors"]}
    assert ("wmo_per_1000", "eenheid") in messages and ("wmo_per_1000", "soort") in messages
    unit_error = next(e for e in summary["errors"] if e["message"].startswith("eenheid"))
    assert "--unit" in unit_error["message"] and unit_error["file"] == "kwb.csv"
    assert database_dump() == before


def test_create_indicators_with_units_publishes_cbs_figures_exactly(gemeenten, tmp_path, client):
    source = _file(tmp_path, WIDE)
    args = ["tabular", source, "--period", "2022", "--create-indicators", "--provider", "cbs"]
    args += [
        "--unit",
        "wmo_per_1000=per_1000",
        "--unit",
        "pct_jeugdzorg=pct",
        "--unit",
        "tevredenheid=score_0_10",
    ]
    args += ["--provider", "tevredenheid=survey", "--set", "tevredenheid:disclosure=none"]
    code, dry = _import(*args, "--dry-run")
    assert code == 0, dry["errors"]
    preview = {p["code"]: p for p in dry["indicators"]}
    assert preview["pct_jeugdzorg"]["is_new"] and preview["pct_jeugdzorg"]["definition"]["decimalen"] == "1"
    assert [(s["area"], s["delivered"], s["published"]) for s in preview["wmo_per_1000"]["samples"]] == [
        ("GM0632", "57 per 1.000", "57 per 1.000"),
        ("GM0193", "88 per 1.000", "88 per 1.000"),
        ("GM0141", "77 per 1.000", "77 per 1.000"),
    ]
    assert not Indicator.objects.exists()
    code, summary = _import(*args)
    assert code == 0 and summary["added"] == 9
    assert published(client, "wmo_per_1000", "GM0632", "GM0193", "GM0141") == {
        "GM0632": 57, "GM0193": 88, "GM0141": 77,
    }  # fmt: skip
    assert published(client, "pct_jeugdzorg", "GM0632", "GM0193", "GM0141") == {
        "GM0632": 9.7, "GM0193": 10.2, "GM0141": 11.8,
    }  # fmt: skip
    assert published(client, "tevredenheid", "GM0632")["GM0632"] == 7.8
    score = Indicator.objects.get(code="tevredenheid")
    assert (score.unit, score.decimals, score.provider, score.disclosure) == (
        "score_0_10",
        1,
        "survey",
        "none",
    )


@pytest.mark.parametrize(
    ("definition", "value", "column", "message"),
    [
        ("count own", "12,5", "waarde", "breuk"),
        ("count own", "-3", "waarde", "negatief"),
        ("pct cbs", "140", "waarde", "tussen 0 en 100"),
        ("pct cbs", "-0,5", "waarde", "tussen 0 en 100"),
        ("score_0_10 cbs", "11", "waarde", "tussen 0 en 10"),
        ("pct own", "9,7", "waarde", "teller"),  # a rate under cbs-persons needs its numerator
    ],
)
def test_values_that_contradict_their_definition_are_refused(
    gemeenten, tmp_path, definition, value, column, message
):
    unit, provider = definition.split()
    Indicator.objects.create(code="x", name="X", unit=unit, provider=provider)
    before = database_dump()
    text = f"indicator;gebied;periode;waarde\nx;GM0632;2022;1\nx;GM0193;2022;{value}\n"
    code, summary = _import("tabular", _file(tmp_path, text, "x.csv"))
    assert code == 2
    error = next(e for e in summary["errors"] if e["row"] == 3)
    assert (error["file"], error["row"], error["column"]) == ("x.csv", 3, column)
    assert message in error["message"]
    assert database_dump() == before


def test_a_rate_with_numerator_and_denominator_is_accepted_under_cbs_persons(gemeenten, tmp_path):
    Indicator.objects.create(code="x", name="X", unit="pct", provider="own", decimals=1)
    text = "indicator;gebied;periode;waarde;teller;noemer\nx;GM0632;2022;3,29;38;1.155\n"
    assert _import("tabular", _file(tmp_path, text, "x.csv"))[0] == 0


DEFINITIONS = """
indicators:
  - code: wmo_eigen
    name: Wmo-cliënten (eigen registratie)
    short_name: Wmo-cliënten
    category: Zorg en ondersteuning
    unit: count
    provider: own
    nature: fact
    count_method: on_reference_date
    polarity: neutral
    area_levels: GM, WK
  - code: inwoners_18plus
    name: Inwoners van 18 jaar en ouder
    unit: count
    provider: cbs
  - code: wmo_per_1000_18plus
    name: Wmo-cliënten per 1.000 inwoners van 18+
    unit: per_1000
    decimals: 1
    provider: own
    numerator: wmo_eigen
    denominator: inwoners_18plus
    factor: 1000
    denominator_breakdown: leeftijd=18+
    update_frequency: yearly
    source: Eigen Wmo-registratie
    source_table: Wmo-register
    source_url: https://www.woerden.nl/
    disclosure: cbs-persons
    period_type: year
    polarity: lower_is_better
"""


def test_import_indicators_sets_every_field_and_protects_an_own_registration(tmp_path, client):
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    gm = Area.objects.create(code="GM0632", name="Woerden", level="GM", parent=nl)
    for code in ("WK063201", "WK063202"):
        Area.objects.create(code=code, name=code, level="WK", parent=gm)
    code, summary = _import("indicators", _file(tmp_path, DEFINITIONS, "indicatoren.yaml"))
    assert code == 0, summary["errors"]
    own = Indicator.objects.get(code="wmo_eigen")
    assert (own.provider, own.category, own.nature, own.count_method, own.short_name, own.area_levels) == (
        "own", "Zorg en ondersteuning", "fact", "on_reference_date", "Wmo-cliënten", ["GM", "WK"],
    )  # fmt: skip
    rate = Indicator.objects.get(code="wmo_per_1000_18plus")
    assert (rate.denominator_breakdown, rate.update_frequency, rate.numerator.code, rate.factor) == (
        "leeftijd=18+", "yearly", "wmo_eigen", 1000,
    )  # fmt: skip
    values = "indicator;gebied;periode;waarde\nwmo_eigen;WK063201;2024;6\nwmo_eigen;WK063202;2024;40\n"
    assert _import("tabular", _file(tmp_path, values, "wmo.csv"))[0] == 0
    shown = published(client, "wmo_eigen", "WK063201", "WK063202", "GM0632")
    assert shown["WK063201"] == "geheim"  # 6 persons: 0 to 7 is secret under cbs-persons
    assert shown["WK063202"] == "geheim"  # else 6 could be recovered from the total (secondary suppression)
    assert shown["GM0632"] == 45  # aggregated from the wijken (46), rounded to 5


def test_dry_run_of_a_definition_change_shows_old_and_new(tmp_path):
    path = _file(tmp_path, DEFINITIONS, "indicatoren.yaml")
    _import("indicators", path)
    _file(tmp_path, DEFINITIONS.replace("decimals: 1", "decimals: 0"), "indicatoren.yaml")
    code, dry = _import("indicators", path, "--dry-run")
    assert code == 0
    changed = {p["code"]: p["changes"] for p in dry["indicators"] if p["changes"]}
    assert changed == {
        "wmo_per_1000_18plus": [{"field": "decimals", "label": "decimalen", "old": "1", "new": "0"}]
    }
    assert Indicator.objects.get(code="wmo_per_1000_18plus").decimals == 1


def test_dictionary_sets_contract_fields_and_its_errors_name_the_column(gemeenten, tmp_path):
    dictionary = _file(
        tmp_path,
        "Onderwerpcode;Naam;Eenheid;soort_bron;richting;thema\n"
        "wmo_per_1000;Wmo-cliënten per 1.000 inwoners;per_1000;cbs;lager;Zorg\n"
        "pct_jeugdzorg;Jongeren met jeugdzorg;%_1;cbs;lower_is_better;Jeugd\n"
        "tevredenheid;Tevredenheid;rapport_1;partner;hoger;Zorg\n",
        "woordenboek.csv",
    )
    source = _file(tmp_path, WIDE)
    args = ["tabular", source, "--period", "2022", "--create-indicators", "--dictionary", dictionary]
    code, summary = _import(*args, "--set", "tevredenheid:disclosure=none")
    assert code == 0, summary["errors"]
    wmo = Indicator.objects.get(code="wmo_per_1000")
    assert (wmo.polarity, wmo.category, wmo.provider, wmo.unit) == (
        "lower_is_better",
        "Zorg",
        "cbs",
        "per_1000",
    )
    assert Indicator.objects.get(code="tevredenheid").polarity == "higher_is_better"
    Indicator.objects.all().delete()
    bad = dictionary.replace("woordenboek", "woordenboek")
    Path(bad).write_text(Path(bad).read_text().replace(";lager;", ";omlaag;"), encoding="utf-8")
    code, summary = _import(*args, "--set", "tevredenheid:disclosure=none")
    assert code == 2
    assert any(
        e["column"] == "wmo_per_1000" and "onbekende richting 'omlaag'" in e["message"]
        for e in summary["errors"]
    )


def test_admin_form_uses_the_same_contract():
    Indicator.objects.create(code="a", name="A", unit="count", provider="own")
    Indicator.objects.create(code="b", name="B", unit="count", provider="cbs")
    base = {
        "code": "r", "name": "R", "unit": "per_1000", "decimals": 1, "polarity": "neutral", "nature": "fact",
        "provider": "own", "count_method": "during_period", "period_type": "year", "area_levels": '["GM"]',
        "is_published": "on",
    }  # fmt: skip
    a, b = Indicator.objects.get(code="a"), Indicator.objects.get(code="b")
    form = IndicatorForm(data={**base, "numerator": a.pk, "denominator": b.pk, "factor": 100})
    assert not form.is_valid()
    assert "factor 1000" in str(form.errors["factor"])
    form = IndicatorForm(data={**base, "numerator": a.pk, "factor": 1000})
    assert "allebei" in str(form.errors)
    form = IndicatorForm(data={**base, "disclosure": "geheim"})
    assert "geheimhoudingsregel" in str(form.errors["disclosure"]).lower()
    form = IndicatorForm(data={**base, "denominator_breakdown": "18+"})
    assert "leeftijd=18+" in str(form.errors["denominator_breakdown"])
    form = IndicatorForm(data={**base, "numerator": a.pk, "denominator": b.pk, "factor": 1000})
    assert form.is_valid(), form.errors


def test_upload_preview_shows_definition_and_published_values(gemeenten, client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    login_verified(client, make_user("beleid", "beheerder"))
    upload = SimpleUploadedFile("kwb.csv", WIDE.encode(), content_type="text/csv")
    options = {
        "opt_period": "2022", "opt_create_indicators": "on", "opt_provider": "own", "opt_unit": "count",
        "opt_ignore_columns": "pct_jeugdzorg,tevredenheid",
    }  # fmt: skip
    body = client.post(
        "/werkplek/importeren/", {"kind": "tabular", "file": upload, **options}
    ).content.decode()
    assert "<code>wmo_per_1000</code>" in body and "(nieuw)" in body
    assert (
        "<td>GM0632 2022JJ00</td><td>nieuw</td><td>57</td><td>55</td><td>Afgerond op vijftallen.</td>" in body
    )
    assert not Indicator.objects.exists()
