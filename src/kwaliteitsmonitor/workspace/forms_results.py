# SPDX-License-Identifier: EUPL-1.2
"""The resultaat form: streefwaarde and nulmeting typed the Dutch way, the period of the nulmeting chosen
from the periods its indicators have (shown as "2024" or "1e halfjaar 2024", never as a CBS code), and the
indicators chosen by name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from kwaliteitsmonitor.agenda.models import Result
from kwaliteitsmonitor.analysis.periods import period_label
from kwaliteitsmonitor.indicators.models import Observation

from .forms import DutchDecimalField, IndicatorsForm


class DutchNumberField(DutchDecimalField):
    """A figure (not an amount of money): ``57``, ``9,7`` or ``1.250,5``, shown with the decimals it has."""

    what, example = "getal", "57 of 9,7"

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, float):
            value = Decimal(repr(value))
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            whole, _, fraction = text.partition(".")
            grouped = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
            return grouped + ("," + fraction if fraction else "")
        return value


class ResultForm(forms.ModelForm):
    target_value = DutchNumberField(
        label="Streefwaarde", required=False, decimal_places=4, max_digits=18,
        help_text="In de eenheid van de indicator, bijvoorbeeld 55 of 9,7.",
    )  # fmt: skip
    baseline_value = DutchNumberField(
        label="Nulmeting", required=False, decimal_places=4, max_digits=18,
        help_text="De waarde waar het resultaat van uitgaat.",
    )  # fmt: skip
    baseline_period = forms.ChoiceField(label="Periode van de nulmeting", required=False)

    class Meta:
        model = Result
        fields = [
            "title",
            "description",
            "target_value",
            "target_year",
            "baseline_value",
            "baseline_period",
            "direction",
        ]
        labels = {
            "title": "Resultaat",
            "description": "Toelichting",
            "target_year": "Streefjaar",
            "direction": "Richting",
        }
        help_texts = {"target_year": "Het jaar waarin de streefwaarde bereikt moet zijn, bijvoorbeeld 2027."}
        error_messages = {"target_year": {"invalid": "Vul een jaartal in, bijvoorbeeld 2027."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicators = list(self.instance.indicators.values_list("pk", flat=True)) if self.instance.pk else []
        periods = set(
            Observation.objects.filter(indicator_id__in=indicators)
            .values_list("period", flat=True)
            .distinct()
        )
        current = self.instance.baseline_period
        if current:
            periods.add(current)
        self.fields["baseline_period"].choices = [("", "— geen —")] + [
            (code, period_label(code)) for code in sorted(periods, reverse=True)
        ]

    def clean_target_year(self) -> int | None:
        year = self.cleaned_data.get("target_year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError("Vul een streefjaar tussen 2000 en 2100 in.")
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("target_value", "baseline_value"):
            if isinstance(data.get(name), Decimal):
                data[name] = float(data[name])
        if data.get("target_value") is not None and data.get("target_year") is None:
            self.add_error("target_year", "Een streefwaarde hoort bij een streefjaar: vul het jaar in.")
        return data


class ResultIndicatorsForm(IndicatorsForm):
    help_text = "Zoek op naam met het zoekveld hierboven; vink aan waaraan dit resultaat wordt gemeten."
