# SPDX-License-Identifier: EUPL-1.2
"""Plain text from the small, already sanitised HTML the pages carry (Markdown rendered by the monitor)."""

from __future__ import annotations

import html
import re

_BLOCK = re.compile(r"</(p|li|h[1-6])>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def plain(markup: str) -> str:
    text = _BLOCK.sub("\n", markup or "")
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
