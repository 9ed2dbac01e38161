# SPDX-License-Identifier: EUPL-1.2
"""``kwaliteitsmonitor check-theme [map]``: check a theme (docs/theming.md) before using it: files,
theme.json and the contrast of its colours (WCAG 2.1 AA). Without a folder: the one of KM_THEME_DIR."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kwaliteitsmonitor import theme


class Command(BaseCommand):
    help = (
        "Controleer een thema (map met tokens.css, theme.json, logo en favicon): bestanden en het contrast "
        "van de kleuren (WCAG 2.1 AA). Zonder map: het thema van KM_THEME_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("map", nargs="?", help="De themamap; standaard KM_THEME_DIR.")

    def handle(self, *args, map: str | None = None, **options):
        if map is None:
            found = settings.KM_THEME  # loaded and checked with the settings
            if found.is_default:
                self.stdout.write("Geen eigen thema (KM_THEME_DIR is leeg): de standaardopmaak.")
                return
        else:
            try:
                found = theme.load(map)
            except theme.ThemeError as exc:
                raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(f"Thema in {found.directory}: goedgekeurd.")
        parts = [
            ("naam", found.name or "(geen; KM_SITE_NAME of de standaardnaam)"),
            ("tokens", f"{found.tokens} op .{found.css_class}" if found.tokens else "(geen)"),
            ("logo", found.logo or "(geen)"),
            ("favicon", found.favicon or "(geen)"),
        ]
        for label, value in parts:
            self.stdout.write(f"  {label}: {value}")
        self.stdout.write("  Contrast:")
        for line in found.checked:
            self.stdout.write(f"    {line}")
