# SPDX-License-Identifier: EUPL-1.2
"""Workspace forms: Dutch labels and messages, report periods from a list, Dutch decimal input."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from kwaliteitsmonitor.agenda.models import EffortProgress, ReportPeriod
from kwaliteitsmonitor.indicators.models import Indicator


class DutchDecimalField(forms.CharField):
    """An amount typed the Dutch way: ``1.250,50`` or ``1250,5`` (a full stop groups thousands)."""

    what, example = "bedrag", "1.250,50"  # for the messages

    def __init__(self, *, max_digits: int = 14, decimal_places: int = 2, **kwargs: Any) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            text = f"{value:,.{self.decimal_places}f}"
            return text.replace(",", "_").replace(".", ",").replace("_", ".")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip().replace(" ", "").replace("€", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")  # 1.250 is twelve hundred and fifty
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError(f"Vul een {self.what} in, bijvoorbeeld {self.example}.") from exc
        if not number.is_finite():
            raise forms.ValidationError(f"Vul een {self.what} in, bijvoorbeeld {self.example}.")
        if number.as_tuple().exponent < -self.decimal_places:  # type: ignore[operator]
            raise forms.ValidationError(f"Gebruik hoogstens {self.decimal_places} cijfers achter de komma.")
        if abs(number) >= Decimal(10) ** (self.max_digits - self.decimal_places):
            raise forms.ValidationError(f"Dit {self.what} is te groot.")
        return number


class ProgressForm(forms.ModelForm):
    report_period = forms.ModelChoiceField(
        ReportPeriod.objects.order_by("-date", "name"),
        label="Rapportageperiode",
        empty_label=None,
        help_text="De periode waarover u rapporteert.",
    )
    budget = DutchDecimalField(label="Begroot (euro)", required=False, help_text="Bijvoorbeeld 12.500,00.")
    realisation = DutchDecimalField(
        label="Gerealiseerd (euro)", required=False, help_text="Uitgegeven tot en met deze periode."
    )

    class Meta:
        model = EffortProgress
        fields = [
            "report_period",
            "status",
            "progress",
            "explanation",
            "budget",
            "realisation",
            "reported_on",
        ]
        labels = {
            "status": "Status",
            "progress": "Voortgang (%)",
            "explanation": "Toelichting",
            "reported_on": "Datum van de rapportage",
        }
        widgets = {"reported_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"progress": {"max_value": "De voortgang is hoogstens 100%."}}

    def clean_progress(self) -> int | None:
        value = self.cleaned_data.get("progress")
        if value is not None and value > 100:
            raise forms.ValidationError("De voortgang is een percentage van 0 tot en met 100.")
        return value


class IndicatorsForm(forms.Form):
    """Indicators chosen by name: the list shows those whose name contains ``query`` plus the ones already
    chosen (so saving never drops a link that the search hid)."""

    indicators = forms.ModelMultipleChoiceField(
        Indicator.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    label = "Indicatoren"
    help_text = "Zoek op naam met het zoekveld hierboven; vink aan wat erbij hoort."

    def __init__(self, *args: Any, chosen: Any = (), query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, initial={"indicators": chosen}, **kwargs)
        field = self.fields["indicators"]
        field.label, field.help_text = self.label, self.help_text
        if query:
            shown = Indicator.objects.filter(name__icontains=query) | Indicator.objects.filter(
                pk__in=[i.pk for i in chosen]
            )
            field.queryset = shown.order_by("name")  # type: ignore[attr-defined]


class EffortIndicatorsForm(IndicatorsForm):
    label = "Prestatie-indicatoren"
    help_text = "Zoek op naam met het zoekveld hierboven; vink aan wat bij deze inspanning hoort."
