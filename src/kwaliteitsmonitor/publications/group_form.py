# SPDX-License-Identifier: EUPL-1.2
"""The staff form that saves a comparison group: the area, a name, how many areas, and the
characteristics chosen from the published indicators (a share as one count per another), each with a
weight. The default set of ``KM_SIMILAR_CHARACTERISTICS`` is filled in; a default code that is no
published indicator is named above the form, never silently dropped."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kwaliteitsmonitor.analysis.similar import SimilarError
from kwaliteitsmonitor.areas.models import Area, ComparisonGroup, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.insights_similar import (
    DEFAULT_K,
    MAX_K,
    SETTING,
    UnknownCharacteristic,
    default_characteristics,
    similar_areas,
)

ROWS = 8  # characteristics one form can hold


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.code})"


def characteristic_fields() -> list[tuple[str, str, str]]:
    return [(f"kenmerk_{i}", f"noemer_{i}", f"gewicht_{i}") for i in range(1, ROWS + 1)]


def _published() -> Any:
    return Indicator.objects.filter(is_published=True).order_by("name")


def _row_fields() -> dict[str, forms.Field]:
    """Per row: the indicator, optionally the count it is a share of, and the weight (querysets are
    lazy: they are read when the form is shown)."""
    fields: dict[str, forms.Field] = {}
    for number, (main, per, weight) in enumerate(characteristic_fields(), start=1):
        fields[main] = IndicatorChoice(_published(), required=False, label=f"Kenmerk {number}")
        fields[per] = IndicatorChoice(
            _published().filter(unit__in=["count", "euro", "euro_1000"]),
            required=False,
            label="als aandeel van",
            help_text="Alleen voor een aandeel van twee aantallen.",
        )
        fields[weight] = forms.FloatField(min_value=0, initial=1.0, required=False, label="gewicht")
    return fields


class ComparisonGroupForm(forms.ModelForm):
    class Meta:
        model = ComparisonGroup
        fields = ["area", "name", "k"]
        help_texts = {
            "name": "Zoals de groep op de pagina's heet, bijvoorbeeld 'gemeenten die op ons lijken'.",
            "k": f"Hoeveel gebieden de groep telt (1–{MAX_K}).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(level__in=[Level.GM, Level.WK])
        self.fields["area"].help_text = "Een gemeente, of een wijk (dan lijken wijken in andere gemeenten)."
        self.fields["k"].initial = DEFAULT_K
        self.fields["k"].validators.append(self._k_range)
        self.default_problems: list[str] = []
        if not self.is_bound:
            self._fill_defaults(_published())
        self.found: dict[str, Any] | None = None

    @staticmethod
    def _k_range(value: int) -> None:
        if not 1 <= value <= MAX_K:
            raise ValidationError(f"Kies 1 tot en met {MAX_K} gebieden.")

    def _fill_defaults(self, published: Any) -> None:
        """The default set as the first rows; a code that is not published is reported, not dropped."""
        try:
            codes, weights = default_characteristics()
        except UnknownCharacteristic as exc:
            self.default_problems.append(str(exc))
            return
        known = published.in_bulk([c for code in codes for c in code.split("/")], field_name="code")
        rows = iter(characteristic_fields())
        for code in codes:
            main, _, per = code.partition("/")
            missing = [c for c in (main, per) if c and c not in known]
            if missing:
                self.default_problems.append(
                    f"Standaardkenmerk '{code}' (instelling {SETTING}): geen gepubliceerde indicator "
                    f"'{missing[0]}'. Kies zelf een kenmerk in de plaats."
                )
                continue
            field_main, field_per, field_weight = next(rows)
            self.initial[field_main] = known[main].pk
            if per:
                self.initial[field_per] = known[per].pk
            self.initial[field_weight] = weights.get(code, 1.0)

    def characteristics(self) -> tuple[list[str], dict[str, float]]:
        codes: list[str] = []
        weights: dict[str, float] = {}
        for main, per, weight in characteristic_fields():
            indicator, base = self.cleaned_data.get(main), self.cleaned_data.get(per)
            if indicator is None:
                if base is not None:
                    self.add_error(main, "Kies ook de indicator waarvan dit het aandeel is.")
                continue
            code = indicator.code + (f"/{base.code}" if base else "")
            if code in codes:
                self.add_error(main, "Dit kenmerk staat er al.")
                continue
            codes.append(code)
            weights[code] = (
                self.cleaned_data.get(weight) if self.cleaned_data.get(weight) is not None else 1.0
            )
        return codes, weights

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        codes, weights = self.characteristics()
        area, k = cleaned.get("area"), cleaned.get("k")
        if self.errors or area is None or k is None:
            return cleaned
        if not codes:
            raise ValidationError("Kies minstens één kenmerk.")
        try:
            found = similar_areas(area, codes, weights, k)
        except (UnknownCharacteristic, SimilarError) as exc:
            raise ValidationError(str(exc)) from exc
        if not found.get("matches"):
            raise ValidationError(
                found.get("message") or "Met deze kenmerken lijkt geen enkel gebied op dit gebied."
            )
        existing = ComparisonGroup.objects.filter(area=area, fingerprint=found["fingerprint"]).first()
        if existing:
            raise ValidationError(
                f"Deze groep is al opgeslagen als ‘{existing.name}’ (vingerafdruk {existing.fingerprint})."
            )
        self.found = found
        return cleaned


# Declared on the class (not in __init__), so the admin can name them in its fieldsets.
ComparisonGroupForm.declared_fields.update(_row_fields())
ComparisonGroupForm.base_fields.update(ComparisonGroupForm.declared_fields)
