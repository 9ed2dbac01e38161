# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 7: a municipality's own look through NL Design System tokens, its contrast checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kwaliteitsmonitor import theme

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "thema-voorbeeld"
BIN = Path(sys.executable).parent / "kwaliteitsmonitor"


def test_example_theme_passes_and_names_its_parts():
    found = theme.load(EXAMPLE)
    assert found.name == "Monitor Sociaal Domein Voorbeeldstad"
    assert (found.css_class, found.tokens, found.logo, found.favicon) == (
        "voorbeeldstad-theme", "tokens.css", "logo.svg", "favicon.svg",
    )  # fmt: skip
    assert any(line.startswith("links: --utrecht-link-color #00684a") for line in found.checked)


def test_no_theme_dir_is_the_default_look():
    assert theme.load("").is_default


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".km-theme { --utrecht-link-color: #9ecae1; }", "links: --utrecht-link-color #9ecae1 op"),
        (".km-theme { --km-button-background: #ffdd00; }", "knoppen: --km-button-color #ffffff op"),
        (".km-theme { --basis-color-default-bg-document: #222; }", "de tekst:"),
        (".km-theme { --f: #777; --utrecht-link-color: var(--f); }", "= 4,48:1, minder dan 4,50:1"),
    ],
)
def test_too_little_contrast_is_refused_in_dutch(tmp_path, css, expected):
    (tmp_path / "tokens.css").write_text(css, encoding="utf-8")
    with pytest.raises(theme.ThemeError) as refused:
        theme.load(tmp_path)
    assert "wordt geweigerd: te weinig contrast (WCAG 2.1 AA)" in str(refused.value)
    assert expected in str(refused.value)


def test_tokens_on_another_class_and_bad_json_are_named(tmp_path):
    (tmp_path / "tokens.css").write_text(":root { --utrecht-link-color: #00684a; }", encoding="utf-8")
    with pytest.raises(theme.ThemeError, match=r"tokens staan niet op de klasse \.km-theme"):
        theme.load(tmp_path)
    (tmp_path / "theme.json").write_text("{name: x}", encoding="utf-8")
    with pytest.raises(theme.ThemeError, match=r"theme\.json: geen geldige JSON"):
        theme.load(tmp_path)
    with pytest.raises(theme.ThemeError, match="bestaat niet"):
        theme.load(tmp_path / "weg")


def test_failing_theme_is_refused_at_startup_in_one_dutch_line(tmp_path):
    (tmp_path / "thema").mkdir()
    (tmp_path / "thema" / "tokens.css").write_text(
        ".km-theme { --utrecht-link-color: #9ecae1; }", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"KM_DATA_DIR": str(tmp_path / "var"), "KM_THEME_DIR": str(tmp_path / "thema")})
    done = subprocess.run([str(BIN), "check"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("Het thema in ")
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_pages_use_the_theme(client, settings):
    settings.KM_THEME = theme.load(EXAMPLE)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    body = client.get("/toegankelijkheid/").content.decode()
    assert '<html lang="nl" class="voorbeeld-theme voorbeeldstad-theme utrecht-root km-root">' in body
    assert body.index("vendor/nlds/theme.css") < body.index('href="/static/thema/tokens.css"')
    assert '<link rel="icon" href="/static/thema/favicon.svg">' in body
    assert '<img class="km-logo" src="/static/thema/logo.svg" alt="Gemeente Voorbeeldstad">' in body
