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

from django.db import IntegrityError, connection, transaction

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


class Unavailable(ValueError):
    """A figure the publication cannot give (a characteristic that is not published, too few values for a
    forecast); the message is Dutch. It is an outcome like any other: stored with the publication, so the
    next one keeps it while nothing it read changed, and a page that shows it is not rendered again in
    every build only to find the same answer."""


_UNAVAILABLE = "niet_beschikbaar"  # the payload of a stored refusal: {_UNAVAILABLE: class name, "message": …}


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
    found = _stored(number, kind, key)
    if found is not None:
        return _outcome(found)
    outer = _reads.get()
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        payload = _normalise(compute())
    except Unavailable as exc:
        payload = {_UNAVAILABLE: type(exc).__name__, "message": str(exc)}
    finally:
        _reads.reset(token)
        if outer is not None:
            outer.update(reads)
    if context.is_building():
        _store(number, kind, key, arguments, payload, sorted(reads | set(depends)))
    return _outcome(payload)


def _outcome(payload: Any) -> Any:
    """The payload, or the refusal it records raised again as the class that refused."""
    if not (isinstance(payload, dict) and _UNAVAILABLE in payload and len(payload) == 2):
        return payload
    raise _refusals().get(payload[_UNAVAILABLE], Unavailable)(payload["message"])


def _refusals() -> dict[str, type[Unavailable]]:
    found: dict[str, type[Unavailable]] = {}
    todo = [Unavailable]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _stored(number: int, kind: str, key: str) -> Any:
    """The stored payload of a figure of publication ``number``, or None. One statement written out once:
    a page asks for a figure per chart and status, and building the same ORM query each time cost more
    than running it (a sixth of an uncached doel page)."""
    quote = connection.ops.quote_name
    field = PublishedFigure._meta.get_field("payload")
    sql = (
        f"SELECT f.{quote('payload')} FROM {quote(PublishedFigure._meta.db_table)} f "  # noqa: S608 - names
        f"JOIN {quote(Publication._meta.db_table)} p ON p.{quote('id')} = f.{quote('publication_id')} "
        f"WHERE p.{quote('number')} = %s AND f.{quote('kind')} = %s AND f.{quote('key')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [number, kind, key])
        row = cursor.fetchone()
    return None if row is None else field.from_db_value(row[0], None, connection)


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
