# SPDX-License-Identifier: EUPL-1.2
"""What every connector is: ``fetch`` (I/O only) → ``parse`` (pure, typed records) → the shared load step.

A connector never touches the database; :mod:`kwaliteitsmonitor.connectors.pipeline` does that for all
of them, in one transaction (see DESIGN.md §2).
"""

from __future__ import annotations

import argparse
import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from kwaliteitsmonitor.indicators.records import LoadResult, ObservationRecord, RecordError

if TYPE_CHECKING:
    from kwaliteitsmonitor.indicators.models import ImportRun

Options = Mapping[str, Any]
LoadOutcome = tuple[LoadResult, list[str]]


class InvalidInput(Exception):
    """The source itself is wrong (missing file, broken JSON, unknown table): exit code 2, nothing written."""

    def __init__(self, errors: Iterable[RecordError] | str) -> None:
        self.errors: tuple[RecordError, ...] = (
            (RecordError(errors),) if isinstance(errors, str) else tuple(errors)
        )
        super().__init__("; ".join(str(e) for e in self.errors))


class SourceUnavailable(Exception):
    """The source could not be reached or read (network, a broken download): exit code 1, one Dutch line."""


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    """An indicator as a source describes it; the pipeline creates or updates ``Indicator`` from it.

    ``overwrite`` says the definition is authoritative (written configuration): then it replaces what is
    stored. Otherwise (derived from source metadata) it only fills a new indicator and empty fields, so
    names and units curated by staff survive a re-import. ``given`` holds further fields of the indicator
    contract (:mod:`kwaliteitsmonitor.indicators.contract`), cleaned, that the user wrote down (a
    dictionary, an option, a configuration key): they always replace what is stored. ``file`` and
    ``columns`` (field → column or key) say where they came from, for error messages.
    """

    code: str
    name: str
    unit: str = "count"
    unit_label: str = ""
    decimals: int = 0
    definition: str = ""
    source: str = ""
    source_table: str = ""
    source_url: str = ""
    provider: str = "cbs"
    period_type: str = ""
    area_levels: tuple[str, ...] = ()
    overwrite: bool = False
    given: tuple[tuple[str, Any], ...] = ()
    replace: bool = False  # the given fields are the whole definition (``import indicators``)
    file: str = ""
    row: int | None = None
    columns: tuple[tuple[str, str], ...] = ()
    # Fields a *new* indicator must have in ``given``, with the Dutch message that says how to give them.
    required: tuple[tuple[str, str], ...] = ()
    # Values for a new indicator (and empty descriptive fields) when ``given`` has none: a header as name.
    defaults: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class AreaDefinition:
    """An area as a source's code list names it; created only when the user asks (``--create-areas``)."""

    code: str
    name: str
    level: str
    parent_code: str = ""


@dataclass(frozen=True, slots=True)
class ParseResult:
    records: tuple[ObservationRecord, ...] = ()
    indicator_definitions: tuple[IndicatorDefinition, ...] = ()
    errors: tuple[RecordError, ...] = ()
    areas: tuple[AreaDefinition, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class RawSource:
    """What ``fetch`` returns: the source's bytes per named part (file or entity set), unparsed."""

    label: str  # table id, file or directory, as the user gave it
    parts: Mapping[str, tuple[bytes, ...]] = field(default_factory=dict)
    retrieved_live: bool = False

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.parts):
            for index, chunk in enumerate(self.parts[name]):
                digest.update(f"{name}#{index}:{len(chunk)}\n".encode())
                digest.update(chunk)
        return digest.hexdigest()


RawT = TypeVar("RawT", bound=RawSource)


class Connector(ABC, Generic[RawT]):
    """Base class of every connector. Subclasses are registered in ``registry.CONNECTORS``."""

    #: Short Dutch description for ``kwaliteitsmonitor import --help``.
    description: str = ""

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Add connector-specific command-line options (names may be shared with other connectors)."""

    @abstractmethod
    def fetch(self, source: str, options: Options) -> RawT:
        """Read or download the source. I/O only; raises :class:`InvalidInput` when it is unusable."""

    @abstractmethod
    def parse(self, raw: RawT, options: Options) -> ParseResult:
        """Turn raw bytes into typed records. Pure: no database, no network, no clock."""

    def load(self, parsed: ParseResult, run: ImportRun | None, options: Options) -> LoadOutcome | None:
        """Optional hook for connectors whose data are not observations (areas, definitions, goal trees).

        Called by the pipeline inside its transaction instead of the shared observation load; ``run`` is
        None in a dry run (which is rolled back afterwards). Return (counts, notes for the run), or None
        (the default) to use the shared load of indicator definitions and observations.
        """
        return None
