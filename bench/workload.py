# SPDX-License-Identifier: EUPL-1.2
"""Generate a benchmark workload (``small`` or ``national``, DESIGN.md §6) into a migrated database.

    .venv/bin/python -m bench.workload --workload small --engine sqlite
    .venv/bin/python -m bench.workload --workload national --engine postgresql

Areas, indicators and a minimal fictitious agenda go through the ORM; observations through the bulk path
(``bench/bulk.py``). A marker import run (connector ``bench-workload``) records the generator version and
the counts; a database that already holds the same version is left as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from typing import Any

from .common import ensure_database, manage, setup_django
from .plan import (
    GENERATOR_VERSION,
    SPECS,
    AreaPlan,
    IndicatorPlan,
    Spec,
    expected_observations,
    plan_areas,
    plan_indicators,
)

MARKER_CONNECTOR = "bench-workload"
_KIND_LEVEL = {"provincie": "PV", "corop": "CR", "jeugdregio": "JZ", "ggdregio": "GG"}


def marker(spec: Spec) -> dict[str, Any] | None:
    """The parameters of the workload marker when the database holds this spec at this version."""
    from kwaliteitsmonitor.indicators.models import ImportRun

    run = ImportRun.objects.filter(connector=MARKER_CONNECTOR, status="ok").order_by("-id").first()
    if (
        run
        and run.parameters.get("workload") == spec.name
        and run.parameters.get("version") == GENERATOR_VERSION
    ):
        return {**run.parameters, "run_id": run.pk}
    return None


def is_empty() -> bool:
    from kwaliteitsmonitor.areas.models import Area
    from kwaliteitsmonitor.indicators.models import ImportRun, Indicator

    return not (Area.objects.exists() or Indicator.objects.exists() or ImportRun.objects.exists())


def _write_areas(spec: Spec, areas: list[AreaPlan]) -> dict[str, int]:
    from kwaliteitsmonitor.areas.models import Area, AreaMembership, AreaVintage

    ids: dict[str, int] = {}
    for levels in (("NL", "PV", "CR", "JZ", "GG"), ("GM",), ("WK",), ("BU",)):
        objs = [
            Area(code=a.code, name=a.name, level=a.level, parent_id=ids.get(a.parent) if a.parent else None)
            for a in areas
            if a.level in levels
        ]
        for obj in Area.objects.bulk_create(objs, batch_size=2_000):
            ids[obj.code] = obj.pk
    memberships = [
        AreaMembership(
            area_id=ids[a.code],
            kind=kind,
            year=year,
            group_code=group,
            group_id=ids.get(group) if kind in _KIND_LEVEL else None,
        )
        for a in areas
        if a.level == "GM"
        for year in range(spec.first_year, spec.batch_year + 1)
        for kind, group in a.groups.items()
    ]
    AreaMembership.objects.bulk_create(memberships, batch_size=2_000)
    vintages = [
        AreaVintage(
            area_id=ids[a.code],
            year=spec.last_year,
            name=a.name,
            parent_code=a.parent or "",
            geometry=_geojson(a.box),
            source="bench",
        )
        for a in areas
        if a.level in ("GM", "WK", "BU")
    ]
    AreaVintage.objects.bulk_create(vintages, batch_size=2_000)
    return ids


def _geojson(box: tuple[float, float, float, float]) -> str:
    lon0, lat0, lon1, lat1 = (round(v, 5) for v in box)
    ring = [[lon0, lat0], [lon0, lat1], [lon1, lat1], [lon1, lat0], [lon0, lat0]]  # clockwise
    return '{"type":"Polygon","coordinates":[' + str(ring).replace(" ", "") + "]}"


def _write_indicators(plans: list[IndicatorPlan]) -> dict[str, int]:
    from kwaliteitsmonitor.indicators.models import Indicator

    objs = [
        Indicator(
            code=p.code,
            name=p.name,
            category=p.family,
            unit=p.unit,
            decimals=p.decimals,
            polarity=p.polarity,
            nature=p.nature,
            count_method=p.count_method,
            provider=p.provider,
            factor=p.factor,
            area_levels=list(p.levels),
            period_type=p.period_type,
            source="Benchmarkworkload (fictief)",
            definition=f"Fictieve benchmarkindicator ({p.family}).",
        )
        for p in plans
    ]
    ids = {obj.code: obj.pk for obj in Indicator.objects.bulk_create(objs)}
    rates = [
        Indicator(pk=ids[p.code], numerator_id=ids[p.numerator], denominator_id=ids[p.denominator])
        for p in plans
        if p.numerator and p.denominator
    ]
    Indicator.objects.bulk_update(rates, ["numerator", "denominator"])
    return ids


def _write_agenda(spec: Spec, main: AreaPlan, area_ids: dict[str, int], plans: list[IndicatorPlan]) -> None:
    from kwaliteitsmonitor.agenda.models import (
        Agenda,
        Effort,
        EffortProgress,
        Goal,
        Result,
        ResultIndicator,
        Theme,
    )
    from kwaliteitsmonitor.agenda.periods import resolve_periods
    from kwaliteitsmonitor.indicators.models import Indicator

    by_code = {i.code: i for i in Indicator.objects.all()}
    names = [f"{spec.last_year}-voorjaarsnota", f"{spec.last_year}-najaarsnota"]
    found = resolve_periods(names).found
    periods = [found[name] for name in names]
    linkable = [
        by_code[p.code] for p in plans if p.family in ("kwb", "survey") and p.code != "kwb-000-inwoners"
    ]
    agenda = Agenda.objects.create(
        organisation=f"Gemeente {main.name}",
        area_id=area_ids[main.code],
        start_year=spec.last_year - 2,
        end_year=spec.last_year + 2,
        intro="Fictieve agenda van de benchmarkworkload.",
        is_fictitious=True,
    )
    themes = ["Inrichting sociaal domein", "Kansrijk opgroeien", "Gezond en vitaal"]
    pick = 0
    for t, title in enumerate(themes):
        theme = Theme.objects.create(agenda=agenda, slug=f"opgave-{t + 1}", title=title, order=t)
        for g in range(2):
            goal = Goal.objects.create(
                theme=theme,
                slug=f"doel-{t + 1}-{g + 1}",
                number=f"{t + 1}.{g + 1}",
                title=f"Benchmarkdoel {t + 1}.{g + 1}",
                order=g,
            )
            for r in range(2):
                result = Result.objects.create(
                    goal=goal,
                    title=f"In {spec.last_year + 2} is resultaat {r + 1} bereikt",
                    target_value=7.5,
                    target_year=spec.last_year + 2,
                    baseline_period=f"{spec.last_year - 2}JJ00",
                    order=r,
                )
                for k in range(2):
                    ResultIndicator.objects.create(
                        result=result, indicator=linkable[pick % len(linkable)], order=k
                    )
                    pick += 1
            for e in range(2):
                effort = Effort.objects.create(
                    goal=goal,
                    title=f"Inspanning {e + 1} bij doel {t + 1}.{g + 1}",
                    owner="Team Sociaal Domein",
                    order=e,
                )
                effort.indicators.add(linkable[(pick + e) % len(linkable)])
                for p, period in enumerate(periods):
                    EffortProgress.objects.create(
                        effort=effort,
                        report_period=period,
                        status=["in_progress", "done_on_track"][e],
                        progress=[40, 100][e],
                        reported_on=dt.date(spec.last_year, 5 + 6 * p, 1),
                    )


def generate(spec: Spec, *, verbose: bool = True) -> dict[str, Any]:
    """Write the whole workload into the (empty, migrated) database and return the marker parameters."""
    from django.db import connection, transaction
    from django.utils import timezone

    from kwaliteitsmonitor.indicators.models import ImportRun

    from .bulk import analyze, insert_rows
    from .values import observation_rows

    started = time.perf_counter()
    if connection.vendor == "sqlite":  # the indexes outgrow the default page cache at national size
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-1048576")
    areas, plans = plan_areas(spec), plan_indicators(spec)
    with transaction.atomic():
        area_ids = _write_areas(spec, areas)
        indicator_ids = _write_indicators(plans)
        _write_agenda(spec, areas[1 + spec.n_pv + spec.n_cr + spec.n_jz + spec.n_gg], area_ids, plans)
        run = ImportRun.objects.create(connector=MARKER_CONNECTOR, source=spec.name, actor="bench")
    expected = expected_observations(spec, areas, plans)
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if verbose:
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"  {done:>12,} / {expected:,} waarden ({rate:,.0f}/s)", file=sys.stderr, flush=True)

    rows = observation_rows(spec, areas, plans, indicator_ids=indicator_ids, area_ids=area_ids)
    written = insert_rows(rows, run_id=run.pk, progress=progress)
    analyze()
    levels: dict[str, int] = {}
    for a in areas:
        levels[a.level] = levels.get(a.level, 0) + 1
    params = {
        "workload": spec.name,
        "version": GENERATOR_VERSION,
        "seed": spec.seed,
        "areas": levels,
        "indicators": len(plans),
        "observations": written,
        "years": [spec.first_year, spec.last_year],
        "batch_year": spec.batch_year,
        "seconds": round(time.perf_counter() - started, 1),
    }
    ImportRun.objects.filter(pk=run.pk).update(
        parameters=params, status="ok", added=written, finished_at=timezone.now()
    )
    return {**params, "run_id": run.pk}


def _reset(workload: str, engine: str) -> None:
    """Throw the database away (another generator version or a half-written workload)."""
    from django.db import connection

    from .common import VAR_DIR, database_url

    connection.close()
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (VAR_DIR / f"{workload}.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        import psycopg

        url = database_url(workload, engine)
        server, name = url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(workload, engine, "migrate", "--noinput")


def ensure(workload: str, engine: str, *, force: bool = False, verbose: bool = True) -> dict[str, Any]:
    """Make sure the database holds ``workload``; generate it when not. Returns the marker parameters."""
    spec = SPECS[workload]
    ensure_database(workload, engine)
    manage(workload, engine, "migrate", "--noinput")
    setup_django(workload, engine)
    found = None if force else marker(spec)
    if found:
        if verbose:
            print(f"workload {workload} ({engine}): al aanwezig, versie {GENERATOR_VERSION}", file=sys.stderr)
        return found
    if force or not is_empty():
        _reset(workload, engine)
    if verbose:
        print(f"workload {workload} ({engine}): genereren ...", file=sys.stderr, flush=True)
    return generate(spec, verbose=verbose)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", choices=sorted(SPECS), default="small")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--force", action="store_true", help="regenerate even when the marker matches")
    args = parser.parse_args(argv)
    import json

    print(json.dumps(ensure(args.workload, args.engine, force=args.force), indent=2))


if __name__ == "__main__":
    main()
