# SPDX-License-Identifier: EUPL-1.2
"""Typed records that connectors' pure parse functions return and the shared load step consumes.

No Django here: parsers stay pure and testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ObservationRecord:
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
        return (
            self.value, self.numerator, self.denominator, self.ci_low, self.ci_high, self.n,
            self.status, self.value_attribute,
        )  # fmt: skip


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
