# SPDX-License-Identifier: EUPL-1.2
"""The demo writes both fictitious process monitors, the same on every run, and removes them again."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.analysis.vocabulary import ordered_statuses
from kwaliteitsmonitor.demo.generator import load_demo
from kwaliteitsmonitor.demo.processes import BESCHERMD_THUIS, REGION_COUNT
from kwaliteitsmonitor.demo.store import clear_demo
from kwaliteitsmonitor.processes.models import (
    ProcessAnswer,
    ProcessMonitor,
    ProcessQuestion,
    ProcessRound,
    ProcessSubTheme,
    Submission,
    SubThemeStatus,
)

APPROVED_ROUNDS = ["Najaar 2025", "Voorjaar 2026"]

pytestmark = pytest.mark.django_db


def _content() -> list:
    return sorted(
        [
            *SubThemeStatus.objects.values_list(
                "round__monitor__slug", "round__slug", "region__area__code", "sub_theme__name", "status",
                "explanation",
            ),
            *ProcessAnswer.objects.values_list(
                "round__monitor__slug", "round__slug", "region__area__code", "question__text", "answer"
            ),
        ]
    )  # fmt: skip


def test_demo_writes_both_monitors_deterministically_and_clears_them(client):
    load_demo()
    first = _content()
    load_demo()
    assert _content() == first  # a second run writes the same statuses and answers, nothing doubled

    monitors = {m.slug: m for m in ProcessMonitor.objects.all()}
    assert set(monitors) == {"beschermd-thuis", "aanpak-dakloosheid"}
    assert all(m.is_fictitious and "Fictieve demogegevens" in m.description for m in monitors.values())
    bt, nad = monitors["beschermd-thuis"], monitors["aanpak-dakloosheid"]
    # The dashboards' themes: seven with fifteen sub-themes (Beschermd Thuis), four (Aanpak Dakloosheid).
    assert [t.name for t in bt.themes.order_by("order")] == [t.name for t in BESCHERMD_THUIS.themes]
    assert ProcessSubTheme.objects.filter(theme__monitor=bt).count() == 15
    assert [t.name for t in nad.themes.order_by("order")] == [
        "Beleidsvoorwaarden", "Transformatie van de opvang", "Preventie van dakloosheid", "Wonen Eerst",
    ]  # fmt: skip
    assert ProcessQuestion.objects.filter(theme__monitor=nad, group="Manieren van realisatie").count() == 5
    for monitor in (bt, nad):
        regions = list(monitor.regions.values_list("area__code", flat=True))
        assert len(regions) == REGION_COUNT and "GM9001" in regions  # Voorbeeldstad's region and others
        rounds = list(ProcessRound.objects.filter(monitor=monitor).values_list("label", flat=True))
        assert rounds == ["Najaar 2025", "Voorjaar 2026", "Najaar 2026"]
        # The open round: one region not started (the demo regio account's), one submitted, one concept.
        states = sorted(
            Submission.objects.filter(round__monitor=monitor, round__label="Najaar 2026").values_list(
                "region__name", "state"
            )
        )
        first = monitor.regions.order_by("name").first()
        assert first.name not in dict(states)
        assert sorted(s for _n, s in states) == ["concept", "ingediend"]
        subs = ProcessSubTheme.objects.filter(theme__monitor=monitor).count()
        statuses = SubThemeStatus.objects.filter(round__monitor=monitor, round__label__in=APPROVED_ROUNDS)
        assert statuses.count() == 2 * REGION_COUNT * subs  # every sub-theme filled in, both rounds
        assert set(statuses.values_list("status", flat=True)) <= set(ordered_statuses(monitor.label_set))
    # Two rounds so a change shows: some statuses differ between the rounds.
    by_key: dict[tuple, list[str]] = {}
    for region, sub, status in (
        SubThemeStatus.objects.filter(round__label__in=APPROVED_ROUNDS)
        .order_by("round__reference_date")
        .values_list("region_id", "sub_theme_id", "status")
    ):
        by_key.setdefault((region, sub), []).append(status)
    assert sum(1 for a, b in by_key.values() if a != b) >= 5

    for url in ["/processen/", "/processen/aanpak-dakloosheid/", "/processen/beschermd-thuis/voorbeeldstad/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Najaar 2026" not in response.content.decode()  # the open round is not approved anywhere

    clear_demo()
    assert not ProcessMonitor.objects.exists() and not SubThemeStatus.objects.exists()
