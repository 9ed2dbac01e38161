# SPDX-License-Identifier: EUPL-1.2
"""A municipality's own look: name, logo, favicon, colours and fonts through NL Design System tokens.

The operator points ``KM_THEME_DIR`` at a folder with (all optional but ``tokens.css``)::

    tokens.css   design tokens as CSS custom properties on the class named in theme.json
                 (default ``.km-theme``), e.g. ``--utrecht-link-color: #00689e;``
    theme.json   {"name": "Monitor Sociaal Domein Woerden", "class": "woerden-theme", "logo_alt": "…"}
    logo.svg     or logo.png: shown next to the site name
    favicon.svg  or favicon.png / favicon.ico

The tokens are laid over the NL Design System example theme the monitor ships, so a theme sets only what
differs. Before the monitor starts, the contrast of the colours a reader depends on is checked (WCAG 2.1
AA: text and links 4,5:1, the focus outline 3:1); a theme that fails is refused with a Dutch message
naming the tokens, their values and the ratio. Pure Python: settings and the ``check-theme`` command
use it before Django is set up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

VENDOR_THEME = Path(__file__).resolve().parent / "monitor" / "static" / "vendor" / "nlds" / "theme.css"
DEFAULT_CLASS = "km-theme"
_CLASS = re.compile(r"^[a-z][a-z0-9-]{0,60}$")
_PROPERTY = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]+);")
_VAR = re.compile(r"^var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*(.+))?\)$")
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*(?:[,/]\s*([0-9.]+%?))?\s*\)$")
_NAMED = {"white": "#ffffff", "black": "#000000"}
BACKGROUND = "--basis-color-default-bg-document"
# (what the reader sees, foreground token, background token, minimum ratio)
PAIRS = [
    ("de tekst", "--basis-color-default-color-document", BACKGROUND, 4.5),
    ("links", "--utrecht-link-color", BACKGROUND, 4.5),
    ("bezochte links", "--utrecht-link-visited-color", BACKGROUND, 4.5),
    ("links onder de muis", "--utrecht-link-hover-color", BACKGROUND, 4.5),
    ("koppen", "--utrecht-heading-color", BACKGROUND, 4.5),
    ("de menubalk", "--utrecht-nav-bar-color", "--utrecht-nav-bar-background-color", 4.5),
    ("de focusrand", "--basis-focus-outline-color", BACKGROUND, 3.0),
    ("knoppen", "--km-button-color", "--km-button-background", 4.5),
]
SITE_DEFAULTS = {"--km-button-background": "#1d4f91", "--km-button-color": "#ffffff"}  # as in site.css
LOGOS = ("logo.svg", "logo.png")
FAVICONS = ("favicon.svg", "favicon.png", "favicon.ico")


class ThemeError(ValueError):
    """A theme that cannot be used; the message is Dutch and names the file or token."""


@dataclass(frozen=True)
class Theme:
    directory: Path | None = None
    name: str = ""
    css_class: str = DEFAULT_CLASS
    tokens: str = ""  # file name inside directory, "" for none
    logo: str = ""
    logo_alt: str = ""
    favicon: str = ""
    checked: list[str] = field(default_factory=list)  # the contrast checks, in words

    @property
    def is_default(self) -> bool:
        return self.directory is None


def properties(css: str) -> dict[str, str]:
    """Custom properties declared in ``css`` (the last declaration wins)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return {name: value.strip() for name, value in _PROPERTY.findall(css)}


def resolve(name: str, tokens: dict[str, str], depth: int = 0) -> str | None:
    """The value of token ``name``, following ``var()`` references (with their fallbacks)."""
    value = tokens.get(name)
    if value is None or depth > 20:
        return None
    match = _VAR.match(value)
    if match is None:
        return value
    found = resolve(match.group(1), tokens, depth + 1)
    if found is None and match.group(2):
        fallback = match.group(2).strip()
        inner = _VAR.match(fallback)
        return resolve(inner.group(1), tokens, depth + 1) if inner else fallback
    return found


