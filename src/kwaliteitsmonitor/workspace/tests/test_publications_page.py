# SPDX-License-Identifier: EUPL-1.2
"""The Publicaties page shows staff what a draft changes before they publish it: per indicator the values
added, changed and newly hidden, with causes and examples (old → new), and the statuses that change."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import Organisation
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.publications.build import build
from kwaliteitsmonitor.publications.testing import publish

pytestmark = pytest.mark.django_db


def _load(values: dict[str, float]) -> None:
    records = [ObservationRecord("wmo_clienten", area, "2024JJ00", v) for area, v in values.items()]
    assert not load_observations(records, start_run("test", "x")).errors


def test_a_draft_lists_what_changes_before_it_is_published(client):
    gm = Area.objects.create(code="GM0001", name="Testdorp", level="GM")
    for i in (1, 2):
        Area.objects.create(code=f"WK00010{i}", name=f"Wijk {i}", level="WK", parent=gm)
    Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    _load({"GM0001": 240.0, "WK000101": 120.0, "WK000102": 120.0})
    publish()
    _load({"GM0001": 128.0, "WK000101": 125.0, "WK000102": 3.0})  # wijk 2 now has 3 persons: secret
    draft = build(actor="test", publish=False, render=False)

    organisation = Organisation.objects.create(name="Gemeente Testdorp", kind="gemeente", area=gm)
    login_verified(client, make_user("redactie", "redacteur", organisation=organisation))
    body = client.get("/werkplek/publicaties/").content.decode()

    assert f"Wat verandert in publicatie {draft.number} (concept)" in body
    # 3 changed, 2 newly hidden: wijk 2 (3 persons) and wijk 1, which would give it away as total minus wijk 1;
    # columns: new, changed, removed, newly hidden, new and hidden, shown again
    row = body[body.index('<th scope="row">wmo_clienten</th>') :].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split('class="km-ws-number">')[1:]] == [
        "0",
        "3",
        "0",
        "2",
        "0",
        "0",
    ]
    assert "3 waarde(n) in 1 indicator(en)" in body
    assert "Herziening door de bron: 3" in body
    assert "Testdorp, 2024: 240 → 130" in body  # as published: rounded to fives
    assert "Wijk 1, 2024: 120 → geheim" in body and "Wijk 2, 2024: 120 → geheim" in body
    # the cells that become hidden are listed apart, each with its reason
    assert "Wijk 2, 2024: 120 → geheim (primair geheim (kleine aantallen))" in body
    assert "Wijk 1, 2024: 120 → geheim (secundair geheim (beschermt een ander getal))" in body
    assert "Bekijk concept" in body and "Publiceren" in body
