# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor serve``: run the monitor with gunicorn (static files through WhiteNoise), and next to
it the worker for background work (``db_worker``: publishing, reports, refreshes).

Collects static files first, so a fresh install needs no separate step. ``--dev`` runs Django's
development server instead (auto-reload, DEBUG-style static serving). ``--no-worker`` leaves the worker
out (when it runs elsewhere). When the site stops, the worker is stopped too, so a supervisor (systemd, a
container runtime) sees the failure and restarts both. When the worker stops (a database that is down for a
while), it is started again after a pause while the site goes on answering.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kwaliteitsmonitor.ops import server
from kwaliteitsmonitor.ops.welcome import next_steps


class Command(BaseCommand):
    help = "Start de Kwaliteitsmonitor op http://HOST:PORT (standaard 127.0.0.1:8000)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=server.workers(), help="gunicorn-processen (KM_WORKERS)"
        )
        parser.add_argument(
            "--threads", type=int, default=server.threads(), help="threads per proces (KM_THREADS)"
        )
        parser.add_argument(
            "--dev", action="store_true", help="Django-ontwikkelserver in plaats van gunicorn."
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="geen worker voor achtergrondtaken naast de site"
        )

    def handle(self, *args, **options):
        address = f"{options['host']}:{options['port']}"
        _recover()
        # Also for --dev: without DEBUG the pages name hashed static files from the manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["dev"]:
            call_command("runserver", address)
            return
        self.stdout.write(f"De Kwaliteitsmonitor draait op http://{address}/ (stoppen met Ctrl+C)")
        self.stdout.write("\n".join(next_steps(address)))
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
            # gunicorn's longest: 500 repeated area=WK06320101 codes (docs/api.md) fit; longer is a 414
            "--limit-request-line", "8190",
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


def _recover() -> None:
    """Imports and publication builds whose process ended (a crash, a kill) are marked failed now."""
    from kwaliteitsmonitor.indicators.runs import recover as recover_runs
    from kwaliteitsmonitor.publications.build import recover as recover_builds

    for run in recover_runs():
        print(f"Importrun {run} was afgebroken en is als mislukt gemarkeerd.", file=sys.stderr)
    for number in recover_builds():
        print(f"Publicatie {number} was afgebroken en is als mislukt gemarkeerd.", file=sys.stderr)


RESTART_MAX_SECONDS = 60.0


def _supervise(commands: list[list[str]], restartable: frozenset[int] = frozenset({1})) -> int:
    """Run the commands side by side; stop all when the site (command 0) stops or on SIGTERM/SIGINT.
    Returns an exit code. A command in ``restartable`` (the worker) that stops is started again after a
    pause (2, 4, … up to 60 seconds): a database that is down for a while stops the worker, and the site
    must go on answering (503 pages, ``/gezondheid/klaar/``) until it is back."""
    processes = [subprocess.Popen(command) for command in commands]
    restarts = {index: 0 for index in restartable}
    due: dict[int, float] = {}
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.poll() is None:
                process.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = None
    while code is None:
        for index, process in enumerate(processes):
            if process.poll() is None or index in due:
                continue
            if index in restartable and not stopping:
                restarts[index] += 1
                pause = min(RESTART_MAX_SECONDS, 2.0 ** restarts[index])
                print(
                    f"De worker is gestopt (code {process.returncode}); opnieuw starten over {pause:.0f} s.",
                    file=sys.stderr,
                )
                due[index] = time.monotonic() + pause
                continue
            code = process.returncode
            break
        else:
            now = time.monotonic()
            for index, when in list(due.items()):
                if now >= when:
                    del due[index]
                    processes[index] = subprocess.Popen(commands[index])
            time.sleep(0.5)
    stop(signal.SIGTERM, None)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return code if code is not None else 0
