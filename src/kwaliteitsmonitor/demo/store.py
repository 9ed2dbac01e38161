# SPDX-License-Identifier: EUPL-1.2
"""Write the demo areas (with vintages and memberships) and remove earlier demo data."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q
from shapely.geometry import Polygon

from kwaliteitsmonitor.agenda.models import Agenda, ReportPeriod
from kwaliteitsmonitor.analysis.vocabulary import size_class_for
from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.indicators.models import ImportRun, Indicator, Observation, ObservationRevision

from . import geometry
from .common import CONNECTOR, DEMO_PERIOD_PREFIX, DEMO_PREFIXES, FIRST_YEAR, NL, YEARS
from .indicators import CODES
from .places import Land, Place
from .processes import clear_processes

VINTAGE_SOURCE = "Fictieve demogegevens (bedachte grenzen)"
_LEVEL_ORDER = ["PV", "CR", "JZ", "GG", "GM", "WK", "BU"]
_REGION_KINDS = ["provincie", "corop", "jeugdregio", "ggdregio"]


def demo_area_filter() -> Q:
    q = Q()
    for prefix in DEMO_PREFIXES:
        q |= Q(code__startswith=prefix)
    return q


def foreign_data() -> dict[str, int]:
    """Agenda's and areas in the database that the demo did not make."""
    agendas = Agenda.objects.filter(is_fictitious=False).count()
    areas = Area.objects.exclude(demo_area_filter()).exclude(code=NL).count()
    return {
        "agenda" if agendas == 1 else "agenda's": agendas,
        "gebied" if areas == 1 else "gebieden": areas,
    }


def clear_demo() -> None:
    """Remove everything an earlier demo run wrote (Nederland stays when others use it). Publications
    refer to the demo's areas and indicators, so they go too (they are made again from the working store)."""
    from kwaliteitsmonitor.publications import store as publication_store

    publication_store.clear_all()
    clear_processes()  # before the areas: a process region keeps its centrumgemeente (PROTECT)
    _clear_outcomes()  # before the agenda, areas and organisations (PROTECT)
    Agenda.objects.filter(is_fictitious=True).delete()
    ReportPeriod.objects.filter(slug__startswith=DEMO_PERIOD_PREFIX, reports__isnull=True).delete()
    demo_areas = Area.objects.filter(demo_area_filter())
    remove_demo_accounts(demo_areas)  # before the areas: accounts and organisations keep theirs (PROTECT)
    _delete_observations(
        Observation.objects.filter(Q(area__in=demo_areas) | Q(import_run__connector=CONNECTOR))
    )
    ImportRun.objects.filter(connector=CONNECTOR).delete()
    _delete_unused_indicators()
    for level in reversed(_LEVEL_ORDER):
        demo_areas.filter(level=level).delete()
    nl = Area.objects.filter(code=NL).first()
    if nl and not (nl.children.exists() or nl.observations.exists() or nl.members.exists()):
        nl.delete()


def _clear_outcomes() -> None:
    from kwaliteitsmonitor.outcomes.models import Submission, Voorziening

    demo_areas = Area.objects.filter(demo_area_filter())
    Submission.objects.filter(area__in=demo_areas).delete()
    Voorziening.objects.filter(Q(is_fictitious=True) | Q(area__in=demo_areas)).delete()


def remove_demo_accounts(demo_areas: Any) -> None:
    """The demo's accounts (demo-*) and the organisations of its fictitious gemeenten."""
    from django.contrib.auth import get_user_model

    from kwaliteitsmonitor.accounts.models import Profile
    from kwaliteitsmonitor.agenda.models import Organisation

    get_user_model().objects.filter(username__startswith="demo-", profile__isnull=False).delete()
    Profile.objects.filter(region__in=demo_areas).update(region=None)
    Organisation.objects.filter(area__in=demo_areas, profiles__isnull=True).delete()
    Organisation.objects.filter(area__in=demo_areas).update(area=None)


def _delete_unused_indicators() -> None:
    """Demo indicators that nothing else uses any more (their values and links were demo data), and the
    outcome indicators the demo made (source: the demo's), when no partner delivered figures since."""
    from .outcomes import SOURCE as OUTCOME_SOURCE

    made = Q(code__in=CODES) | Q(code__startswith="outcome_", source=OUTCOME_SOURCE)
    unused = Indicator.objects.filter(made, observations__isnull=True, result_links__isnull=True)
    codes = list(unused.values_list("code", flat=True))
    Indicator.objects.filter(code__in=codes).update(numerator=None, denominator=None)
    Indicator.objects.filter(code__in=codes).delete()


