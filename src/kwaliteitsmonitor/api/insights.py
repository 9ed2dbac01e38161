# SPDX-License-Identifier: EUPL-1.2
"""API v1 endpoints of the analysis: status of a resultaat, comparisons, similar gemeenten, Wmo forecast
and correlations. Thin: they validate parameters and return what ``publications.insights`` returns, the
same structure the pages show (every value in it is protected)."""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kwaliteitsmonitor.agenda.models import Agenda, Result
from kwaliteitsmonitor.analysis.similar import SimilarError
from kwaliteitsmonitor.areas.models import Area, Level
from kwaliteitsmonitor.publications import insights
from kwaliteitsmonitor.publications.insights_forecast import CATEGORIES, NoForecast
from kwaliteitsmonitor.publications.insights_similar import (
    ITEM_PATTERN,
    MAX_K,
    UnknownCharacteristic,
    parse_characteristics,
)

from . import filters
from .insights_schema import (
    COMPARISONS_SCHEMA,
    CORRELATION_SCHEMA,
    FORECAST_SCHEMA,
    SIMILAR_SCHEMA,
    STATUS_SCHEMA,
)
from .serializers import VALIDATION_ERROR_SCHEMA, ErrorSerializer
from .views import CODE_PARAMETER, get_indicator

BAD_REQUEST = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Ongeldige parameter.")
CHARACTERISTICS_PATTERN = rf"^({ITEM_PATTERN}(,{ITEM_PATTERN})*)?$"
CHARACTERISTICS_HELP = (
    "Kenmerken, gescheiden door komma's: de code van een gepubliceerde indicator (een aantal telt als "
    "logaritme), of teller/noemer voor een aandeel van twee aantallen (bev_75plus/bev_inwoners). Een "
    "gewicht geef je met een dubbele punt: bev_inwoners:2. Zonder deze parameter de standaardkenmerken "
    "(instelling KM_SIMILAR_CHARACTERISTICS), met hun gewichten."
)
AREA_HELP = "CBS-code van de gemeente; zonder deze parameter de gemeente van de actuele agenda."


