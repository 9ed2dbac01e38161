# SPDX-License-Identifier: EUPL-1.2
"""Answer deadlines of council questions, as a reglement van orde sets them (``KM_QUESTION_DEADLINES``).

The setting reads ``technisch=5 werkdagen; schriftelijk=30 dagen``: per kind of question a number of
days, counted either as calendar days (``dagen``) or as working days (``werkdagen``: Monday to Friday;
public holidays are not known here and count as working days). The deadline is the last day on which
the answer is on time; counting starts the day after the question was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT = "technisch=5 werkdagen; schriftelijk=30 dagen"


@dataclass(frozen=True)
class Term:
    days: int
    working_days: bool

    def text(self) -> str:
        unit = "werkdag" if self.working_days else "dag"
        return f"{self.days} {unit}{'en' if self.days != 1 else ''}"


def parse(text: str) -> dict[str, Term]:
    """``kind=N dagen|werkdagen`` separated by ``;``; a Dutch ``ValueError`` naming the part otherwise."""
    terms: dict[str, Term] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        kind, _, rest = part.partition("=")
        words = rest.split()
        if (
            not kind.strip()
            or len(words) != 2
            or not words[0].isdigit()
            or words[1] not in {"dagen", "werkdagen"}
        ):
            raise ValueError(
                f"KM_QUESTION_DEADLINES: '{part}' is geen termijn; schrijf bijvoorbeeld "
                "'technisch=5 werkdagen'."
            )
        if int(words[0]) < 1:
            raise ValueError(f"KM_QUESTION_DEADLINES: de termijn in '{part}' moet minstens 1 dag zijn.")
        terms[kind.strip()] = Term(int(words[0]), words[1] == "werkdagen")
    return terms


def deadline(asked: date, term: Term) -> date:
    if not term.working_days:
        return asked + timedelta(days=term.days)
    day, left = asked, term.days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day
