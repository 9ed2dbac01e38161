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

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        if not self.tty and now - self.last < 1.0:
            return
        self.last = now
        if self.tty:
            self.out.write(f"\r{self.label}: {text}\033[K", ending="")
        else:
            self.out.write(f"{self.label}: {text}")
        self.out.flush()
        self.shown = True

    def end(self) -> None:
        if self.tty and self.shown:
            self.out.write("")
