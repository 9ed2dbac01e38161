# SPDX-License-Identifier: EUPL-1.2
"""Status vocabularies (DOMAIN.md §6.1): one generic ordinal status with label sets per dashboard.

The generic value is what the software reasons with; the label is what a reader sees, in the words of
the dashboard the status belongs to (Beschermd Thuis, Aanpak Dakloosheid, a RAG report, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

DONE_ON_TRACK = "done_on_track"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
NO_DATA = "no_data"

GENERIC_STATUSES = [DONE_ON_TRACK, IN_PROGRESS, NOT_STARTED, NO_DATA]
ORDINAL = {DONE_ON_TRACK: 3, IN_PROGRESS: 2, NOT_STARTED: 1, NO_DATA: 0}
# Colours meet 3:1 against white for graphical objects; meaning is never carried by colour alone
# (every status is also written out and has its own symbol).
COLOURS = {DONE_ON_TRACK: "#2E7D32", IN_PROGRESS: "#A05A00", NOT_STARTED: "#C62828", NO_DATA: "#6B6B6B"}
SYMBOLS = {DONE_ON_TRACK: "●", IN_PROGRESS: "◐", NOT_STARTED: "○", NO_DATA: "–"}


@dataclass(frozen=True)
class LabelSet:
    code: str
    name: str
    labels: dict[str, str]  # generic status -> label; a status missing here is not used by this set


LABEL_SETS: dict[str, LabelSet] = {
    s.code: s
    for s in [
        LabelSet(
            "generiek",
            "Voortgang inspanningen",
            {
                DONE_ON_TRACK: "Gereed of op schema",
                IN_PROGRESS: "In uitvoering, aandacht nodig",
                NOT_STARTED: "Nog niet gestart",
                NO_DATA: "Geen informatie",
            },
        ),
        LabelSet(
            "beschermd_thuis",
            "Dashboard Beschermd Thuis",
            {DONE_ON_TRACK: "Gereed", IN_PROGRESS: "In ontwikkeling"},
        ),
        LabelSet(
            "dakloosheid",
            "Dashboard Aanpak Dakloosheid",
            {
                DONE_ON_TRACK: "Op koers",
                IN_PROGRESS: "In ontwikkeling",
                NOT_STARTED: "Nog niet opgepakt",
                NO_DATA: "Niet voldoende data beschikbaar",
            },
        ),
        LabelSet(
            "rag",
            "Voortgangsrapportage (groen/oranje/rood)",
            {DONE_ON_TRACK: "Groen", IN_PROGRESS: "Oranje", NOT_STARTED: "Rood", NO_DATA: "Grijs"},
        ),
    ]
}
LABEL_SET_CHOICES = [(s.code, s.name) for s in LABEL_SETS.values()]
GENERIC_CHOICES = [(s, LABEL_SETS["generiek"].labels[s]) for s in GENERIC_STATUSES]


def status_label(status: str, label_set: str = "generiek") -> str:
    labels = LABEL_SETS.get(label_set, LABEL_SETS["generiek"]).labels
    return labels.get(status) or LABEL_SETS["generiek"].labels.get(status, status)


def status_from_label(label: str) -> str | None:
    """Map a label from any known set (case-insensitive) to the generic status, e.g. 'Oranje'."""
    wanted = label.strip().casefold()
    for status in GENERIC_STATUSES:
        if wanted == status:
            return status
    for label_set in LABEL_SETS.values():
        for status, text in label_set.labels.items():
            if text.casefold() == wanted:
                return status
    return None


# Observation status of a figure (CBS: voorlopig → nader voorlopig → definitief).
FIGURE_STATUSES = {"voorlopig": "voorlopig", "nader_voorlopig": "nader voorlopig", "definitief": "definitief"}

# Stedelijkheid (CBS, omgevingsadressendichtheid) and CBS gemeentegrootteklassen.
URBANITY_CLASSES = {
    "1": "Zeer sterk stedelijk",
    "2": "Sterk stedelijk",
    "3": "Matig stedelijk",
    "4": "Weinig stedelijk",
    "5": "Niet stedelijk",
}
SIZE_CLASSES = {
    "1": "minder dan 5.000 inwoners",
    "2": "5.000 tot 10.000 inwoners",
    "3": "10.000 tot 20.000 inwoners",
    "4": "20.000 tot 50.000 inwoners",
    "5": "50.000 tot 100.000 inwoners",
    "6": "100.000 tot 150.000 inwoners",
    "7": "150.000 tot 250.000 inwoners",
    "8": "250.000 inwoners of meer",
}


def size_class_for(population: float) -> str:
    bounds = [5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000]
    for index, bound in enumerate(bounds, start=1):
        if population < bound:
            return str(index)
    return "8"


# Process monitors (Beschermd Thuis, Aanpak Dakloosheid): the statuses a label set uses, in the
# dashboard's own order, how far along each one is, and the change between two rounds.
def ordered_statuses(label_set: str) -> list[str]:
    """The generic statuses a label set uses, furthest along first (``no_data`` last)."""
    labels = LABEL_SETS.get(label_set, LABEL_SETS["generiek"]).labels
    return [s for s in GENERIC_STATUSES if s in labels]


def status_fraction(status: str, label_set: str) -> float:
    """How far along a status is within its set, 0…1: the highest status of the set is 1, each step
    down one equal part less (Beschermd Thuis: Gereed 1, In ontwikkeling ½; Aanpak Dakloosheid: Op
    koers 1, In ontwikkeling ⅔, Nog niet opgepakt ⅓). ``no_data`` and unknown statuses are 0."""
    steps = [s for s in ordered_statuses(label_set) if s != NO_DATA]
    if status not in steps:
        return 0.0
    return (len(steps) - steps.index(status)) / len(steps)


CHANGE_WORDS = {
    "up": "vooruit",
    "down": "achteruit",
    "same": "gelijk",
    "new": "nieuw",
    "incomparable": "niet te vergelijken",
}


def status_change(previous: str | None, current: str | None) -> str:
    """Change between two rounds: 'up', 'down', 'same', 'new' (no earlier status) or 'incomparable'
    (either side has no data or is missing now)."""
    if current is None:
        return "incomparable"
    if previous is None:
        return "new"
    if previous == current:
        return "same"
    if NO_DATA in (previous, current) or previous not in ORDINAL or current not in ORDINAL:
        return "incomparable"
    return "up" if ORDINAL[current] > ORDINAL[previous] else "down"


ANSWERS = {"ja": "Ja", "nee": "Nee", "onbekend": "Onbekend"}
ANSWER_SYMBOLS = {"ja": "✔", "nee": "✘", "onbekend": "?"}
