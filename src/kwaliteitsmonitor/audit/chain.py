# SPDX-License-Identifier: EUPL-1.2
"""Sealing entries into the hash chain, and checking it."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from auditlog.models import LogEntry
from django.db import transaction

from .models import GENESIS, ChainHead, Seal

FIELDS = (
    "id", "content_type__app_label", "content_type__model", "object_pk", "object_repr", "action", "changes",
    "changes_text", "actor_id", "remote_addr", "timestamp", "additional_data", "cid",
)  # fmt: skip
_BATCH = 2000


def _canonical(row: dict[str, Any]) -> str:
    values = {k: row[k] for k in FIELDS}
    values["timestamp"] = row["timestamp"].isoformat(timespec="microseconds") if row["timestamp"] else None
    for key in ("changes", "additional_data"):
        value = values[key]
        if isinstance(value, str):  # stored as text by some backends
            with contextlib.suppress(ValueError):
                values[key] = json.loads(value)
    return json.dumps(values, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))


def entry_hash(previous: str, row: dict[str, Any]) -> str:
    return hashlib.sha256((previous + "\n" + _canonical(row)).encode("utf-8")).hexdigest()


def _head() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        ChainHead.objects.get_or_create(pk=1)
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def seal(entry_ids: Iterable[int]) -> None:
    """Append the entries (in id order) to the chain, in the caller's transaction."""
    ids = sorted(set(entry_ids))
    if not ids:
        return
    with transaction.atomic():
        head = _head()
        seals = []
        for start in range(0, len(ids), _BATCH):
            rows = LogEntry.objects.filter(pk__in=ids[start : start + _BATCH]).order_by("pk").values(*FIELDS)
            for row in rows:
                digest = entry_hash(head.hash, row)
                head.sequence += 1
                seals.append(
                    Seal(sequence=head.sequence, entry_id=row["id"], previous_hash=head.hash, hash=digest)
                )
                head.hash = digest
        Seal.objects.bulk_create(seals, batch_size=1000)
        head.save(update_fields=["sequence", "hash"])


def _rows(ids: list[int]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in LogEntry.objects.filter(pk__in=ids).values(*FIELDS)}


def verify() -> Iterator[str]:
    """Every problem of the chain, in Dutch; nothing when it is whole."""
    previous, expected_sequence = GENESIS, 1
    seals = Seal.objects.order_by("sequence").values_list("sequence", "entry_id", "previous_hash", "hash")
    batch: list[tuple[int, int, str, str]] = []

    def check(
        batch: list[tuple[int, int, str, str]], previous: str, expected: int
    ) -> tuple[str, int, list[str]]:
        problems = []
        rows = _rows([s[1] for s in batch])
        for sequence, entry_id, previous_hash, digest in batch:
            if sequence != expected:
                problems.append(
                    f"zegel {expected} t/m {sequence - 1} ontbreekt (volgnummers springen naar {sequence})"
                )
            expected = sequence + 1
            if previous_hash != previous:
                problems.append(f"zegel {sequence} (logregel {entry_id}) hangt niet aan de vorige zegel")
            row = rows.get(entry_id)
            if row is None:
                problems.append(f"logregel {entry_id} (zegel {sequence}) is verwijderd")
            elif entry_hash(previous_hash, row) != digest:
                problems.append(f"logregel {entry_id} (zegel {sequence}) is veranderd na het schrijven")
            previous = digest
        return previous, expected, problems

    for item in seals.iterator(chunk_size=_BATCH):
        batch.append(item)
        if len(batch) >= _BATCH:
            previous, expected_sequence, problems = check(batch, previous, expected_sequence)
            yield from problems
            batch = []
    if batch:
        previous, expected_sequence, problems = check(batch, previous, expected_sequence)
        yield from problems
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.sequence != expected_sequence - 1 or head.hash != previous):
        found = expected_sequence - 1
        yield f"het einde van de keten klopt niet (verwacht zegel {head.sequence}, gevonden {found})"
    sealed = Seal.objects.values("entry_id")
    unsealed = LogEntry.objects.exclude(pk__in=sealed).values_list("pk", flat=True)[:20]
    for pk in unsealed:
        yield f"logregel {pk} heeft geen zegel (buiten de keten toegevoegd)"
