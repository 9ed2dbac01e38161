# SPDX-License-Identifier: EUPL-1.2
"""Test helpers: small XLSX files and zip bombs (kilobytes on disk that unpack to giga- or megabytes)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def write_xlsx(path: Path, rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path.read_bytes()


def _workbook_with(entry: str, payload: bytes) -> bytes:
    base = io.BytesIO()
    Workbook().save(base)
    source = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(entry, payload)
    return out.getvalue()


def zip_bomb(path: Path, claimed_bytes: int = 4_000_000_000) -> bytes:
    """An XLSX whose sheet entry says it unpacks to ``claimed_bytes`` (4 GB): a few KB on disk.

    The sheet really holds 1 MB of zeros; its size fields are then patched to the claimed size, which is
    what a bomb's directory looks like. The check must refuse it from the directory alone.
    """
    entry = "xl/worksheets/sheet1.xml"
    data = bytearray(_workbook_with("xl/worksheets/bomb.xml", b"\0" * 1_000_000))
    name = b"xl/worksheets/bomb.xml"
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + offset, claimed_bytes)
            start += 4
    assert entry  # the normal sheet stays, so the file is otherwise a valid workbook
    result = bytes(data)
    path.write_bytes(result)
    return result


def ratio_bomb(path: Path, megabytes: int = 50) -> bytes:
    """An honest bomb: ``megabytes`` MB of zeros deflated to ~50 KB (ratio ~1000)."""
    result = _workbook_with("xl/worksheets/sheet2.xml", b"\0" * (megabytes * 1_000_000))
    path.write_bytes(result)
    return result