def _not_found(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


def _area(code: str | None, *, level: str | None = Level.GM, levels: tuple[str, ...] = ()) -> Area:
    if code:
        area = Area.objects.filter(code=code).first()
    else:
        agenda = Agenda.objects.select_related("area").filter(is_active=True).first()
        area = agenda.area if agenda else None
        if area is None:
            raise NotFound("Geef een gemeente op (area): er is geen actuele agenda.")
    if levels:
        if area is None or area.level not in levels:
            raise NotFound(f"Er is geen gemeente of wijk met code '{code}'.")
    elif area is None or (level and area.level != level):
        raise NotFound(f"Er is geen gemeente met code '{code}'.")
    return area


def _params(filter_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    return filters.parse_query(filter_class, request)


class AreaPeriodFilter(serializers.Serializer):
    area = serializers.CharField(required=False, allow_blank=True, max_length=16, help_text=AREA_HELP)
    period = filters.PeriodField(
        required=False,
        allow_blank=True,
        help_text="Periode (2024 of 2024JJ00); zonder deze parameter de laatste met een eigen waarde.",
    )


@extend_schema_field({"type": "string", "pattern": CHARACTERISTICS_PATTERN, "maxLength": 500})
class CharacteristicsField(serializers.CharField):
    """Characteristics with optional weights: ``bev_inwoners:2,bev_75plus/bev_inwoners``."""


def _characteristics_field() -> CharacteristicsField:
    return CharacteristicsField(
        required=False,
        allow_blank=True,
        max_length=500,
        validators=[
            RegexValidator(
                CHARACTERISTICS_PATTERN,
                "Schrijf kenmerken als code, teller/noemer of code:gewicht, met komma's.",
            )
        ],
        help_text=CHARACTERISTICS_HELP,
    )


def _k_field(what: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_K, help_text=f"{what} (1–{MAX_K}; standaard 10)."
    )


class SimilarFilter(serializers.Serializer):
    k = _k_field("Aantal gemeenten")
    characteristics = _characteristics_field()


class ComparisonsFilter(AreaPeriodFilter):
    characteristics = _characteristics_field()
    k = _k_field("Aantal gemeenten die op de gemeente lijken, met characteristics")


class ForecastFilter(serializers.Serializer):
    area = serializers.CharField(required=False, allow_blank=True, max_length=16, help_text=AREA_HELP)
    category = serializers.ChoiceField(
        choices=list(CATEGORIES),
        required=False,
        allow_blank=True,
        help_text="Wmo-categorie; standaard totaal.",
    )
    trend = filters.StrictBooleanField(
        required=False,
        default=False,
        help_text="Met trendterm op het gebruik (standaard zonder): true of false.",
    )


class CorrelationFilter(serializers.Serializer):
    x = serializers.CharField(max_length=120, help_text="Code van de indicator op de x-as.")
    y = serializers.CharField(max_length=120, help_text="Code van de indicator op de y-as.")
    level = serializers.ChoiceField(
        choices=[("WK", "wijken van de gemeente"), ("GM", "alle gemeenten")],
        required=False,
        allow_blank=True,
        help_text="WK = de wijken van de gemeente (standaard), GM = alle gemeenten.",
    )
    period = filters.PeriodField(
        required=False,
        allow_blank=True,
        help_text="Jaar (2024 of 2024JJ00); standaard het laatste jaar met beide indicatoren.",
    )
    area = serializers.CharField(required=False, allow_blank=True, max_length=16, help_text=AREA_HELP)


def _characteristics(text: str) -> tuple[list[str], dict[str, float]]:
    try:
        return parse_characteristics(text)
    except UnknownCharacteristic as exc:
        raise ValidationError({"characteristics": [str(exc)]}) from exc


@extend_schema(
    tags=["analyse"],
    summary="Status van een resultaat",
    description=(
        "De status van één resultaat tegenover zijn streefwaarde (behaald, op koers, niet op koers, geen "
        "betrouwbaar signaal, onvoldoende gegevens), met de redenering in gewone taal en de projectie "
        "naar het streefjaar met bandbreedte."
    ),
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Nummer van het resultaat.")],
    responses={200: STATUS_SCHEMA, 404: _not_found("Er is geen resultaat met dit nummer.")},
)
class ResultStatusView(APIView):
    def get(self, request: Request, id: str) -> Response:
        number = int(id) if id.lstrip("-").isdigit() and len(id) < 12 else None
        result = Result.objects.filter(pk=number).first() if number is not None else None
        if result is None:
            raise NotFound(f"Er is geen resultaat met nummer {id}.")
        return Response(insights.result_status(result))


@extend_schema(
    tags=["analyse"],
    summary="Vergelijking van een indicator",
    description=(
        "De waarde van een gemeente vergeleken met Nederland, provincie, COROP-gebied, jeugdzorgregio, "
        "GGD-regio, stedelijkheidsklasse, grootteklasse en de vergelijkingsgroep: verschil, plaats en "
        "percentiel; bij enquêtecijfers of het verschil statistisch significant is. Elke regio en klasse "
        "in de eigen indeling van het jaar van de periode (label en membership_year zeggen welke); de "
        "waarde van elke groep is haar eigen cijfer, het cijfer uit opgetelde tellers en noemers of de "
        "mediaan (label, statistic). Vergelijkingsgroep: de opgeslagen groep, anders de gemeenten die op "
        "de gemeente lijken (met characteristics: op die kenmerken); nooit een groep die mede op deze "
        "indicator is gekozen (peer_note zegt waarom)."
    ),
    parameters=[CODE_PARAMETER, ComparisonsFilter],
    responses={
        200: COMPARISONS_SCHEMA,
        400: BAD_REQUEST,
        404: _not_found("Onbekende indicator of gemeente."),
    },
)
class ComparisonsView(APIView):
    def get(self, request: Request, code: str) -> Response:
        indicator = get_indicator(code)
        params = _params(ComparisonsFilter, request)
        area = _area(params.get("area"))
        codes, weights = _characteristics(params.get("characteristics", ""))
        if not codes:
            return Response(insights.indicator_comparisons(indicator, area, params.get("period")))
        try:
            choice = insights.peer_choice(
                indicator, area, characteristics=codes, weights=weights, k=params.get("k")
            )
        except SimilarError as exc:
            raise NotFound(str(exc)) from exc
        if choice["similar"] and choice["similar"].get("message") and choice["group"] is None:
            raise NotFound(choice["similar"]["message"])
        found = insights.indicator_comparisons(
            indicator, area, params.get("period"), peer_group=choice["group"] or {}
        )
        return Response(found | {"peer_note": choice["note"]})


@extend_schema(
    tags=["analyse"],
    summary="Gemeenten (of wijken elders) die op dit gebied lijken",
    description=(
        "De k gemeenten die het meest op deze gemeente lijken, of voor een wijk de k wijken in andere "
        "gemeenten die het meest op deze wijk lijken: kenmerken omgerekend naar z-scores, gewogen "
        "euclidische afstand. Met de gebruikte kenmerken, gewichten, afstanden en een uitleg per gebied, "
        "en een vingerafdruk waarmee de groep te herkennen is."
    ),
    parameters=[
        OpenApiParameter(
            "code", str, OpenApiParameter.PATH, description="CBS-code van de gemeente (GM…) of wijk (WK…)."
        ),
        SimilarFilter,
    ],
    responses={
        200: SIMILAR_SCHEMA,
        400: BAD_REQUEST,
        404: _not_found("Onbekende gemeente of wijk, of onbekend kenmerk."),
    },
)
class SimilarAreasView(APIView):
    def get(self, request: Request, code: str) -> Response:
        params = _params(SimilarFilter, request)
        area = _area(code, levels=(Level.GM, Level.WK))
        codes, weights = _characteristics(params.get("characteristics", ""))
        try:
            chosen = (codes, weights) if codes else (None, None)
            found = insights.similar_areas(area, *chosen, params.get("k", 10))
        except (UnknownCharacteristic, SimilarError) as exc:
            raise NotFound(str(exc)) from exc
        return Response(found)


@extend_schema(
    tags=["analyse"],
    summary="Prognose van het Wmo-gebruik",
    description=(
        "Het aantal Wmo-cliënten voor de komende vijf jaar bij ongewijzigd beleid: gebruik per "
        "leeftijdsgroep (naar het landelijke gebruik getrokken waar de aantallen klein zijn) maal de "
        "bevolking per leeftijdsgroep. Met de invoer en de terugtoets (MAPE). Aantallen zijn beveiligd "
        "(afgerond op vijftallen)."
    ),
    parameters=[ForecastFilter],
    responses={200: FORECAST_SCHEMA, 400: BAD_REQUEST, 404: _not_found("Onbekende gemeente.")},
)
class WmoForecastView(APIView):
    def get(self, request: Request) -> Response:
        params = _params(ForecastFilter, request)
        area = _area(params.get("area"))
        try:
            found = insights.service_forecast(
                area, params.get("category") or "totaal", trend=params.get("trend", False)
            )
        except NoForecast as exc:
            raise NotFound(str(exc)) from exc
        return Response(found)


@extend_schema(
    tags=["analyse"],
    summary="Samenhang tussen twee indicatoren",
    description=(
        "Hoe twee indicatoren samen op- en aflopen over de wijken van een gemeente of over alle "
        "gemeenten: Pearson r met 95%-interval, Spearman, n, de punten en welke sterk afwijken. "
        "Samenhang is geen oorzaak; de waarschuwing staat in elk antwoord."
    ),
    parameters=[CorrelationFilter],
    responses={
        200: CORRELATION_SCHEMA,
        400: BAD_REQUEST,
        404: _not_found("Onbekende indicator of gemeente."),
    },
)
class CorrelationView(APIView):
    def get(self, request: Request) -> Response:
        params = _params(CorrelationFilter, request)
        x, y = get_indicator(params["x"]), get_indicator(params["y"])
        area = _area(params.get("area"))
        level = params.get("level") or "WK"
        return Response(insights.correlations(x, y, level, params.get("period"), area=area))
