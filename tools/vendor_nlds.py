# SPDX-License-Identifier: EUPL-1.2
"""Vendor a subset of the NL Design System CSS into the monitor's static files.

Takes two npm packages (both EUPL-1.2):

* ``@utrecht/component-library-css`` — component rules (``dist/index.css``);
* ``@nl-design-system-unstable/voorbeeld-design-tokens`` — the theme (``dist/theme.css``, one
  ``.voorbeeld-theme { ... }`` block of custom properties).

and writes to ``src/kwaliteitsmonitor/monitor/static/vendor/nlds/``:

* ``components.css`` — only the rules whose selectors use the Utrecht components the site uses
  (``COMPONENTS`` below; a selector list keeps only the selectors of those components);
* ``theme.css`` — only the custom properties those rules and our own ``site.css`` reference, resolved
  transitively through the theme;
* ``LICENSE.md`` and ``README.md`` (versions and how to regenerate).

Never vendor ``@utrecht/design-tokens`` (the Utrecht house style is not free to use).

Usage::

    python tools/vendor_nlds.py                  # npm pack both packages into a temp dir
    python tools/vendor_nlds.py --from /tmp/npmv # use packages already unpacked there
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "kwaliteitsmonitor" / "monitor" / "static" / "vendor" / "nlds"
SITE_CSS = ROOT / "src" / "kwaliteitsmonitor" / "monitor" / "static" / "monitor" / "site.css"

COMPONENTS_PKG = ("@utrecht/component-library-css", "9.0.4")
TOKENS_PKG = ("@nl-design-system-unstable/voorbeeld-design-tokens", "7.4.1")

# The Utrecht components the site uses (class names without the ``utrecht-`` prefix).
COMPONENTS = {
    "root", "document", "body", "surface", "page", "page-layout", "page-header", "page-body",
    "page-content", "page-footer", "skip-link", "heading-1", "heading-2", "heading-3", "heading-4",
    "paragraph", "link", "link-list", "unordered-list", "ordered-list", "table", "table-container",
    "breadcrumb-nav", "nav-bar", "nav-list", "figure", "img", "separator", "alert", "data-list",
    "article", "code", "mark",
}  # fmt: skip

_CLASS = re.compile(r"\.utrecht-([a-z0-9-]+?)(?=__|--|[^a-z0-9-]|$)")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


# --- fetching -------------------------------------------------------------------------------------
def _pkg_dir_name(name: str, version: str) -> str:
    return f"{name.lstrip('@').replace('/', '-')}-{version}"


def fetch(source: Path | None, workdir: Path) -> tuple[Path, Path]:
    """Return the ``package`` directories of both npm packages, packing them when needed."""
    dirs = []
    for name, version in (COMPONENTS_PKG, TOKENS_PKG):
        base = _pkg_dir_name(name, version)
        if source and (source / base / "package").is_dir():
            dirs.append(source / base / "package")
            continue
        subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=workdir, check=True, capture_output=True)
        target = workdir / base
        with tarfile.open(workdir / f"{base}.tgz") as tar:
            tar.extractall(target, filter="data")
        dirs.append(target / "package")
    return dirs[0], dirs[1]


# --- a small CSS block parser ----------------------------------------------------------------------
def parse_blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level items as (prelude, body); body None for statements such as ``@charset ...;``."""
    css = _COMMENT.sub("", css)
    items: list[tuple[str, str | None]] = []
    i, n, start = 0, len(css), 0
    while i < n:
        ch = css[i]
        if ch in "\"'":
            i = css.index(ch, i + 1) + 1
            continue
        if ch == ";":
            stmt = css[start:i].strip()
            if stmt:
                items.append((stmt, None))
            start = i + 1
        elif ch == "{":
            depth, j = 1, i + 1
            while depth:
                if css[j] in "\"'":
                    j = css.index(css[j], j + 1)
                elif css[j] == "{":
                    depth += 1
                elif css[j] == "}":
                    depth -= 1
                j += 1
            items.append((css[start:i].strip(), css[i + 1 : j - 1]))
            i = start = j
            continue
        i += 1
    return items


def split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in prelude:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def keep_selector(selector: str, components: set[str]) -> bool:
    used = _CLASS.findall(selector)
    return bool(used) and all(c in components for c in used)


def filter_rules(items: list[tuple[str, str | None]], components: set[str]) -> list[str]:
    out: list[str] = []
    for prelude, body in items:
        if body is None:
            continue  # @charset and the like
        if prelude.startswith(("@media", "@supports", "@container")):
            inner = filter_rules(parse_blocks(body), components)
            if inner:
                out.append(prelude + " {\n" + "\n".join("  " + r for r in inner) + "\n}")
            continue
        if prelude.startswith("@"):
            continue  # keyframes etc. are added later when referenced
        kept = [s for s in split_selectors(prelude) if keep_selector(s, components)]
        if kept:
            declarations = " ".join(d.strip() + ";" for d in body.split(";") if d.strip())
            out.append(", ".join(kept) + " { " + declarations + " }")
    return out


