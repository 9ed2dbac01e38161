# SPDX-License-Identifier: EUPL-1.2
""" "Wat is er veranderd": a snapshot compared with the previous one, computed once at freeze time.

Per doel: the resultaten whose status changed and the inspanningen whose status or progress changed,
read from the two snapshots' frozen doel pages (JSON twins), so the comparison is of what the pages
showed. Per indicator of those doelen: the published values that changed between the two publications
(for the agenda's gemeente, its wijken and Nederland), read from the versioned rows of the published
store: a row that starts after the previous publication is new or changed, a row that ended is
replaced or gone. Every change names its cause (``PublishedValue.cause`` / ``revised`` / ``secret``):
a new period, a revision by the source, a definition change, a correction, or protection.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q

from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_value
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.models import Cause, PublishedValue

from .models import FrozenPage, Snapshot

CAUSES = {
    Cause.NEW: "Nieuwe periode",
    Cause.REVISION: "Herziening door de bron",
    Cause.DEFINITION: "Definitie gewijzigd",
    Cause.CORRECTION: "Correctie",
    Cause.PROTECTION: "Beveiliging",
    Cause.RECOMPUTED: "Opnieuw berekend",
    "report": "Nieuwe voortgangsrapportage",
}
KINDS = {
    "changed": "Gewijzigd",
    "new": "Nieuw",
    "gone": "Vervallen",
    "hidden": "Nieuw afgeschermd",
    "shown": "Weer getoond",
    "status": "Status van het cijfer gewijzigd",
}
_FIELDS = ("indicator_id", "area_id", "period", "breakdown", "value", "secret", "status", "cause", "revised")


def _doel_pages(snapshot: Snapshot) -> dict[str, dict[str, Any]]:
    """Site path of each doel page (``/opgave/<thema>/<doel>/``) → its frozen JSON twin."""
    out = {}
    rows = FrozenPage.objects.filter(
        snapshot=snapshot, replaced=False, path__startswith="/opgave/", path__endswith=".json"
    ).values_list("path", "body")
    for path, body in rows:
        data = json.loads(bytes(body))
        if data.get("page") == "doel":
            out[path[: -len(".json")] + "/"] = data
    return out


def _label(status: dict[str, Any] | None) -> str:
    if not status:
        return "Onvoldoende gegevens"
    return str(status.get("label") or status.get("text") or status.get("code") or "")


def _match(items: list[dict[str, Any]], item: dict[str, Any], index: int) -> dict[str, Any] | None:
    same = [i for i in items if i.get("title") == item.get("title")]
    if same:
        return same[0]
    return items[index] if index < len(items) else None


def _indicator_codes(doel: dict[str, Any]) -> list[str]:
    codes = [i["code"] for i in doel.get("indicators", [])]
    codes += [r["indicator"]["code"] for r in doel.get("results", []) if r.get("indicator")]
    codes += [i["code"] for e in doel.get("efforts", []) for i in e.get("indicators", [])]
    return list(dict.fromkeys(codes))


def _value_text(row: dict[str, Any] | None, indicator: Indicator) -> str:
    if row is None:
        return "—"
    if row["secret"]:
        return "afgeschermd"
    if row["value"] is None:
        return "onbekend"
    return format_value(row["value"], indicator.unit, indicator.decimals)


def _classify(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[str, str]:
    if after is None:
        return "gone", Cause.CORRECTION
    cause = after["cause"] or (Cause.REVISION if after["revised"] else "")
    if before is None:
        return ("hidden" if after["secret"] else "new"), cause or Cause.NEW
    if after["secret"] and not before["secret"]:
        return "hidden", Cause.PROTECTION
    if before["secret"] and not after["secret"]:
        return "shown", Cause.PROTECTION
    if before["value"] != after["value"]:
        return "changed", cause or Cause.CORRECTION
    return "status", cause or Cause.REVISION


def value_changes(
    before_number: int, after_number: int, indicators: list[Indicator], areas: dict[int, Area]
) -> dict[str, list[dict[str, Any]]]:
    """Per indicator code: the published values that differ between two publications."""
    out: dict[str, list[dict[str, Any]]] = {i.code: [] for i in indicators}
    if before_number >= after_number or not indicators:
        return out
    scope = Q(indicator_id__in=[i.pk for i in indicators], area_id__in=list(areas))
    now = PublishedValue.objects.filter(scope, since__gt=before_number, since__lte=after_number).filter(
        Q(until__isnull=True) | Q(until__gt=after_number)
    )
    ended = PublishedValue.objects.filter(
        scope, since__lte=before_number, until__gt=before_number, until__lte=after_number
    )
    after = {(r["indicator_id"], r["area_id"], r["period"], r["breakdown"]): r for r in now.values(*_FIELDS)}
    before = {
        (r["indicator_id"], r["area_id"], r["period"], r["breakdown"]): r for r in ended.values(*_FIELDS)
    }
    by_id = {i.pk: i for i in indicators}
    for key in sorted(set(after) | set(before), key=lambda k: (k[0], areas[k[1]].name, k[2], k[3])):
        indicator, area = by_id[key[0]], areas[key[1]]
        old, new = before.get(key), after.get(key)
        kind, cause = _classify(old, new)
        out[indicator.code].append(
            {
                "area": area.name,
                "area_code": area.code,
                "period": key[2],
                "period_label": period_label(key[2]),
                "breakdown": key[3],
                "kind": kind,
                "kind_label": KINDS[kind],
                "before": _value_text(old, indicator),
                "after": _value_text(new, indicator),
                "before_status": old["status"] if old else "",
                "after_status": new["status"] if new else "",
                "cause": str(cause),
                "cause_label": CAUSES.get(cause, str(cause)),
            }
        )
    return out


def _areas(doelen: list[dict[str, Any]]) -> dict[int, Area]:
    codes = {d["area"]["code"] for d in doelen if d.get("area")}
    found = Area.objects.filter(Q(code__in=codes) | Q(parent__code__in=codes) | Q(level=Level.NL))
    return {a.pk: a for a in found}


def _goal_changes(
    old: dict[str, Any] | None, new: dict[str, Any], causes: dict[str, set[str]]
) -> dict[str, Any]:
    results, efforts = [], []
    if old is not None:
        for i, result in enumerate(new.get("results", [])):
            before = _match(old.get("results", []), result, i)
            if before is None or _label(before.get("status")) == _label(result.get("status")):
                continue
            code = (result.get("indicator") or {}).get("code", "")
            found = sorted(causes.get(code, set())) or [Cause.RECOMPUTED]
            results.append(
                {
                    "title": result["title"],
                    "before": _label(before.get("status")),
                    "after": _label(result.get("status")),
                    "causes": [CAUSES[c] for c in found],
                }
            )
        for i, effort in enumerate(new.get("efforts", [])):
            before = _match(old.get("efforts", []), effort, i)
            if before is None:
                continue
            fields = ("status_label", "progress_text")
            if all(before.get(f) == effort.get(f) for f in fields):
                continue
            old_period = (before.get("latest_report") or {}).get("period")
            new_period = (effort.get("latest_report") or {}).get("period")
            efforts.append(
                {
                    "title": effort["title"],
                    "status_before": before.get("status_label", ""),
                    "status_after": effort.get("status_label", ""),
                    "progress_before": before.get("progress_text", ""),
                    "progress_after": effort.get("progress_text", ""),
                    "cause": CAUSES["report"] + f" ({new_period})"
                    if new_period != old_period
                    else CAUSES[Cause.CORRECTION],
                }
            )
    return {"results": results, "efforts": efforts}


def compute(snapshot: Snapshot) -> dict[str, Any]:
    """Everything "wat is er veranderd" shows, as stored on the snapshot (JSON)."""
    previous = snapshot.previous
    new_pages = _doel_pages(snapshot)
    old_pages = _doel_pages(previous) if previous is not None else {}
    codes = list(dict.fromkeys(c for d in new_pages.values() for c in _indicator_codes(d)))
    indicators = sorted(Indicator.objects.filter(code__in=codes), key=lambda i: codes.index(i.code))
    values = (
        value_changes(
            previous.publication.number,
            snapshot.publication.number,
            indicators,
            _areas(list(new_pages.values())),
        )
        if previous is not None
        else {i.code: [] for i in indicators}
    )
    causes = {code: {c["cause"] for c in rows} for code, rows in values.items()}
    goals = []
    for path, doel in new_pages.items():
        old = old_pages.get(path) if previous is not None else None
        goals.append(
            {
                "title": doel.get("title", ""),
                "path": path,
                "new": previous is not None and old is None,
                "indicators": _indicator_codes(doel),
                **_goal_changes(old, doel, causes),
            }
        )
    return {
        "previous": None
        if previous is None
        else {
            "slug": previous.slug,
            "name": previous.name,
            "as_of": previous.as_of.isoformat(),
            "publication": previous.publication.number,
        },
        "publication": snapshot.publication.number,
        "goals": goals,
        "indicators": [
            {"id": i.pk, "code": i.code, "name": i.name, "changes": values.get(i.code, [])}
            for i in indicators
        ],
    }
