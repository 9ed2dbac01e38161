# SPDX-License-Identifier: EUPL-1.2
"""The WSGI application gunicorn serves (``kwaliteitsmonitor serve``), one per worker process."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitsmonitor.settings")
application = get_wsgi_application()


def _settle() -> None:
    """Load the URLconf and through it every view module now, not on the first request, and then leave all
    that was loaded out of the garbage collector's full passes (``gc.freeze``). Such a pass walked the whole
    of Django and the monitor, ~100 ms of CPU, every hundred or so uncached pages of a worker: the slowest
    1% of the doel pages under load (bench/RESULTS.md). What is loaded at start lives as long as the
    process anyway; objects made later are collected as before."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the views)
    gc.collect()
    gc.freeze()


_settle()
