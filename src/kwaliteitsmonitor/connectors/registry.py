# SPDX-License-Identifier: EUPL-1.2
"""The explicit list of connectors. Add a line here to add a source; nothing is discovered by scanning.

Modules are imported only when a connector is used, so a slow or optional dependency of one source never
slows down the others.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .base import Connector

CONNECTORS: dict[str, str] = {
    "areas": "kwaliteitsmonitor.connectors.areas.connector.AreaConnector",
    "cbs": "kwaliteitsmonitor.connectors.cbs_odata.connector.CbsConnector",
    "goal-tree": "kwaliteitsmonitor.connectors.goal_tree.connector.GoalTreeConnector",
    "indicators": "kwaliteitsmonitor.connectors.indicator_defs.connector.IndicatorDefinitionConnector",
    "process-round": "kwaliteitsmonitor.connectors.process_round.connector.ProcessRoundConnector",
    "tabular": "kwaliteitsmonitor.connectors.tabular.connector.TabularConnector",
}


class UnknownConnector(KeyError):
    def __str__(self) -> str:
        known = ", ".join(sorted(CONNECTORS))
        return f"onbekende bron-koppeling '{self.args[0]}'; kies uit: {known}"


def connector_class(name: str) -> type[Connector[Any]]:
    try:
        dotted = CONNECTORS[name]
    except KeyError:
        raise UnknownConnector(name) from None
    module_name, _, class_name = dotted.rpartition(".")
    cls: type[Connector[Any]] = getattr(import_module(module_name), class_name)
    return cls


def get_connector(name: str) -> Connector[Any]:
    return connector_class(name)()