def rgb(value: str) -> tuple[float, float, float] | None:
    """A CSS colour as (r, g, b) 0–255; None for what this check cannot read (gradients, hsl, ...)."""
    value = _NAMED.get(value.strip().lower(), value.strip())
    hex_match = _HEX.match(value)
    if hex_match:
        digits = hex_match.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    rgb_match = _RGB.match(value)
    if rgb_match:
        alpha = rgb_match.group(4)
        if alpha not in (None, "1", "100%", "1.0"):
            return None  # a see-through colour depends on what lies below it
        return (float(rgb_match.group(1)), float(rgb_match.group(2)), float(rgb_match.group(3)))
    return None


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ratio_text(ratio: float) -> str:
    return f"{ratio:.2f}".replace(".", ",") + ":1"


def check_contrast(own: dict[str, str], base: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(problems, passed) for the colour pairs of :data:`PAIRS`, own tokens over the base theme."""
    if base is None:
        base = {**properties(VENDOR_THEME.read_text(encoding="utf-8")), **SITE_DEFAULTS}
    tokens = {**base, **own}
    problems, passed = [], []
    for what, fg_name, bg_name, minimum in PAIRS:
        fg_value, bg_value = resolve(fg_name, tokens), resolve(bg_name, tokens)
        if fg_value is None or bg_value is None:
            continue
        fg, bg = rgb(fg_value), rgb(bg_value)
        if fg is None or bg is None:
            if fg_name in own or bg_name in own:
                problems.append(
                    f"de kleur van {what} ({fg_name}: {fg_value}; {bg_name}: {bg_value}) is niet te "
                    "controleren; gebruik #rrggbb of rgb()"
                )
            continue
        ratio = contrast(fg, bg)
        line = f"{what}: {fg_name} {fg_value} op {bg_name} {bg_value} = {_ratio_text(ratio)}"
        if ratio + 1e-9 < minimum:
            problems.append(f"{line}, minder dan {_ratio_text(minimum)}")
        else:
            passed.append(f"{line} (minstens {_ratio_text(minimum)})")
    return problems, passed


def _first(directory: Path, names: tuple[str, ...]) -> str:
    return next((n for n in names if (directory / n).is_file()), "")


def load(directory: str | Path | None) -> Theme:
    """The theme in ``directory`` (``KM_THEME_DIR``), checked; the default look when empty.
    Raises :class:`ThemeError` (Dutch) for a missing folder, bad theme.json or failing contrast."""
    if not directory or not str(directory).strip():
        return Theme()
    folder = Path(directory).expanduser().resolve()
    if not folder.is_dir():
        raise ThemeError(f"KM_THEME_DIR: de map {folder} bestaat niet.")
    settings: dict[str, str] = {}
    config = folder / "theme.json"
    if config.is_file():
        try:
            settings = json.loads(config.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ThemeError(f"{config}: geen geldige JSON ({exc}).") from exc
        if not isinstance(settings, dict):
            raise ThemeError(f"{config}: verwacht een object met name, class en logo_alt.")
    css_class = str(settings.get("class") or DEFAULT_CLASS)
    if not _CLASS.match(css_class):
        raise ThemeError(
            f"{config}: 'class' moet een CSS-klasse zijn van kleine letters, cijfers en '-', "
            "zoals woerden-theme."
        )
    tokens_file = folder / "tokens.css"
    own: dict[str, str] = {}
    if tokens_file.is_file():
        css = tokens_file.read_text(encoding="utf-8")
        if f".{css_class}" not in css:
            raise ThemeError(
                f"{tokens_file}: de tokens staan niet op de klasse .{css_class}; zet ze in "
                f"'.{css_class} {{ … }}' of noem de klasse in theme.json ('class')."
            )
        own = properties(css)
    problems, passed = check_contrast(own)
    if problems:
        raise ThemeError(
            f"Het thema in {folder} wordt geweigerd: te weinig contrast (WCAG 2.1 AA): "
            + "; ".join(problems)
            + "."
        )
    return Theme(
        directory=folder,
        name=str(settings.get("name") or "").strip(),
        css_class=css_class,
        tokens="tokens.css" if tokens_file.is_file() else "",
        logo=_first(folder, LOGOS),
        logo_alt=str(settings.get("logo_alt") or "").strip(),
        favicon=_first(folder, FAVICONS),
        checked=passed,
    )