def keyframes(items: list[tuple[str, str | None]], text: str) -> list[str]:
    out = []
    for prelude, body in items:
        if body is not None and prelude.startswith("@keyframes"):
            name = prelude.split()[1]
            if re.search(rf"\b{re.escape(name)}\b", text):
                out.append(prelude + " {" + " ".join(body.split()) + "}")
    return out


# --- theme tokens -----------------------------------------------------------------------------------
def theme_tokens(theme_css: str) -> dict[str, str]:
    tokens: dict[str, str] = {}
    for prelude, body in parse_blocks(theme_css):
        if body is None or ".voorbeeld-theme" not in prelude:
            continue
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                if name.strip().startswith("--"):
                    tokens[name.strip()] = value.strip()
    return tokens


def resolve(used: set[str], tokens: dict[str, str]) -> dict[str, str]:
    wanted: dict[str, str] = {}
    todo = [u for u in used if u in tokens]
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted[name] = tokens[name]
        todo.extend(v for v in _VAR.findall(tokens[name]) if v in tokens and v not in wanted)
    return dict(sorted(wanted.items()))


# --- main --------------------------------------------------------------------------------------------
def build(components_dir: Path, tokens_dir: Path, out: Path = OUT) -> dict[str, int]:
    index_items = parse_blocks((components_dir / "dist" / "index.css").read_text(encoding="utf-8"))
    rules = filter_rules(index_items, COMPONENTS)
    rules_text = "\n".join(rules)
    rules += keyframes(index_items, rules_text)
    site_css = SITE_CSS.read_text(encoding="utf-8") if SITE_CSS.exists() else ""
    used = set(_VAR.findall(rules_text)) | set(_VAR.findall(site_css))
    theme = resolve(used, theme_tokens((tokens_dir / "dist" / "theme.css").read_text(encoding="utf-8")))

    out.mkdir(parents=True, exist_ok=True)
    header = (
        "/**\n * @license EUPL-1.2\n"
        " * Subset of {pkg}@{ver}, generated by tools/vendor_nlds.py; do not edit.\n"
        " * Copyright (c) Gemeente Utrecht, Frameless B.V. and the NL Design System community.\n */\n"
    )
    (out / "components.css").write_text(
        header.format(pkg=COMPONENTS_PKG[0], ver=COMPONENTS_PKG[1]) + "\n".join(rules) + "\n",
        encoding="utf-8",
    )
    body = "\n".join(f"  {k}: {v};" for k, v in theme.items())
    (out / "theme.css").write_text(
        header.format(pkg=TOKENS_PKG[0], ver=TOKENS_PKG[1]) + ".voorbeeld-theme {\n" + body + "\n}\n",
        encoding="utf-8",
    )
    (out / "LICENSE.md").write_text(
        (components_dir / "LICENSE.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (out / "README.md").write_text(_readme(len(rules), len(theme)), encoding="utf-8")
    return {"rules": len(rules), "tokens": len(theme)}


def _readme(n_rules: int, n_tokens: int) -> str:
    components = ", ".join(sorted(COMPONENTS))
    return f"""# NL Design System CSS (vendored subset)

Generated by `tools/vendor_nlds.py`; do not edit these files by hand.

| File | Source | Licence |
|---|---|---|
| `components.css` | `{COMPONENTS_PKG[0]}@{COMPONENTS_PKG[1]}` `dist/index.css`: {n_rules} rules | EUPL-1.2 |
| `theme.css` | `{TOKENS_PKG[0]}@{TOKENS_PKG[1]}` `dist/theme.css`: {n_tokens} properties | EUPL-1.2 |

Only the rules of the Utrecht components the site uses are kept ({components}), and only the theme
custom properties those rules and `monitor/static/monitor/site.css` reference (resolved transitively).
Both packages are published under the EUPL-1.2 (`LICENSE.md`). The proprietary Utrecht house-style
tokens (`@utrecht/design-tokens`) are deliberately not used.

To regenerate (for example after adding a component to `COMPONENTS` or a new `var(--…)` to site.css):

    .venv/bin/python tools/vendor_nlds.py            # runs `npm pack` for both packages in a temp dir
    .venv/bin/python tools/vendor_nlds.py --from DIR # DIR holds the unpacked packages

A municipality sets its own look by overriding the custom properties of `.voorbeeld-theme`.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", type=Path, help="directory with unpacked npm packages")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        components_dir, tokens_dir = fetch(args.source, Path(tmp))
        counts = build(components_dir, tokens_dir)
    sizes = {p.name: p.stat().st_size for p in OUT.glob("*.css")}
    print(f"{counts['rules']} regels, {counts['tokens']} tokens; {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
