# SPDX-License-Identifier: EUPL-1.2
"""Template filters for Dutch numbers: ``{{ x|nl_number:1 }}`` → ``8,2``; ``{{ x|nl_value:"pct:1" }}``
→ ``12,5%``. ``None`` shows as an en dash, never as 0."""

from __future__ import annotations

from django import template

from kwaliteitsmonitor.analysis.units import format_number, format_value
from kwaliteitsmonitor.monitor import tablehtml

register = template.Library()
MISSING = "–"


def _decimals(arg: object, default: int = 0) -> int:
    try:
        return int(str(arg))
    except (TypeError, ValueError):
        return default


@register.filter
def nl_number(value: float | int | None, decimals: object = 0) -> str:
    if value is None or value == "":
        return MISSING
    try:
        return format_number(float(value), _decimals(decimals))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def nl_value(value: float | int | None, spec: str = "count") -> str:
    """``spec`` is ``unit`` or ``unit:decimals``, e.g. ``pct:1`` or ``per_1000``."""
    if value is None or value == "":
        return MISSING
    unit_code, _, decimals = str(spec).partition(":")
    try:
        return format_value(float(value), unit_code or "count", _decimals(decimals))
    except (TypeError, ValueError):
        return str(value)


@register.simple_tag
def data_table(t: dict) -> str:
    """A data table (``pages.common.table``) as HTML: ``monitor.tablehtml``."""
    return tablehtml.render(t)
