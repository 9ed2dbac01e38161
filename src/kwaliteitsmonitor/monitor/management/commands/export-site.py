# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor export-site <map>``: write the public monitor as a static website (docs/export.md).

Exit codes: 0 written and every link checked; 1 nothing written (the directory is not empty, or not
usable); 3 written, but some pages failed or some links in the export do not resolve (listed).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor.monitor.export import Exporter, ExportError, prepare_directory

EXIT_INCOMPLETE = 3
KIND_WORDS = {
    "pagina": "pagina's",
    "json": "JSON-bestanden",
    "grafiek": "grafieken",
    "download": "downloads",
    "statisch": "statische bestanden",
    "bestand": "overige bestanden",
}


class Command(BaseCommand):
    help = "Schrijf de publieke monitor als statische website naar MAP (werkt vanaf elke webserver)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Lege map (of een eerdere export, met --force).")
        parser.add_argument("--force", action="store_true", help="Een eerdere export in deze map vervangen.")
        parser.add_argument(
            "--live-url",
            default="",
            help="Adres van de live monitor (https://…): zoeken, keuzes, API en beheer verwijzen daarheen.",
        )

    def handle(self, *args, **options):
        target: Path = options["directory"].resolve()
        live_url: str = options["live_url"]
        if live_url and not live_url.startswith(("https://", "http://")):
            raise CommandError(f"--live-url moet met https:// of http:// beginnen, niet {live_url!r}.")
        try:
            prepare_directory(target, options["force"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        verbose = options["verbosity"] >= 1

        def progress(count: int, path: str) -> None:
            if verbose and count % 25 == 0:
                self.stdout.write(f"  {count} bestanden geschreven (laatste: {path})")

        if verbose:
            self.stdout.write(f"Statische export naar {target} …")
        report = Exporter(target, live_url, progress).run()
        if verbose:
            self._summary(report, live_url)
        problems = [f"{path} gaf status {status}" for path, status in report.failed]
        problems += [f"verwijzing werkt niet: {link}" for link in report.broken]
        if problems:
            for line in problems[:50]:
                self.stderr.write(f"  {line}")
            if len(problems) > 50:
                self.stderr.write(f"  … en nog {len(problems) - 50}")
            raise CommandError(
                f"Export geschreven naar {target}, maar onvolledig: {len(problems)} problemen.",
                returncode=EXIT_INCOMPLETE,
            )
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"Klaar: {report.total} bestanden in {target}"))

    def _summary(self, report, live_url: str) -> None:
        for kind, count in sorted(report.written.items()):
            self.stdout.write(f"  {count:>6} {KIND_WORDS.get(kind, kind)}")
        self.stdout.write(f"  {report.total:>6} bestanden in totaal")
        if report.elsewhere:
            where = live_url or "de pagina statische-versie/"
            self.stdout.write(
                f"  {len(report.elsewhere)} verwijzingen (zoeken, keuzes met een vraagteken, API, "
                f"beheer) gaan naar {where}"
            )
