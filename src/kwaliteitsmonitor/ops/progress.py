# SPDX-License-Identifier: EUPL-1.2
"""One progress line for long commands: rewritten in place on a terminal, a line a second otherwise."""

from __future__ import annotations

import time
from typing import Any


class ProgressLine:
    def __init__(self, out: Any, label: str) -> None:
        self.out = out
        self.label = label
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.last = 0.0
        self.shown = False
        self.pending = ""

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        self.pending = text
        if not self.tty and now - self.last < 1.0:
            return
        self.pending = ""
        self.last = now
        if self.tty:
            self.out.write(f"\r{self.label}: {text}\033[K", ending="")
        else:
            self.out.write(f"{self.label}: {text}")
        self.out.flush()
        self.shown = True

    def end(self) -> None:
        """The last state (also when it came too soon after the one before), then a new line."""
        if self.pending:
            self.last = 0.0
            self(self.pending)
        if self.tty and self.shown:
            self.out.write("")
