# SPDX-License-Identifier: EUPL-1.2
"""Publications: drafts, switching live, incremental rebuilds, history, refusals and crashed builds."""

from __future__ import annotations

import pytest
from django.db import connection

from kwaliteitsmonitor.areas.models import Area, AreaMembership
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord as R
from kwaliteitsmonitor.publications import build as builder
from kwaliteitsmonitor.publications import context
from kwaliteitsmonitor.publications.models import (
    Publication,
    PublishedIndicator,
    PublishedValue,
    Reason,
    State,
)
from kwaliteitsmonitor.publications.queries import earlier_versions, values
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


def _world() -> tuple[Indicator, Indicator]:
    nl = Area.objects.create(code="NL00", name="Nederland", level="NL")
    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM", parent=nl)
    for i in range(1, 5):
        Area.objects.create(code=f"WK0001{i:02d}", name=f"Wijk {i}", level="WK", parent=gm)
    own = Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    cbs = Indicator.objects.create(code="inwoners", name="Inwoners", unit="count", provider="cbs")
    return own, cbs


def _load(code: str, by_area: dict[str, float], period: str = "2024JJ00", **extra) -> None:
    load_observations([R(code, a, period, v, **extra) for a, v in by_area.items()], start_run("test", "x"))


WIJKEN = {"GM0001": 400.0, "WK000101": 100.0, "WK000102": 100.0, "WK000103": 100.0, "WK000104": 100.0}


def test_a_draft_is_invisible_until_it_is_published():
    own, _ = _world()
    _load("wmo_clienten", WIJKEN)
    first = publish()
    _load("wmo_clienten", {**WIJKEN, "GM0001": 401.0, "WK000101": 101.0})
    draft = builder.build(actor="test", publish=False, render=False)
    assert draft.state == State.DRAFT and draft.number == first.number + 1
    assert {r.area: r.value for r in values(own)}["WK000101"] == 100.0  # the public still reads the live one
    with context.use(draft.number):
        assert {r.area: r.value for r in values(own)}["WK000101"] == 100.0  # 101 rounds to 100
        assert {r.area: r.value for r in values(own)}["GM0001"] == 400.0
    assert draft.changes["values"]["wmo_clienten"]["changed"] == 2
    assert {c["cause"] for c in draft.changes["values"]["wmo_clienten"]["sample"]} == {"revision"}
    builder.switch(draft)
    first.refresh_from_db()
    assert (first.state, Publication.objects.get(number=draft.number).state) == (State.SUPERSEDED, State.LIVE)


def test_an_earlier_publication_stays_readable_by_number():
    own, _ = _world()
    _load("wmo_clienten", WIJKEN)
    first = publish()
    _load("wmo_clienten", {**WIJKEN, "WK000102": 150.0, "GM0001": 450.0})
    second = publish()
    with context.use(first.number):
        assert {r.area: r.value for r in values(own)}["WK000102"] == 100.0
    with context.use(second.number):
        assert {r.area: r.value for r in values(own)}["WK000102"] == 150.0
        history = earlier_versions(own, ["WK000102"])
    assert [(h["area"], h["value"], h["replaced_by_publication"]) for h in history] == [
        ("WK000102", 100.0, second.number)
    ]
    # Only the changed rows were written again.
    assert PublishedValue.objects.filter(indicator=own).count() == 5 + 2


def test_republishing_protects_only_what_changed():
    _own, _cbs = _world()
    _load("wmo_clienten", WIJKEN)
    _load("inwoners", {"GM0001": 4000.0})
    publish()
    _load("inwoners", {"GM0001": 4100.0})
    second = publish()
    rebuilt = dict(
        PublishedIndicator.objects.filter(publication=second).values_list("indicator__code", "rebuilt")
    )
    assert rebuilt == {"wmo_clienten": False, "inwoners": True}
    assert second.summary["rebuilt"] == 1


def test_nothing_changed_makes_no_new_publication():
    _world()
    _load("wmo_clienten", WIJKEN)
    first = publish()
    assert publish().number == first.number
    assert builder.pending() == {}


def test_a_definition_change_reaches_the_public_with_the_next_publication(client):
    own, _ = _world()
    _load("wmo_clienten", WIJKEN)
    publish()
    own.decimals = 2
    own.name = "Cliënten Wmo (nieuwe naam)"
    own.save()
    page = client.get("/api/v1/indicators/wmo_clienten").json()
    assert page["name"] == "Wmo-cliënten" and page["decimals"] == 0  # still as published
    assert builder.pending()["indicators"] == ["wmo_clienten"]
    second = publish()
    page = client.get("/api/v1/indicators/wmo_clienten").json()
    assert page["name"] == "Cliënten Wmo (nieuwe naam)" and page["decimals"] == 2
    causes = second.changes["values"]["wmo_clienten"]["causes"]
    assert causes == {} or set(causes) == {"definition"}


