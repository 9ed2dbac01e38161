# SPDX-License-Identifier: EUPL-1.2
"""An audited manager for models whose bulk writes must be on record too.

django-auditlog writes its entries from model signals, which ``QuerySet.update()``, ``bulk_create()``
and ``bulk_update()`` do not send (the gap django-simple-history #174 describes). ``AuditedQuerySet``
closes it: it reads the rows before and after such a write and adds one entry per changed row (before
and after per field), with the actor of the request or command, on SQLite and PostgreSQL alike. Queryset
``delete()`` needs nothing extra: Django sends ``post_delete`` per row for registered models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction

from . import write


class AuditedQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        if not write.enabled(self.model):
            return super().update(**kwargs)
        names = write.tracked(self.model, kwargs)
        if not names:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            before = {row["pk"]: row for row in self.values("pk", *names)}
            count = super().update(**kwargs)
            after = self.model._base_manager.using(self.db).filter(pk__in=list(before)).values("pk", *names)
            write.log_updates(self.model, before, {row["pk"]: row for row in after}, names)
        return count

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(objs, *args, **kwargs)
        if write.enabled(self.model):
            write.log_creates(self.model, [o for o in created if o.pk is not None])
        return created

    def bulk_update(self, objs: Sequence[Any], fields: Sequence[str], *args: Any, **kwargs: Any) -> int:
        if not write.enabled(self.model):
            return super().bulk_update(objs, fields, *args, **kwargs)
        objs = list(objs)
        names = write.tracked(self.model, fields)
        if not names:
            return super().bulk_update(objs, fields, *args, **kwargs)
        with transaction.atomic(using=self.db):
            pks = [o.pk for o in objs]
            before = {r["pk"]: r for r in self.model._base_manager.filter(pk__in=pks).values("pk", *names)}
            count = super().bulk_update(objs, fields, *args, **kwargs)
            after = {r["pk"]: r for r in self.model._base_manager.filter(pk__in=pks).values("pk", *names)}
            write.log_updates(self.model, before, after, names)
        return count


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    pass
