# SPDX-License-Identifier: EUPL-1.2
"""The ``indicators`` connector: definitions from YAML and CSV, validation, idempotency."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import Indicator

pytestmark = pytest.mark.django_db

YAML = """
indicators:
  - code: wmo_clients
    name: Wmo-cliënten
    unit: count
    provider: own
  - code: inwoners
    name: Inwoners
    unit: count
    provider: cbs
  - code: wmo_per_1000
    provider: own
    name: Wmo-cliënten per 1.000 inwoners
    unit: per_1000
    decimals: 1
    polarity: lower_is_better
    numerator: wmo_clients
    denominator: inwoners
    factor: 1000
    disclosure: cbs-persons
"""
CSV = (
    "code;name;unit;decimals;polarity;definition;source;numerator;denominator;factor;disclosure;provider\n"
    "jeugd;Jongeren met jeugdhulp;count;0;neutral;;CBS;;;;;cbs\n"
    "jongeren;Jongeren 0-17;count;0;neutral;;CBS;;;;none;cbs\n"
    "pct_jeugd;% jongeren met jeugdhulp;pct;1;lower_is_better;Aandeel;CBS;jeugd;jongeren;100;;cbs\n"
)


def _run(tmp_path, text, name):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_import("indicators", str(path))


def test_yaml_definitions_with_a_rate_and_idempotency(tmp_path):
    first = _run(tmp_path, YAML, "indicatoren.yaml")
    assert first.status == "ok", first.result.errors
    assert first.result.added == 3
    rate = Indicator.objects.get(code="wmo_per_1000")
    assert (rate.numerator.code, rate.denominator.code, rate.factor, rate.is_rate) == (
        "wmo_clients",
        "inwoners",
        1000,
        True,
    )
    assert (rate.polarity, rate.decimals, rate.disclosure) == ("lower_is_better", 1, "cbs-persons")
    before = database_dump()
    second = _run(tmp_path, YAML, "indicatoren.yaml")
    assert (second.result.added, second.result.changed, second.result.unchanged) == (0, 0, 3)
    after = database_dump()
    after.pop("indicators_importrun"), before.pop("indicators_importrun")
    assert after == before
    third = _run(tmp_path, YAML.replace("decimals: 1", "decimals: 0"), "indicatoren.yaml")
    assert (third.result.added, third.result.changed, third.result.unchanged) == (0, 1, 2)


def test_csv_definitions(tmp_path):
    outcome = _run(tmp_path, CSV, "indicatoren.csv")
    assert outcome.status == "ok", outcome.result.errors
    assert Indicator.objects.get(code="pct_jeugd").numerator.code == "jeugd"
    assert Indicator.objects.get(code="jongeren").disclosure == "none"
    assert Indicator.objects.get(code="jeugd").disclosure == ""  # empty = the default rule


def test_reference_to_an_existing_indicator(tmp_path):
    Indicator.objects.create(code="inwoners", name="Inwoners")
    text = (
        "code,name,unit,numerator,denominator,factor,provider\n"
        "wmo,Wmo,count,,,,own\nwmo_rate,Wmo per 1000,per_1000,wmo,inwoners,1000,own\n"
    )
    assert _run(tmp_path, text, "d.csv").status == "ok"


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            lambda t: t.replace(";count;0;neutral;;CBS;;;;;cbs\n", ";stuks;0;neutral;;CBS;;;;;cbs\n", 1),
            (2, "unit"),
            "onbekende eenheid",
        ),
        (lambda t: t.replace("lower_is_better", "omlaag"), (4, "polarity"), "onbekende richting"),
        (lambda t: t.replace(";100;", ";honderd;"), (4, "factor"), "geen getal"),
        (
            lambda t: t.replace(";jeugd;jongeren;", ";jeugd;kinderen;"),
            (4, "denominator"),
            "onbekende indicator 'kinderen'",
        ),
        (lambda t: t.replace(";jeugd;jongeren;", ";jeugd;;"), (4, "denominator"), "allebei"),
        (lambda t: t.replace(";none;", ";geheim;"), (3, "disclosure"), "geheimhoudingsregel"),
        (lambda t: t + "jeugd;Nog eens;count;0;neutral;;;;;;;own\n", (5, "code"), "dubbel"),
        (
            lambda t: t.replace(
                "jeugd;Jongeren met jeugdhulp;count;0;neutral;;CBS;;;;;",
                "jeugd;J;count;0;neutral;;CBS;pct_jeugd;jongeren;;;",
            ),
            (2, "numerator"),
            "kringverwijzing",
        ),
        (lambda t: t.replace(";1;lower", ";een;lower"), (4, "decimals"), "decimalen"),
        (lambda t: t.replace("Jongeren 0-17", ""), (3, "name"), "naam ontbreekt"),
    ],
)
def test_invalid_definitions_exit_2_and_write_nothing(tmp_path, change, where, message):
    _run(tmp_path, YAML, "ok.yaml")
    before = database_dump()
    outcome = _run(tmp_path, change(CSV), "indicatoren.csv")
    assert outcome.exit_code == 2
    errors = outcome.result.errors
    assert any((e.file, e.row, e.column) == ("indicatoren.csv", *where) for e in errors), errors
    assert any(message in e.message for e in errors), errors
    assert database_dump() == before


def test_broken_yaml(tmp_path):
    outcome = _run(tmp_path, "indicators:\n  - code: a\n   name: [", "kapot.yaml")
    assert outcome.exit_code == 2
    assert outcome.result.errors[0].row == 3


def test_through_the_import_command(tmp_path):
    path = tmp_path / "indicatoren.yaml"
    path.write_text(YAML, encoding="utf-8")
    out = StringIO()
    call_command("import", "indicators", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["added"] == 3
    path.write_text(YAML.replace("unit: per_1000", "unit: per_mille"), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import", "indicators", str(path), "--json", stdout=out)
    assert info.value.returncode == 2
    error = json.loads(out.getvalue())["errors"][0]
    assert (error["row"], error["column"]) == (3, "unit")
