# SPDX-License-Identifier: EUPL-1.2
"""Staff pages of the connectors: upload a file, see the preview, import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import upload

PERMISSION = "indicators.add_observation"


class UploadForm(forms.Form):
    connector = forms.ChoiceField(label="Soort bestand", choices=list(upload.UPLOADABLE.items()))
    file = forms.FileField(label="Bestand")
    options = forms.CharField(
        label="Opties",
        required=False,
        help_text="Zoals op de opdrachtregel, bijvoorbeeld: --period 2024 --create-indicators",
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.KM_MAX_UPLOAD_BYTES:
            limit = settings.KM_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Het bestand is groter dan {limit} MB.")
        return uploaded

    def clean(self):
        data = super().clean()
        if "connector" in data:
            try:
                upload.parse_options(data["connector"], data.get("options", ""))
            except upload.OptionsError as exc:
                self.add_error("options", str(exc))
        return data


def _context(request: HttpRequest, **extra):
    return {
        **admin.site.each_context(request),
        "title": "Bestand importeren",
        "options_help": {name: upload.option_help(name) for name in upload.UPLOADABLE},
        **extra,
    }


@staff_member_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "token" in request.POST:
        outcome = upload.confirm(request, request.POST["token"])
        if outcome is None:
            return HttpResponseBadRequest(
                "Deze import is verlopen of het bestand is veranderd; laad het opnieuw."
            )
        return render(request, "connectors/upload_done.html", _context(request, outcome=outcome))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        outcome, token = upload.preview(
            request, form.cleaned_data["connector"], form.cleaned_data["file"], form.cleaned_data["options"]
        )
        return render(
            request,
            "connectors/upload_preview.html",
            _context(request, outcome=outcome, token=token, connector=form.cleaned_data["connector"]),
        )
    return render(request, "connectors/upload.html", _context(request, form=form))