def _delete_observations(queryset) -> None:
    """Delete observations and their revisions in two statements (the ORM would load every row)."""
    ids, params = queryset.values("id").query.sql_with_params()
    revisions, observations = ObservationRevision._meta.db_table, Observation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {revisions} WHERE observation_id IN ({ids})", params)  # noqa: S608
        cursor.execute(f"DELETE FROM {observations} WHERE id IN ({ids})", params)  # noqa: S608


def write_areas(land: Land) -> dict[str, Area]:
    nl, created = Area.objects.get_or_create(code=NL, defaults={"name": "Nederland", "level": "NL"})
    areas = {NL: nl}
    for level in _LEVEL_ORDER:
        places = [p for p in land.all if p.level == level]
        made = Area.objects.bulk_create(
            Area(code=p.code, name=p.name, level=p.level, parent=_parent(p, areas), valid_from=FIRST_YEAR)
            for p in places
        )
        if any(a.pk is None for a in made):  # a backend that does not return ids from bulk inserts
            made = list(Area.objects.filter(code__in=[p.code for p in places]))
        areas.update({a.code: a for a in made})
    _write_vintages(land, areas, with_nl=created)
    _write_memberships(land, areas)
    return areas


def _parent(place: Place, areas: dict[str, Area]) -> Area | None:
    return areas.get(place.parent_code) if place.level in {"GM", "WK", "BU"} else None


def _cells(land: Land) -> dict[str, Polygon]:
    """Boundaries in WGS84. Buurten, the wijken elsewhere and the other gemeenten have their own cells; a
    wijk is the union of its buurten and a gemeente with wijken of its wijken, so the parts tile their
    parent exactly."""
    leaves = [*land.municipalities[1:], *land.buurten, *land.wijken_elsewhere]
    cells = {p.code: geometry.snapped(p.shape) for p in leaves}
    for parent in [*land.wijken, *land.municipalities]:
        if children := land.children(parent):
            cells[parent.code] = geometry.union([cells[c.code] for c in children])
    return cells


def _vintage_shapes(land: Land) -> dict[tuple[str, int], str]:
    """GeoJSON per (area, year); a region is the union of the gemeenten that belong to it that year."""
    cells = _cells(land)
    fixed = {code: geometry.geojson(cell) for code, cell in cells.items()}
    shapes = {(code, year): text for code, text in fixed.items() for year in YEARS}
    unions: dict[tuple[str, ...], str] = {}
    for region in land.regions:
        kind = _REGION_KINDS[["PV", "CR", "JZ", "GG"].index(region.level)]
        for year in YEARS:
            members = tuple(p.code for p in land.municipalities if p.region_in(kind, year) == region.code)
            if members not in unions:
                unions[members] = geometry.geojson(geometry.union([cells[code] for code in members]))
            shapes[region.code, year] = unions[members]
    return shapes


def _write_vintages(land: Land, areas: dict[str, Area], with_nl: bool) -> None:
    shapes = _vintage_shapes(land)
    places = [p for p in land.all if p.code != NL or with_nl]
    AreaVintage.objects.bulk_create(
        AreaVintage(
            area=areas[p.code],
            year=year,
            name=p.name,
            parent_code=p.parent_code,
            geometry=shapes.get((p.code, year), ""),
            source=VINTAGE_SOURCE,
        )
        for p in places
        for year in YEARS
    )


def _write_memberships(land: Land, areas: dict[str, Area]) -> None:
    rows = []
    for place in land.municipalities:
        for year in YEARS:
            for kind in _REGION_KINDS:
                code = place.region_in(kind, year)
                rows.append(AreaMembership(area=areas[place.code], kind=kind, year=year, group_code=code,
                                           group=areas[code]))  # fmt: skip
            size = size_class_for(place.population[year])
            classes = {"grootteklasse": size, "stedelijkheid": place.urbanity}
            rows += [
                AreaMembership(area=areas[place.code], kind=kind, year=year, group_code=code)
                for kind, code in classes.items()
            ]
    AreaMembership.objects.bulk_create(rows)