def test_a_cell_hidden_in_a_readable_publication_stays_hidden():
    own, _ = _world()
    _load("wmo_clienten", {**WIJKEN, "WK000101": 5.0, "GM0001": 305.0})
    first = publish()
    hidden = {
        v.area.code for v in PublishedValue.objects.filter(indicator=own, secret=True).select_related("area")
    }
    assert hidden == {"WK000101", "WK000102"}  # the small wijk and its complement
    _load("wmo_clienten", {**WIJKEN, "WK000101": 60.0, "GM0001": 360.0})  # corrected: no longer small
    publish()
    shown = {r.area: r for r in values(own)}
    assert shown["WK000101"].secret and shown["WK000102"].secret
    assert (
        PublishedValue.objects.get(indicator=own, area__code="WK000101", until__isnull=True).reason
        == Reason.CARRIED
    )
    # Only withdrawing every publication that hid it lifts the constraint (the second one carried it).
    Publication.objects.filter(number=first.number).update(state=State.WITHDRAWN)
    publish(full=True)
    assert {r.area: r for r in values(own)}["WK000101"].secret
    Publication.objects.exclude(number=first.number).update(state=State.WITHDRAWN)
    publish(full=True)
    assert not {r.area: r for r in values(own)}["WK000101"].secret


def test_a_sibling_shown_before_protects_nothing_so_the_changed_total_is_hidden():
    own, _ = _world()
    Area.objects.filter(code__in=["WK000103", "WK000104"]).delete()
    _load("wmo_clienten", {"GM0001": 161.0, "WK000101": 101.0, "WK000102": 60.0})
    publish()
    # WK000101 drops to 1 person; WK000102 (unchanged, 60) was shown before: hiding it would not help.
    _load("wmo_clienten", {"GM0001": 61.0, "WK000101": 1.0})
    publish()
    shown = {r.area: r for r in values(own)}
    assert shown["WK000101"].secret and shown["GM0001"].secret
    assert shown["WK000102"].value == 60.0


def test_a_publication_that_would_expose_a_cell_is_refused():
    """An earlier publication showed the exact figure (the indicator was wrongly marked as CBS data):
    protecting it now cannot undo that, and the audit says so instead of publishing as if it could."""
    own, _ = _world()
    own.provider = "cbs"
    own.save()
    Area.objects.filter(code__in=["WK000103", "WK000104"]).delete()
    _load("wmo_clienten", {"GM0001": 63.0, "WK000101": 3.0, "WK000102": 60.0})
    live = publish()
    assert {r.area: r.value for r in values(own)}["WK000101"] == 3.0
    own.provider = "own"
    own.save()
    with pytest.raises(builder.PublicationRefused, match="WK000101"):
        publish()
    failed = Publication.objects.order_by("-number").first()
    assert failed.state == State.FAILED and "WK000101" in failed.error
    assert Publication.objects.get(state=State.LIVE).number == live.number
    assert not PublishedValue.objects.filter(since=failed.number).exists()
    # Withdrawing the publication that showed it lets the correction through.
    Publication.objects.filter(number=live.number).update(state=State.WITHDRAWN)
    publish()
    assert {r.area: r.secret for r in values(own)}["WK000101"] is True


def test_the_same_input_gives_the_same_publication():
    _own, _ = _world()
    _load("wmo_clienten", {**WIJKEN, "WK000101": 3.0, "WK000103": 6.0, "GM0001": 209.0})
    first = publish()
    rows_first = list(
        PublishedValue.objects.filter(since=first.number)
        .order_by("area__code")
        .values_list("area__code", "value", "secret", "reason", "protects")
    )
    builder.store.clear_all()
    second = publish()
    rows_second = list(
        PublishedValue.objects.filter(since=second.number)
        .order_by("area__code")
        .values_list("area__code", "value", "secret", "reason", "protects")
    )
    assert rows_first == rows_second


def test_a_membership_change_rebuilds_every_additive_table():
    _own, _cbs = _world()
    region = Area.objects.create(code="JZ01", name="Jeugdregio", level="JZ")
    _load("wmo_clienten", WIJKEN)
    _load("inwoners", {"GM0001": 4000.0})
    publish()
    AreaMembership.objects.create(
        area=Area.objects.get(code="GM0001"), kind="jeugdregio", year=2024, group_code="JZ01", group=region
    )
    second = publish()
    rebuilt = dict(
        PublishedIndicator.objects.filter(publication=second).values_list("indicator__code", "rebuilt")
    )
    assert rebuilt == {"wmo_clienten": True, "inwoners": False}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="uses a second process on the test's SQLite file")
