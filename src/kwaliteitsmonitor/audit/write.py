# SPDX-License-Identifier: EUPL-1.2
"""Writing audit entries that django-auditlog's signals do not write: bulk changes and import summaries.
Every entry written here is sealed into the hash chain at once (``chain.seal``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import smart_str

from . import chain

_REPR_MAX = 200


def enabled(model: type[Any]) -> bool:
    return auditlog.contains(model) and not auditlog_disabled.get()


def tracked(model: type[Any], fields: Any) -> list[str]:
    """The columns of ``fields`` that are on record for ``model`` (not excluded at registration)."""
    excluded = set(auditlog.get_model_fields(model).get("exclude_fields") or ())
    return [model._meta.get_field(f).attname for f in fields if f not in excluded]


def _context() -> dict[str, Any]:
    try:
        value = auditlog_value.get()
    except LookupError:
        return {}
    actor = value.get("actor")
    return {
        "actor": actor if getattr(actor, "pk", None) else None,
        "remote_addr": value.get("remote_addr"),
        **{k: v for k, v in value.items() if k in {"additional_data"}},
    }


def _text(value: Any) -> str:
    return "None" if value is None else smart_str(value)


def _entries(rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    context = _context()
    entries = [LogEntry(**{**context, **row}) for row in rows]
    created = LogEntry.objects.bulk_create(entries, batch_size=1000)
    ids = [e.pk for e in created if e.pk is not None]
    if len(ids) != len(created):  # a backend that does not return ids: find them by correlation
        ids = list(LogEntry.objects.order_by("-pk").values_list("pk", flat=True)[: len(created)])
    chain.seal(ids)


def log_updates(
    model: type[Any], before: dict[Any, dict[str, Any]], after: dict[Any, dict[str, Any]], names: list[str]
) -> None:
    content_type = ContentType.objects.get_for_model(model)
    rows = []
    for pk, old in before.items():
        new = after.get(pk)
        if new is None:
            continue
        changes = {n: [_text(old[n]), _text(new[n])] for n in names if old[n] != new[n]}
        if changes:
            rows.append(
                {
                    "content_type": content_type,
                    "object_pk": str(pk),
                    "object_id": pk if isinstance(pk, int) else None,
                    "object_repr": f"{model._meta.verbose_name} {pk}"[:_REPR_MAX],
                    "action": LogEntry.Action.UPDATE,
                    "changes": changes,
                    "additional_data": {"bulk": "update"},
                }
            )
    _entries(rows)


def log_creates(model: type[Any], objs: Sequence[Any]) -> None:
    content_type = ContentType.objects.get_for_model(model)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    _entries(
        [
            {
                "content_type": content_type,
                "object_pk": str(o.pk),
                "object_id": o.pk if isinstance(o.pk, int) else None,
                "object_repr": smart_str(o)[:_REPR_MAX],
                "action": LogEntry.Action.CREATE,
                "changes": {f.attname: ["None", _text(getattr(o, f.attname))] for f in fields},
                "additional_data": {"bulk": "create"},
            }
            for o in objs
        ]
    )


def log_summary(
    obj: Any, action: int, changes: dict[str, list[str]], additional_data: dict[str, Any] | None = None
) -> None:
    """One entry about ``obj`` that is not a field change of its own (an import's effect on an
    indicator's values, a demo reload)."""
    _entries(
        [
            {
                "content_type": ContentType.objects.get_for_model(type(obj)),
                "object_pk": str(obj.pk),
                "object_id": obj.pk if isinstance(obj.pk, int) else None,
                "object_repr": smart_str(obj)[:_REPR_MAX],
                "action": action,
                "changes": changes,
                "additional_data": additional_data or {},
            }
        ]
    )
