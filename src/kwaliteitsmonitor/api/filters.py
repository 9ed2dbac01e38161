# SPDX-License-Identifier: EUPL-1.2
"""Query parameters of the API: validated by small serializers (which also document them in the
OpenAPI schema) and applied to querysets. Invalid input gives a 400 with a Dutch message per parameter.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from kwaliteitsmonitor.analysis.periods import PeriodError, parse_period
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.models import PublishedValue
from kwaliteitsmonitor.publications.queries import published

MAX_AREAS = 500  # below DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) when repeated
# What analysis.periods.parse_period accepts (it also takes lower case and surrounding spaces).
PERIOD_PATTERN = r"^[0-9]{4}((JJ00)|(HJ0[12])|(KW0[1-4])|(MM(0[1-9]|1[0-2])))?$"
_LEVELS = ", ".join(Level.values)


def _level_field(help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=Level.choices,
        required=False,
        allow_blank=True,
        help_text=help_text,
        error_messages={"invalid_choice": f"'{{input}}' is geen geldig gebiedsniveau; kies uit {_LEVELS}."},
    )


def parse_query(filter_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """Validated query parameters; empty values count as absent unless the filter says otherwise."""
    query = filter_class(data=request.query_params)
    if not query.is_valid():
        raise serializers.ValidationError({name: _messages(errors) for name, errors in query.errors.items()})
    keep_blank = getattr(filter_class, "keep_blank", ())
    return {k: v for k, v in query.validated_data.items() if k in keep_blank or v not in ("", None, [])}


@extend_schema_field({"type": "string", "pattern": PERIOD_PATTERN})
class PeriodField(serializers.CharField):
    """A CBS period key or a plain year, normalised to the key (``2024`` -> ``2024JJ00``)."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not value:
            return value
        try:
            return parse_period(value).key
        except PeriodError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class StrictBooleanField(serializers.BooleanField):
    """A boolean query parameter: ``true``/``false`` (or 1/0); an empty value (``trend=``) is refused with
    a Dutch message instead of silently meaning the default."""

    default_error_messages = {"invalid": "'{input}' is geen geldige waarde; gebruik true of false."}

    def get_value(self, dictionary: Any) -> Any:
        if self.field_name in dictionary and dictionary.get(self.field_name) == "":
            return ""  # not "absent": to_internal_value refuses it
        return super().get_value(dictionary)


def _messages(errors: Any) -> list[str]:
    """Flatten DRF's nested errors (a list field reports per item) into a list of messages."""
    if isinstance(errors, dict):
        return [m for value in errors.values() for m in _messages(value)]
    if isinstance(errors, list):
        return [m for value in errors for m in _messages(value)]
    return [str(errors)]


class AreaFilter(serializers.Serializer):
    level = _level_field("Gebiedsniveau, bijvoorbeeld GM (gemeenten) of WK (wijken).")
    parent = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=16,
        help_text="CBS-code van het gebied erboven: parent=GM0632 geeft de wijken van die gemeente.",
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Zoek op (een deel van) de naam."
    )
    year = serializers.IntegerField(
        required=False,
        min_value=1800,
        max_value=2200,
        help_text="Alleen gebieden die in dit jaar bestonden (volgens de indeling van dat jaar).",
    )


def filter_areas(queryset: QuerySet[Area], params: dict[str, Any]) -> QuerySet[Area]:
    if "level" in params:
        queryset = queryset.filter(level=params["level"])
    if "parent" in params:
        queryset = queryset.filter(parent__code=params["parent"])
    if "q" in params:
        queryset = queryset.filter(name__icontains=params["q"])
    if "year" in params:
        queryset = queryset.valid_in(params["year"])
    return queryset.order_by("code")


class IndicatorFilter(serializers.Serializer):
    category = serializers.CharField(
        required=False, allow_blank=True, max_length=120, help_text="Thema, bijvoorbeeld 'Sociale kracht'."
    )


def filter_indicators(queryset: QuerySet[Indicator], params: dict[str, Any]) -> QuerySet[Indicator]:
    if "category" in params:
        queryset = queryset.filter(category__iexact=params["category"])
    return queryset.order_by("code")


class ValueFilter(serializers.Serializer):
    keep_blank = ("breakdown",)

    area = serializers.ListField(
        # one item may hold all codes, comma-separated: 500 wijk codes of 10 characters and their commas
        child=serializers.CharField(max_length=MAX_AREAS * 17, allow_blank=True),
        required=False,
        max_length=MAX_AREAS,
        help_text=(
            "CBS-code van een gebied. Herhaal de parameter of scheid codes met komma's: "
            f"area=GM0632&area=GM0344 of area=GM0632,GM0344. Hoogstens {MAX_AREAS} gebieden."
        ),
    )
    level = _level_field("Alleen waarden van gebieden op dit niveau, bijvoorbeeld WK.")
    period = PeriodField(
        required=False,
        allow_blank=True,
        help_text="Periode: een jaartal (2024, betekent 2024JJ00) of een CBS-periode (2024JJ00, 2024HJ01).",
    )
    breakdown = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=120,
        help_text=(
            "Uitsplitsing, bijvoorbeeld leeftijd=65+. Leeg (breakdown=) geeft alleen de totalen; "
            "zonder deze parameter komen alle uitsplitsingen mee."
        ),
    )

    def validate_area(self, value: list[str]) -> list[str]:
        codes = list(dict.fromkeys(c.strip() for item in value for c in item.split(",") if c.strip()))
        if len(codes) > MAX_AREAS:
            raise serializers.ValidationError(f"Hoogstens {MAX_AREAS} gebieden per verzoek.")
        return codes


def filter_values(indicator: Indicator, params: dict[str, Any]) -> QuerySet[PublishedValue]:
    """Published values of one indicator in the API's stable order: area code, period key, breakdown.
    Every filter selects from the stored decisions of the publication; none computes anything."""
    queryset = published().filter(indicator=indicator)
    if "area" in params:
        queryset = queryset.filter(area__code__in=params["area"])
    if "level" in params:
        queryset = queryset.filter(area__level=params["level"])
    if "period" in params:
        queryset = queryset.filter(period=params["period"])
    if "breakdown" in params:
        queryset = queryset.filter(breakdown=params["breakdown"])
    return queryset.order_by("area__code", "period", "breakdown")
