# SPDX-License-Identifier: EUPL-1.2
"""The comparison group of a gemeente for one indicator, and never a group that the indicator helped
to pick (``docs/methods/vergelijken.md``).

* A saved comparison group (``areas.ComparisonGroup``, the latest of the area) is the comparison group.
  Staff chose its characteristics and it never changes. When the indicator helped to pick it, the
  group is not used for that indicator, and the note says why.
* Without a saved group: the gemeenten die op ons lijken on the default characteristics (or those
  given). When the indicator helped to pick them, they are picked again without the characteristics
  the indicator is part of, and the group's name says so; with no characteristic left there is no
  comparison group, and the note says why.

An indicator helped to pick a group when the indicator or its numerator is one of the group's inputs:
the indicators of its characteristics, their ``per`` counts, and the numerators and denominators of
those (``insights_similar.characteristic_inputs``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kwaliteitsmonitor.areas.models import Area, ComparisonGroup
from kwaliteitsmonitor.indicators.models import Indicator

from .insights_similar import UnknownCharacteristic, characteristic_inputs, saved_similar, similar_areas


def judged_codes(indicators: Sequence[Indicator]) -> dict[int, set[str]]:
    """Per indicator (pk) the codes a comparison judges: its own and its numerator's (one query, only
    when one of them has a numerator)."""
    numerators = {i.numerator_id for i in indicators if i.numerator_id}
    codes = dict(Indicator.objects.filter(pk__in=numerators).values_list("pk", "code")) if numerators else {}
    return {i.pk: {i.code, *([codes[i.numerator_id]] if i.numerator_id in codes else [])} for i in indicators}


def saved_peer_group(area: Area) -> dict[str, Any] | None:
    """The latest saved comparison group of ``area`` as a peer group, or None."""
    saved = ComparisonGroup.objects.filter(area=area).order_by("-created_at", "-pk").first()
    return _saved_group(saved) if saved else None


def _saved_group(saved: ComparisonGroup) -> dict[str, Any]:
    return {
        "kind": "vergelijkingsgroep",
        "code": saved.fingerprint,
        "name": saved.name or "de vergelijkingsgroep",
        "members": list(saved.members),
        "characteristics": [
            {"code": c.get("code"), "label": c.get("label", c.get("code"))} for c in saved.characteristics
        ],
        "inputs": characteristic_inputs(saved.characteristics),
    }


def derived_peer_group(area: Area, found: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The gemeenten die op ons lijken (a ``similar_areas`` result, computed when not given)."""
    found = found if found is not None else similar_areas(area)
    if not found.get("matches"):
        return None
    without = found.get("without") or []
    name = f"de {len(found['matches'])} gemeenten die op {found['area']['name']} lijken"
    if without:
        name += f" als je {_joined(without)} niet meetelt"
    return {
        "kind": "gelijkende_gemeenten",
        "code": found["fingerprint"],
        "name": name,
        "members": [m["area"] for m in found["matches"]],
        "characteristics": [{"code": c["code"], "label": c["label"]} for c in found["characteristics"]],
        "inputs": list(found.get("inputs", [])),
    }


def helped_pick(judged: set[str], group: Mapping[str, Any] | None) -> bool:
    return bool(group) and bool(judged & set(group.get("inputs", ())))  # type: ignore[union-attr]


