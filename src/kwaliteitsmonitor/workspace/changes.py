# SPDX-License-Identifier: EUPL-1.2
"""The change list of a publication, for staff: per indicator what is added, changed, removed, newly hidden
or shown, with the causes, a sample of the changed values (area, period, old → new), the cells that become
hidden or shown with the reason, and the statuses that change. Read from ``Publication.changes``, which the
build wrote (for a draft or the live publication, and for the next publication an import preview builds)."""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.analysis.units import format_number
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.publications.models import Cause, Publication, Reason

SAMPLE = 8


def _value(value: Any, secret: bool) -> str:
    if secret:
        return "geheim"
    if value is None:
        return "—"
    return format_number(float(value), 2).removesuffix(",00")


def _cells(found: list[dict[str, Any]], names: dict[int, str]) -> list[dict[str, str]]:
    causes, reasons = dict(Cause.choices), dict(Reason.choices)
    out = []
    for s in found:
        where = f"{names.get(s['area_id'], s['area_id'])}, {period_label(s['period'])}"
        if s.get("breakdown"):
            where += f" ({s['breakdown']})"
        new = "verwijderd" if s.get("removed") else _value(s.get("new"), s.get("new_secret", False))
        old = (
            _value(s.get("old"), s.get("old_secret", False))
            if s.get("old") is not None or s.get("old_secret")
            else "nieuw"
        )
        out.append(
            {
                "where": where,
                "old": old,
                "new": new,
                "cause": causes.get(s.get("cause", ""), ""),
                "reason": reasons.get(s.get("reason", ""), "") if s.get("reason") else "",
            }
        )
    return out


def change_list(publication: Publication) -> dict[str, Any]:
    return changes_of(publication.changes or {})


def changes_of(changes: dict[str, Any]) -> dict[str, Any]:
    """The change list from a ``Publication.changes`` dict."""
    values: dict[str, dict[str, Any]] = changes.get("values") or {}
    shown = [
        s
        for d in values.values()
        for s in (*(d.get("sample") or [])[:SAMPLE], *(d.get("visibility") or [])[:SAMPLE])
    ]
    names = dict(Area.objects.filter(pk__in={s["area_id"] for s in shown}).values_list("pk", "name"))
    causes = dict(Cause.choices)
    indicators = []
    for code in sorted(values):
        d = values[code]
        if not any(d.get(k) for k in ("added", "changed", "removed", "newly_hidden", "newly_shown")):
            continue
        indicators.append(
            {
                "code": code,
                "added": d.get("added", 0),
                "changed": d.get("changed", 0),
                "removed": d.get("removed", 0),
                "newly_hidden": d.get("newly_hidden", 0),
                "newly_shown": d.get("newly_shown", 0),
                "causes": ", ".join(
                    f"{causes.get(c, c)}: {n}" for c, n in sorted((d.get("causes") or {}).items())
                ),
                "added_hidden": d.get("added_hidden", 0),
                "samples": _cells((d.get("sample") or [])[:SAMPLE], names),
                "visibility": _cells((d.get("visibility") or [])[:SAMPLE], names),
            }
        )
    return {"indicators": indicators, "statuses": changes.get("statuses") or []}


def changed_values(publication: Publication) -> int:
    """Values that a publication adds, changes or removes, over all indicators."""
    values = (publication.changes or {}).get("values") or {}
    return sum(d.get("added", 0) + d.get("changed", 0) + d.get("removed", 0) for d in values.values())
