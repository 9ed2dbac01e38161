# SPDX-License-Identifier: EUPL-1.2
"""The staff upload page: the same pipeline as ``kwaliteitsmonitor import``, with a preview first.

1. Staff choose a source kind, a file and options as form fields (the workspace builds them from the
   connector's command-line options; options that name a server path are never offered).
2. The file is stored under the data directory and imported as a dry run: counts, warnings and every
   rejected row are shown; nothing is written.
3. "Importeren" runs the import for real, after checking the file did not change in between (SHA-256).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from .pipeline import ImportOutcome, run_import
from .registry import connector_class

# Sources that arrive as one file (CBS tables come by table id or as a directory of responses).
UPLOADABLE = {
    "tabular": "Spreadsheet met cijfers (CSV of XLSX)",
    "indicators": "Indicatordefinities (CSV, XLSX of YAML)",
    "goal-tree": "Doelenboom en voortgang (CSV of XLSX)",
    "areas": "Gebieden en grenzen (GeoJSON, TopoJSON of CSV)",
    "process-round": "Ronde van een procesmonitor (CSV of XLSX)",
}
_SESSION_KEY = "km_pending_imports"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class OptionsError(ValueError):
    pass


def _parser(connector: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=connector, add_help=False, exit_on_error=False)
    connector_class(connector).add_arguments(parser)
    return parser


def option_help(connector: str) -> list[tuple[str, str]]:
    """(flags, help) of every option the connector takes, for the form's explanation."""
    return [
        (", ".join(action.option_strings), action.help or "")
        for action in _parser(connector)._actions
        if action.option_strings
    ]


def option_actions(connector: str) -> list[argparse.Action]:
    """The connector's options (argparse actions) a form may offer."""
    return [a for a in _parser(connector)._actions if a.option_strings and a.dest not in PATH_OPTIONS]


# Options whose value is a path on the server: never from the web (an upload names only its own file).
PATH_OPTIONS = frozenset({"dictionary"})


def check_options(connector: str, options: dict[str, Any]) -> dict[str, Any]:
    """Options from a form: only known, non-path options of this connector; empty values dropped."""
    known = {a.dest for a in option_actions(connector)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise OptionsError(f"onbekende opties voor '{connector}': {', '.join(unknown)}")
    return {k: v for k, v in options.items() if v not in (None, False, "", [])}


def upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def store_upload(uploaded: Any) -> tuple[str, Path, str]:
    """Keep the uploaded file under a fresh token; returns (token, path, sha256)."""
    token = uuid.uuid4().hex
    name = _SAFE_NAME.sub("_", Path(uploaded.name).name)[-120:] or "bestand"
    folder = upload_dir() / token
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            out.write(chunk)
    return token, path, digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def preview(
    request: Any,
    connector: str,
    uploaded: Any,
    options: dict[str, Any],
    inspect: Callable[[], dict[str, Any]] | None = None,
) -> tuple[ImportOutcome, str]:
    """A dry run of the upload; ``inspect`` runs inside it before the rollback (see ``run_import``)."""
    options = check_options(connector, options)
    token, path, digest = store_upload(uploaded)
    outcome = run_import(
        connector, str(path), options=options, dry_run=True, actor=request.user.get_username(),
        inspect=inspect,
    )  # fmt: skip
    if outcome.status == "ok":
        pending = request.session.get(_SESSION_KEY, {})
        pending[token] = {
            "connector": connector,
            "path": str(path),
            "options": options,
            "sha256": digest,
        }
        request.session[_SESSION_KEY] = pending
    else:
        discard(token)
    return outcome, token


def confirm(request: Any, token: str) -> ImportOutcome | None:
    """Run a previewed import for real; None when the token is unknown or the file changed."""
    pending = request.session.get(_SESSION_KEY, {})
    item = pending.pop(token, None)
    request.session[_SESSION_KEY] = pending
    if item is None:
        return None
    path = Path(item["path"])
    if not path.is_file() or sha256_of(path) != item["sha256"]:
        discard(token)
        return None
    outcome = run_import(
        item["connector"],
        str(path),
        options=check_options(item["connector"], item["options"]),
        actor=request.user.get_username(),
        user=request.user,
    )
    discard(token)
    return outcome


def discard(token: str) -> None:
    if re.fullmatch(r"[0-9a-f]{32}", token):
        shutil.rmtree(upload_dir() / token, ignore_errors=True)
