# SPDX-License-Identifier: EUPL-1.2
"""A region's history on its process-monitor page: per sub-theme its status in each approved round."""

from __future__ import annotations

from typing import Any

from kwaliteitsmonitor.analysis.vocabulary import SYMBOLS
from kwaliteitsmonitor.processes import public
from kwaliteitsmonitor.processes.models import ProcessMonitor, ProcessRegion


def history_table(monitor: ProcessMonitor, region: ProcessRegion) -> dict[str, Any] | None:
    """A table (``includes/table.html``) with a column per approved round of this region; ``None``
    with fewer than two such rounds (the page already shows the one round)."""
    rounds = list(public.rounds(region.pk).filter(monitor=monitor))
    if len(rounds) < 2:
        return None
    found = {
        (s.round_id, s.sub_theme_id): s.status
        for s in public.statuses().filter(region=region, round__in=rounds)
    }
    rows = []
    for t, theme in enumerate(monitor.themes.all(), start=1):
        for n, sub in enumerate(theme.sub_themes.all(), start=1):
            cells = []
            for item in rounds:
                status = found.get((item.pk, sub.pk))
                label = monitor.label(status) if status else "niet ingevuld"
                symbol = SYMBOLS.get(status or "", "·")
                mark = {"kind": "status", "code": status or "missing", "symbol": symbol}
                cells.append({"text": label, "status": status or "", "symbol": symbol, "marks": [mark]})
            rows.append({"header": f"{t}.{n} {sub.name}", "cells": cells})
    return {
        "caption": f"Status per subthema in elke goedgekeurde ronde, {region.name}.",
        "columns": ["Subthema", *[r.label for r in rounds]],
        "numeric": False,
        "rows": rows,
    }
