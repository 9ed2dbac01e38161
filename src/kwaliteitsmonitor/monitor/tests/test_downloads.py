# SPDX-License-Identifier: EUPL-1.2
"""Table downloads (CSV and Excel) from every page: the numbers of the page table, secrets stay secret,
no spreadsheet formulas from names, Dutch 404s, and GET-form pages keep their choices."""

from __future__ import annotations

import html
import re

import pytest
from django.core.cache import cache

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import downloads
from kwaliteitsmonitor.publications.testing import publish

from .insight_world import build
from .tables import expected_field, page_tables, read_csv, read_xlsx

DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"
PARTICIPATIE = "/indicator/participatie/"
WMO = "/indicator/wmo-clienten/"
SIZE_LABEL = "Gemeenten met 50.000 tot 100.000 inwoners (mediaan van 3 gemeenten, indeling 2024)"
TWINS = {
    DOEL: "/opgave/inrichting-sociaal-domein/sterke-sociale-basis.json",
    PARTICIPATIE: "/indicator/participatie.json",
    WMO: "/indicator/wmo-clienten.json",
}

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [DOEL, PARTICIPATIE, WMO])
def test_every_table_downloads_with_the_numbers_of_the_page(world, client, url):
    body = client.get(url).content.decode()
    tables = page_tables(body)
    assert len(tables) == len(downloads.tables(client.get(TWINS[url]).json()))
    assert len(tables) >= 2
    for number, (rows, csv_url, xlsx_url) in enumerate(tables, start=1):
        assert csv_url == f"{url}tabel-{number}.csv" and xlsx_url == f"{url}tabel-{number}.xlsx"
        response = client.get(csv_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        got, notes = read_csv(response.content)
        assert got == [rows[0]] + [[r[0], *map(expected_field, r[1:])] for r in rows[1:]]
        assert notes[0].startswith("Tabel: ")
        assert notes[-1].startswith("Let op: dit zijn fictieve demogegevens")

        sheet = read_xlsx(client.get(xlsx_url).content)
        assert [c.value for c in sheet[3]] == rows[0]  # header row under the caption
        for r, row in enumerate(rows[1:], start=4):
            values = [c.value for c in sheet[r]][: len(row)]
            for shown, value in zip(row[1:], values[1:], strict=True):
                field = expected_field(shown)
                if re.fullmatch(r"-?\d+(,\d+)?", field):
                    assert value == pytest.approx(float(field.replace(",", "."))), (shown, value)
                else:
                    assert (value or "") == field


def test_numbers_worked_out_by_hand(world, client):
    # Participatie 2024: Teststad 8,2 (voorlopig), Nederland 7,4, grootteklasse: the median of 8,2, 7,0
    # and 7,2 = 7,2 (2016: of 7,1, 7,0 and 7,2 = 7,1).
    rows, notes = read_csv(client.get(PARTICIPATIE + "tabel-1.csv").content)
    assert rows[0] == ["Periode", "Teststad", "Nederland", SIZE_LABEL, "Status (Teststad)"]
    assert rows[1] == ["2024", "8,2", "7,4", "7,2", "voorlopig"]
    assert rows[-1] == ["2016", "7,1", "7,4", "7,1", "definitief"]
    assert "Bron: Monitor Sociale Kracht (MSK 2024)" in notes
    # Wmo-cliënten 2024: 1000 + 8 × 10 = 1.080 on the page, a plain number in the files.
    rows, _ = read_csv(client.get(WMO + "tabel-1.csv").content)
    assert rows[1][:2] == ["2024", "1080"]
    sheet = read_xlsx(client.get(WMO + "tabel-1.xlsx").content)
    assert sheet["A1"].value.startswith("Cliënten met een Wmo-maatwerkvoorziening")
    assert sheet["A4"].value == "2024" and sheet["B4"].value == 1080
    assert sheet["B4"].number_format == "#,##0"
    sheet = read_xlsx(client.get(PARTICIPATIE + "tabel-1.xlsx").content)
    assert sheet["B4"].value == pytest.approx(8.2) and sheet["B4"].number_format == "#,##0.0"


def _wijk_table(client, fmt: str) -> bytes:
    twin = client.get(TWINS[WMO]).json()
    number = next(i for i, (t, _) in enumerate(downloads.tables(twin), start=1) if t["columns"][0] == "Wijk")
    return client.get(f"{WMO}tabel-{number}.{fmt}").content


def test_secret_cell_stays_secret(world, client):
    # Centrum has 3 Wmo clients: below the disclosure threshold, so "geheim" on the page and in files.
    # The gemeente's own total (1.080) also counts clients without a wijk, so total − Noord − Zuid gives
    # 80, not Centrum's 3: no other wijk needs to be hidden (the publication's audit checks exactly
    # this). Noord is rounded to fives (512 -> 510): the files hold what the page holds, no more.
    rows, notes = read_csv(_wijk_table(client, "csv"))
    assert rows[1:] == [["Centrum", "geheim", "definitief"], ["Noord", "510", "definitief"],
                        ["Zuid", "490", "definitief"]]  # fmt: skip
    assert any(n.startswith("Legenda: geheim") for n in notes)
    sheet = read_xlsx(_wijk_table(client, "xlsx"))
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert sheet["A4"].value == "Centrum" and sheet["B4"].value == "geheim"
    assert 3 not in cells and "3" not in cells


def test_formula_text_is_neutralised(world, client):
    Area.objects.filter(code="WK900102").update(name='=HYPERLINK("http://x.test","klik")')
    Indicator.objects.filter(code="wmo-clienten").update(name="@SUM(1+1)", short_name="")
    publish()  # a definition reaches the public with the next publication
    cache.clear()
    rows, notes = read_csv(_wijk_table(client, "csv"))
    assert [r[0] for r in rows[1:]] == ['\'=HYPERLINK("http://x.test","klik")', "Centrum", "Zuid"]
    assert notes[0].startswith("Tabel: @SUM")  # not at the start of a field: harmless
    raw = _wijk_table(client, "csv").decode("utf-8-sig")
    assert not re.search(r'(^|;|")[=+@-]', raw.replace("'=", "").replace("-tabel", ""), re.M)
    sheet = read_xlsx(_wijk_table(client, "xlsx"))
    assert sheet["A1"].value.startswith("'@SUM(1+1)") and sheet["A1"].data_type == "s"
    assert sheet["A4"].value == '\'=HYPERLINK("http://x.test","klik")'
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize(
    "text, expected",
    [("=1+1", "'=1+1"), ("+31", "'+31"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("Noord", "Noord"), ("'al", "'al"), ("", "")],
)  # fmt: skip
def test_neutralise(text, expected):
    assert downloads.neutralise(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("8,2", (8.2, 1)), ("1.080", (1080, 0)), ("-0,5", (-0.5, 1)), ("+0,1", (0.1, 1)), ("12.345,67", (12345.67, 2)),
     ("0", (0, 0)), ("0344", None), ("8,2%", None), ("1.5", None), ("2024", (2024, 0)), ("geheim", None)],
)  # fmt: skip
def test_only_dutch_numbers_become_numbers(text, expected):
    assert downloads.number_of(text) == expected


@pytest.mark.parametrize(
    "url",
    [
        PARTICIPATIE + "tabel-99.csv",
        PARTICIPATIE + "tabel-99.xlsx",
        "/indicator/bestaat-niet/tabel-1.csv",
        "/bestaat-niet/tabel-1.csv",
        "/toegankelijkheid/tabel-1.csv",  # a page without tables
        "/grafiek/tabel-1.csv",
    ],
)
def test_unknown_table_is_404_in_dutch(world, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_download_view_only_answers_get(world, client):
    assert client.post(PARTICIPATIE + "tabel-1.csv").status_code == 405


def test_download_is_a_public_page_for_the_cache(world, client):
    from kwaliteitsmonitor.monitor.cache import PUBLIC_ATTRIBUTE

    response = client.get(PARTICIPATIE + "tabel-1.csv")
    assert getattr(response, PUBLIC_ATTRIBUTE, False) is True


def test_get_form_page_download_keeps_its_query(db, client):
    build()
    url = "/ontdekken/?x=score&y=armoede&level=WK"
    body = client.get(url).content.decode()
    [(rows, csv_url, xlsx_url)] = page_tables(body)
    assert csv_url == "/ontdekken/tabel-1.csv?x=score&y=armoede&level=WK"
    got, notes = read_csv(client.get(csv_url).content)
    assert got == [rows[0]] + [[r[0], *map(expected_field, r[1:])] for r in rows[1:]]
    assert got[0][:3] == ["Gebied", "Sociale score", "Huishoudens met een laag inkomen"]
    assert any("pagina: http://testserver/ontdekken/?x=score&y=armoede&level=WK" in n for n in notes)
    swapped, _ = read_csv(client.get("/ontdekken/tabel-1.csv?x=armoede&y=score&level=WK").content)
    assert swapped[0] != got[0]  # other choices, another table
    sheet = read_xlsx(client.get(xlsx_url).content)
    assert [c.value for c in sheet[3]] == rows[0]


def test_tables_are_numbered_in_a_fixed_order_and_charts_get_a_label(world, client):
    data = client.get(TWINS[PARTICIPATIE]).json()
    first = [t["caption"] for t, _ in downloads.tables(data)]
    assert first == [t["caption"] for t, _ in downloads.tables(client.get(TWINS[PARTICIPATIE]).json())]
    linked = downloads.link_downloads(data, PARTICIPATIE, "a=1")
    assert linked["trend"]["table"]["download"] == {
        "number": 1,
        "label": f"Participatie per jaar: Teststad, Nederland, {SIZE_LABEL}",
        "csv": PARTICIPATIE + "tabel-1.csv?a=1",
        "xlsx": PARTICIPATIE + "tabel-1.xlsx?a=1",
    }
    assert linked["trend"]["chart"]["label"] == (
        f"Participatie per jaar in Teststad, vergeleken met Nederland en {SIZE_LABEL}"
    )
    body = html.unescape(client.get(PARTICIPATIE).content.decode())
    assert f'aria-label="Tabel Participatie per jaar: Teststad, Nederland, {SIZE_LABEL}' in body
    assert "Grafiek als <a" in body and " als SVG" in body and " als PNG" in body


def test_notes_name_secret_revised_and_computed_cells(world):
    table = {
        "caption": "Cliënten per wijk, 2024.",
        "columns": ["Wijk", "Aantal", "Status"],
        "rows": [
            {"header": "Centrum", "cells": [{"text": "geheim", "secret": True}, {"text": "definitief"}]},
            {"header": "Noord", "cells": [{"text": "510", "revised": True}, {"text": "definitief"}]},
            {"header": "Zuid", "cells": [{"text": "1.020", "computed": True}, {"text": "–"}]},
        ],
    }
    lines = downloads.notes(table, "Wmo-register", "http://testserver/indicator/x/")
    assert lines == [
        "Tabel: Cliënten per wijk, 2024.",
        "Bron: Wmo-register",
        "Uitgave: Kwaliteitsmonitor Sociaal Domein van Gemeente Teststad; pagina: http://testserver/indicator/x/",
        "Legenda: " + downloads.SECRET_NOTE,
        "Herzien na de eerste publicatie: Noord (Aantal).",
        "Berekend (geen eigen cijfer van de bron: uit teller en noemer, of uit de onderliggende gebieden): "
        "Zuid (Aantal).",
        downloads.FICTITIOUS_NOTE,
    ]
    rows, notes = read_csv(downloads.to_csv(table, lines))
    assert rows == [["Wijk", "Aantal", "Status"], ["Centrum", "geheim", "definitief"], ["Noord", "510", "definitief"],
                    ["Zuid", "1020", ""]]  # fmt: skip
    assert notes == lines


@pytest.mark.parametrize(
    "url, twin, count",
    [
        ("/prognose/", "/prognose.json", 4),  # forecast, rates, population, backtest
        # trend, comparison with groups, similar gemeenten (characteristics, matches), per wijk
        ("/indicator/score/", "/indicator/score.json", 5),
    ],
)
def test_analysis_tables_download_like_the_page(db, client, settings, url, twin, count):
    settings.KM_SIMILAR_CHARACTERISTICS = "bev_inwoners,bev_75plus/bev_inwoners"  # the world's indicators
    build()
    tables = page_tables(client.get(url).content.decode())
    assert len(tables) == len(downloads.tables(client.get(twin).json())) == count
    for rows, csv_url, _ in tables:
        got, _ = read_csv(client.get(csv_url).content)
        assert got == [rows[0]] + [[r[0], *map(expected_field, r[1:])] for r in rows[1:]]


def test_comparison_table_keeps_signed_differences_as_numbers(db, client):
    build()
    twin = client.get("/indicator/score.json").json()
    number = next(i for i, (t, _) in enumerate(downloads.tables(twin), start=1) if t["columns"][0] == "Groep")
    shown = twin["comparisons"]["comparisons"][0]
    rows, _ = read_csv(client.get(f"/indicator/score/tabel-{number}.csv").content)
    assert rows[0] == ["Groep", "Waarde groep", "Verschil", "Plaats", "Percentiel", "Significant?"]
    difference = shown["difference_text"]
    assert difference.startswith(("+", "-"))
    assert rows[1][2] == difference.lstrip("+")  # a number, not "'+0,2"
    assert rows[1][3] == shown["rank_text"]  # "3 van 12" stays text


def test_revised_figure_and_its_history_download(world, client):
    from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
    from kwaliteitsmonitor.indicators.records import ObservationRecord

    run = start_run("test", "herziening")
    result = load_observations(
        [ObservationRecord("wmo-clienten", "GM9001", "2024JJ00", 1093, status="definitief")], run
    )
    finish_run(run, result)
    publish()
    cache.clear()
    twin = client.get(TWINS[WMO]).json()
    found = downloads.tables(twin)
    trend = next(i for i, (t, _) in enumerate(found, start=1) if t["columns"][0] == "Periode")
    history = next(i for i, (t, _) in enumerate(found, start=1) if t["columns"][0] == "Gebied")
    rows, notes = read_csv(client.get(f"{WMO}tabel-{trend}.csv").content)
    assert rows[1][:2] == ["2024", "1095"]  # 1093 published rounded to fives
    assert "Herzien na de eerste publicatie: 2024 (Teststad)." in notes
    rows, _ = read_csv(client.get(f"{WMO}tabel-{history}.csv").content)
    assert rows[0] == ["Gebied", "Periode", "Eerder cijfer", "Status toen", "Vervangen op"]
    assert rows[1][:4] == ["Teststad", "2024", "1080", "definitief"]
