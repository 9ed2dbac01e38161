# SPDX-License-Identifier: EUPL-1.2
"""Typed records that connectors' pure parse functions return and the shared load step consumes.

No Django here: parsers stay pure and testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple


class ObservationRecord(NamedTuple):
    """One value as a source gives it. Immutable; a NamedTuple because a national table has millions of
    them and a tuple is several times cheaper to create than a frozen dataclass."""

    indicator: str  # indicator code
    area: str  # CBS area code without padding
    period: str  # CBS period key, e.g. 2024JJ00
    value: float | None
    breakdown: str = ""
    numerator: float | None = None
    denominator: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None
    status: str = ""  # voorlopig | nader_voorlopig | definitief | ""
    value_attribute: str = ""  # e.g. "." when the source suppressed the cell
    # Where the record came from, for error messages: file, row (1-based, header = 1) and column.
    file: str = ""
    row: int | None = None
    column: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.area, self.period, self.breakdown)

    @property
    def payload(self) -> tuple[object, ...]:
        return PAYLOAD_OF(self)


# Positions of the stored fields, for fast access in the load step (C-level itemgetter).
PAYLOAD_FIELDS = ("value", "numerator", "denominator", "ci_low", "ci_high", "n", "status", "value_attribute")
PAYLOAD_OF = itemgetter(*(ObservationRecord._fields.index(f) for f in PAYLOAD_FIELDS))


@dataclass(frozen=True, slots=True)
class RecordError:
    """One rejected input cell or row, reported in Dutch."""

    message: str
    file: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"rij {self.row}" if self.row is not None else "",
                f"kolom {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class LoadResult:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RecordError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
