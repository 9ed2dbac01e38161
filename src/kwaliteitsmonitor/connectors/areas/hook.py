# SPDX-License-Identifier: EUPL-1.2
"""Base class of the connectors that load something other than observations (areas, definitions, goal trees).

``pipeline.run_import`` calls :meth:`Connector.load` inside its transaction (dry run rolled back,
ImportRun with counts, nothing written on invalid input); this subclass only makes ``load`` mandatory.
"""

from __future__ import annotations

from abc import abstractmethod

from kwaliteitsmonitor.indicators.models import ImportRun

from ..base import Connector, LoadOutcome, Options, ParseResult, RawSource


class LoadingConnector(Connector[RawSource]):
    @abstractmethod
    def load(self, parsed: ParseResult, run: ImportRun | None, options: Options) -> LoadOutcome:
        """Write ``parsed`` inside the pipeline's transaction; return the counts and notes for the run."""
