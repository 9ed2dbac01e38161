# SPDX-License-Identifier: EUPL-1.2
"""Test helpers: the tables a page shows (cell texts as read aloud, with their download links) and the
CSV and Excel files behind those links, so a test can compare the two cell by cell."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

DUTCH_NUMBER = re.compile(r"[-+]?\d{1,3}(\.\d{3})*(,\d+)?")
PLAIN_NUMBER = re.compile(r"-?\d+(,\d+)?")


class _Text(HTMLParser):
    """The text of an HTML fragment without what is hidden from screen readers (``aria-hidden``
    symbols): what the page says in words, which is what a download holds."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside an aria-hidden element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.hidden or dict(attrs).get("aria-hidden") == "true":
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag not in self.VOID:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def text_of(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def captioned_tables(body: str) -> list[tuple[str, list[list[str]], str, str]]:
    """(caption, rows of cell texts, CSV link, Excel link) for each table of a page with download links."""
    found = []
    for chunk in body.split('<div class="utrecht-table-container')[1:]:
        links = re.search(r'<p class="[^"]*km-downloads--table">(.*?)</p>', chunk, re.S)
        if not links or links.start() < chunk.index("</table>"):
            continue
        hrefs = re.findall(r'href="([^"]+)"', links.group(1))
        table = chunk[: chunk.index("</table>")]
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        rows = [
            [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        ]
        found.append((text_of(caption.group(1)) if caption else "", rows, *map(html.unescape, hrefs[:2])))
    return found


def page_tables(body: str) -> list[tuple[list[list[str]], str, str]]:
    """(rows of cell texts, CSV link, Excel link) for each table of a page that has download links."""
    return [(rows, csv_url, xlsx_url) for _, rows, csv_url, xlsx_url in captioned_tables(body)]


def table_with_caption(body: str, start: str) -> tuple[list[list[str]], str, str]:
    """(rows, CSV link, Excel link) of the one table of the page whose caption starts with ``start``."""
    found = [t[1:] for t in captioned_tables(body) if t[0].startswith(start)]
    assert len(found) == 1, [t[0] for t in captioned_tables(body)]
    return found[0]


def read_csv(content: bytes) -> tuple[list[list[str]], list[str]]:
    """(table rows incl. header, note lines) of a downloaded CSV."""
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    blank = lines.index([])
    return lines[:blank], [line[0] for line in lines[blank + 1 :]]


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def expected_field(text: str) -> str:
    """What the CSV holds for a page cell: numbers without thousands dot, '–' empty, no '(herzien)'."""
    text = text.removesuffix(" (herzien)")
    if text == "–":
        return ""
    if DUTCH_NUMBER.fullmatch(text):
        return text.replace(".", "").lstrip("+")
    return text


def assert_download_matches(client, rows: list[list[str]], csv_url: str, xlsx_url: str) -> list[list[str]]:
    """The CSV and the Excel file behind a table's links hold the cells the page shows; returns the CSV
    rows."""
    response = client.get(csv_url)
    assert response.status_code == 200
    got, _ = read_csv(response.content)
    assert got == [rows[0]] + [[r[0], *map(expected_field, r[1:])] for r in rows[1:]]
    sheet = read_xlsx(client.get(xlsx_url).content)
    assert [c.value for c in sheet[3]] == rows[0]  # header row under the caption
    for r, row in enumerate(rows[1:], start=4):
        values = [c.value for c in sheet[r]][: len(row)]
        assert values[0] == row[0]
        for shown, value in zip(row[1:], values[1:], strict=True):
            field = expected_field(shown)
            if PLAIN_NUMBER.fullmatch(field):
                assert value == pytest.approx(float(field.replace(",", "."))), (shown, value)
            else:
                assert (value or "") == field
    return got
