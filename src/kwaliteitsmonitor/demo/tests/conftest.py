# SPDX-License-Identifier: EUPL-1.2
"""Load the demo once per test module (twice, to compare the content of both runs)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pytest

from kwaliteitsmonitor.agenda.models import Effort, EffortProgress, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.demo.generator import DemoSummary, load_demo
from kwaliteitsmonitor.demo.store import clear_demo
from kwaliteitsmonitor.indicators.models import Indicator, Observation, ObservationRevision


def _digest(rows) -> str:
    text = json.dumps(sorted(rows, key=repr), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint() -> dict[str, str]:
    """A digest of everything the demo writes, by natural keys (no ids, no timestamps)."""
    return {
        "observations": _digest(
            Observation.objects.values_list(
                "indicator__code", "area__code", "period", "breakdown", "value", "numerator", "denominator",
                "ci_low", "ci_high", "n", "status", "value_attribute", "revision_count",
            )
        ),
        "revisions": _digest(
            ObservationRevision.objects.values_list(
                "observation__indicator__code", "observation__area__code", "observation__period", "value",
                "numerator", "denominator", "status",
            )
        ),
        "indicators": _digest(
            Indicator.objects.values_list("code", "name", "unit", "source", "numerator__code", "denominator__code")
        ),
        "areas": _digest(Area.objects.values_list("code", "name", "level", "parent__code", "valid_from")),
        "vintages": _digest(AreaVintage.objects.values_list("area__code", "year", "name", "parent_code", "geometry")),
        "memberships": _digest(
            AreaMembership.objects.values_list("area__code", "kind", "year", "group_code", "group__code")
        ),
        "agenda": _digest(
            [
                *Theme.objects.values_list("agenda__title", "agenda__intro", "slug", "title", "summary", "order"),
                *Result.objects.values_list(
                    "goal__slug", "goal__number", "goal__title", "title", "target_value", "target_year",
                    "baseline_value", "baseline_period", "direction", "order",
                ),
                *ResultIndicator.objects.values_list("result__title", "indicator__code", "breakdown", "order"),
                *Effort.objects.values_list(
                    "goal__slug", "title", "owner", "partner", "start_date", "end_date", "result__title",
                ),
                *EffortProgress.objects.values_list(
                    "effort__title", "report_period__slug", "report_period__date", "status", "progress"
                ),
            ]
        ),
    }  # fmt: skip


@dataclass
class Loaded:
    summary: DemoSummary
    first: dict[str, str]
    second: dict[str, str]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Loaded:
    with django_db_blocker.unblock():
        load_demo(render=False)
        first = fingerprint()
        summary = load_demo(render=False)
        second = fingerprint()
    yield Loaded(summary, first, second)
    with django_db_blocker.unblock():
        clear_demo()