def test_a_killed_build_leaves_the_live_publication_and_the_next_build_completes(tmp_path, settings):
    own, _ = _world()
    _load("wmo_clienten", WIJKEN)
    live = publish()
    _load("wmo_clienten", {**WIJKEN, "WK000102": 120.0, "GM0001": 420.0})
    # A build that died: rows written for number live+1, then the process was killed.
    dead = Publication.objects.create(number=live.number + 1, state=State.BUILDING, process="elders:1")
    PublishedValue.objects.filter(indicator=own, area__code="WK000102", until__isnull=True).update(
        until=dead.number
    )
    assert {r.area: r.value for r in values(own)}["WK000102"] == 100.0  # the live one reads as before
    Publication.objects.filter(pk=dead.pk).update(heartbeat=None)
    after = publish()
    dead.refresh_from_db()
    assert dead.state == State.FAILED and "gestopt" in dead.error
    assert after.number == dead.number + 1
    assert {r.area: r.value for r in values(own)}["WK000102"] == 120.0


def test_a_first_publication_builds_the_index_by_area_once_at_the_end(monkeypatch):
    """While no publication is live, the index by area is left out during the writing and built after it
    (one sort instead of rewriting it for every indicator); later builds write with every index present."""
    _world()
    _load("wmo_clienten", WIJKEN)
    present_while_writing: list[bool] = []
    write = builder.store.write_indicator

    def spy(*args, **kwargs):
        present_while_writing.append("pubvalue_area" in builder.store._existing_indexes())
        return write(*args, **kwargs)

    monkeypatch.setattr(builder.store, "write_indicator", spy)
    publish()
    assert present_while_writing and not any(present_while_writing)
    assert {i.name for i in PublishedValue._meta.indexes} <= builder.store._existing_indexes()
    present_while_writing.clear()
    _load("wmo_clienten", {**WIJKEN, "WK000101": 120.0})
    publish()
    assert present_while_writing and all(present_while_writing)  # a live publication is read meanwhile


def test_an_index_left_out_by_a_build_that_died_is_built_again():
    _world()
    _load("wmo_clienten", WIJKEN)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX pubvalue_area")  # as a first build killed while writing leaves it
    assert "pubvalue_area" not in builder.store._existing_indexes()
    builder.recover()  # what `serve` does at start
    assert "pubvalue_area" in builder.store._existing_indexes()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX pubvalue_area")
    publish()  # and every build
    assert {i.name for i in PublishedValue._meta.indexes} <= builder.store._existing_indexes()


def test_the_delivery_date_of_an_unregistered_source_is_the_one_its_publication_recorded():
    """Pages show when an indicator outside the sources register was last delivered as their publication
    recorded it (``PublishedIndicator.delivered_at``), not by aggregating the working store: an import
    that is not published yet does not change it, publishing it does."""
    import datetime as dt

    from kwaliteitsmonitor.indicators.models import ImportRun
    from kwaliteitsmonitor.publications.queries import delivered
    from kwaliteitsmonitor.sources.quality import facts

    own, cbs = _world()
    _load("wmo_clienten", WIJKEN)
    first_day = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    ImportRun.objects.update(retrieved_at=first_day)
    publish()
    later_day = dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC)
    run = start_run("test", "x")
    ImportRun.objects.filter(pk=run.pk).update(retrieved_at=later_day)
    load_observations([R("wmo_clienten", "GM0001", "2025JJ00", 410.0)], run)

    assert delivered([own, cbs]) == {own.pk: first_day, cbs.pk: None}  # cbs: never imported
    [fact] = facts([own], delivered=delivered)[own.code]
    assert (fact["retrieved_on"], fact["kind"]) == ("2026-03-02", "niet in het bronnenregister")
    [working] = facts([own])[own.code]  # the working store already has the newer delivery
    assert working["retrieved_on"] == "2026-09-14"

    publish()
    assert delivered([own]) == {own.pk: later_day}
    [fact] = facts([own], delivered=delivered)[own.code]
    assert fact["retrieved_on"] == "2026-09-14"


