# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor serve``: run the monitor with gunicorn (static files through WhiteNoise).

Collects static files first, so a fresh install needs no separate step. ``--dev`` runs Django's
development server instead (auto-reload, DEBUG-style static serving).
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de Kwaliteitsmonitor op http://HOST:PORT (standaard 127.0.0.1:8000)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("KM_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("KM_THREADS", "4")))
        parser.add_argument(
            "--dev", action="store_true", help="Django-ontwikkelserver in plaats van gunicorn."
        )

    def handle(self, *args, **options):
        address = f"{options['host']}:{options['port']}"
        # Also for --dev: without DEBUG the pages name hashed static files from the manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["dev"]:
            call_command("runserver", address)
            return
        self.stdout.write(f"De Kwaliteitsmonitor draait op http://{address}/ (stoppen met Ctrl+C)")
        self.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "kwaliteitsmonitor.wsgi",
            "--bind", address,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--access-logfile", "-" if settings.DEBUG else "/dev/null",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]  # fmt: skip
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
