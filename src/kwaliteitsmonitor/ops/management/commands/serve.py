# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor serve``: run the monitor with gunicorn (static files through WhiteNoise), and next to
it the worker for background work (``db_worker``: publishing, reports, refreshes).

Collects static files first, so a fresh install needs no separate step. ``--dev`` runs Django's
development server instead (auto-reload, DEBUG-style static serving). ``--no-worker`` leaves the worker
out (when it runs elsewhere). When one of the two stops, the other is stopped too, so a supervisor
(systemd, a container runtime) sees the failure and restarts both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

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
        parser.add_argument(
            "--no-worker", action="store_true", help="geen worker voor achtergrondtaken naast de site"
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
            # Access log on standard output, without client address, user agent or referrer (personal
            # data); the security log (accounts/security_log.py) names the account where it matters.
            "--access-logfile", "-",
            "--access-logformat", ACCESS_LOG_FORMAT,
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]  # fmt: skip
        if options["no_worker"]:
            os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
        worker = [
            sys.executable,
            "-m",
            "kwaliteitsmonitor.cli",
            "db_worker",
            "--interval",
            "2",
            "--no-reload",
        ]
        sys.exit(_supervise([argv, worker]))


ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def _supervise(commands: list[list[str]]) -> int:
    """Run the commands side by side; stop all when one stops or on SIGTERM/SIGINT. Returns an exit code."""
    processes = [subprocess.Popen(command) for command in commands]

    def stop(signum: int, _frame: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = None
    while code is None:
        for process in processes:
            if process.poll() is not None:
                code = process.returncode
                break
        else:
            time.sleep(0.5)
    stop(signal.SIGTERM, None)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return code if code is not None else 0