def test_a_build_that_wrote_many_rows_refreshes_the_planner_statistics(monkeypatch):
    """On PostgreSQL a build that wrote many rows runs ANALYZE before its pages are rendered (the planner
    otherwise keeps the statistics of an empty table and reads every row of an indicator); SQLite needs
    none. The threshold is lowered so the test's small publication counts as many rows."""
    from kwaliteitsmonitor.publications import store
    from kwaliteitsmonitor.publications.models import PublishedValue

    _world()
    _load("wmo_clienten", WIJKEN)
    monkeypatch.setattr(store, "ANALYZE_AFTER_ROWS", 1)
    ran: list[int] = []
    original = store.refresh_statistics
    monkeypatch.setattr(store, "refresh_statistics", lambda written: ran.append(written) or original(written))
    publish()
    assert ran and ran[0] >= len(WIJKEN)  # called with the rows the build wrote
    rows = PublishedValue.objects.count()
    if connection.vendor != "postgresql":
        assert store.refresh_statistics(rows) is False
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [PublishedValue._meta.db_table])
        [(estimate,)] = cursor.fetchall()
    assert estimate == rows  # ANALYZE counted the table (a table never analysed says -1)
    assert store.refresh_statistics(store.ANALYZE_AFTER_ROWS - 1) is False


def test_a_comparison_made_before_an_indicator_had_values_is_made_again_after_its_first_values():
    """A stored figure records the indicators it read and is kept by the next publication when none of
    them changed. A comparison that found no value for its indicator read no row of it; it must still
    depend on that indicator, or the first import of its values would leave the figure at "no value"."""
    from kwaliteitsmonitor.publications import insights
    from kwaliteitsmonitor.publications.models import PublishedFigure

    own, _cbs = _world()
    _load("inwoners", {"GM0001": 1000.0})
    first = publish()
    gm = Area.objects.get(code="GM0001")
    with context.use(first.number, building=True):
        empty = insights.comparisons_for_indicators([own], gm)
        insights.indicator_comparisons(own, gm, None)
    assert empty["wmo_clienten"]["period"] is None
    stored = PublishedFigure.objects.filter(publication=first)
    assert stored.count() == 2 and all("wmo_clienten" in f.depends for f in stored)

    _load("wmo_clienten", WIJKEN)
    second = publish()
    assert second.summary["figures_kept"] == 0  # both depended on the indicator that got its values
    with context.use(second.number, building=True):
        assert insights.comparisons_for_indicators([own], gm)["wmo_clienten"]["period"] == "2024JJ00"


def test_a_figure_that_cannot_be_made_is_stored_as_a_refusal_and_kept_until_what_it_looked_for_changes(
    settings,
):
    """ "Geen vergelijkbare wijken: kenmerk X is niet gepubliceerd" is an outcome of the publication like
    any figure: stored, raised again as the same class with the same message on every read, kept by the
    next publication, and made again once the indicator it looked for exists."""
    from kwaliteitsmonitor.publications import figures, insights
    from kwaliteitsmonitor.publications.insights_similar import UnknownCharacteristic
    from kwaliteitsmonitor.publications.models import PublishedFigure

    settings.KM_SIMILAR_CHARACTERISTICS = "wmo_clienten,bev_65plus"
    _world()
    _load("wmo_clienten", WIJKEN)
    first = publish()
    wijk = Area.objects.get(code="WK000101")
    with context.use(first.number, building=True), pytest.raises(UnknownCharacteristic) as made:
        insights.similar_areas(wijk)
    refusal = PublishedFigure.objects.get(publication=first, kind="similar")
    assert refusal.payload == {"niet_beschikbaar": "UnknownCharacteristic", "message": str(made.value)}
    assert "bev_65plus" in refusal.depends  # it looked for that indicator and did not find it
    with context.use(first.number), pytest.raises(UnknownCharacteristic) as read:
        insights.similar_areas(wijk)  # read from the store: the same class, the same words
    assert str(read.value) == str(made.value) and isinstance(read.value, figures.Unavailable)

    _load("inwoners", {"GM0001": 1000.0})  # an indicator it did not look for
    second = publish()
    assert second.summary["figures_kept"] >= 1
    assert PublishedFigure.objects.filter(publication=second, kind="similar").count() == 1  # kept

    Indicator.objects.create(code="bev_65plus", name="65-plussers", unit="count", provider="cbs")
    _load("bev_65plus", {"GM0001": 50.0, "WK000101": 10.0, "WK000102": 10.0})
    third = publish()
    assert not PublishedFigure.objects.filter(publication=third, kind="similar").exists()  # made again

    settings.KM_SIMILAR_CHARACTERISTICS = "bev_65plus"  # another setting is another figure
    with context.use(third.number, building=True):
        insights.similar_areas(wijk)
    assert PublishedFigure.objects.filter(publication=third, kind="similar").count() == 1
