# SPDX-License-Identifier: EUPL-1.2
"""Process monitors: one status per (round, region, sub-theme), one answer per (round, region,
question), parts of one monitor only, statuses from the monitor's own label set, the status order and
change between rounds, and the dependency rule of this package."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kwaliteitsmonitor.analysis.vocabulary import (
    DONE_ON_TRACK,
    IN_PROGRESS,
    NO_DATA,
    NOT_STARTED,
    ordered_statuses,
    status_change,
    status_fraction,
)
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessQuestion,
    ProcessRegion,
    ProcessRound,
    ProcessSubTheme,
    ProcessTheme,
    SubThemeStatus,
)

pytestmark = pytest.mark.django_db


def _monitor(slug: str, label_set: str, area: Area) -> dict:
    monitor = ProcessMonitor.objects.create(slug=slug, name=slug.title(), label_set=label_set)
    theme = ProcessTheme.objects.create(monitor=monitor, order=1, name="Regiovisie", slug="regiovisie")
    return {
        "monitor": monitor,
        "theme": theme,
        "sub": ProcessSubTheme.objects.create(theme=theme, order=1, name="Regiovisie"),
        "question": ProcessQuestion.objects.create(theme=theme, order=1, text="Is de visie vastgesteld?"),
        "round": ProcessRound.objects.create(
            monitor=monitor, label="Voorjaar 2026", slug="voorjaar-2026", reference_date=dt.date(2026, 6, 1)
        ),
        "region": ProcessRegion.objects.create(monitor=monitor, area=area, name=area.name, slug="regio"),
    }


@pytest.fixture
def parts():
    area = Area.objects.create(code="GM9001", name="Teststad", level=Level.GM)
    return _monitor("beschermd-thuis", "beschermd_thuis", area), _monitor("dakloosheid", "dakloosheid", area)


def test_one_status_per_round_region_and_sub_theme(parts):
    p, _ = parts
    SubThemeStatus.objects.create(
        round=p["round"], region=p["region"], sub_theme=p["sub"], status=DONE_ON_TRACK
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SubThemeStatus.objects.create(
            round=p["round"], region=p["region"], sub_theme=p["sub"], status=IN_PROGRESS
        )
    later = ProcessRound.objects.create(
        monitor=p["monitor"], label="Najaar 2026", slug="najaar-2026", reference_date=dt.date(2026, 12, 1)
    )
    SubThemeStatus.objects.create(round=later, region=p["region"], sub_theme=p["sub"], status=IN_PROGRESS)
    assert SubThemeStatus.objects.count() == 2


def test_one_answer_per_round_region_and_question(parts):
    p, _ = parts
    ProcessAnswer.objects.create(round=p["round"], region=p["region"], question=p["question"], answer="ja")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessAnswer.objects.create(
            round=p["round"], region=p["region"], question=p["question"], answer="nee"
        )


def test_round_dates_slugs_and_regions_are_unique_per_monitor(parts):
    p, other = parts
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessRound.objects.create(
            monitor=p["monitor"], label="Andere", slug="andere", reference_date=dt.date(2026, 6, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessRegion.objects.create(
            monitor=p["monitor"], area=p["region"].area, name="Dubbel", slug="dubbel"
        )
    # The same centrumgemeente may be a region of another monitor.
    assert other["region"].area == p["region"].area


def test_status_must_come_from_the_monitors_label_set(parts):
    bt, nad = parts
    status = SubThemeStatus(round=bt["round"], region=bt["region"], sub_theme=bt["sub"], status=NOT_STARTED)
    with pytest.raises(ValidationError) as error:
        status.full_clean()
    assert "kies uit: Gereed, In ontwikkeling" in str(error.value)
    SubThemeStatus(
        round=nad["round"], region=nad["region"], sub_theme=nad["sub"], status=NOT_STARTED
    ).full_clean()


def test_parts_of_another_monitor_are_refused(parts):
    bt, nad = parts
    status = SubThemeStatus(
        round=bt["round"], region=nad["region"], sub_theme=bt["sub"], status=DONE_ON_TRACK
    )
    with pytest.raises(ValidationError, match="horen niet bij dezelfde procesmonitor"):
        status.full_clean()
    answer = ProcessAnswer(round=bt["round"], region=bt["region"], question=nad["question"], answer="ja")
    with pytest.raises(ValidationError, match="horen niet bij dezelfde procesmonitor"):
        answer.full_clean()


def test_deleting_a_monitor_removes_its_rounds_statuses_and_answers(parts):
    p, _ = parts
    SubThemeStatus.objects.create(
        round=p["round"], region=p["region"], sub_theme=p["sub"], status=DONE_ON_TRACK
    )
    ProcessAnswer.objects.create(round=p["round"], region=p["region"], question=p["question"], answer="ja")
    p["monitor"].delete()
    assert not SubThemeStatus.objects.exists() and not ProcessAnswer.objects.exists()
    assert Area.objects.filter(code="GM9001").exists()  # the centrumgemeente stays


def test_status_order_and_fraction_per_label_set():
    assert ordered_statuses("beschermd_thuis") == [DONE_ON_TRACK, IN_PROGRESS]
    assert ordered_statuses("dakloosheid") == [DONE_ON_TRACK, IN_PROGRESS, NOT_STARTED, NO_DATA]
    assert status_fraction(DONE_ON_TRACK, "beschermd_thuis") == 1.0
    assert status_fraction(IN_PROGRESS, "beschermd_thuis") == 0.5
    assert status_fraction(IN_PROGRESS, "dakloosheid") == pytest.approx(2 / 3)
    assert status_fraction(NOT_STARTED, "dakloosheid") == pytest.approx(1 / 3)
    assert status_fraction(NO_DATA, "dakloosheid") == 0.0
    assert status_fraction(NOT_STARTED, "beschermd_thuis") == 0.0  # not in the set


@pytest.mark.parametrize(
    ("before", "now", "change"),
    [
        (IN_PROGRESS, DONE_ON_TRACK, "up"),
        (DONE_ON_TRACK, NOT_STARTED, "down"),
        (IN_PROGRESS, IN_PROGRESS, "same"),
        (None, IN_PROGRESS, "new"),
        (NO_DATA, IN_PROGRESS, "incomparable"),
        (IN_PROGRESS, NO_DATA, "incomparable"),
        (IN_PROGRESS, None, "incomparable"),
    ],
)
def test_status_change(before, now, change):
    assert status_change(before, now) == change


def test_processes_imports_only_analysis_areas_and_audit():
    """docs/architecture.md: processes may import analysis, areas and audit (and itself), nothing else."""
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "kwaliteitsmonitor" and parts[1] not in {
                    "analysis",
                    "areas",
                    "audit",
                    "processes",
                }:
                    offenders.append(f"{path.name} imports {name}")
    assert not offenders


def test_admin_pages_with_inlines(parts, admin_client):
    p, _ = parts
    SubThemeStatus.objects.create(
        round=p["round"], region=p["region"], sub_theme=p["sub"], status=DONE_ON_TRACK
    )
    pages = {
        f"/beheer/processes/processmonitor/{p['monitor'].pk}/change/": ["Thema’s", "Rondes", "Regio’s"],
        f"/beheer/processes/processtheme/{p['theme'].pk}/change/": ["Subthema’s", "Ja/nee-vragen"],
        f"/beheer/processes/processround/{p['round'].pk}/change/": ["Statussen van subthema’s", "Antwoorden"],
        "/beheer/processes/subthemestatus/": ["Regiovisie"],
    }
    for url, words in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for word in words:
            assert word.replace("’", "'") in body.replace("&#x27;", "'").replace("’", "'"), (url, word)
