# SPDX-License-Identifier: EUPL-1.2
"""Reading a PDF back in tests: its text (poppler's ``pdftotext``), its info (``pdfinfo``) and the alt
texts and structure of its tag tree (from the inflated object streams)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_ALT = re.compile(rb"/Alt\s*<([0-9a-fA-F]+)>")


def require_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext ontbreekt: installeer poppler-utils (make browser doet dat)")


def text(path: Path) -> str:
    """The PDF's text with all whitespace (line breaks inside table cells too) as single spaces."""
    require_poppler()
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def info(path: Path) -> str:
    require_poppler()
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def structure(data: bytes) -> bytes:
    """The PDF with every compressed stream inflated, so the tag tree can be searched."""
    parts = [data]
    for match in _STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def alt_texts(data: bytes) -> list[str]:
    return [bytes.fromhex(h.decode()).decode("utf-16") for h in _ALT.findall(structure(data))]
