# SPDX-License-Identifier: EUPL-1.2
"""Snapshots: freezing, serving byte for byte, pre-release, corrections, the pinned publication."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from django.core.exceptions import ValidationError

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import EffortProgress, Goal, ReportPeriod
from kwaliteitsmonitor.indicators.load import finish_run, load_observations, start_run
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.build import build
from kwaliteitsmonitor.publications.models import Publication, State
from kwaliteitsmonitor.publications.testing import publish
from kwaliteitsmonitor.snapshots import amend, freeze, frozen
from kwaliteitsmonitor.snapshots.models import FrozenPage, Snapshot, Stage

pytestmark = pytest.mark.django_db

DOEL = "/opgave/inrichting-sociaal-domein/sterke-sociale-basis/"


def load(*records: ObservationRecord) -> None:
    run = start_run("test", "snapshot")
    result = load_observations(list(records), run)
    assert result.ok, result.errors
    finish_run(run, result)


def make(name: str = "Najaarsnota 2026", public: bool = True, **kwargs) -> Snapshot:
    snapshot = freeze.freeze(name, dt.date(2026, 11, 1), **kwargs)
    if public:
        amend.make_public(snapshot)
    return snapshot


def url(snapshot: Snapshot, path: str = "") -> str:
    return f"/rapportages/{snapshot.slug}/{path.lstrip('/')}"


def test_freezing_needs_a_live_publication(db):
    with pytest.raises(freeze.FreezeRefused, match="nog geen gepubliceerde publicatie"):
        freeze.freeze("Voorjaarsnota 2026")
    assert not Snapshot.objects.exists()


def test_freezing_refuses_while_a_newer_draft_waits(world):
    build(actor="test", publish=False, warm_cache=False, render=False, full=True)
    draft = Publication.objects.get(state=State.DRAFT)
    with pytest.raises(freeze.FreezeRefused, match=f"Publicatie {draft.number} is nieuwer"):
        freeze.freeze("Najaarsnota 2026")
    assert make(ignore_draft=True).publication.state == State.LIVE


def test_a_name_and_a_unique_slug_are_required(world):
    with pytest.raises(freeze.FreezeRefused, match="veld naam"):
        freeze.freeze("  ")
    make()
    with pytest.raises(freeze.FreezeRefused, match="al een rapportage"):
        freeze.freeze("Najaarsnota 2026")


def test_every_public_page_type_is_frozen_with_links_inside_the_snapshot(world, client):
    snapshot = make()
    paths = set(FrozenPage.objects.filter(snapshot=snapshot).values_list("path", flat=True))
    for path in ("/", "/index.json", DOEL, DOEL[:-1] + ".json", "/opgave/inrichting-sociaal-domein/",
                 "/indicator/participatie/", "/indicator/participatie.json", "/stand/", "/wijken/",
                 "/beelden/", "/indicator/"):  # fmt: skip
        assert path in paths, path
    assert any(p.startswith("/wijk/") for p in paths)
    assert any(p.startswith("/grafiek/") for p in paths)
    home = client.get(url(snapshot)).content.decode()
    assert f'href="/rapportages/{snapshot.slug}/opgave/inrichting-sociaal-domein/"' in home
    assert "Stand van 1 november 2026 — Najaarsnota 2026." in home
    assert 'href="/">Deze pagina in de actuele monitor</a>' in home
    assert 'href="/opgave/inrichting-sociaal-domein/"' not in home  # no link out of the snapshot by accident
    data = client.get(url(snapshot, DOEL[:-1] + ".json")).json()
    assert data["url"] == url(snapshot, DOEL)
    assert data["results"][0]["indicator"]["url"] == url(snapshot, "/indicator/participatie/")


def test_a_snapshot_page_stays_byte_identical_after_an_import_and_an_edit(world, client):
    snapshot = make()
    before = {
        p: client.get(url(snapshot, p)).content for p in (DOEL, "/indicator/participatie/", "/index.json")
    }
    live_before = client.get(DOEL).content
    # an import that changes the figures, a new title for the doel, new progress for the inspanning
    load(ObservationRecord("participatie", "GM9001", "2024JJ00", 9.4, status="definitief"))
    publish()
    Goal.objects.filter(pk=world["goal"].pk).update(title="Een nieuwe titel voor het doel")
    autumn = ReportPeriod.objects.create(
        name="Najaarsnota 2025", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 9, 30)
    )
    EffortProgress.objects.create(
        effort=world["goal"].efforts.get(), report_period=autumn, status="in_progress", progress=70
    )
    publish()
    for path, body in before.items():
        response = client.get(url(snapshot, path))
        assert response.content == body, path
        stored = frozen.page(snapshot, path)
        assert response["X-Frozen-SHA256"] == stored.sha256 == hashlib.sha256(bytes(stored.body)).hexdigest()
    live_after = client.get(DOEL).content
    assert live_after != live_before
    assert b"Een nieuwe titel voor het doel" in live_after
    assert b"Een nieuwe titel voor het doel" not in before[DOEL]
    assert b"9,4" in client.get("/indicator/participatie/").content


def _cells(xlsx: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_charts_and_downloads_are_frozen_as_recipes_and_made_once_on_first_request(
    world, client, monkeypatch
):
    """A chart is frozen as its spec and a download as its table with notes; the file is made on its
    first request from that recipe: what the live monitor served at the moment of freezing, also when
    that request comes after an import that changed the figures, and made only once."""
    snapshot = make()
    rows = list(FrozenPage.objects.filter(snapshot=snapshot, recipe__isnull=False).order_by("path"))
    assert {row.path.rsplit(".", 1)[1] for row in rows} == {"svg", "png", "csv", "xlsx"}
    assert all(row.sha256 == "" and bytes(row.body) == b"" for row in rows)  # nothing made while freezing
    host = {"HTTP_HOST": freeze._host()}
    live = {row.path: client.get(row.path, **host).content for row in rows}
    load(ObservationRecord("participatie", "GM9001", "2024JJ00", 9.4, status="definitief"))
    publish()
    changed = [row.path for row in rows if client.get(row.path, **host).content != live[row.path]]
    assert any(path.endswith(".csv") for path in changed)  # the live downloads moved on

    for row in rows:
        response = client.get(url(snapshot, row.path))
        assert response.status_code == 200 and response["Content-Type"] == row.content_type, row.path
        if row.path.endswith(".xlsx"):  # a workbook records when it was written; its cells are the same
            assert _cells(response.content) == _cells(live[row.path]), row.path
        else:
            assert response.content == live[row.path], row.path
        stored = FrozenPage.objects.get(pk=row.pk)
        assert stored.sha256 == hashlib.sha256(bytes(stored.body)).hexdigest() == response["X-Frozen-SHA256"]
        assert bytes(stored.body) == response.content

    def never(recipe):
        raise AssertionError("made twice")

    monkeypatch.setattr(frozen, "make", never)
    for row in rows:
        assert client.get(url(snapshot, row.path)).content == bytes(FrozenPage.objects.get(pk=row.pk).body)


def test_a_recipe_is_stored_once_when_two_requests_make_it_at_the_same_time(world):
    snapshot = make()
    row = FrozenPage.objects.filter(snapshot=snapshot, path__endswith=".csv").first()
    other = FrozenPage.objects.get(pk=row.pk)  # a second request that read the row before the first stored
    first = frozen.materialise(row)
    FrozenPage.objects.filter(pk=row.pk).update(body=b"eerst opgeslagen")  # what the first one stored
    assert frozen.materialise(other) == b"eerst opgeslagen"  # the second one serves the stored bytes
    assert first.startswith("\ufeff".encode())


def test_duiding_goes_where_the_marker_is(world, client, monkeypatch):
    snapshot = make()
    stored = bytes(frozen.page(snapshot, DOEL).body).decode()
    marker = f"<!--km:duiding goal={world['goal'].pk}-->"
    assert marker in stored
    indicator_marker = f"<!--km:duiding indicator={world['score'].pk}-->"
    assert indicator_marker in bytes(frozen.page(snapshot, "/indicator/participatie/").body).decode()
    served = client.get(url(snapshot, DOEL)).content.decode()
    assert marker not in served  # replaced by snapshot_blocks (empty until the duiding is wired in)
    monkeypatch.setattr(
        frozen, "snapshot_blocks", lambda s, kind, pk: f"<p>duiding {kind} {pk} van {s.slug}</p>"
    )
    served = client.get(url(snapshot, DOEL)).content.decode()
    assert f"<p>duiding goal {world['goal'].pk} van {snapshot.slug}</p>" in served
    assert served.index("duiding goal") < served.index("</main>")


def test_page_json_for_the_report(world):
    snapshot = make()
    data = frozen.page_json(snapshot, DOEL.strip("/") + ".json")
    assert data is not None and data["page"] == "doel" and data["goal"]["title"] == world["goal"].title
    assert frozen.page_json(snapshot, "opgave/bestaat/niet.json") is None
    assert frozen.page_json(snapshot, DOEL) is None  # the HTML page is not JSON


def test_a_page_outside_the_snapshot_is_a_dutch_404_with_a_link_to_the_current_page(world, client):
    snapshot = make()
    response = client.get(url(snapshot, "/zoeken/?q=zorg"))
    assert response.status_code in (200, 404)
    response = client.get(url(snapshot, "/indicator/bestaat-niet/"))
    assert response.status_code == 404
    text = response.content.decode()
    assert "Niet in deze rapportage" in text and 'href="/indicator/bestaat-niet/"' in text
    assert client.get("/rapportages/bestaat-niet/").status_code == 404


def test_pre_release_is_for_raadsleden_and_staff_only(world, client):
    snapshot = make(public=False)
    assert snapshot.stage == Stage.PRERELEASE
    assert client.get(url(snapshot)).status_code == 404
    assert client.get(url(snapshot, "wat-is-er-veranderd/")).status_code == 404
    assert snapshot.name not in client.get("/rapportages/").content.decode()
    partner = make_user("partner", "partner")
    login_verified(client, partner)
    assert client.get(url(snapshot)).status_code == 404
    raadslid = make_user("raadslid", "raadslid")
    login_verified(client, raadslid)
    response = client.get(url(snapshot))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert snapshot.name in client.get("/rapportages/").content.decode()
    client.logout()
    amend.make_public(snapshot)
    response = client.get(url(snapshot))
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
    assert snapshot.name in client.get("/rapportages/").content.decode()


def test_a_correction_is_public_and_keeps_the_old_bytes(world, client):
    snapshot = make()
    old = bytes(frozen.page(snapshot, DOEL).body)
    Goal.objects.filter(pk=world["goal"].pk).update(title="Gecorrigeerde titel")
    publish()
    correction = amend.amend(
        snapshot, "De titel van doel 1 was verkeerd.", dt.date(2026, 11, 20), paths=[DOEL]
    )
    page = client.get(url(snapshot, "/stand/")).content.decode()
    assert (
        "Correctie na publicatie" in page
        and "20 november 2026:</strong> De titel van doel 1 was verkeerd." in page
    )
    doel = client.get(url(snapshot, DOEL)).content.decode()
    assert "Gecorrigeerde titel" in doel and "Stand van 1 november 2026" in doel
    kept = FrozenPage.objects.get(snapshot=snapshot, path=DOEL, replaced=True)
    assert bytes(kept.body) == old
    assert correction.paths == [DOEL] and correction.publication.state == State.LIVE
    with pytest.raises(freeze.FreezeRefused, match="Toelichting"):
        amend.amend(snapshot, " ")
    with pytest.raises(freeze.FreezeRefused, match="horen niet bij de rapportage"):
        amend.amend(snapshot, "x", paths=["/bestaat/niet/"])


def test_the_pinned_publication_cannot_be_withdrawn_or_deleted(world):
    snapshot = make()
    load(ObservationRecord("participatie", "GM9001", "2024JJ00", 9.4, status="definitief"))
    publish()
    pinned = Publication.objects.get(pk=snapshot.publication.pk)
    assert pinned.state == State.SUPERSEDED
    pinned.state = State.WITHDRAWN
    with pytest.raises(ValidationError, match="bevroren in de rapportage Najaarsnota 2026"):
        pinned.save()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Publication.objects.filter(pk=pinned.pk).delete()


def test_the_list_links_every_public_snapshot_and_home_links_the_list(world, client):
    snapshot = make()
    text = client.get("/rapportages/").content.decode()
    assert f'href="/rapportages/{snapshot.slug}/"' in text
    assert f'href="/rapportages/{snapshot.slug}/wat-is-er-veranderd/"' in text
    assert 'href="/rapportages/"' in client.get("/").content.decode()
    listed = client.get("/rapportages/index.json").json()["snapshots"]
    assert [s["slug"] for s in listed] == [snapshot.slug]


def test_a_failed_freeze_leaves_no_pages(world, monkeypatch):
    from kwaliteitsmonitor.snapshots import changes

    def broken(snapshot):
        raise RuntimeError("kapot")

    monkeypatch.setattr(changes, "compute", broken)
    with pytest.raises(RuntimeError):
        freeze.freeze("Najaarsnota 2026")
    snapshot = Snapshot.objects.get()
    assert snapshot.stage == Stage.FAILED and "kapot" in snapshot.error
    assert not FrozenPage.objects.exists()


def test_json_twins_are_valid_json(world):
    snapshot = make()
    for body in FrozenPage.objects.filter(snapshot=snapshot, path__endswith=".json").values_list(
        "body", flat=True
    ):
        json.loads(bytes(body))


def test_the_demo_clearing_every_publication_clears_the_snapshots(world):
    from kwaliteitsmonitor.publications.store import clear_all

    first = make("Voorjaarsnota 2026")
    amend.amend(first, "Een correctie.")
    load(ObservationRecord("participatie", "GM9001", "2024JJ00", 9.4, status="definitief"))
    publish()
    make("Najaarsnota 2026")
    clear_all()
    assert not Snapshot.objects.exists() and not FrozenPage.objects.exists()
    assert not Publication.objects.exists()


def test_the_live_publication_is_read_as_a_visitor_reads_it_and_a_switch_meanwhile_reads_again(
    world, monkeypatch
):
    """Freezing the live publication reads pages as a visitor does (the page cache that publishing warmed
    may answer); when another publication goes live during the crawl, it reads everything again, pinned."""
    from kwaliteitsmonitor.publications import context as publication_context

    live = Publication.objects.get(state=State.LIVE).number
    assert freeze._reading(live, pinned=False)[1] is True
    assert freeze._reading(live, pinned=True)[1] is False
    assert freeze._reading(live + 1, pinned=False)[1] is False

    real_crawl, crawls = freeze.crawl, []

    def crawl(*args, **kwargs):  # another publication goes live while the first crawl reads
        crawls.append(kwargs.get("pinned", False))
        if len(crawls) == 1:  # live when the crawl starts, another one when it ends
            answers = iter([live])
            monkeypatch.setattr(publication_context, "live_number", lambda: next(answers, live + 1))
        summary = real_crawl(*args, **kwargs)
        monkeypatch.setattr(publication_context, "live_number", lambda: live)
        return summary

    monkeypatch.setattr(freeze, "crawl", crawl)
    snapshot = make()
    paths = list(FrozenPage.objects.filter(snapshot=snapshot).values_list("path", flat=True))
    assert crawls == [False, True]  # read as a visitor, then again pinned to its own publication
    assert len(paths) == len(set(paths)) and DOEL in paths and snapshot.stage == Stage.PUBLIC


def test_an_unapproved_process_round_is_in_no_frozen_page(world):
    """Issue 13: what a region filled in but the adviser did not approve is on no public page, so on no
    page of a rapportage either; the approved round is."""
    from kwaliteitsmonitor.processes.models import SubThemeStatus
    from kwaliteitsmonitor.processes.testing import small_monitor

    found = small_monitor()
    region = found["regions"]["Eigenstad"]
    SubThemeStatus.objects.create(
        round=found["open"], region=region, sub_theme=found["subs"][0], status="done_on_track",
        explanation="Concepttekst die niemand mag zien",
    )  # fmt: skip
    snapshot = make()
    # every file as it is served: charts and downloads made from their recipes
    bodies = [frozen.materialise(row) for row in FrozenPage.objects.filter(snapshot=snapshot)]
    assert any(b"Eerder: Woningen" in body for body in bodies)  # the approved round is frozen
    assert not any(b"Concepttekst die niemand mag zien" in body for body in bodies)
    assert not any(b"Najaar 2026" in body for body in bodies if b"beschermd-thuis" in body)
