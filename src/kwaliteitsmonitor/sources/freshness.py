# SPDX-License-Identifier: EUPL-1.2
"""Freshness of a source, judged against its own calendar. Pure Python (no Django).

Four judgements (plus "onbekend" before the first check):

* **actueel** – the monitor holds the source's latest version and the next update is not due yet
  (or the source has no regular calendar: ``Eenmalig``, ``Onregelmatig``);
* **verwacht** – a new version is due: the source's next date has passed, within the grace period, or
  the catalogue already shows a newer version that the next refresh will fetch;
* **te laat** – the next date plus the grace period has passed without a new version;
* **beëindigd** – the source stopped (CBS: ``Status``/``OutputStatus`` "Gediscontinueerd", or
  ``Frequency``/``ReasonDelivery`` "Stopgezet").

For a CBS table the calendar is the catalogue: ``Modified`` (v3 ``TableInfos``, v4 ``Properties``) plus
the interval of ``Frequency``. For a file location it is the last change plus the operator's interval;
for a delivery by hand it is the expected delivery date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kwaliteitsmonitor.analysis.periods import dutch_date

ACTUEEL, VERWACHT, TE_LAAT, BEEINDIGD, ONBEKEND = "actueel", "verwacht", "te_laat", "beeindigd", "onbekend"
LABELS = {
    ACTUEEL: "actueel",
    VERWACHT: "nieuwe cijfers verwacht",
    TE_LAAT: "te laat",
    BEEINDIGD: "beëindigd",
    ONBEKEND: "onbekend",
}

# CBS ``Frequency`` (v3 "Perhalfjaar", v4 "Per halfjaar") and our own schedule words → days.
INTERVALS = {
    "perdag": 1,
    "dagelijks": 1,
    "perweek": 7,
    "wekelijks": 7,
    "permaand": 31,
    "maandelijks": 31,
    "perkwartaal": 92,
    "kwartaal": 92,
    "perhalfjaar": 183,
    "halfjaarlijks": 183,
    "perjaar": 366,
    "jaarlijks": 366,
    "pertweejaar": 731,
}
IRREGULAR = {"eenmalig", "onregelmatig", ""}
ENDED_WORDS = {"stopgezet", "gediscontinueerd", "beeindigd", "beëindigd"}


@dataclass(frozen=True, slots=True)
class Freshness:
    state: str
    next_expected: dt.date | None
    explanation: str

    @property
    def label(self) -> str:
        return LABELS[self.state]


def normalise(word: str | None) -> str:
    return "".join((word or "").split()).lower()


def interval_days(frequency: str | None) -> int | None:
    """Days between updates for a CBS ``Frequency`` or a schedule word; None for no regular calendar."""
    return INTERVALS.get(normalise(frequency))


def parse_modified(text: str | None) -> dt.date | None:
    """``2024-10-31T02:00:00`` (v3) or ``2020-06-19T02:00:00+02:00`` (v4) → the date CBS gives."""
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _by_date(today: dt.date, next_expected: dt.date, grace_days: int, what: str) -> Freshness:
    if today < next_expected:
        return Freshness(
            ACTUEEL, next_expected, f"Volgende {what} verwacht rond {dutch_date(next_expected)}."
        )
    late_from = next_expected + dt.timedelta(days=grace_days)
    if today <= late_from:
        return Freshness(
            VERWACHT, next_expected, f"Nieuwe {what} verwacht sinds {dutch_date(next_expected)}."
        )
    return Freshness(
        TE_LAAT,
        next_expected,
        f"Nieuwe {what} was verwacht rond {dutch_date(next_expected)} en is er nog niet.",
    )


def judge_cbs(
    today: dt.date,
    *,
    modified: str | None,
    frequency: str | None,
    reason: str | None = None,
    status: str | None = None,
    held_version: str | None = None,
    grace_days: int = 30,
) -> Freshness:
    """A CBS table by its catalogue entry; ``held_version`` is the ``Modified`` the monitor last fetched."""
    if ENDED_WORDS & {normalise(frequency), normalise(reason), normalise(status)}:
        return Freshness(
            BEEINDIGD, None, "CBS heeft deze tabel stopgezet; er komen geen nieuwe cijfers meer."
        )
    changed = parse_modified(modified)
    if changed is None:
        return Freshness(ONBEKEND, None, "De CBS-catalogus is nog niet geraadpleegd.")
    if held_version is not None and (held_version or "").strip() != (modified or "").strip():
        return Freshness(
            VERWACHT,
            today,
            f"CBS heeft de tabel op {dutch_date(changed)} bijgewerkt; de monitor haalt die cijfers bij "
            "de volgende verversing op.",
        )
    days = interval_days(frequency)
    if days is None:
        return Freshness(
            ACTUEEL, None, f"Laatste versie van {dutch_date(changed)}; CBS werkt deze tabel onregelmatig bij."
        )
    return _by_date(today, changed + dt.timedelta(days=days), grace_days, "versie")


def judge_schedule(
    today: dt.date,
    *,
    expected: dt.date | None,
    last_delivery: dt.date | None,
    grace_days: int = 14,
    ended: bool = False,
) -> Freshness:
    """A file location or a delivery by hand: the next expected date against today."""
    if ended:
        return Freshness(BEEINDIGD, None, "Deze bron levert niet meer.")
    if expected is None:
        if last_delivery is None:
            return Freshness(ONBEKEND, None, "Nog geen levering en geen verwachte datum.")
        return Freshness(
            ACTUEEL, None, f"Laatst geleverd op {dutch_date(last_delivery)}; geen vaste kalender."
        )
    return _by_date(today, expected, grace_days, "levering")
