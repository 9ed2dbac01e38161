# SPDX-License-Identifier: EUPL-1.2
"""Forms of the partner outcome flow: the upload (period and file), the review and a voorziening."""

from __future__ import annotations

from typing import Any

from django import forms

from kwaliteitsmonitor.accounts.models import Role
from kwaliteitsmonitor.accounts.permissions import role_of, scoped
from kwaliteitsmonitor.agenda.models import Effort, Organisation, OrganisationKind
from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.outcomes.models import Voorziening
from kwaliteitsmonitor.outcomes.service import period_choices

MAX_UPLOAD = 2 * 1024 * 1024


class UploadForm(forms.Form):
    period = forms.ChoiceField(label="Periode", choices=())
    file = forms.FileField(
        label="Ingevuld sjabloon (.xlsx)",
        help_text="Het sjabloon van deze pagina, met per voorziening de totalen.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Kies een Excel-bestand (.xlsx), bij voorkeur het sjabloon.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                "Dit bestand is groter dan 2 MB; het sjabloon met totalen is veel kleiner."
            )
        return upload


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Reden van terugsturen",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De partner ziet deze reden bij de aanlevering.",
    )


class VoorzieningForm(forms.ModelForm):
    class Meta:
        model = Voorziening
        fields = ["name", "code", "kind", "partner", "area", "effort", "description", "is_fictitious"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by(
            "name"
        )
        areas = Area.objects.filter(level="GM").order_by("name")
        if role_of(user) != Role.BEHEERDER:  # a redacteur chooses only her own gemeente (her rule's scope)
            organisation = getattr(getattr(user, "profile", None), "organisation", None)
            areas = areas.filter(pk=getattr(organisation, "area_id", None))
        self.fields["area"].queryset = areas
        self.fields["effort"].queryset = scoped(user, "agenda.change_effort", Effort.objects.all()).order_by(
            "title"
        )
        self.fields["effort"].required = False
