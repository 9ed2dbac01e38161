# SPDX-License-Identifier: EUPL-1.2
"""Imports: choose a kind (each its own permission), upload with options as form fields, see the
preview (per indicator the definition used, changes old → new, what the website would show, and the change
list of the publication that would follow: values, cells that become hidden or shown, refusal by the
audit), confirm."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from kwaliteitsmonitor.accounts import security_log
from kwaliteitsmonitor.connectors import upload
from kwaliteitsmonitor.publications.preview import next_publication

from .access import check, requires
from .changes import changes_of
from .forms_import import KIND_PERMISSIONS, ImportForm, kinds_for
from .pages import page


@requires("workspace.enter")
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    kinds = kinds_for(request.user)
    if not kinds:
        check(request, "indicators.import_observations")  # 403 and logged
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    kind = request.POST.get("kind") or request.GET.get("soort") or kinds[0][0]
    if kind not in KIND_PERMISSIONS:
        kind = kinds[0][0]
    check(request, KIND_PERMISSIONS[kind])
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            options = form.options()
        except upload.OptionsError as exc:
            form.add_error(None, str(exc))
        else:
            outcome, token = upload.preview(
                request, kind, form.cleaned_data["file"], options, inspect=next_publication
            )
            return page(
                request, "workspace/import_preview.html", "importeren", "Voorbeeld van de import",
                outcome=outcome, token=token, kind=kind, kind_label=upload.UPLOADABLE[kind],
                publication=_publication_preview(outcome.inspection),
            )  # fmt: skip
    return page(
        request, "workspace/imports.html", "importeren", "Importeren",
        form=form, kinds=kinds, kind=kind, kind_label=upload.UPLOADABLE[kind],
    )  # fmt: skip


def _publication_preview(inspection: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the next publication would change (its change list), or why that cannot be shown."""
    if inspection is None:
        return None
    if inspection.get("status") == "ok":
        return {"status": "ok", "basis": inspection["basis"], **changes_of(inspection["changes"])}
    return {"status": inspection.get("status", ""), "message": inspection.get("message", "")}


def _confirm(request: HttpRequest) -> HttpResponse:
    token = request.POST["token"]
    pending = request.session.get("km_pending_imports", {}).get(token)
    if pending is None:
        return page(
            request, "workspace/import_done.html", "importeren", "Import verlopen", outcome=None, status=400
        )
    if pending["connector"] not in KIND_PERMISSIONS:
        raise PermissionDenied("Deze soort bestand kan hier niet worden geïmporteerd.")
    check(request, KIND_PERMISSIONS[pending["connector"]])  # again: the role may have changed since
    outcome = upload.confirm(request, token)
    if outcome is not None:
        security_log.event("import", request, connector=pending["connector"], status=outcome.status,
                           run=outcome.run_id)  # fmt: skip
    return page(
        request, "workspace/import_done.html", "importeren", "Import klaar", outcome=outcome,
        status=200 if outcome is not None else 400,
    )  # fmt: skip
