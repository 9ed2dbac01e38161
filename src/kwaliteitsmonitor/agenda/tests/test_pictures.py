# SPDX-License-Identifier: EUPL-1.2
"""Beelden in the agenda: one per opgave, parts that stay inside their agenda, links that survive
deletion of what they point to, and the admin to edit them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kwaliteitsmonitor.agenda.models import Agenda, Effort, Goal, Picture, PictureItem, Theme
from kwaliteitsmonitor.agenda.models import PictureItemKind as K
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def make_agenda(code: str, slug: str) -> tuple[Theme, Goal, Effort]:
    area = Area.objects.create(code=code, name=f"Gemeente {code}", level="GM")
    agenda = Agenda.objects.create(organisation=area.name, area=area, start_year=2023, end_year=2027)
    theme = Theme.objects.create(agenda=agenda, slug=slug, title=slug.title())
    goal = Goal.objects.create(theme=theme, slug=f"{slug}-doel", title="Doel")
    return theme, goal, Effort.objects.create(goal=goal, title="Inspanning")


@pytest.fixture
def two_agendas():
    own = make_agenda("GM9001", "zorg")
    other = make_agenda("GM9002", "elders")
    sibling = Theme.objects.create(agenda=own[0].agenda, slug="wonen", title="Wonen")
    return own, other, sibling


def test_one_beeld_per_opgave(two_agendas):
    (theme, _, _), _, _ = two_agendas
    picture = Picture.objects.create(theme=theme)
    assert str(picture) == "Beeld: Zorg" and theme.picture == picture
    with transaction.atomic(), pytest.raises(IntegrityError):
        Picture.objects.create(theme=theme)


def test_links_must_stay_inside_the_agenda_of_the_beeld(two_agendas):
    (theme, _, effort), (_, other_goal, other_effort), sibling = two_agendas
    picture = Picture.objects.create(theme=theme)
    item = PictureItem(
        picture=picture, kind=K.INTERVENTION, title="Huiskamer", effort=other_effort, goal=other_goal
    )
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert raised.value.message_dict == {
        "effort": ["Kies een inspanning uit dezelfde agenda als het beeld."],
        "goal": ["Kies een doel uit dezelfde agenda als het beeld."],
    }
    # Another opgave of the same agenda is fine: beelden refer to each other.
    sibling_goal = Goal.objects.create(theme=sibling, slug="wonen-doel", title="Wonen")
    PictureItem(
        picture=picture, kind=K.EFFECT, title="Langer thuis", effort=effort, goal=sibling_goal
    ).full_clean()
    PictureItem(picture=picture, kind=K.EFFECT, title="Zonder koppeling").full_clean()


def test_kind_must_be_one_of_the_parts(two_agendas):
    (theme, _, _), _, _ = two_agendas
    picture = Picture.objects.create(theme=theme)
    with pytest.raises(ValidationError) as raised:
        PictureItem(picture=picture, kind="wens", title="Iets").full_clean()
    assert list(raised.value.message_dict) == ["kind"]
    assert str(PictureItem(picture=picture, kind=K.LEVER, title="Verordening")) == "Stuurknop: Verordening"


def test_deleting_a_linked_record_keeps_the_part_and_deleting_the_opgave_removes_the_beeld(two_agendas):
    (theme, goal, effort), _, _ = two_agendas
    indicator = Indicator.objects.create(code="x", name="X", unit="count")
    picture = Picture.objects.create(theme=theme)
    item = PictureItem.objects.create(
        picture=picture, kind=K.MONITORING, title="Meting", indicator=indicator, effort=effort, goal=goal
    )
    indicator.delete()
    effort.delete()
    goal.delete()
    item.refresh_from_db()
    assert (item.title, item.indicator_id, item.effort_id, item.goal_id) == ("Meting", None, None, None)
    theme.delete()
    assert not Picture.objects.exists() and not PictureItem.objects.exists()


def test_admin_edits_a_beeld_with_its_parts_inline(two_agendas, admin_client):
    (theme, goal, effort), _, _ = two_agendas
    picture = Picture.objects.create(theme=theme, summary="Samenvatting")
    PictureItem.objects.create(picture=picture, kind=K.INTERVENTION, title="Huiskamer", effort=effort)
    listing = admin_client.get("/beheer/agenda/picture/")
    assert listing.status_code == 200
    page = admin_client.get(f"/beheer/agenda/picture/{picture.pk}/change/").content.decode()
    for label in (
        "Onderdelen van een beeld",
        "Soort",
        "Stuurknop",
        "Rol van het wijkteam",
        "Inspanning",
        "Opgesteld met",
    ):
        assert label in page, label
    form = {
        "theme": theme.pk, "summary": "Nieuw", "participants": "", "reflection": "", "drawn_up_on": "2025-03-12",
        "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "1", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": picture.items.get().pk, "items-0-picture": picture.pk, "items-0-kind": "intervention",
        "items-0-order": "1", "items-0-title": "Huiskamer", "items-0-text": "", "items-0-effort": effort.pk,
        "items-0-indicator": "", "items-0-goal": "",
        "items-1-picture": picture.pk, "items-1-kind": "effect", "items-1-order": "1",
        "items-1-title": "Minder eenzaamheid", "items-1-text": "", "items-1-effort": "", "items-1-indicator": "",
        "items-1-goal": goal.pk,
    }  # fmt: skip
    response = admin_client.post(f"/beheer/agenda/picture/{picture.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    picture.refresh_from_db()
    assert picture.summary == "Nieuw"
    assert list(picture.items.order_by("kind").values_list("kind", "title", "goal_id")) == [
        ("effect", "Minder eenzaamheid", goal.pk), ("intervention", "Huiskamer", None),
    ]  # fmt: skip


def test_admin_refuses_a_part_linked_to_another_agenda(two_agendas, admin_client):
    (theme, _, _), (_, _, other_effort), _ = two_agendas
    picture = Picture.objects.create(theme=theme)
    form = {
        "theme": theme.pk, "summary": "", "participants": "", "reflection": "", "drawn_up_on": "",
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000", "items-0-picture": picture.pk, "items-0-kind": "intervention",
        "items-0-order": "1", "items-0-title": "Elders", "items-0-text": "", "items-0-effort": other_effort.pk,
        "items-0-indicator": "", "items-0-goal": "",
    }  # fmt: skip
    response = admin_client.post(f"/beheer/agenda/picture/{picture.pk}/change/", form)
    assert response.status_code == 200
    assert "Kies een inspanning uit dezelfde agenda als het beeld." in response.content.decode()
    assert not picture.items.exists()


def test_a_doel_cannot_take_the_slug_of_the_beeld_page(two_agendas):
    (_, goal, _), _, _ = two_agendas
    goal.slug = "beeld"
    with pytest.raises(ValidationError) as raised:
        goal.full_clean()
    assert "andere pagina" in str(raised.value.message_dict["slug"])
    goal.slug = "beeldvorming"
    goal.full_clean()  # only the exact path is taken
