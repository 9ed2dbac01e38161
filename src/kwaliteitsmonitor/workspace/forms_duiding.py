# SPDX-License-Identifier: EUPL-1.2
"""Forms for report periods, duidingssessies, verbeteracties and raadsvragen: Dutch labels and messages,
dates typed as 31-3-2026 or chosen in the browser's date picker."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify

from kwaliteitsmonitor.agenda.models import Effort, Goal, ReportPeriod
from kwaliteitsmonitor.interpretation.models import STEPS, Interpretation, QuestionKind

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
DATE_MESSAGE = "Vul een datum in, bijvoorbeeld 31-3-2026."


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_MESSAGE, "required": "Vul deze datum in."},
    )


class ReportPeriodForm(forms.ModelForm):
    date = date_field("Peildatum", help_text="Het moment waarover de rapportage gaat, bijvoorbeeld 1-4-2026.")
    deadline = date_field(
        "Uiterste aanleverdatum",
        required=False,
        help_text="Tot wanneer inspanningen hun voortgang aanleveren. Herinneringen gaan hiervoor uit.",
    )

    class Meta:
        model = ReportPeriod
        fields = ["name", "slug", "kind", "date", "deadline"]
        labels = {"name": "Naam", "slug": "Korte naam", "kind": "Soort"}
        help_texts = {
            "name": "Bijvoorbeeld Voorjaarsnota 2026.",
            "slug": "Zoals in importbestanden, bijvoorbeeld 2026-voorjaarsnota. Leeg: gemaakt uit de naam.",
        }
        error_messages = {
            "name": {
                "unique": "Er is al een rapportageperiode met deze naam.",
                "required": "Vul de naam in.",
            },
            "slug": {"unique": "Er is al een rapportageperiode met deze korte naam."},
            "kind": {"required": "Kies de soort.", "invalid_choice": "Kies een soort uit de lijst."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("name"), ""))[:80]
        if not slug:
            raise forms.ValidationError("Vul een korte naam in (letters, cijfers en streepjes).")
        clash = ReportPeriod.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Er is al een rapportageperiode met deze korte naam.")
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, deadline = data.get("date"), data.get("deadline")
        if day and deadline and abs((deadline - day).days) > 366:
            self.add_error("deadline", "De uiterste aanleverdatum ligt meer dan een jaar van de peildatum.")
        return data


class InterpretationForm(forms.ModelForm):
    session_date = date_field("Datum van de sessie", required=False)

    class Meta:
        model = Interpretation
        fields = ["session_date", "participants", *(key for key, _, _ in STEPS)]
        labels = {"participants": "Deelnemers", **{key: label for key, label, _ in STEPS}}
        help_texts = {
            "participants": "Namen en rollen, één per regel.",
            **{key: help_ for key, _, help_ in STEPS},
        }
        widgets = {
            key: forms.Textarea(attrs={"rows": 4}) for key in ["participants", *(k for k, _, _ in STEPS)]
        }


class ActionForm(forms.Form):
    title = forms.CharField(
        label="Verbeteractie", max_length=300, error_messages={"required": "Vul de verbeteractie in."}
    )
    owner = forms.CharField(
        label="Eigenaar", max_length=200, error_messages={"required": "Vul de eigenaar in."}
    )
    due_date = date_field("Uiterlijk klaar")
    effort = forms.ModelChoiceField(
        Effort.objects.none(),
        label="Inspanning",
        required=False,
        empty_label="— kies een inspanning —",
        help_text="De inspanning van dit doel waar de actie bij hoort.",
    )
    new_effort = forms.BooleanField(
        label="Maak er een nieuwe inspanning van in dit doel",
        required=False,
        help_text="In plaats van een bestaande inspanning te kiezen.",
    )

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effort"].queryset = Effort.objects.filter(goal=goal).order_by("order", "id")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("effort")) == bool(data.get("new_effort")):
            self.add_error("effort", "Kies een bestaande inspanning óf vink een nieuwe inspanning aan.")
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Soort vraag",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies de soort vraag.", "invalid_choice": "Kies de soort vraag."},
    )
    question = forms.CharField(
        label="Vraag",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": "Schrijf de vraag."},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Antwoord",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
        required=False,
        help_text="Opslaan bewaart een concept; pas na vaststellen ziet de vragensteller het antwoord.",
    )
