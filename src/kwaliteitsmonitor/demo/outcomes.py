# SPDX-License-Identifier: EUPL-1.2
"""Fictitious voorzieningen of the demo's partner organisation, with outcome figures per half-year as
a partner would hand them in (aggregates per voorziening), one with so few trajecten that its
percentages are hidden when published. Loaded through the one load step like every other demo figure."""

from __future__ import annotations

from kwaliteitsmonitor.agenda.models import Agenda, Effort, Organisation
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.records import ObservationRecord
from kwaliteitsmonitor.outcomes.models import BREAKDOWN_DIMENSION, Voorziening
from kwaliteitsmonitor.outcomes.service import ensure_indicators

from .common import MUNICIPALITY

SOURCE = "Fictief, naar het model van de geharmoniseerde outcome-indicatoren (NJi)"
KIND = "ambulante jeugdhulp"
PERIODS = ("2025HJ01", "2025HJ02", "2026HJ01")
# code, name, own partner?, per period: (cliënten, doel teller, doel noemer, uitval teller, uitval noemer,
# % tevreden, respondenten)
SPEC = (
    ("demo-ambulant-centrum", "Ambulante gezinsbegeleiding Centrum", True,
     ((84, 30, 41, 6, 47, 78.0, 36), (91, 33, 44, 5, 49, 80.5, 38), (88, 36, 45, 4, 50, 83.0, 40))),
    ("demo-ambulant-kleine-kern", "Gezinscoach Kleine Kernen", True,
     ((14, 4, 7, 1, 8, 70.0, 6), (12, 5, 6, 1, 7, 66.0, 5), (11, 4, 6, 2, 7, 75.0, 4))),
    ("demo-ambulant-oost", "Jeugdteam Oost, ambulant", False,
     ((63, 22, 35, 7, 38, 74.0, 29), (66, 24, 36, 8, 40, 72.5, 31), (70, 27, 38, 6, 41, 76.0, 33))),
)  # fmt: skip


def outcome_records() -> list[ObservationRecord]:
    records = []
    for code, _name, _own, figures in SPEC:
        breakdown = f"{BREAKDOWN_DIMENSION}={code}"
        for period, (clients, dt, dn, ut, un, pct, n) in zip(PERIODS, figures, strict=True):

            def record(
                indicator: str,
                value: float,
                num: int | None = None,
                den: int | None = None,
                size: int | None = None,
                period: str = period,
                breakdown: str = breakdown,
            ) -> ObservationRecord:
                return ObservationRecord(
                    indicator,
                    MUNICIPALITY,
                    period,
                    value,
                    breakdown=breakdown,
                    numerator=None if num is None else float(num),
                    denominator=None if den is None else float(den),
                    n=size,
                )

            records += [
                record("outcome_clienten", float(clients)),
                record("outcome_doelrealisatie", round(100 * dt / dn, 1), dt, dn, dn),
                record("outcome_uitval", round(100 * ut / un, 1), ut, un, un),
                record("outcome_tevredenheid", float(pct), size=int(n)),
            ]
    return records


def create_voorzieningen(agenda: Agenda) -> list[Voorziening]:
    """The voorzieningen, the first two of the partner of the agenda's first inspanning with a partner
    (the demo-partner account's organisation), all under that inspanning."""
    ensure_indicators(source=SOURCE)
    effort = (
        Effort.objects.filter(goal__theme__agenda=agenda, partner__isnull=False)
        .order_by("goal__theme__order", "goal__order", "order", "id")
        .select_related("partner")
        .first()
    )
    if effort is None or effort.partner is None:
        return []
    other = Organisation.for_name("Jeugdteam Oost (fictief)")
    area = Area.objects.get(code=MUNICIPALITY)
    return [
        Voorziening.objects.create(
            code=code,
            name=name,
            kind=KIND,
            partner=effort.partner if own else other,
            area=area,
            effort=effort,
            is_fictitious=True,
            description="Fictieve voorziening van de demo; de cijfers zijn verzonnen.",
        )
        for code, name, own, _figures in SPEC
    ]
