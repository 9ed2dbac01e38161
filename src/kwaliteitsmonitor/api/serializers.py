# SPDX-License-Identifier: EUPL-1.2
"""Output shapes of API v1. Fields are added, never removed or renamed within v1 (docs/api.md).

Values are serialised from :class:`~kwaliteitsmonitor.publications.queries.ValueRow`, which only the
disclosure stage (``queries.protect_rows``) creates: an observation is never serialised directly.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator


class AreaSerializer(serializers.Serializer):
    """Eén gebied."""

    code = serializers.CharField(help_text="CBS-code zonder opvulling, bijvoorbeeld GM0632 of WK063201.")
    name = serializers.CharField(help_text="Naam.")
    level = serializers.CharField(help_text="Niveau: NL, PV, CR, JZ, GG, GM, WK of BU.")
    parent = serializers.SerializerMethodField(help_text="Code van het gebied erboven, of null.")
    valid_from = serializers.IntegerField(
        allow_null=True, help_text="Bestaat vanaf dit jaar; null = onbekend."
    )
    valid_to = serializers.IntegerField(
        allow_null=True, help_text="Bestaat tot en met dit jaar; null = nog steeds."
    )
    is_pseudo = serializers.BooleanField(help_text="Pseudogebied, zoals een waterwijk.")

    def get_parent(self, area: Area) -> str | None:
        return area.parent.code if area.parent_id else None


class IndicatorLinksSerializer(serializers.Serializer):
    """Adressen bij een indicator."""

    self = serializers.SerializerMethodField(help_text="Deze indicator.")
    values = serializers.SerializerMethodField(help_text="De waarden van deze indicator.")

    def _url(self, name: str, indicator: Indicator) -> str:
        path = reverse(f"api:v1:{name}", kwargs={"code": indicator.code})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_self(self, indicator: Indicator) -> str:
        return self._url("indicator-detail", indicator)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_values(self, indicator: Indicator) -> str:
        return self._url("indicator-values", indicator)


class IndicatorSerializer(serializers.Serializer):
    """De definitie van één indicator."""

    code = serializers.CharField(help_text="Vaste code van de indicator.")
    name = serializers.CharField(help_text="Naam.")
    short_name = serializers.CharField(help_text="Korte naam; leeg als die er niet is.")
    category = serializers.CharField(help_text="Thema.")
    definition = serializers.CharField(help_text="Definitie.")
    explanation = serializers.CharField(help_text="Toelichting: hoe lees je deze indicator (Markdown).")
    unit = serializers.CharField(help_text="Eenheid: count, pct, per_1000, score_0_10, ...")
    unit_label = serializers.CharField(help_text="Eenheid zoals de bron die noemt.")
    decimals = serializers.IntegerField(help_text="Aantal decimalen waarmee de waarde getoond wordt.")
    polarity = serializers.CharField(help_text="Richting: higher_is_better, lower_is_better of neutral.")
    nature = serializers.CharField(help_text="fact (feit) of perception (beleving).")
    source = serializers.CharField(help_text="Bron.")
    source_table = serializers.CharField(help_text="Brontabel.")
    source_url = serializers.CharField(help_text="Adres van de bron; leeg als dat er niet is.")
    period_type = serializers.CharField(
        help_text="Soort periode: year, halfyear, year_halfyear, quarter, month."
    )
    area_levels = serializers.ListField(
        child=serializers.CharField(), help_text="Gebiedsniveaus, zoals GM en WK."
    )
    disclosure = serializers.SerializerMethodField(
        help_text="Geheimhoudingsregel die geldt: cbs-persons, round:N, min-n:N of none."
    )
    disclosure_description = serializers.SerializerMethodField(help_text="De geheimhoudingsregel in woorden.")
    numerator = serializers.SerializerMethodField(help_text="Code van de indicator in de teller, of null.")
    denominator = serializers.SerializerMethodField(help_text="Code van de indicator in de noemer, of null.")
    factor = serializers.FloatField(
        allow_null=True, help_text="Factor (100, 1000, ...) bij teller/noemer, of null."
    )
    links = IndicatorLinksSerializer(source="*", read_only=True)

    def get_disclosure(self, indicator: Indicator) -> str:
        return indicator.disclosure_rule.text

    def get_disclosure_description(self, indicator: Indicator) -> str:
        return indicator.disclosure_rule.description

    def get_numerator(self, indicator: Indicator) -> str | None:
        return indicator.numerator.code if indicator.numerator_id else None

    def get_denominator(self, indicator: Indicator) -> str | None:
        return indicator.denominator.code if indicator.denominator_id else None


class ValueSerializer(serializers.Serializer):
    """Eén waarde na geheimhouding."""

    area = serializers.CharField(help_text="CBS-code van het gebied.")
    area_name = serializers.CharField(help_text="Naam van het gebied.")
    level = serializers.CharField(help_text="Niveau van het gebied.")
    period = serializers.CharField(help_text="CBS-periode, bijvoorbeeld 2024JJ00 of 2024HJ01.")
    period_label = serializers.CharField(help_text="Periode in woorden, bijvoorbeeld '1e halfjaar 2024'.")
    breakdown = serializers.CharField(help_text="Uitsplitsing, bijvoorbeeld leeftijd=65+; leeg = totaal.")
    value = serializers.FloatField(
        allow_null=True,
        help_text="De waarde na geheimhouding; null als die geheim is (value_attribute '.') of ontbreekt.",
    )
    value_attribute = serializers.CharField(
        help_text="Teken in plaats van de waarde: '.' = geheim; leeg = geen."
    )
    unit = serializers.CharField(help_text="Eenheid van de waarde.")
    status = serializers.CharField(help_text="voorlopig, nader_voorlopig, definitief of leeg.")
    ci_low = serializers.FloatField(
        allow_null=True, help_text="Ondergrens van het 95%-betrouwbaarheidsinterval."
    )
    ci_high = serializers.FloatField(
        allow_null=True, help_text="Bovengrens van het 95%-betrouwbaarheidsinterval."
    )
    n = serializers.IntegerField(allow_null=True, help_text="Aantal waarnemingen (respondenten), of null.")
    revised = serializers.BooleanField(help_text="De waarde is herzien sinds de eerste publicatie.")
    computed = serializers.BooleanField(
        help_text=(
            "De bron leverde voor dit gebied geen eigen waarde: de monitor berekende hem, uit teller en "
            "noemer in hetzelfde gebied (verhoudingsgetallen) of uit alle onderliggende gebieden (som van "
            "aantallen; verhoudingsgetallen uit opgetelde tellers en noemers)."
        )
    )
    source = serializers.CharField(help_text="Bron en brontabel.")
    disclosure_note = serializers.CharField(
        help_text=(
            "Wat de geheimhouding met deze waarde deed, bijvoorbeeld 'Afgerond op vijftallen.'; leeg = niets."
        )
    )


class ErrorSerializer(serializers.Serializer):
    """Een fout, zoals een onbekende indicator of pagina."""

    detail = serializers.CharField(help_text="Foutmelding in het Nederlands.")


# A 400 answer: per query parameter a list of Dutch messages, e.g. {"period": ["'2024XX' is geen ..."]}.
VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Per ongeldige parameter een lijst met foutmeldingen.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"period": ["'2024XX01' is geen geldige periode"]},
}
