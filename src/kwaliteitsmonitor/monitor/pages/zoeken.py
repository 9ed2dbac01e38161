# SPDX-License-Identifier: EUPL-1.2
"""Zoeken: one search box over indicators, opgaven, doelen, resultaten, inspanningen (with the report
periods they reported in), beelden, process monitors (with their thema's) and wijken.

The number of agenda items and indicators is small and wijken are a few thousand nationally, so the
search runs in Python over a small index of texts (built once, kept for a minute per process): the
same on SQLite and PostgreSQL. Matching is Dutch-friendly: case and accents do not matter ("clienten"
finds "cliënten"), every word must occur (as part of a word, so "hulp" finds "jeugdhulp"), and the
results are grouped by kind, best first, each with a link and a snippet with the matches marked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import NoReverseMatch, reverse

from kwaliteitsmonitor.agenda.models import Effort, Goal, Picture, Result, Theme
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.monitor import cache as page_cache
from kwaliteitsmonitor.monitor import site
from kwaliteitsmonitor.monitor.pages.common import crumb, home_crumb
from kwaliteitsmonitor.processes.models import ProcessMonitor

MIN_LENGTH = 2
MAX_QUERY = 100
PER_KIND = 10  # results shown per kind; the count says how many matched
SNIPPET = 160  # characters around the first match

KINDS = [
    ("indicator", "Indicatoren"),
    ("opgave", "Opgaven"),
    ("doel", "Doelen"),
    ("resultaat", "Resultaten"),
    ("inspanning", "Inspanningen"),
    ("beeld", "Beelden"),
    ("procesmonitor", "Procesmonitors"),
    ("wijk", "Wijken"),
]
# Weight of a match in each field: the title counts most, a code as much, body text least.
TITLE, CODE, CONTEXT, BODY = 6, 6, 2, 1
_MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_#>`]+")
_SPACE = re.compile(r"\s+")
_LONG_VOWEL = re.compile(r"(aa|ee|oo|uu)([b-df-hj-np-tv-z])$")


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents, every non-alphanumeric character a space; with, per folded
    character, the position of the character it came from (to mark matches in the original)."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for lower in part.casefold():
                out.append(lower if lower.isalnum() else " ")
                where.append(i)
    return "".join(out), where


def folded(text: str) -> str:
    """``fold(text)[0]``, faster (the index folds every text once; marking needs the positions)."""
    if not text:
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in plain.casefold())


def query_words(query: str) -> list[str]:
    """The distinct words of a query, folded, in order."""
    words: list[str] = []
    for word in folded(query).split():
        if word not in words:
            words.append(word)
    return words


@dataclass(frozen=True)
class Entry:
    kind: str
    title: str
    url: str
    code: str = ""
    context: str = ""  # e.g. the opgave of a doel, the gemeente of a wijk
    body: str = ""  # description, definition, partner: searched and used for the snippet

    def fields(self) -> list[tuple[str, int, str]]:
        """Each searched field folded, with a space on both sides (so a word start is " word")."""
        return [
            ("title", TITLE, f" {folded(self.title)} "),
            ("code", CODE, f" {folded(self.code)} "),
            ("context", CONTEXT, f" {folded(self.context)} "),
            ("body", BODY, f" {folded(self.body)} "),
        ]


@dataclass(frozen=True)
class Indexed:
    entry: Entry
    fields: list[tuple[str, int, str]]
    everything: str  # all fields together: a quick first test whether every word occurs

    @classmethod
    def of(cls, entry: Entry) -> Indexed:
        fields = entry.fields()
        return cls(entry, fields, "".join(text for _, _, text in fields))


def plain(text: str) -> str:
    """Editor Markdown as plain text for snippets: link texts kept, markup and line breaks dropped."""
    return _SPACE.sub(" ", _MARKDOWN.sub(lambda m: m.group(1) or "", text or "")).strip()


def _joined(*parts: str) -> str:
    return " · ".join(p for p in (plain(x) for x in parts) if p)


_CODE = "WK00000000"  # stands for the wijk's code in the URL pattern


def _wijk_url_pattern() -> str:
    """The wijk profile where the site has one, else the builder with this wijk chosen; reversed
    once (a few thousand wijken nationally), with ``_CODE`` to replace."""
    try:
        return reverse("monitor:wijk", kwargs={"code": _CODE})
    except NoReverseMatch:
        return reverse("monitor:bouwer") + f"?area={_CODE}"


def build_entries(agenda_id: int | None) -> list[Entry]:
    """Everything searchable: published indicators, the active agenda's items, all wijken."""
    entries = [
        Entry(
            "indicator",
            ind.name,
            reverse("monitor:indicator", kwargs={"code": ind.code}),
            code=ind.code,
            context=_joined(ind.category, ind.short_name),
            body=_joined(ind.definition, ind.explanation, ind.source),
        )
        for ind in Indicator.objects.filter(is_published=True).order_by("name")
    ]
    if agenda_id is not None:
        themes = Theme.objects.filter(agenda_id=agenda_id).order_by("order", "id")
        for theme in themes:
            url = reverse("monitor:opgave", kwargs={"theme": theme.slug})
            entries.append(Entry("opgave", theme.title, url, body=plain(theme.summary)))
        goals = Goal.objects.filter(theme__agenda_id=agenda_id).select_related("theme")
        goal_urls = {}
        for goal in goals.order_by("theme__order", "order", "id"):
            url = reverse("monitor:doel", kwargs={"theme": goal.theme.slug, "goal": goal.slug})
            goal_urls[goal.pk] = (url, goal.title)
            entries.append(
                Entry(
                    "doel",
                    goal.title,
                    url,
                    code=goal.number,
                    context=f"Opgave: {goal.theme.title}",
                    body=plain(goal.description),
                )
            )
        for result in Result.objects.filter(goal_id__in=list(goal_urls)).order_by("order", "id"):
            url, goal_title = goal_urls[result.goal_id]
            entries.append(
                Entry(
                    "resultaat",
                    result.title,
                    url + "#resultaten",
                    context=f"Doel: {goal_title}",
                    body=plain(result.description),
                )
            )
        efforts = (
            Effort.objects.filter(goal_id__in=list(goal_urls))
            .select_related("partner")
            .prefetch_related("progress_reports__report_period")
        )
        for effort in efforts.order_by("order", "id"):
            url, goal_title = goal_urls[effort.goal_id]
            partner = f"Uitvoering: {effort.partner}" if effort.partner else ""
            periods = sorted({r.report_period.name for r in effort.progress_reports.all()})
            reported = f"Gerapporteerd in: {', '.join(periods)}" if periods else ""
            entries.append(
                Entry(
                    "inspanning",
                    effort.title,
                    url + "#inspanningen",
                    context=f"Doel: {goal_title}",
                    body=_joined(partner, effort.owner, effort.description, reported),
                )
            )
        entries += _picture_entries(agenda_id)
    entries += _process_entries()
    pattern = _wijk_url_pattern()
    wijken = Area.objects.filter(level=Level.WK).order_by("code").values_list("code", "name", "parent__name")
    for code, name, gemeente in wijken:
        context = f"Gemeente {gemeente}" if gemeente else ""
        entries.append(Entry("wijk", name, pattern.replace(_CODE, code), code=code, context=context))
    return entries