def peer_choice(
    indicator: Indicator,
    area: Area,
    *,
    indicator_period: str | None = None,
    characteristics: Sequence[str] | None = None,
    weights: Mapping[str, float] | None = None,
    k: int | None = None,
    judged: set[str] | None = None,
    show: bool = False,
) -> dict[str, Any]:
    """The comparison group of ``area`` for ``indicator`` (rules in the module docstring):
    ``{"group": peer group or None, "note": Dutch, "similar": the group as the page shows it}``.

    With ``characteristics`` (and ``weights``, ``k``) the gemeenten die op ons lijken on those, not the
    saved group. ``show``: also fill ``similar`` (with ``indicator``'s value per member in
    ``indicator_period``); else ``similar`` is only there when it was computed anyway."""
    judged = judged if judged is not None else judged_codes([indicator])[indicator.pk]
    shown = {"indicator": indicator, "indicator_period": indicator_period} if show else {}
    saved = ComparisonGroup.objects.filter(area=area).order_by("-created_at", "-pk").first()
    if saved is not None and characteristics is None:
        group = _saved_group(saved)
        similar = saved_similar(saved, **shown) if show else None
        if helped_pick(judged, group):
            note = (
                f"De vergelijkingsgroep ‘{group['name']}’ is hier niet gebruikt: {indicator.name} is een "
                "van de kenmerken waarop die groep is gekozen. Een groep die gekozen is omdat ze op dit "
                f"cijfer lijkt, zegt niets over hoe {area.name} op dit cijfer scoort."
            )
            return {"group": None, "note": note, "similar": similar}
        return {"group": group, "note": "", "similar": similar}
    return _derived_choice(indicator, area, judged, characteristics, weights, k, shown)


def _derived_choice(
    indicator: Indicator,
    area: Area,
    judged: set[str],
    characteristics: Sequence[str] | None,
    weights: Mapping[str, float] | None,
    k: int | None,
    shown: dict[str, Any],
) -> dict[str, Any]:
    options: dict[str, Any] = {"k": k} if k else {}
    try:
        found = similar_areas(area, characteristics, weights, **options, **shown)
    except UnknownCharacteristic as exc:
        message = str(exc)
        similar = {"area": {"code": area.code, "name": area.name}, "matches": [], "message": message}
        note = f"Geen vergelijking met gemeenten die op {area.name} lijken. {message}"
        return {"group": None, "note": note, "similar": similar}
    chars = found.get("characteristics", [])
    involved = [c for c in chars if judged & set(c["inputs"])]
    if not involved:
        return {"group": derived_peer_group(area, found), "note": "", "similar": found}
    labels = [c["label"] for c in involved]
    rest = [c for c in chars if c not in involved]
    why = (
        f"{indicator.name} hoort bij {'het kenmerk' if len(labels) == 1 else 'de kenmerken'} "
        f"{_joined(labels)} waarop de gemeenten die op {area.name} lijken worden gekozen"
    )
    if not rest:
        note = (
            f"Geen vergelijking met gemeenten die op {area.name} lijken: {why}, en er is geen ander kenmerk."
        )
        return {"group": None, "note": note, "similar": found}
    again = similar_areas(
        area,
        [c["code"] for c in rest],
        {c["code"]: c["weight"] for c in rest},
        found["k"],
        **shown,
    )
    again["without"] = labels
    note = f"{why}; voor deze indicator zijn ze daarom gekozen zonder {_joined(labels)}."
    return {"group": derived_peer_group(area, again), "note": note[:1].upper() + note[1:], "similar": again}


def peer_choices(
    indicators: Sequence[Indicator], area: Area, peer_group: dict[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """:func:`peer_choice` of several indicators (the Stand van de gemeente page): the group is looked
    up once and picked again only for indicators that helped to pick it. With ``peer_group`` ({} for
    none) that group for every indicator, left out where the indicator helped to pick it."""
    judged = judged_codes(indicators)
    if peer_group is not None:
        return {i.code: _given(i, peer_group, judged[i.pk]) for i in indicators}
    base = peer_choice(indicators[0], area, judged=set()) if indicators else {}
    out = {}
    for indicator in indicators:
        if not helped_pick(judged[indicator.pk], base.get("group")):
            out[indicator.code] = {"group": base.get("group"), "note": base.get("note", "")}
        else:
            out[indicator.code] = peer_choice(indicator, area, judged=judged[indicator.pk])
    return out


def _given(indicator: Indicator, group: dict[str, Any], judged: set[str]) -> dict[str, Any]:
    if helped_pick(judged, group):
        note = (
            f"‘{group['name']}’ is hier niet gebruikt: {indicator.name} is een van de kenmerken waarop die "
            "groep is gekozen."
        )
        return {"group": None, "note": note}
    return {"group": group or None, "note": ""}


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
