# SPDX-License-Identifier: EUPL-1.2
"""The goal-tree import with ``--beelden WERKBLAD``: the parts of the beeld per opgave from a second sheet."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from kwaliteitsmonitor.agenda.models import Goal, Picture, PictureItem
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.connectors.pipeline import run_import
from kwaliteitsmonitor.connectors.testing import database_dump
from kwaliteitsmonitor.indicators.models import Indicator

pytestmark = pytest.mark.django_db

TREE = [
    ["node_id", "parent_id", "level", "title", "report_period", "status"],
    ["O1", "", "opgave", "Iedereen doet mee", "", ""],
    ["D1", "O1", "doel", "Minder eenzaamheid", "", ""],
    ["I1", "D1", "inspanning", "Buurtkamers", "2025-burap1", "Groen"],
]
PARTS = [
    ["theme_id", "kind", "title", "text", "effort_id", "goal_id", "indicator_id"],
    ["O1", "Interventie", "Buurtkamers", "Een plek om binnen te lopen.", "I1", "", ""],
    ["O1", "verwacht effect", "Minder eenzaamheid", "", "", "D1", ""],
    ["O1", "mechanisme", "Contact dat blijft", "", "", "", ""],
    ["O1", "interventie", "Maatjes", "", "", "", ""],
    ["O1", "monitoringsinformatie", "Eenzaamheid 65+", "Uit de Gezondheidsmonitor.", "", "", "eenzaam"],
    ["O1", "Rol wijkteam", "Signaleren", "", "", "", ""],
]
OPTIONS = {"organisation": "Gemeente Woerden", "area": "GM0632", "start_year": 2024, "end_year": 2027}


@pytest.fixture(autouse=True)
def _base():
    Area.objects.create(code="GM0632", name="Woerden", level="GM")
    Indicator.objects.create(code="eenzaam", name="Eenzaamheid 65+", unit="pct")


def workbook(path, tree=TREE, parts=PARTS, sheet="beelden"):
    book = Workbook()
    book.active.title = "boom"
    for row in tree:
        book.active.append(row)
    other = book.create_sheet(sheet)
    for row in parts:
        other.append(row)
    book.save(path)
    return str(path)


def items():
    return list(
        PictureItem.objects.order_by("kind", "order").values_list(
            "picture__theme__title",
            "kind",
            "order",
            "title",
            "effort__title",
            "goal__title",
            "indicator__code",
        )
    )


def test_sheet_of_beeld_parts_is_loaded_in_order_with_links_and_is_idempotent(tmp_path):
    source = workbook(tmp_path / "boom.xlsx")
    first = run_import("goal-tree", source, options={**OPTIONS, "beelden": "beelden"})
    assert first.status == "ok", first.result.errors
    assert items() == [
        ("Iedereen doet mee", "effect", 1, "Minder eenzaamheid", None, "Minder eenzaamheid", None),
        ("Iedereen doet mee", "intervention", 1, "Buurtkamers", "Buurtkamers", None, None),
        ("Iedereen doet mee", "intervention", 2, "Maatjes", None, None, None),
        ("Iedereen doet mee", "mechanism", 1, "Contact dat blijft", None, None, None),
        ("Iedereen doet mee", "monitoring", 1, "Eenzaamheid 65+", None, None, "eenzaam"),
        ("Iedereen doet mee", "team_role", 1, "Signaleren", None, None, None),
    ]
    assert PictureItem.objects.get(title="Buurtkamers").text == "Een plek om binnen te lopen."
    assert any("beelden: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in w for w in first.warnings), first.warnings
    before = database_dump()
    again = run_import("goal-tree", source, options={**OPTIONS, "beelden": "beelden"})
    assert again.status == "ok" and (again.result.added, again.result.changed) == (0, 0)
    after = database_dump()
    after.pop("indicators_importrun"), before.pop("indicators_importrun")
    assert after == before


def test_changed_sheet_replaces_the_parts_of_that_beeld(tmp_path):
    run_import("goal-tree", workbook(tmp_path / "a.xlsx"), options={**OPTIONS, "beelden": "beelden"})
    changed = [PARTS[0], ["O1", "stuurknop", "Subsidie welzijn", "", "", "", ""], PARTS[4]]
    outcome = run_import(
        "goal-tree", workbook(tmp_path / "b.xlsx", parts=changed), options={**OPTIONS, "beelden": "beelden"}
    )
    assert outcome.status == "ok", outcome.result.errors
    assert [(k, o, t) for _, k, o, t, *_ in items()] == [
        ("intervention", 1, "Maatjes"),
        ("lever", 1, "Subsidie welzijn"),
    ]
    assert Picture.objects.count() == 1 and outcome.result.changed >= 1


@pytest.mark.parametrize(
    ("row", "where", "message"),
    [
        (["O1", "wens", "Iets", "", "", "", ""], (2, "kind"), "onbekende soort 'wens'"),
        (
            ["O9", "interventie", "Iets", "", "", "", ""],
            (2, "theme_id"),
            "opgave 'O9' staat niet in de doelenboom",
        ),
        (["O1", "interventie", "Iets", "", "I9", "", ""], (2, "effort_id"), "inspanning 'I9' staat niet"),
        (["O1", "verwacht effect", "Iets", "", "", "D9", ""], (2, "goal_id"), "doel 'D9' staat niet"),
        (
            ["O1", "monitoringsinformatie", "Iets", "", "", "", "x"],
            (2, "indicator_id"),
            "onbekende indicator 'x'",
        ),
        (["O1", "interventie", "", "", "", "", ""], (2, "title"), "title ontbreekt"),
    ],
)
def test_bad_rows_are_reported_with_row_and_column_and_nothing_is_written(tmp_path, row, where, message):
    before = database_dump()
    outcome = run_import(
        "goal-tree",
        workbook(tmp_path / "boom.xlsx", parts=[PARTS[0], row]),
        options={**OPTIONS, "beelden": "beelden"},
    )
    assert outcome.exit_code == 2
    errors = outcome.result.errors
    assert any((e.file, e.row, e.column) == ("boom.xlsx", *where) and message in e.message for e in errors), (
        errors
    )
    after = database_dump()
    after.pop("indicators_importrun", None), before.pop("indicators_importrun", None)
    assert after == before


def test_missing_sheet_or_csv_source_is_a_clear_error(tmp_path):
    outcome = run_import(
        "goal-tree",
        workbook(tmp_path / "boom.xlsx", sheet="anders"),
        options={**OPTIONS, "beelden": "beelden"},
    )
    assert outcome.exit_code == 2 and "werkblad 'beelden' bestaat niet" in outcome.result.errors[0].message
    csv = tmp_path / "boom.csv"
    csv.write_text("\n".join(";".join(r) for r in TREE), encoding="utf-8")
    outcome = run_import("goal-tree", str(csv), options={**OPTIONS, "beelden": "beelden"})
    assert outcome.exit_code == 2 and "Excel-bestand (XLSX)" in outcome.result.errors[0].message
    assert not Picture.objects.exists()


def test_a_doel_called_beeld_does_not_take_the_address_of_the_beeld(tmp_path):
    tree = [*TREE[:2], ["D2", "O1", "doel", "Beeld", "", ""]]
    outcome = run_import(
        "goal-tree", workbook(tmp_path / "boom.xlsx", tree=tree, parts=PARTS[:1]), options=OPTIONS
    )
    assert outcome.status == "ok", outcome.result.errors
    assert Goal.objects.get(external_id="D2").slug == "beeld-2"