def _picture_entries(agenda_id: int) -> list[Entry]:
    """The beelden of the agenda's opgaven: summary and the titles of their parts."""
    pictures = Picture.objects.filter(theme__agenda_id=agenda_id).select_related("theme")
    return [
        Entry(
            "beeld",
            f"Beeld: {picture.theme.title}",
            reverse("monitor:beeld", kwargs={"theme": picture.theme.slug}),
            context=f"Opgave: {picture.theme.title}",
            body=_joined(picture.summary, *(item.title for item in picture.items.all())),
        )
        for picture in pictures.prefetch_related("items").order_by("theme__order", "theme_id")
    ]


def _process_entries() -> list[Entry]:
    """The process monitors (Beschermd Thuis, Aanpak Dakloosheid) with their thema's and subthema's."""
    monitors = ProcessMonitor.objects.prefetch_related("themes__sub_themes").order_by("order", "name")
    entries = []
    for monitor in monitors:
        parts = [t.name for t in monitor.themes.all()]
        parts += [sub.name for t in monitor.themes.all() for sub in t.sub_themes.all()]
        entries.append(
            Entry(
                "procesmonitor",
                monitor.name,
                reverse("monitor:procesmonitor", kwargs={"monitor": monitor.slug}),
                context=plain(monitor.source),
                body=_joined(monitor.description, *parts),
            )
        )
    return entries


_INDEX: dict[str, Any] = {"key": None, "items": []}


def search_index() -> list[Indexed]:
    """The folded index (per process), rebuilt when the data changed: the key is the page cache's data
    version, which every import, demo load and admin edit renews. Without a readable data version (a
    broken page cache) the index is built for this request only."""
    key = (site.site_info()["agenda_id"], page_cache.data_version())
    if key[1] is None:
        return [Indexed.of(e) for e in build_entries(key[0])]
    if _INDEX["key"] != key:
        items = [Indexed.of(e) for e in build_entries(key[0])]
        _INDEX.update(key=key, items=items)
    return _INDEX["items"]


def forget() -> None:
    """Drop the index (tests)."""
    _INDEX.update(key=None, items=[])


@lru_cache(maxsize=256)
def variants(word: str) -> tuple[str, ...]:
    """The word and, for a closed syllable with a long vowel, its open spelling: Dutch writes
    "eenzaam" but "eenzame", "groot" but "grote", so "eenzaam" also finds "eenzame inwoners"."""
    match = _LONG_VOWEL.search(word)
    if match is None:
        return (word,)
    return (word, word[: match.start()] + match.group(1)[0] + match.group(2))


