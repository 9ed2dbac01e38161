# SPDX-License-Identifier: EUPL-1.2
"""A region's round: start (carried over from the previous approved round), submit only when complete,
return with reasons, approve; the overview with 'te laat'; what changed for the adviser."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from kwaliteitsmonitor.analysis.vocabulary import DONE_ON_TRACK
from kwaliteitsmonitor.processes import lifecycle, public
from kwaliteitsmonitor.processes.models import ProcessAnswer, Submission, SubThemeStatus
from kwaliteitsmonitor.processes.testing import small_monitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def m():
    return small_monitor()


def test_start_carries_the_previous_approved_round_over_marked(m):
    region = m["regions"]["Eigenstad"]
    found = lifecycle.start(m["open"], region)
    assert found.state == "concept"
    rows = SubThemeStatus.objects.filter(round=m["open"], region=region)
    assert rows.count() == 3 and all(r.carried_over for r in rows)
    assert {r.explanation for r in rows} == {f"Eerder: {s.name}" for s in m["subs"]}
    assert ProcessAnswer.objects.get(round=m["open"], region=region).carried_over
    assert lifecycle.start(m["open"], region).pk == found.pk  # a second visit copies nothing again
    assert SubThemeStatus.objects.filter(round=m["open"], region=region).count() == 3
    assert lifecycle.progress(m["open"], region).text == (
        "4 van 4 ingevuld, waarvan 4 overgenomen uit de vorige ronde en nog niet bekeken"
    )


def test_only_an_approved_round_is_carried_over(m):
    region = m["regions"]["Eigenstad"]
    Submission.objects.filter(round=m["approved"], region=region).update(state="ingediend")
    lifecycle.start(m["open"], region)
    assert not SubThemeStatus.objects.filter(round=m["open"], region=region).exists()
    assert lifecycle.progress(m["open"], region).text == "0 van 4 ingevuld"


def test_submit_lists_what_is_missing_in_dutch_and_saves_nothing(m):
    region = m["regions"]["Eigenstad"]
    Submission.objects.filter(round=m["approved"], region=region).delete()
    found = lifecycle.start(m["open"], region)
    SubThemeStatus.objects.create(
        round=m["open"], region=region, sub_theme=m["subs"][0], status=DONE_ON_TRACK
    )
    with pytest.raises(ValidationError) as caught:
        lifecycle.submit(found)
    message = caught.value.messages[0]
    assert "3 ontbreken" in message
    assert "Wonen: Afspraken met corporaties" in message and "Zorg: Passend palet" in message
    assert "Wonen, vraag: Is de regiovisie vastgesteld?" in message
    assert "Wonen: Woningen" not in message
    found.refresh_from_db()
    assert found.state == "concept" and found.submitted_at is None


def test_submit_return_and_approve_with_the_audit_trail(m):
    region = m["regions"]["Eigenstad"]
    found = lifecycle.start(m["open"], region)
    lifecycle.submit(found)
    assert found.state == "ingediend" and not found.editable
    with pytest.raises(ValidationError):
        lifecycle.submit(found)  # not twice
    with pytest.raises(ValidationError, match="minstens één"):
        lifecycle.return_items(found, {"status_1": "  "})
    key = f"status_{m['subs'][1].pk}"
    lifecycle.return_items(
        found, {key: "Klopt dit? De afspraken waren vorig jaar al rond.", "question_9": ""}
    )
    found.refresh_from_db()
    assert found.state == "teruggestuurd" and found.editable
    assert found.returned == {key: "Klopt dit? De afspraken waren vorig jaar al rond."}
    with pytest.raises(ValidationError):
        lifecycle.approve(found)  # returned: the region must submit again first
    lifecycle.submit(found)
    lifecycle.approve(found)
    found.refresh_from_db()
    assert found.state == "goedgekeurd" and found.returned == {}
    states = [
        e.changes.get("state", [None, None])[1]
        for e in LogEntry.objects.get_for_object(found).order_by("timestamp", "pk")
        if "state" in (e.changes or {})
    ]
    assert states[-4:] == ["ingediend", "teruggestuurd", "ingediend", "goedgekeurd"]


def test_public_reads_approved_pairs_only(m):
    region, other = m["regions"]["Eigenstad"], m["regions"]["Anderdorp"]
    lifecycle.submit(lifecycle.start(m["open"], region))
    assert list(public.rounds()) == [m["approved"]]
    assert not public.statuses().filter(round=m["open"]).exists()
    lifecycle.approve(lifecycle.submission(m["open"], region))
    assert list(public.rounds()) == [m["approved"], m["open"]]
    assert list(public.rounds(other.pk)) == [m["approved"]]
    assert set(public.statuses().filter(round=m["open"]).values_list("region_id", flat=True)) == {region.pk}
    assert set(public.answers().filter(round=m["open"]).values_list("region_id", flat=True)) == {region.pk}


def test_changes_show_old_and_new_per_field(m):
    region = m["regions"]["Eigenstad"]
    lifecycle.start(m["open"], region)
    row = SubThemeStatus.objects.get(round=m["open"], region=region, sub_theme=m["subs"][1])
    row.status, row.carried_over = DONE_ON_TRACK, False
    row.save()
    rows = {r["name"]: r for r in lifecycle.changes(m["open"], region)}
    changed = rows["Afspraken met corporaties"]
    assert (changed["old"], changed["new"], changed["changed"]) == (
        "In ontwikkeling",
        "Gereed",
        True,
    )
    assert rows["Woningen"]["changed"] is False and rows["Woningen"]["carried_over"] is True
    assert rows["Is de regiovisie vastgesteld?"]["old"] == "Nee"


def test_overview_counts_states_and_late_after_the_deadline(m):
    eigen, ander = m["regions"]["Eigenstad"], m["regions"]["Anderdorp"]
    lifecycle.submit(lifecycle.start(m["open"], eigen))
    before = {
        r["region"].name: (r["state"], r["late"])
        for r in lifecycle.overview(m["open"], dt.date(2026, 12, 15))
    }
    assert before == {"Eigenstad": ("ingediend", False), "Anderdorp": ("niet_begonnen", False)}
    after = {
        r["region"].name: (r["state"], r["late"])
        for r in lifecycle.overview(m["open"], dt.date(2026, 12, 16))
    }
    assert after == {"Eigenstad": ("ingediend", False), "Anderdorp": ("niet_begonnen", True)}
    lifecycle.start(m["open"], ander)
    rows = lifecycle.overview(m["open"], dt.date(2026, 12, 16))
    assert [(r["state_text"], r["late"]) for r in rows] == [("Concept", True), ("Ingediend", False)]
