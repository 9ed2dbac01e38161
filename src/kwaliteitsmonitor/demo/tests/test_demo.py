# SPDX-License-Identifier: EUPL-1.2
"""The demo data: deterministic, complete, realistic and labelled fictitious."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
import shapely
from django.core.management import call_command
from django.core.management.base import CommandError
from shapely.geometry import shape

from kwaliteitsmonitor.agenda.models import Agenda, Effort, EffortProgress, Goal, ReportPeriod
from kwaliteitsmonitor.analysis import disclosure
from kwaliteitsmonitor.analysis.vocabulary import size_class_for
from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.demo.generator import DemoRefused, build_records, load_demo
from kwaliteitsmonitor.demo.places import build_land
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation, ObservationRevision
from kwaliteitsmonitor.publications.insights_similar import similar_areas

pytestmark = pytest.mark.django_db

MSK = [
    "dim_sociale_kracht", "dim_zelfredzaamheid", "dim_participatie", "dim_eenzaamheid",
    "dim_fin_zelfredzaamheid", "dim_sociale_samenhang", "dim_leefbaarheid", "dim_veiligheid",
]  # fmt: skip
WOERDEN_2022 = {
    "dim_eenzaamheid": 8.2, "dim_zelfredzaamheid": 8.1, "dim_participatie": 7.8, "dim_fin_zelfredzaamheid": 7.6,
    "dim_veiligheid": 7.5, "dim_leefbaarheid": 6.7, "dim_sociale_samenhang": 6.1,
}  # fmt: skip


def value(indicator: str, area: str, period: str, breakdown: str = "") -> Observation:
    return Observation.objects.get(
        indicator__code=indicator, area__code=area, period=period, breakdown=breakdown
    )


def test_two_runs_write_identical_content(demo):
    assert demo.first == demo.second
    assert ImportRun.objects.filter(connector="demo").count() == 2  # replaced, not added to


def test_summary_counts(demo):
    areas = demo.summary.areas
    assert areas["WK"] == 8 + 38  # Voorbeeldstad's and those of six other gemeenten
    assert 28 <= areas["BU"] <= 32
    assert areas["GM"] - 1 >= 40
    assert demo.summary.observations == Observation.objects.count() > 20_000
    assert demo.summary.revisions == ObservationRevision.objects.count() >= 5


def test_areas_and_years(demo):
    home = Area.objects.get(code="GM9001")
    assert home.name == "Voorbeeldstad" and home.parent.code == "NL00" and home.valid_from == 2016
    assert home.children.count() == 8
    for wijk in home.children.all():
        assert wijk.code.startswith("WK9001") and 3 <= wijk.children.count() <= 5
    years = set(
        Observation.objects.filter(indicator__code="bev_inwoners", area__code="GM9001").values_list(
            "period", flat=True
        )
    )
    assert years == {f"{y}JJ00" for y in range(2016, 2026)}
    others = Area.objects.filter(level="GM").exclude(code="GM9001")
    populations = [value("bev_inwoners", a.code, "2024JJ00").value for a in others]
    assert min(populations) < 10_000 and max(populations) > 150_000
    assert len(set(others.values_list("name", flat=True))) == others.count()


def test_memberships_per_year(demo):
    for area in Area.objects.filter(level="GM"):
        kinds = AreaMembership.objects.filter(area=area)
        assert kinds.count() == 6 * 10
        for year in (2016, 2025):
            classes = dict(kinds.filter(year=year).values_list("kind", "group_code"))
            population = value("bev_inwoners", area.code, f"{year}JJ00").value
            assert classes["grootteklasse"] == size_class_for(population)
            assert classes["stedelijkheid"] in {"1", "2", "3", "4", "5"}
    regional = AreaMembership.objects.filter(kind__in=["provincie", "corop", "jeugdregio", "ggdregio"])
    assert not regional.filter(group__isnull=True).exists()
    assert all(m.group.code == m.group_code for m in regional.select_related("group")[:50])


def _shape(code: str, year: int = 2025):
    return shape(json.loads(AreaVintage.objects.get(area__code=code, year=year).geometry))


def test_boundaries_are_valid_clockwise_and_tile(demo):
    with_shape = AreaVintage.objects.filter(area__level__in=["GM", "WK", "BU"]).exclude(geometry="")
    assert with_shape.count() == Area.objects.filter(level__in=["GM", "WK", "BU"]).count() * 10
    for vintage in with_shape.filter(year=2025):
        polygon = shape(json.loads(vintage.geometry))
        assert polygon.is_valid and not polygon.exterior.is_ccw, vintage.area.code
        lon, lat = polygon.centroid.x, polygon.centroid.y
        assert 2.0 < lon < 4.0 and 53.3 < lat < 54.2  # in the North Sea, where no gemeente lies
    wholes = [
        *Area.objects.filter(level="WK", children__isnull=False).distinct(),
        *_hosts().exclude(code="GM9001"),
    ]
    assert len(wholes) == 8 + 6  # wijken of Voorbeeldstad (tiled by buurten), gemeenten tiled by wijken
    for whole_area in wholes:
        parts = [_shape(b.code) for b in whole_area.children.all()]
        whole = _shape(whole_area.code)
        assert shapely.union_all(parts).symmetric_difference(whole).area < 1e-9 * whole.area
        assert sum(p.area for p in parts) == pytest.approx(whole.area, rel=1e-9)


def _hosts():
    return Area.objects.filter(level="GM", children__isnull=False).distinct()


def test_indicators_are_labelled_fictitious(demo):
    indicators = Indicator.objects.all()
    assert indicators.count() >= 18
    for indicator in indicators:
        assert indicator.source.startswith("Fictief, naar het model van"), indicator.code
    assert (
        Indicator.objects.get(code="bev_inwoners").source
        == "Fictief, naar het model van CBS Kerncijfers wijken en buurten"
    )
    rate = Indicator.objects.get(code="wmo_clienten_per_1000")
    assert (rate.numerator.code, rate.denominator.code, rate.factor, rate.unit) == (
        "wmo_clienten", "bev_inwoners", 1000.0, "per_1000",
    )  # fmt: skip
    assert Indicator.objects.get(code="ggd_eenzaam").polarity == "lower_is_better"
    runs = ImportRun.objects.filter(connector="demo")
    assert all("fictieve demogegevens" in run.notes and run.status == "ok" for run in runs)
    assert Agenda.objects.get().is_fictitious and Agenda.objects.get().is_active


def test_msk_magnitudes_and_age_groups(demo):
    for code in MSK:
        for wave in (2016, 2018, 2020, 2022, 2024):
            assert 5 <= value(code, "GM9001", f"{wave}JJ00").value <= 9
    for code, woerden in WOERDEN_2022.items():
        assert value(code, "GM9001", "2022JJ00").value == pytest.approx(woerden, abs=0.4)
    groups = set(
        Observation.objects.filter(
            indicator__code="dim_participatie", area__code="WK900103", period="2022JJ00"
        )
        .exclude(breakdown="")
        .values_list("breakdown", flat=True)
    )
    assert groups == {"leeftijd=16-34", "leeftijd=35-54", "leeftijd=55-74", "leeftijd=75+"}
    old, young = (
        value("dim_participatie", "GM9001", "2022JJ00", "leeftijd=75+"),
        value("dim_participatie", "GM9001", "2022JJ00", "leeftijd=16-34"),
    )
    assert old.value < young.value
    home_wijken = Area.objects.filter(level="WK", parent__code="GM9001")
    wijken = [value("dim_sociale_kracht", w.code, "2024JJ00").value for w in home_wijken]
    assert max(wijken) - min(wijken) > 0.6  # some wijken clearly better or worse


def test_survey_values_carry_n_and_interval(demo):
    survey = Observation.objects.filter(indicator__count_method="survey")
    assert survey.count() > 10_000
    assert not survey.filter(n__isnull=True).exists()
    for obs in survey.filter(area__code__in=["GM9001", "WK900108", "NL00"])[:300]:
        assert obs.ci_low < obs.value < obs.ci_high
    small = survey.filter(area__level="WK", n__lt=30).exclude(breakdown="")
    assert small.exists()
    cell = small.select_related("indicator").first()
    assert disclosure.protect(cell.value, cell.indicator.disclosure_rule, n=cell.n).secret
    assert (
        survey.filter(area__level="WK", breakdown="", n__gte=30).count()
        == survey.filter(area__level="WK", breakdown="").count()
    )


def test_wmo_rate_is_numerator_over_denominator(demo):
    rates = Observation.objects.filter(indicator__code="wmo_clienten_per_1000")
    for obs in rates:
        assert obs.value == pytest.approx(obs.numerator / obs.denominator * 1000, abs=0.001)
    for year in range(2016, 2026):
        period = f"{year}JJ00"
        rate = value("wmo_clienten_per_1000", "GM9001", period)
        assert 30 <= rate.value <= 100
        assert rate.numerator == value("wmo_clienten", "GM9001", period).value
        assert rate.denominator == value("bev_inwoners", "GM9001", period).value
    assert value("wmo_clienten_per_1000", "GM9001", "2022JJ00").value == pytest.approx(57, abs=5)
    youth = value("jeugd_jeugdhulp_pct", "GM9001", "2023JJ00")
    assert 9 <= youth.value <= 13
    assert youth.denominator == value("bev_0_17", "GM9001", "2023JJ00").value


def test_half_years_do_not_add_up_to_years(demo):
    for code in ("wmo_clienten", "jeugd_jeugdhulp"):
        for year in range(2016, 2026):
            h1, h2 = (value(code, "GM9001", f"{year}HJ0{i}").value for i in (1, 2))
            whole = value(code, "GM9001", f"{year}JJ00").value
            assert max(h1, h2) < whole < h1 + h2
    assert value("wmo_clienten", "GM9001", "2026HJ01").status == "voorlopig"
    assert not Observation.objects.filter(period="2026JJ00").exists()


def test_figure_status_follows_cbs_practice(demo):
    assert value("wmo_clienten", "GM9001", "2025JJ00").status == "voorlopig"
    assert value("wmo_clienten", "GM9001", "2025HJ02").status == "voorlopig"
    assert value("wmo_clienten", "GM9001", "2024JJ00").status == "nader_voorlopig"
    assert value("bev_inwoners", "WK900101", "2020JJ00").status == "definitief"


def test_small_buurt_counts_are_secret_when_shown(demo):
    small = Observation.objects.filter(indicator__code="wmo_clienten", area__level="BU", value__lte=7)
    assert small.exists()
    rule = Indicator.objects.get(code="wmo_clienten").disclosure_rule
    assert disclosure.protect(small.first().value, rule).secret


def test_revisions_keep_the_earlier_figure(demo):
    revised = Observation.objects.filter(revision_count__gt=0)
    assert 5 <= revised.count() <= 20
    revision = ObservationRevision.objects.get(
        observation__indicator__code="wmo_clienten",
        observation__area__code="GM9001",
        observation__period="2023JJ00",
    )
    current = revision.observation
    assert revision.status == "voorlopig" and current.status == "definitief"
    assert revision.value < current.value
    assert revision.superseded_by.connector == "demo"


def test_agenda_mirrors_the_woerden_structure(demo):
    agenda = Agenda.objects.get()
    assert (agenda.organisation, agenda.area.code, agenda.start_year, agenda.end_year) == (
        "Gemeente Voorbeeldstad", "GM9001", 2023, 2027,
    )  # fmt: skip
    assert (
        "De structuur van de kwaliteitsmonitor komt overeen met de Maatschappelijke Agenda 2023-2027"
        in agenda.intro
    )
    assert "fictieve gegevens" in agenda.intro
    themes = list(agenda.themes.values_list("title", flat=True))
    assert themes == [
        "Inrichting sociaal domein", "Kansrijk Voorbeeldstad", "Gezond en vitaal Voorbeeldstad",
        "Leefbaar en ondernemend Voorbeeldstad",
    ]  # fmt: skip
    goals = Goal.objects.filter(theme__slug="inrichting-sociaal-domein")
    assert list(goals.values_list("number", "title")) == [
        ("1", "Er is een sterke sociale basis"),
        ("2", "Er zijn laagdrempelige en gastvrije ontmoetingsplaatsen"),
        ("3", "Doorontwikkeling lokaal team Voorbeeldstad"),
        ("4", "Geïndiceerde zorg en ondersteuning bieden"),
    ]
    first = goals.get(number="1")
    results = list(first.results.all())
    assert [r.title for r in results] == [
        "In 2027 is de sociale kracht gestegen en de participatie gestegen",
        "In 2027 is de sociale basis bekend en goed bereikbaar",
    ]
    codes = [link.indicator.code for link in results[0].indicator_links.all()]
    assert codes[:2] == ["dim_sociale_kracht", "dim_participatie"] and set(MSK) <= set(codes)
    assert [link.indicator.code for link in results[1].indicator_links.all()] == [
        "dim_bekendheid_voorzieningen"
    ]
    strength = results[0]
    assert (strength.target_value, strength.target_year, strength.direction) == (7.6, 2027, "increase")
    assert strength.baseline_value == pytest.approx(
        value("dim_sociale_kracht", "GM9001", "2022JJ00").value, abs=0.01
    )


def test_efforts_have_progress_per_report_period(demo):
    for goal in Goal.objects.all():
        assert 2 <= goal.efforts.count() <= 4
        assert goal.results.exists()
    for effort in Goal.objects.get(slug="sterke-sociale-basis").efforts.all():
        assert effort.owner and effort.partner and effort.start_date
    # Three report periods, dated by the rule for their kind; a report per inspanning in each.
    assert list(ReportPeriod.objects.values_list("name", "slug", "date")) == [
        ("Najaarsnota 2024 (fictief)", "demo-2024-najaarsnota", dt.date(2024, 8, 31)),
        ("Voorjaarsnota 2025 (fictief)", "demo-2025-voorjaarsnota", dt.date(2025, 3, 31)),
        ("Najaarsnota 2025 (fictief)", "demo-2025-najaarsnota", dt.date(2025, 8, 31)),
    ]
    for effort in Effort.objects.all():
        reports = EffortProgress.objects.filter(effort=effort).order_by("reported_on")
        assert list(reports.values_list("report_period__slug", flat=True)) == [
            "demo-2024-najaarsnota", "demo-2025-voorjaarsnota", "demo-2025-najaarsnota"
        ]  # fmt: skip
        assert effort.latest_report() == reports.last()
    assert len(set(EffortProgress.objects.values_list("status", flat=True))) >= 3


def test_targets_give_a_mix_of_outcomes(demo):
    """On track, off track and too little data are all present for the pages to show."""
    strength = value("dim_sociale_kracht", "GM9001", "2024JJ00").value
    assert strength >= 7.6
    awareness = [value("dim_bekendheid_voorzieningen", "GM9001", f"{y}JJ00").value for y in (2022, 2024)]
    assert awareness[1] < awareness[0] < 70
    # One year of the partner's count, delivered per wijk; the gemeente total is computed from them.
    visitors = Observation.objects.filter(indicator__code="prt_bezoekers_ontmoetingsplaatsen")
    assert set(visitors.values_list("period", flat=True)) == {"2025JJ00"}
    total = visitors.get(area__code="GM9001")
    assert total.is_computed and 2000 <= total.value <= 2300  # below the target of 3.000


def test_comparisons_have_values_for_every_gemeente(demo):
    gemeenten = Area.objects.filter(level="GM").count()
    for code, period in [("wmo_clienten_per_1000", "2024JJ00"), ("dim_sociale_kracht", "2024JJ00"),
                         ("ggd_eenzaam", "2022JJ00"), ("pol_overlast_per_1000", "2025JJ00")]:  # fmt: skip
        rows = Observation.objects.filter(indicator__code=code, period=period, area__level="GM", breakdown="")
        assert rows.count() == gemeenten
        assert Observation.objects.filter(indicator__code=code, period=period, area__code="NL00").exists()


def test_refuses_when_the_database_has_its_own_data(demo):
    Area.objects.create(code="GM0632", name="Woerden", level="GM")
    with pytest.raises(DemoRefused, match=r"geen demogegevens.*--force"):
        load_demo()
    with pytest.raises(CommandError) as raised:
        call_command("demo")
    assert raised.value.returncode == 1
    assert Observation.objects.filter(import_run__connector="demo").count() == demo.summary.observations


def test_force_loads_next_to_own_data_and_keeps_own_agenda_active(demo):
    own = Area.objects.create(code="GM0632", name="Woerden", level="GM")
    own_agenda = Agenda.objects.create(
        organisation="Gemeente Woerden", area=own, start_year=2023, end_year=2027
    )
    out = io.StringIO()
    call_command("demo", "--force", stdout=out)
    assert "Fictieve demogegevens geladen" in out.getvalue()
    # It ends with the site, the staff pages and how to make a login (issue 14).
    tail = out.getvalue().rstrip().splitlines()[-5:]
    assert "http://127.0.0.1:8000/" in tail[0] and "http://127.0.0.1:8000/werkplek/" in tail[1]
    assert "http://127.0.0.1:8000/beheer/" in tail[2] and "kwaliteitsmonitor createsuperuser" in tail[3]
    assert "Geen demo-accounts" in out.getvalue()  # next to real data: no known password
    assert Area.objects.filter(pk=own.pk).exists()
    assert Area.objects.filter(level="WK").count() == 8 + 38
    assert Agenda.objects.get(pk=own_agenda.pk).is_active
    assert not Agenda.objects.get(is_fictitious=True).is_active


def test_wijken_elsewhere_add_up_to_their_gemeente(demo):
    hosts = list(_hosts().exclude(code="GM9001"))  # the gemeenten with wijken elsewhere
    assert len(hosts) == 6
    for host in hosts:
        wijken = list(host.children.filter(level="WK"))
        assert 3 <= len(wijken) <= 10 and all(w.code.startswith("WK" + host.code[2:]) for w in wijken)
        for code, period in [("bev_inwoners", "2016JJ00"), ("bev_75plus", "2025JJ00"), ("bev_0_17", "2020JJ00"),
                             ("wmo_clienten", "2024JJ00"), ("wmo_clienten", "2016JJ00"),
                             ("jeugd_jeugdhulp", "2023JJ00")]:  # fmt: skip
            parts = sum(value(code, w.code, period).value for w in wijken)
            assert parts == value(code, host.code, period).value, (host.code, code, period)
        rate = value("wmo_clienten_per_1000", wijken[0].code, "2025JJ00")
        assert rate.numerator == value("wmo_clienten", wijken[0].code, "2025JJ00").value
        assert rate.denominator == value("bev_inwoners", wijken[0].code, "2025JJ00").value


def test_every_wijk_of_voorbeeldstad_has_similar_wijken_elsewhere(demo):
    for wijk in Area.objects.filter(level="WK", parent__code="GM9001"):
        found = similar_areas(wijk)
        members = [m["area"] for m in found["matches"]]
        assert len(members) == 10, wijk.name
        assert not any(code.startswith("WK9001") for code in members)
        assert len({code[:6] for code in members}) >= 2  # from more than one other gemeente
        assert all(c["used"] for c in found["characteristics"])


def test_wijken_elsewhere_leave_every_other_figure_as_it_was():
    """The gemeenten keep their own figures: leaving the wijken elsewhere out changes no other record."""
    land = build_land()
    without = dataclasses.replace(land, wijken_elsewhere=[])
    elsewhere = {w.code for w in land.wijken_elsewhere}
    kept = [r for r in build_records(land) if r.area not in elsewhere]
    assert len(kept) < len(build_records(land))
    assert kept == build_records(without)


def test_the_demo_has_its_own_report_periods_and_takes_them_away(demo):
    """A municipality's own "Najaarsnota 2025" (with its deadline) is neither used nor removed by the demo."""
    from kwaliteitsmonitor.demo.store import clear_demo

    own = ReportPeriod.objects.create(
        name="Najaarsnota 2025", slug="2025-najaarsnota", kind="najaarsnota", date=dt.date(2025, 9, 30),
        deadline=dt.date(2025, 10, 15),
    )  # fmt: skip
    assert not own.reports.exists()
    clear_demo()  # rolled back after this test, like everything it does
    assert list(ReportPeriod.objects.all()) == [own]