def _best_score(word: str, text: str) -> float:
    forms = variants(word)
    best = _word_score(forms[0], text)
    if best == 0 and len(forms) > 1:
        best = 0.8 * _word_score(forms[1], text)
    return best


def _word_score(word: str, text: str) -> float:
    """0 when ``word`` does not occur in ``text`` (a field as indexed: spaces around); more for a
    whole word, a word start."""
    if word not in text:
        return 0.0
    if f" {word} " in text:
        return 2.0
    return 1.5 if f" {word}" in text else 1.0


def score(item: Indexed, words: list[str], phrase: str) -> float:
    """Weighted score: every word must match some field, else 0."""
    for word in words:
        if not any(form in item.everything for form in variants(word)):
            return 0.0
    total = 0.0
    for word in words:
        best = max((weight * _best_score(word, text) for _, weight, text in item.fields), default=0.0)
        if best == 0:
            return 0.0
        total += best
    title = item.fields[0][2]
    if len(words) > 1 and phrase in title:
        total += TITLE
    if title.split() == words:
        total += 2 * TITLE
    return total


def marked(text: str, words: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    """``text`` as parts ``{text, match}``; with ``limit`` a window of about that many characters
    around the first match (with "…" where cut)."""
    if not text:
        return []
    lowered, where = fold(text)
    spans = []
    for word in (form for w in words for form in variants(w)):
        start = lowered.find(word)
        while start >= 0:
            spans.append((where[start], where[start + len(word) - 1] + 1))
            start = lowered.find(word, start + len(word))
    spans.sort()
    begin, end = 0, len(text)
    if limit and len(text) > limit:
        first = spans[0][0] if spans else 0
        begin = max(0, first - limit // 3)
        end = min(len(text), begin + limit)
        begin = max(0, min(begin, end - limit))
    parts: list[dict[str, Any]] = []
    if begin > 0:
        parts.append({"text": "…", "match": False})
    at = begin
    for s, e in spans:
        s, e = max(s, at), min(e, end)
        if s >= e:
            continue
        if s > at:
            parts.append({"text": text[at:s], "match": False})
        parts.append({"text": text[s:e], "match": True})
        at = e
    if at < end:
        parts.append({"text": text[at:end], "match": False})
    if end < len(text):
        parts.append({"text": "…", "match": False})
    return parts


def _hit(item: Indexed, words: list[str], points: float) -> dict[str, Any]:
    e = item.entry
    body_hit = any(_best_score(w, item.fields[3][2]) for w in words)
    return {
        "title": e.title,
        "title_parts": marked(e.title, words),
        "url": e.url,
        "code": e.code,
        "code_parts": marked(e.code, words),
        "context": e.context,
        "snippet": marked(e.body, words, SNIPPET) if body_hit or not e.context else [],
        "score": round(points, 2),
    }


def search(query: str) -> dict[str, Any]:
    """Results for ``query`` grouped by kind (in a fixed order, empty kinds left out)."""
    words = query_words(query)
    phrase = " ".join(words)
    found: dict[str, list[tuple[float, Indexed]]] = {kind: [] for kind, _ in KINDS}
    for item in search_index():
        points = score(item, words, phrase)
        if points > 0:
            found[item.entry.kind].append((points, item))
    groups = []
    for kind, label in KINDS:
        hits = sorted(found[kind], key=lambda x: (-x[0], x[1].fields[0][2], x[1].entry.code))
        if hits:
            groups.append(
                {
                    "kind": kind,
                    "label": label,
                    "count": len(hits),
                    "more": max(0, len(hits) - PER_KIND),
                    "results": [_hit(item, words, points) for points, item in hits[:PER_KIND]],
                }
            )
    return {"words": words, "groups": groups, "total": sum(g["count"] for g in groups)}


def search_page(q: str = "") -> dict[str, Any]:
    query = " ".join(q.split())[:MAX_QUERY]
    data: dict[str, Any] = {
        "page": "zoeken",
        "title": "Zoeken",
        "url": reverse("monitor:zoeken"),
        "json_url": reverse("monitor:zoeken-json"),
        "breadcrumbs": [home_crumb(), crumb("Zoeken")],
        "query": query,
        "message": "",
        "groups": [],
        "total": 0,
    }
    if not query:
        data["message"] = "Typ een zoekterm, bijvoorbeeld de naam van een indicator, doel of wijk."
        return data
    if len("".join(query_words(query))) < MIN_LENGTH:
        data["message"] = f"Typ ten minste {MIN_LENGTH} letters of cijfers om te zoeken."
        return data
    result = search(query)
    data["groups"] = result["groups"]
    data["total"] = result["total"]
    if not result["total"]:
        data["message"] = (
            f"Niets gevonden voor ‘{query}’. Controleer de spelling of gebruik minder of kortere woorden."
        )
    else:
        count = result["total"]
        data["message"] = f"{count} {'resultaat' if count == 1 else 'resultaten'} voor ‘{query}’."
    return data
