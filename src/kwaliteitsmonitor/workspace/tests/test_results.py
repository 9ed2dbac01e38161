# SPDX-License-Identifier: EUPL-1.2
"""Editing a resultaat in the workspace: Dutch numbers, the nulmeting's period from a list in words (no CBS
codes), indicators chosen by name, a Dutch message per field and nothing saved on bad input, and another
gemeente's resultaat refused."""

from __future__ import annotations

import pytest

from kwaliteitsmonitor.accounts.testing import login_verified, make_user
from kwaliteitsmonitor.agenda.models import Agenda, Goal, Organisation, Result, ResultIndicator, Theme
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.load import load_observations, start_run
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.indicators.records import ObservationRecord

pytestmark = pytest.mark.django_db


def _result(area: Area, slug: str) -> Result:
    agenda = Agenda.objects.create(organisation=area.name, area=area, start_year=2024, end_year=2027)
    theme = Theme.objects.create(agenda=agenda, slug=slug, title="Zorg")
    goal = Goal.objects.create(theme=theme, slug="thuis", title="Thuis wonen")
    return Result.objects.create(goal=goal, title="Minder Wmo-gebruik", target_value=55.0, target_year=2027)


@pytest.fixture
def world():
    own = Area.objects.create(code="GM0632", name="Woerden", level="GM")
    other = Area.objects.create(code="GM0193", name="Zwolle", level="GM")
    wmo = Indicator.objects.create(code="wmo_clienten", name="Wmo-cliënten", unit="count", provider="own")
    Indicator.objects.create(code="jeugd", name="Jongeren met jeugdzorg", unit="count", provider="own")
    loaded = load_observations(
        [
            ObservationRecord("wmo_clienten", "GM0632", p, v)
            for p, v in (("2022JJ00", 570.0), ("2024HJ01", 585.0))
        ],
        start_run("test", "x"),
    )
    assert not loaded.errors, loaded.errors
    result = _result(own, "zorg")
    ResultIndicator.objects.create(result=result, indicator=wmo, breakdown="leeftijd=18+")
    organisation = Organisation.objects.create(name="Gemeente Woerden", kind="gemeente", area=own)
    return {"result": result, "other": _result(other, "zorg-zwolle"), "organisation": organisation}


@pytest.fixture
def redacteur(client, world):
    return login_verified(client, make_user("beleid", "redacteur", organisation=world["organisation"]))


def test_the_form_speaks_dutch_numbers_and_periods(redacteur, world):
    url = f"/werkplek/resultaten/{world['result'].pk}/"
    body = redacteur.get(url).content.decode()
    assert 'value="55"' in body  # the stored 55.0 as a Dutch figure
    assert ">2022<" in body and ">1e halfjaar 2024<" in body  # the nulmeting's periods in words
    assert ">2022JJ00<" not in body and ">2024HJ01<" not in body
    response = redacteur.post(
        url,
        {
            "save_result": "1",
            "resultaat-title": "Minder Wmo-gebruik",
            "resultaat-target_value": "54,5",
            "resultaat-target_year": "2027",
            "resultaat-baseline_value": "1.057,25",
            "resultaat-baseline_period": "2022JJ00",
            "resultaat-direction": "decrease",
        },
    )
    assert response.status_code == 302
    world["result"].refresh_from_db()
    assert world["result"].target_value == 54.5
    assert world["result"].baseline_value == 1057.25
    assert world["result"].baseline_period == "2022JJ00"
    assert world["result"].direction == "decrease"


def test_bad_input_names_the_field_in_dutch_and_saves_nothing(redacteur, world):
    url = f"/werkplek/resultaten/{world['result'].pk}/"
    response = redacteur.post(
        url,
        {
            "save_result": "1",
            "resultaat-title": "Minder Wmo-gebruik",
            "resultaat-target_value": "vijftig",
            "resultaat-target_year": "2027",
            "resultaat-direction": "decrease",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een getal in, bijvoorbeeld 57 of 9,7." in body
    world["result"].refresh_from_db()
    assert world["result"].target_value == 55.0 and world["result"].direction != "decrease"
    # a streefwaarde without a year is refused too
    response = redacteur.post(
        url,
        {
            "save_result": "1",
            "resultaat-title": "X",
            "resultaat-target_value": "50",
            "resultaat-direction": "",
        },
    )
    assert "Een streefwaarde hoort bij een streefjaar" in response.content.decode()
    world["result"].refresh_from_db()
    assert world["result"].title == "Minder Wmo-gebruik"


def test_indicators_chosen_by_name_keep_the_breakdown_of_links_that_stay(redacteur, world):
    url = f"/werkplek/resultaten/{world['result'].pk}/"
    body = redacteur.get(url + "?zoek=jeugd").content.decode()
    assert "Jongeren met jeugdzorg" in body and "Wmo-cliënten" in body  # found, and the chosen one
    wmo, jeugd = Indicator.objects.get(code="wmo_clienten"), Indicator.objects.get(code="jeugd")
    response = redacteur.post(url, {"save_indicators": "1", "indicatoren-indicators": [wmo.pk, jeugd.pk]})
    assert response.status_code == 302
    links = {link.indicator.code: link.breakdown for link in world["result"].indicator_links.all()}
    assert links == {"wmo_clienten": "leeftijd=18+", "jeugd": ""}
    redacteur.post(url, {"save_indicators": "1", "indicatoren-indicators": [jeugd.pk]})
    assert list(world["result"].indicator_links.values_list("indicator__code", flat=True)) == ["jeugd"]


def test_another_gemeentes_resultaat_is_refused_and_logged(redacteur, world, caplog):
    url = f"/werkplek/resultaten/{world['other'].pk}/"
    assert redacteur.get(url).status_code == 403
    response = redacteur.post(url, {"save_result": "1", "resultaat-title": "Overgenomen"})
    assert response.status_code == 403
    world["other"].refresh_from_db()
    assert world["other"].title == "Minder Wmo-gebruik"
    assert 'event="permission_denied"' in caplog.text
    listing = redacteur.get("/werkplek/resultaten/").content.decode()
    assert listing.count("Minder Wmo-gebruik") == 1  # only its own
