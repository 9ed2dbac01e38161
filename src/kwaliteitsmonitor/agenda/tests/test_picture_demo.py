# SPDX-License-Identifier: EUPL-1.2
"""The demo has a beeld for every opgave, linked to its own inspanningen and indicators; it is written
the same way on every run and removed with the rest of the demo."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.agenda.models import Picture, PictureItem, PictureItemKind, Theme
from kwaliteitsmonitor.demo.generator import load_demo
from kwaliteitsmonitor.demo.pictures import PICTURES
from kwaliteitsmonitor.demo.store import clear_demo

pytestmark = pytest.mark.django_db


def fingerprint() -> list[tuple]:
    """Everything the demo writes for the beelden, by natural keys (no ids)."""
    pictures = Picture.objects.values_list(
        "theme__slug", "summary", "participants", "reflection", "drawn_up_on"
    )
    items = PictureItem.objects.values_list(
        "picture__theme__slug",
        "kind",
        "order",
        "title",
        "text",
        "effort__title",
        "indicator__code",
        "goal__slug",
    )
    return sorted(pictures) + sorted(items, key=repr)


def test_every_opgave_has_a_beeld_that_is_the_same_on_every_run_and_is_cleared():
    summary = load_demo()
    first = fingerprint()
    assert summary.agenda["beelden"] == Theme.objects.count() == 4
    assert not Theme.objects.filter(picture__isnull=True).exists()
    load_demo()
    assert fingerprint() == first and Picture.objects.count() == 4
    clear_demo()
    assert not Picture.objects.exists() and not PictureItem.objects.exists()


def test_each_demo_beeld_fills_the_chain_and_links_to_the_demo_agenda():
    load_demo()
    assert [spec.theme for spec in PICTURES] == list(
        Theme.objects.order_by("order").values_list("slug", flat=True)
    )
    for picture in Picture.objects.select_related("theme"):
        items = list(picture.items.select_related("effort__goal", "goal", "indicator"))
        kinds = {item.kind for item in items}
        # Every part of the Zwolle picture is present (wishes for more information are optional).
        assert set(PictureItemKind.values) - {PictureItemKind.INFORMATION_NEED} <= kinds, picture.theme.slug
        for item in items:
            item.full_clean()  # links stay inside the demo agenda
        interventions = [i for i in items if i.kind == PictureItemKind.INTERVENTION]
        assert interventions and all(i.effort and i.effort.goal.theme == picture.theme for i in interventions)
        effects = [i for i in items if i.kind == PictureItemKind.EFFECT]
        assert all(i.goal and i.goal.theme == picture.theme for i in effects)
        monitoring = [i for i in items if i.kind == PictureItemKind.MONITORING]
        assert monitoring and all(i.indicator and i.indicator.is_published for i in monitoring)
        for kind in set(kinds):
            orders = [i.order for i in items if i.kind == kind]
            assert sorted(orders) == list(range(1, len(orders) + 1))
    # One that is worked out by hand: the beeld of Kansrijk Voorbeeldstad.
    kansrijk = Picture.objects.get(theme__slug="kansrijk-voorbeeldstad")
    assert list(
        kansrijk.items.filter(kind=PictureItemKind.MONITORING)
        .order_by("order")
        .values_list("indicator__code", flat=True)
    ) == ["dim_fin_zelfredzaamheid", "dim_participatie"]
    assert (
        kansrijk.items.get(title="Vroegsignalering").effort.title
        == "Vroegsignalering van betalingsachterstanden"
    )
