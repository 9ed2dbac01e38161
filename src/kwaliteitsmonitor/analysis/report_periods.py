# SPDX-License-Identifier: EUPL-1.2
"""Report periods of the P&C cycle (DOMAIN.md §7.1): reading a name such as ``2025-najaarsnota`` or
"Voorjaarsnota 2026", and the documented rule for the moment such a document describes.

A report period is ordered by that moment (its *peildatum*), never by its name: "2025-voorjaarsnota" comes
before "2025-najaarsnota" although it sorts after it alphabetically.

The rule (used only when nobody gave a date; staff can always correct the date in the beheer):

============================  ============================================  ======================
kind                          names (case and order do not matter)          peildatum of year *J*
============================  ============================================  ======================
``voorjaarsnota``             voorjaarsnota, kadernota, perspectiefnota,    31 maart *J*
                              kaderbrief                                    (first quarter)
``burap`` *n*                 burap, bestuursrapportage, tussenrapportage,  end of tertiaal *n*:
                              voortgangsrapportage, marap, tertiaal-        30 april, 31 augustus,
                              rapportage (number *n* = 1, 2 or 3 next to    31 december *J*; without
                              it: ``2025-burap1``, "2e burap 2025")         a number 30 juni *J*
``najaarsnota``               najaarsnota                                   31 augustus *J*
                                                                            (first eight months)
``jaarstukken``               jaarstukken, jaarverslag, jaarrekening        31 december *J*
``begroting``                 begroting, programmabegroting                 30 juni *J − 1* (the
                                                                            begroting for *J* is
                                                                            drawn up mid *J − 1*)
``other``                     only a year ("2025")                          31 december *J*
============================  ============================================  ======================

Anything else (no year, or a year without a known kind such as "Q3 2025") is not read: the caller then
needs a date from elsewhere (the reports' own dates) or asks the user to create the period first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

VOORJAARSNOTA = "voorjaarsnota"
NAJAARSNOTA = "najaarsnota"
JAARSTUKKEN = "jaarstukken"
BEGROTING = "begroting"
BURAP = "burap"
OTHER = "other"
KINDS = (VOORJAARSNOTA, NAJAARSNOTA, JAARSTUKKEN, BEGROTING, BURAP, OTHER)
KIND_LABELS = {
    VOORJAARSNOTA: "Voorjaarsnota",
    NAJAARSNOTA: "Najaarsnota",
    JAARSTUKKEN: "Jaarstukken",
    BEGROTING: "Begroting",
    BURAP: "Bestuursrapportage",
    OTHER: "Overig",
}

# Longest words first, so "programmabegroting" is not read as "begroting" plus a stray prefix.
_WORDS = {
    "programmabegroting": BEGROTING, "begroting": BEGROTING,
    "voorjaarsnota": VOORJAARSNOTA, "kadernota": VOORJAARSNOTA, "perspectiefnota": VOORJAARSNOTA,
    "kaderbrief": VOORJAARSNOTA,
    "najaarsnota": NAJAARSNOTA,
    "jaarstukken": JAARSTUKKEN, "jaarverslag": JAARSTUKKEN, "jaarrekening": JAARSTUKKEN,
    "bestuursrapportage": BURAP, "tussenrapportage": BURAP, "voortgangsrapportage": BURAP,
    "tertiaalrapportage": BURAP, "burap": BURAP, "marap": BURAP,
}  # fmt: skip
_KIND = re.compile("|".join(sorted(_WORDS, key=len, reverse=True)))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ORDINAL_SUFFIXES = {"e", "ste", "de"}
_TERTIAAL_END = {1: (4, 30), 2: (8, 31), 3: (12, 31)}


@dataclass(frozen=True)
class PeriodName:
    """What a report period's name says: its kind, year and (for a bestuursrapportage) number."""

    kind: str
    year: int
    number: int | None = None
    word: str = ""  # the document's own word ("kadernota", "burap"), for the name

    @property
    def name(self) -> str:
        """The Dutch name in the document's own word: "Voorjaarsnota 2026", "Burap 2 2025", "2025"."""
        if self.kind == OTHER:
            return str(self.year)
        number = f" {self.number}" if self.number else ""
        word = self.word.capitalize() if self.word else KIND_LABELS[self.kind]
        return f"{word}{number} {self.year}"

    @property
    def slug(self) -> str:
        """The identifier files use, by kind: ``2026-voorjaarsnota`` (also for "Kadernota 2026"),
        ``2025-burap2``, ``2025``."""
        if self.kind == OTHER:
            return str(self.year)
        return f"{self.year}-{self.kind}{self.number or ''}"

    @property
    def reference_date(self) -> date:
        """The moment the document describes, by the rule in this module's docstring."""
        if self.kind == VOORJAARSNOTA:
            return date(self.year, 3, 31)
        if self.kind == NAJAARSNOTA:
            return date(self.year, 8, 31)
        if self.kind == BEGROTING:
            return date(self.year - 1, 6, 30)
        if self.kind == BURAP:
            month, day = _TERTIAAL_END.get(self.number or 0, (6, 30))
            return date(self.year, month, day)
        return date(self.year, 12, 31)  # jaarstukken, or a year on its own

    @property
    def rule(self) -> str:
        """The rule that gave :attr:`reference_date`, in Dutch, for messages."""
        if self.kind == OTHER:
            return "een periode met alleen een jaartal gaat over het hele jaar"
        return f"regel voor de soort '{KIND_LABELS[self.kind].lower()}'"


def read_period_name(text: str) -> PeriodName | None:
    """Kind, year and number of a report period's name, or None when the name does not say them."""
    folded = " ".join(text.casefold().replace("_", " ").split())
    years = _YEAR.findall(folded)
    if len(years) != 1:
        return None
    year = int(years[0])
    rest = _YEAR.sub(" ", folded)
    matches = list(_KIND.finditer(rest))
    if not matches:
        return PeriodName(OTHER, year) if not rest.strip(" -./") else None
    if len(matches) != 1:
        return None
    word = matches[0].group(0)
    kind = _WORDS[word]
    rest = rest[: matches[0].start()] + " " + rest[matches[0].end() :]
    tokens = [t for t in re.findall(r"[a-z]+|\d+", rest) if t not in _ORDINAL_SUFFIXES]
    if not tokens:
        return PeriodName(kind, year, word=word)
    if kind == BURAP and len(tokens) == 1 and tokens[0] in {"1", "2", "3"}:
        return PeriodName(kind, year, int(tokens[0]), word=word)
    return None  # more words than a kind, a year and a number: not ours to read
