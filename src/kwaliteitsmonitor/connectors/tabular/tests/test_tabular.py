# SPDX-License-Identifier: EUPL-1.2
"""The ``tabular`` connector: both templates, the real Zwolle export, and every way a file can be broken."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import ConnectorContract, database_dump
from kwaliteitsmonitor.indicators.models import Indicator, Observation

from .xlsx import write_xlsx, zip_bomb

LONG = (
    "indicator;gebied;periode;uitsplitsing;waarde;teller;noemer;status\n"
    "wmo;GM0632;2024;;57,3;3.080;53.724;voorlopig\n"
    "wmo;GM0193;2024JJ00;;88;;;definitief\n"
    "wmo;GM0141;2024;;-99997;;;\n"
    "wmo;GM0141;2023;leeftijd=75+;.;;;\n"
)


def _areas(*codes: str) -> None:
    for code in codes:
        Area.objects.create(code=code, name=code, level=code[:2])


def _indicator(code: str = "wmo") -> None:
    Indicator.objects.create(code=code, name=code, unit="per_1000")


def _write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


class TestTabularContract(ConnectorContract):
    connector = "tabular"

    def prepare_database(self) -> None:
        _areas("GM0632", "GM0193", "GM0141")
        _indicator()

    def valid_source(self, tmp_path):
        return _write(tmp_path, LONG), {}

    def invalid_source(self, tmp_path):
        bad = LONG.replace("88;", "acht;")
        return _write(tmp_path, bad), {}, ("data.csv", 3, "waarde")


@pytest.mark.django_db
def test_long_template_values_sentinels_and_symbols(tmp_path):
    _areas("GM0632", "GM0193", "GM0141")
    _indicator()
    outcome = run_import("tabular", _write(tmp_path, LONG))
    assert outcome.status == "ok", outcome.result.errors
    assert outcome.result.added == 4
    woerden = Observation.objects.get(area__code="GM0632")
    assert (woerden.value, woerden.numerator, woerden.denominator, woerden.status) == (
        57.3,
        3080,
        53724,
        "voorlopig",
    )
    secret = Observation.objects.get(area__code="GM0141", period="2024JJ00")
    assert (secret.value, secret.value_attribute) == (None, ".")
    assert Observation.objects.get(breakdown="leeftijd=75+").value is None


def _assert_rejected(tmp_path, source, options, where, message_part=""):
    before = database_dump()
    outcome = run_import("tabular", source, options=options)
    assert outcome.exit_code == 2, outcome.result.errors
    errors = outcome.result.errors
    assert any((e.file, e.row, e.column) == where for e in errors), errors
    assert any(message_part in e.message for e in errors), errors
    assert database_dump() == before
    return errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda t: t.replace("57,3", "veel"), ("data.csv", 2, "waarde"), "geen getal"),
        (lambda t: t.replace("3.080", "3.080 personen"), ("data.csv", 2, "teller"), "geen getal"),
        (lambda t: t.replace("GM0193", "GM9999"), ("data.csv", 3, "gebied"), "onbekend gebied"),
        (
            lambda t: t.replace("wmo;GM0193", "onbekend;GM0193"),
            ("data.csv", 3, "indicator"),
            "onbekende indicator",
        ),
        (lambda t: t + "wmo;GM0632;2024;;58;;;\n", ("data.csv", 6, ""), "dubbele waarde"),
        (lambda t: t.replace("2024JJ00", "2024XX"), ("data.csv", 3, "periode"), "geen geldige periode"),
        (lambda t: t.replace("definitief", "klaar"), ("data.csv", 3, "status"), "onbekende status"),
        (lambda t: t.replace(";88;", ";;"), ("data.csv", 3, "waarde"), "waarde ontbreekt"),
        (lambda t: t.replace("waarde", "getal"), ("data.csv", 1, "value"), "verplichte kolom"),
    ],
)
def test_broken_long_files_are_rejected_with_location(tmp_path, change, where, message):
    _areas("GM0632", "GM0193", "GM0141")
    _indicator()
    run_import("tabular", _write(tmp_path, LONG, "ok.csv"))
    _assert_rejected(tmp_path, _write(tmp_path, change(LONG)), {}, where, message)


@pytest.mark.django_db
def test_wrong_encoding_is_rejected(tmp_path):
    source = _write(tmp_path, LONG.replace("leeftijd=75+", "één"), encoding="cp1252")
    _assert_rejected(tmp_path, source, {"encoding": "utf-8"}, ("data.csv", 5, "uitsplitsing"), "UTF-8")


@pytest.mark.django_db
def test_cp1252_is_detected_and_reported(tmp_path):
    _areas("GM0632", "GM0193", "GM0141")
    _indicator()
    outcome = run_import("tabular", _write(tmp_path, LONG.replace("leeftijd=75+", "één"), encoding="cp1252"))
    assert outcome.status == "ok", outcome.result.errors
    assert "tekenset: cp1252" in outcome.warnings
    assert Observation.objects.filter(breakdown="één").exists()


@pytest.mark.django_db
def test_xlsx_long_template(tmp_path):
    _areas("GM0632")
    _indicator()
    rows = [["indicator", "area", "period", "value", "n"], ["wmo", "GM0632", 2024, 57.25, 120]]
    write_xlsx(tmp_path / "a.xlsx", rows)
    outcome = run_import("tabular", str(tmp_path / "a.xlsx"))
    assert outcome.status == "ok", outcome.result.errors
    assert Observation.objects.get().value == 57.25


@pytest.mark.django_db
def test_truncated_xlsx_and_zip_bomb_exit_2_and_write_nothing(tmp_path):
    data = write_xlsx(
        tmp_path / "a.xlsx", [["indicator", "area", "period", "value"], ["wmo", "GM0632", 2024, 1]]
    )
    (tmp_path / "kapot.xlsx").write_bytes(data[: len(data) - 200])
    _assert_rejected(tmp_path, str(tmp_path / "kapot.xlsx"), {}, ("kapot.xlsx", None, ""), "beschadigd")
    zip_bomb(tmp_path / "bom.xlsx")
    _assert_rejected(tmp_path, str(tmp_path / "bom.xlsx"), {}, ("bom.xlsx", None, ""), "uitgepakt")


@pytest.mark.django_db
def test_wide_template_with_period_column_and_create_indicators(tmp_path):
    _areas("GM0632", "GM0193")
    text = "gemeentecode,naam,jaar,inwoners,wmo_per_1000\nGM0632,Woerden,2024,53724,57\nGM0193,Zwolle,2024,133141,x\n"
    options = {
        "create_indicators": True,
        "unit": ["inwoners=count", "wmo_per_1000=per_1000"],
        "provider": ["cbs"],
    }
    outcome = run_import("tabular", _write(tmp_path, text), options=options)
    assert outcome.status == "ok", outcome.result.errors
    assert outcome.result.added == 4
    assert set(Indicator.objects.values_list("code", flat=True)) == {"inwoners", "wmo_per_1000"}
    assert Observation.objects.get(area__code="GM0193", indicator__code="wmo_per_1000").value_attribute == "."


@pytest.mark.django_db
def test_wide_text_in_number_column(tmp_path):
    _areas("GM0632", "GM0193")
    text = "gemeentecode,inwoners\nGM0632,53724\nGM0193,veel\n"
    _assert_rejected(
        tmp_path,
        _write(tmp_path, text),
        {"period": "2024", "create_indicators": True},
        ("data.csv", 3, "inwoners"),
        "geen getal",
    )


@pytest.mark.django_db
def test_wide_needs_a_period(tmp_path):
    _assert_rejected(
        tmp_path,
        _write(tmp_path, "gemeentecode,inwoners\nGM0632,1\n"),
        {},
        ("data.csv", 1, "periode"),
        "--period",
    )


@pytest.mark.django_db
@pytest.mark.shared_data
def test_excel_mangled_header_is_reported_then_renamed(shared_data, tmp_path):
    source = str(shared_data / "regions" / "municipalities-population-agegroup.csv")
    options = {"period": "2020", "create_indicators": True, "indicator_prefix": "inw_", "create_areas": True,
               "unit": ["count"], "provider": ["cbs"]}  # fmt: skip
    errors = _assert_rejected(
        tmp_path, source, options, ("municipalities-population-agegroup.csv", 1, "okt-19"), "'10-19'"
    )
    assert "Excel" in errors[0].message
    outcome = run_import("tabular", source, options={**options, "rename": ["okt-19=10-19"]})
    assert outcome.status == "ok", outcome.result.errors
    assert outcome.result.added == 355 * 10
    assert Observation.objects.get(indicator__code="inw_10-19", area__code="GM0632").value == 6899
    assert sum(Observation.objects.filter(area__level="GM").values_list("value", flat=True)) == 17_407_585


ZWOLLE = {
    "period": "2014",
    "area_column": "GEOITEM",
    "area_format": "BU0193{}0",
    "create_indicators": True,
    "indicator_prefix": "zwolle_",
    "create_areas": True,
}


@pytest.mark.django_db
@pytest.mark.shared_data
def test_zwolle_buurtmonitor_through_the_command(shared_data):
    folder = shared_data / "zwolle-buurtmonitor-2014"
    args = ["import", "tabular", str(folder / "buurtgegevens.csv"), "--json", "--period", "2014"]
    args += [
        "--area-column",
        "GEOITEM",
        "--area-format",
        "BU0193{}0",
        "--dictionary",
        str(folder / "variabelen.csv"),
    ]
    args += ["--create-indicators", "--indicator-prefix", "zwolle_", "--create-areas", "--provider", "cbs"]
    out = StringIO()
    call_command(*args, stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["status"] == "ok"
    assert summary["added"] == 79 * 236  # "NA" cells are kept as suppressed values (value None, ".")
    assert Area.objects.filter(level="BU", observations__isnull=False).distinct().count() == 79
    assert Indicator.objects.filter(code__startswith="zwolle_").count() == 236
    men = Indicator.objects.get(code="zwolle_bspman")
    assert (men.name, men.unit, men.decimals, men.provider) == ("% mannen op 1 januari", "pct", 1, "cbs")
    assert Observation.objects.get(indicator=men, area__code="BU01931000").value == pytest.approx(48.8511)
    again = StringIO()
    call_command(*args, stdout=again)
    second = json.loads(again.getvalue())
    assert (second["added"], second["changed"], second["unchanged"]) == (0, 0, summary["added"])


@pytest.mark.django_db
def test_command_exit_code_2_and_json_errors(tmp_path):
    source = _write(tmp_path, LONG)
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import", "tabular", source, "--json", stdout=out)
    assert info.value.returncode == 2
    summary = json.loads(out.getvalue())
    assert summary["status"] == "invalid"
    assert {"file", "row", "column", "message"} <= set(summary["errors"][0])
