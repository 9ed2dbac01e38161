# SPDX-License-Identifier: EUPL-1.2
"""Health checks for a load balancer and monitoring (docs/operations.md).

- ``/gezondheid/`` (liveness): the process answers. Touches no database, no cache, no session.
- ``/gezondheid/klaar/`` (readiness): JSON with one entry per check and status 200 (ready) or 503:
  the database answers, every migration is applied, and, with ``KM_TASKS=database``, the background
  worker is at work (no task waits longer than ``KM_WORKER_STALE_SECONDS`` and no publication build hangs).

Both are answered by :class:`HealthMiddleware` before the host check, sessions and the page cache, so a
probe by IP address works and a broken cache or a database that is down cannot make liveness fail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

LIVE_PATH = "/gezondheid/"
READY_PATH = "/gezondheid/klaar/"
MIGRATIONS_OK_SECONDS = 60.0  # a positive migration check is trusted this long (loading them costs)

_migrations_ok_until = 0.0


def liveness() -> JsonResponse:
    return _json({"status": "ok"}, 200)


def readiness() -> JsonResponse:
    checks: dict[str, dict[str, Any]] = {"database": _database()}
    if checks["database"]["ok"]:
        checks["migraties"] = _migrations()
        if settings.KM_TASKS == "database":
            checks["worker"] = _worker()
    ready = all(check["ok"] for check in checks.values())
    return _json({"status": "klaar" if ready else "niet klaar", "checks": checks}, 200 if ready else 503)


def _json(data: dict[str, Any], status: int) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _database() -> dict[str, Any]:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        with contextlib.suppress(Exception):  # the next request connects afresh
            connection.close()
        # The driver's message (host, database name) goes to the log, not to whoever asks.
        logger.warning("gereedheid: database niet bereikbaar: %s", first_line(exc))
        return {"ok": False, "melding": f"database niet bereikbaar ({type(exc).__name__}); zie het log"}
    return {"ok": True, "melding": f"bereikbaar ({connection.vendor})"}


def _migrations() -> dict[str, Any]:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return {"ok": True, "melding": "alle migraties toegepast"}
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        logger.warning("gereedheid: migraties niet te controleren: %s", first_line(exc))
        return {"ok": False, "melding": f"migraties niet te controleren ({type(exc).__name__}); zie het log"}
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        return {
            "ok": False,
            "melding": f"{len(plan)} migratie(s) niet toegepast ({names}); draai 'kwaliteitsmonitor migrate'",
        }
    _migrations_ok_until = time.monotonic() + MIGRATIONS_OK_SECONDS
    return {"ok": True, "melding": "alle migraties toegepast"}


def _worker() -> dict[str, Any]:
    """The database queue has no heartbeat of its own: the worker is taken to be alive when no task
    has waited longer than KM_WORKER_STALE_SECONDS and no publication build has stopped halfway."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from kwaliteitsmonitor.publications import build
    from kwaliteitsmonitor.publications.models import Publication, State

    now = timezone.now()
    limit = now - dt.timedelta(seconds=settings.KM_WORKER_STALE_SECONDS)
    try:
        waiting = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__lt=limit)
            .order_by("run_after")
            .values_list("task_path", "run_after")
            .first()
        )
        hanging = [
            p.number for p in Publication.objects.filter(state=State.BUILDING) if not build.alive(p, now)
        ]
    except Exception as exc:
        logger.warning("gereedheid: takenwachtrij niet te lezen: %s", first_line(exc))
        return {"ok": False, "melding": f"takenwachtrij niet te lezen ({type(exc).__name__}); zie het log"}
    if waiting:
        minutes = int((now - waiting[1]).total_seconds() // 60)
        return {
            "ok": False,
            "melding": f"een taak wacht al {minutes} minuten ({waiting[0]}): draait de worker "
            "('kwaliteitsmonitor serve' of 'kwaliteitsmonitor db_worker')?",
        }
    if hanging:
        return {
            "ok": False,
            "melding": f"publicatie {hanging[0]} wordt gemaakt door een proces dat gestopt is",
        }
    return {"ok": True, "melding": "geen taak wacht te lang"}


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class HealthMiddleware:
    """Answer the health checks before anything else can fail (host check, session, page cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"}:
            if request.path_info == LIVE_PATH:
                return liveness()
            if request.path_info == READY_PATH:
                return readiness()
        return self.get_response(request)
