# SPDX-License-Identifier: EUPL-1.2
"""Write parsed areas: areas, vintages, memberships; validity periods from the vintages. One transaction.

* Only what differs is written, so an identical re-import counts everything as unchanged.
* A vintage without a boundary or parent (a membership table) never erases one that is stored.
* Validity: an area present in the earliest (latest) stored vintage of its level has an open start (end);
  otherwise ``valid_from``/``valid_to`` are the first/last vintage year it appears in. A code is one area
  for life (CBS never re-uses gemeente codes); a code whose territory changes between vintages (a
  gemeente that absorbed another and kept its code) is reported, never silently joined.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from kwaliteitsmonitor.areas.models import KIND_LEVEL, Area, AreaMembership, AreaVintage
from kwaliteitsmonitor.indicators.records import LoadResult, RecordError

from .geometry import area_km2, assign_by_location
from .records import AreaParse, AreaRecord, MembershipRecord

TERRITORY_CHANGE = 0.05  # relative change of the (simplified) area between vintages that is reported
_NL = "NL00"


@dataclass
class AreaCounts:
    """added/changed/unchanged per kind of row, summed into one LoadResult."""

    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, added: int = 0, changed: int = 0, unchanged: int = 0) -> None:
        row = self.counts[kind]
        row[0], row[1], row[2] = row[0] + added, row[1] + changed, row[2] + unchanged

    def result(self, errors: list[RecordError]) -> LoadResult:
        total = [sum(row[i] for row in self.counts.values()) for i in range(3)]
        rejected = len({(e.file, e.row) for e in errors})
        return LoadResult(
            added=total[0], changed=total[1], unchanged=total[2], rejected=rejected, errors=errors
        )

    def summary(self) -> str:
        names = {"area": "gebieden", "vintage": "jaargangen", "membership": "lidmaatschappen"}
        return "; ".join(
            f"{names.get(kind, kind)}: {a} nieuw, {c} gewijzigd, {u} ongewijzigd"
            for kind, (a, c, u) in sorted(self.counts.items())
        )


def load_areas(parsed: AreaParse) -> tuple[LoadResult, AreaCounts]:
    """Store ``parsed``; on any error nothing is written (the caller's transaction is rolled back too)."""
    counts = AreaCounts()
    parsed = dataclasses.replace(parsed, vintages=merge_vintages(parsed.vintages))
    with transaction.atomic():
        named = {r.code for r in parsed.vintages} | (
            {_NL} if any(r.level == "GM" for r in parsed.vintages) else set()
        )
        before = set(Area.objects.filter(code__in=named).values_list("code", flat=True))
        areas, new_codes = _ensure_areas(parsed.vintages, counts)
        _upsert_vintages(parsed.vintages, areas, counts)
        levels = {r.level for r in parsed.vintages}
        changed = _derive(levels, {r.code: r.is_pseudo for r in parsed.vintages}, counts, named) - new_codes
        counts.warnings[:] = [
            w
            for w in counts.warnings
            if w.split(" ", 1)[0] in {r.code for r in parsed.vintages} or not w[:2].isalpha()
        ]
        counts.count("area", changed=len(changed), unchanged=len(before - changed))
        errors = _upsert_memberships(parsed.memberships, counts)
        for kind, year in parsed.locate_members:
            _locate(kind, year, counts)
        _report_territory_changes({r.code for r in parsed.vintages if r.level == "GM" and r.geometry}, counts)
        if errors:
            transaction.set_rollback(True)
    return counts.result(errors), counts


def merge_vintages(records: tuple[AreaRecord, ...]) -> tuple[AreaRecord, ...]:
    """One record per (code, year): a boundary file's name, boundary and parent win over a table's."""
    merged: dict[tuple[str, int], AreaRecord] = {}
    for record in records:
        key = (record.code, record.year)
        other = merged.get(key)
        if other is None:
            merged[key] = record
            continue
        first, second = (record, other) if record.geometry and not other.geometry else (other, record)
        merged[key] = dataclasses.replace(
            first,
            parent_code=first.parent_code or second.parent_code,
            geometry=first.geometry or second.geometry,
            is_pseudo=first.is_pseudo or second.is_pseudo,
        )
    return tuple(merged.values())


def _ensure_areas(records: tuple[AreaRecord, ...], counts: AreaCounts) -> tuple[dict[str, Area], set[str]]:
    codes = {r.code for r in records}
    if any(r.level == "GM" for r in records):
        codes.add(_NL)
    existing = {a.code: a for a in Area.objects.filter(code__in=codes)}
    latest: dict[str, AreaRecord] = {}
    for record in records:
        if record.code not in latest or record.year > latest[record.code].year:
            latest[record.code] = record
    new = [
        Area(code=r.code, name=r.name[:200], level=r.level, is_pseudo=r.is_pseudo)
        for r in latest.values()
        if r.code not in existing
    ]
    if _NL in codes and _NL not in existing:
        new.append(Area(code=_NL, name="Nederland", level="NL"))
    Area.objects.bulk_create(new, batch_size=1000)
    counts.count("area", added=len(new))
    return {a.code: a for a in Area.objects.filter(code__in=codes)}, {a.code for a in new}


def _upsert_vintages(records: tuple[AreaRecord, ...], areas: dict[str, Area], counts: AreaCounts) -> None:
    ids = {code: area.pk for code, area in areas.items()}
    stored = {
        (v.area_id, v.year): v
        for v in AreaVintage.objects.filter(area_id__in=ids.values(), year__in={r.year for r in records})
    }
    new, changed = [], []
    for record in records:
        current = stored.get((ids[record.code], record.year))
        if current is None:
            new.append(
                AreaVintage(area_id=ids[record.code], year=record.year, name=record.name[:200],
                            parent_code=record.parent_code, geometry=record.geometry,
                            source=record.source[:200])
            )  # fmt: skip
            continue
        wanted = {
            "name": record.name[:200],
            "parent_code": record.parent_code or current.parent_code,
            "geometry": record.geometry or current.geometry,
            "source": current.source,  # a table adding memberships does not claim the vintage
        }
        if wanted["geometry"] != current.geometry or wanted["name"] != current.name:
            wanted["source"] = record.source[:200] or current.source
        diff = {k: v for k, v in wanted.items() if getattr(current, k) != v}
        if diff:
            for key, value in diff.items():
                setattr(current, key, value)
            changed.append(current)
    AreaVintage.objects.bulk_create(new, batch_size=500)
    AreaVintage.objects.bulk_update(changed, ["name", "parent_code", "geometry", "source"], batch_size=200)
    counts.count(
        "vintage", added=len(new), changed=len(changed), unchanged=len(records) - len(new) - len(changed)
    )


def _derive(levels: set[str], pseudo: dict[str, bool], counts: AreaCounts, named: set[str]) -> set[str]:
    """Name, parent and validity of the areas this import names, from all of their vintages.

    An area the file does not contain is never changed, so a partial file (four buurten of 2024) cannot
    end or open the validity of the others; when their validity no longer fits the stored vintages, a
    warning says so (import all vintages together, e.g. a folder, to derive it). Returns the codes of the
    areas that changed.
    """
    changed_codes: set[str] = set()
    for level in levels:
        vintages = list(
            AreaVintage.objects.filter(area__level=level).values_list(
                "area_id", "year", "name", "parent_code"
            )
        )
        if not vintages:
            continue
        first, last = min(v[1] for v in vintages), max(v[1] for v in vintages)
        by_area: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for area_id, year, name, parent_code in vintages:
            by_area[area_id].append((year, name, parent_code))
        parents = _parent_ids({max(v)[2] for v in by_area.values()} | ({_NL} if level == "GM" else set()))
        changed, outdated = [], []
        for area in Area.objects.filter(level=level, pk__in=by_area):
            years = sorted(by_area[area.pk])
            latest_year, latest_name, parent_code = years[-1]
            wanted = {
                "name": latest_name,
                "parent_id": parents.get(parent_code or (_NL if level == "GM" else "")),
                "valid_from": None if years[0][0] == first else years[0][0],
                "valid_to": None if latest_year == last else latest_year,
                "is_pseudo": area.is_pseudo or pseudo.get(area.code, False),
            }
            if area.code not in named:
                if any(getattr(area, k) != wanted[k] for k in ("valid_from", "valid_to")):
                    outdated.append(area.code)
                continue
            if any(getattr(area, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(area, key, value)
                changed.append(area)
            _warn_name_changes(area.code, years, counts)
        Area.objects.bulk_update(
            changed, ["name", "parent_id", "valid_from", "valid_to", "is_pseudo"], batch_size=500
        )
        if outdated:
            counts.warnings.append(
                f"{len(outdated)} gebied(en) van niveau {level} staan niet in dit bestand en zijn niet "
                "aangepast "
                f"(bijv. {', '.join(sorted(outdated)[:5])}); hun geldigheid past niet meer bij alle "
                "jaargangen: importeer alle jaargangen samen (een map) als ze zijn opgeheven of nieuw"
            )
        changed_codes.update(a.code for a in changed)
    return changed_codes


def _parent_ids(codes: set[str]) -> dict[str, int]:
    return dict(Area.objects.filter(code__in=codes - {""}).values_list("code", "id"))


def _warn_name_changes(code: str, years: list[tuple[int, str, str]], counts: AreaCounts) -> None:
    for (y1, n1, _p1), (y2, n2, _p2) in itertools.pairwise(years):
        if n1.casefold() != n2.casefold():
            counts.warnings.append(
                f"{code} heet in {y1} '{n1}' en in {y2} '{n2}' (zelfde code, zelfde gebied volgens CBS)"
            )


def _upsert_memberships(records: tuple[MembershipRecord, ...], counts: AreaCounts) -> list[RecordError]:
    if not records:
        return []
    codes = {r.area_code for r in records} | {r.group_code for r in records}
    ids = dict(Area.objects.filter(code__in=codes).values_list("code", "id"))
    errors = [
        RecordError(
            f"onbekend gebied '{r.area_code}': importeer eerst de gemeenten", r.file, r.row, "gemeentecode"
        )
        for r in records
        if r.area_code not in ids
    ]
    if errors:
        return errors[:1000]
    _write_memberships(
        [(ids[r.area_code], r.kind, r.year, r.group_code, ids.get(r.group_code)) for r in records], counts
    )
    return []


def _write_memberships(rows: list[tuple[int, str, int, str, int | None]], counts: AreaCounts) -> None:
    stored = {
        (m.area_id, m.kind, m.year): m
        for m in AreaMembership.objects.filter(
            area_id__in={r[0] for r in rows}, kind__in={r[1] for r in rows}
        )
    }
    new, changed = [], []
    for area_id, kind, year, group_code, group_id in rows:
        group_id = group_id if kind in KIND_LEVEL else None
        current = stored.get((area_id, kind, year))
        if current is None:
            new.append(
                AreaMembership(
                    area_id=area_id, kind=kind, year=year, group_code=group_code, group_id=group_id
                )
            )
        elif (current.group_code, current.group_id) != (group_code, group_id):
            current.group_code, current.group_id = group_code, group_id
            changed.append(current)
    AreaMembership.objects.bulk_create(new, batch_size=1000)
    AreaMembership.objects.bulk_update(changed, ["group_code", "group"], batch_size=500)
    counts.count(
        "membership", added=len(new), changed=len(changed), unchanged=len(rows) - len(new) - len(changed)
    )


def _locate(kind: str, year: int, counts: AreaCounts) -> None:
    level = KIND_LEVEL[kind]
    regions = dict(
        AreaVintage.objects.filter(area__level=level, year=year).values_list("area__code", "geometry")
    )
    members = dict(
        AreaVintage.objects.filter(area__level="GM", area__is_pseudo=False, year=year)
        .exclude(geometry="")
        .values_list("area__code", "geometry")
    )
    if not members:
        counts.warnings.append(
            f"geen gemeentegrenzen van {year}: lidmaatschappen ({kind}) niet afgeleid; "
            "importeer eerst de gemeenten "
            f"van {year} en daarna dit bestand opnieuw"
        )
        return
    found = assign_by_location(regions, members)
    ids = dict(Area.objects.filter(code__in=set(found) | set(found.values())).values_list("code", "id"))
    _write_memberships([(ids[m], kind, year, g, ids[g]) for m, g in sorted(found.items())], counts)
    if missing := sorted(set(members) - set(found)):
        counts.warnings.append(
            f"{len(missing)} gemeente(n) in geen enkel gebied van {kind} {year}: {', '.join(missing[:10])}"
        )


def _report_territory_changes(codes: set[str], counts: AreaCounts) -> None:
    rows = (
        AreaVintage.objects.filter(area__code__in=codes).exclude(geometry="").order_by("area__code", "year")
    )
    previous: tuple[str, int, float] | None = None
    for code, year, geometry in rows.values_list("area__code", "year", "geometry").iterator():
        size = area_km2(geometry)
        if previous and previous[0] == code and previous[2] > 0:
            change = size / previous[2] - 1
            if abs(change) > TERRITORY_CHANGE:
                counts.warnings.append(
                    f"{code}: grondgebied {previous[1]}→{year} {change:+.0%}; de code bleef gelijk, "
                    "maar de tijdreeks "
                    "gaat vanaf dan over een ander gebied (herindeling)"
                )
        previous = (code, year, size)