def test_wmo_per_1000_of_the_target_group_and_per_category_per_wijk(demo):
    """Issue 14 (GMSD wijkdashboard): per 1.000 inhabitants of 18 and older, computed by the monitor, and
    per kind of provision per wijk; a wijk's count is the sum of its buurten."""
    wijk = Area.objects.filter(parent__code="GM9001", level="WK").order_by("code").first()
    rate = value("wmo_clienten_per_1000_18plus", wijk.code, "2024JJ00")
    clients, adults = value("wmo_clienten", wijk.code, "2024JJ00"), value("bev_18plus", wijk.code, "2024JJ00")
    assert rate.is_computed and rate.value == pytest.approx(clients.value / adults.value * 1000)
    for code in ("huishoudelijke_hulp", "ondersteuning_thuis", "hulpmiddelen"):
        count = value(f"wmo_{code}", wijk.code, "2024JJ00")
        buurten = Observation.objects.filter(
            indicator__code=f"wmo_{code}", area__parent=wijk, period="2024JJ00", breakdown=""
        )
        assert count.value == sum(b.value for b in buurten) and 0 < count.value <= clients.value
        per_1000 = value(f"wmo_{code}_per_1000_18plus", wijk.code, "2024JJ00")
        assert per_1000.is_computed and per_1000.value == pytest.approx(count.value / adults.value * 1000)


def test_fictitious_voorzieningen_with_outcome_figures_one_small_n_hidden(demo):
    from kwaliteitsmonitor.outcomes.models import Voorziening
    from kwaliteitsmonitor.publications.models import PublishedValue

    voorzieningen = Voorziening.objects.filter(is_fictitious=True)
    assert voorzieningen.count() == 3 and all(v.effort_id for v in voorzieningen)
    small = PublishedValue.objects.filter(
        indicator__code="outcome_doelrealisatie",
        breakdown="voorziening=demo-ambulant-kleine-kern",
        until__isnull=True,
    )
    assert small.exists() and all(row.secret for row in small)
    big = PublishedValue.objects.get(
        indicator__code="outcome_doelrealisatie",
        breakdown="voorziening=demo-ambulant-centrum",
        period="2026HJ01",
        until__isnull=True,
    )
    assert not big.secret and big.value == 80.0
