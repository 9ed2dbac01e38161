# SPDX-License-Identifier: EUPL-1.2
"""Figures computed once per publication: statuses with their reasoning, projections, comparisons,
similar areas and forecasts.

:func:`remember` wraps the computation of one such figure. While a publication is being built, the
figure is computed from that publication's values and stored with it, together with the indicators it
read (so the next publication can keep it when none of them changed). Reading a publication, the stored
figure is returned; no page fits a model or ranks gemeenten on the request path. A figure that was not
stored (an argument no page uses, an API call with its own choice) is computed from the publication's
protected values, never from the working store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import IntegrityError, transaction

from . import context
from .models import Publication, PublishedFigure
from .queries import _reads

T = TypeVar("T")

# The figures a page asked for while the crawl of a build rendered it (``warm.crawl(record=...)``), so the
# next build renders again only the pages whose figures it could not keep.
_asked: ContextVar[set[str] | None] = ContextVar("km_figures_asked", default=None)

# Dependencies a figure can declare besides the indicators it read.
AGENDA = "@agenda"  # targets, directions and links of the agenda
AREAS = "@areas"  # memberships, hierarchy, comparison groups


def _key(kind: str, arguments: dict[str, Any]) -> str:
    text = kind + "\n" + json.dumps(arguments, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _normalise(payload: Any) -> Any:
    """What comes back from the store, also when computed now: plain JSON."""
    return json.loads(json.dumps(payload, default=str))


def remember(
    kind: str, arguments: dict[str, Any], compute: Callable[[], Any], *, depends: Iterable[str] = ()
) -> Any:
    number = context.reading_number()
    if number is None:
        return _normalise(compute())
    key = _key(kind, arguments)
    asked = _asked.get()
    if asked is not None:
        asked.add(key)
    found = (
        PublishedFigure.objects.filter(publication__number=number, kind=kind, key=key)
        .values_list("payload", flat=True)
        .first()
    )
    if found is not None:
        return found
    outer = _reads.get()
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        payload = _normalise(compute())
    finally:
        _reads.reset(token)
        if outer is not None:
            outer.update(reads)
    if context.is_building():
        _store(number, kind, key, arguments, payload, sorted(reads | set(depends)))
    return payload


def _store(
    number: int, kind: str, key: str, arguments: dict[str, Any], payload: Any, depends: list[str]
) -> None:
    publication = Publication.objects.only("pk").get(number=number)
    try:
        with transaction.atomic():
            PublishedFigure.objects.create(
                publication=publication,
                kind=kind,
                key=key,
                arguments=_normalise(arguments),
                payload=payload,
                depends=depends,
            )
    except IntegrityError:  # computed twice in one build (a page and its JSON twin): the first stays
        pass


def carry_over(basis: int, number: int, dirty: set[str]) -> int:
    """Copy the figures of publication ``basis`` that depend on nothing in ``dirty`` (indicator codes,
    ``AGENDA``, ``AREAS``) into publication ``number``. Returns how many were kept."""
    old = Publication.objects.filter(number=basis).first()
    new = Publication.objects.get(number=number)
    if old is None:
        return 0
    keep = [
        PublishedFigure(
            publication=new,
            kind=f.kind,
            key=f.key,
            arguments=f.arguments,
            payload=f.payload,
            depends=f.depends,
        )
        for f in PublishedFigure.objects.filter(publication=old).iterator(chunk_size=2000)
        if not dirty.intersection(f.depends)
    ]
    PublishedFigure.objects.bulk_create(keep, batch_size=1000, ignore_conflicts=True)
    return len(keep)


def kept_keys(number: int) -> set[str]:
    """The keys of the figures publication ``number`` holds."""
    return set(PublishedFigure.objects.filter(publication__number=number).values_list("key", flat=True))
