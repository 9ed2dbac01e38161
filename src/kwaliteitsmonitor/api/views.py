# SPDX-License-Identifier: EUPL-1.2
"""API v1 views: thin. They validate query parameters (``filters``), select rows and hand every value
to the values of the publication being read (``publications.queries``): protected once, on whole tables,
when the publication was built. No filter, level, breakdown or page computes a value of its own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from kwaliteitsmonitor.areas.models import Area
from kwaliteitsmonitor.indicators.models import Indicator
from kwaliteitsmonitor.publications.queries import PublishedRows

from . import filters
from .pagination import Pagination
from .serializers import (
    VALIDATION_ERROR_SCHEMA,
    AreaSerializer,
    ErrorSerializer,
    IndicatorSerializer,
    ValueSerializer,
)

BAD_REQUEST = OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Ongeldige parameter.")
NOT_FOUND_PAGE = OpenApiResponse(ErrorSerializer, description="Deze pagina bestaat niet.")
NOT_FOUND_INDICATOR = OpenApiResponse(
    ErrorSerializer,
    description="Er is geen (gepubliceerde) indicator met deze code, of de pagina bestaat niet.",
)
CODE_PARAMETER = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="Code van de indicator.",
)


def published_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_published=True).select_related("numerator", "denominator")


def get_indicator(code: str) -> Indicator:
    indicator = published_indicators().filter(code=code).first()
    if indicator is None:
        raise NotFound(f"Er is geen indicator met code '{code}'.")
    return indicator


@extend_schema(
    tags=["gebieden"],
    summary="Gebieden",
    description=(
        "Gebieden met hun CBS-code: Nederland, provincies, regio's, gemeenten, wijken en buurten. "
        "Gesorteerd op code."
    ),
    parameters=[filters.AreaFilter],
    responses={200: AreaSerializer(many=True), 400: BAD_REQUEST, 404: NOT_FOUND_PAGE},
)
class AreaListView(generics.ListAPIView):
    serializer_class = AreaSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet[Area]:
        params = filters.parse_query(filters.AreaFilter, self.request)
        return filters.filter_areas(Area.objects.select_related("parent"), params)


@extend_schema(
    tags=["indicatoren"],
    summary="Indicatoren",
    description=(
        "Alle gepubliceerde indicatoren met definitie, eenheid, bron en geheimhoudingsregel. "
        "Gesorteerd op code."
    ),
    parameters=[filters.IndicatorFilter],
    responses={200: IndicatorSerializer(many=True), 400: BAD_REQUEST, 404: NOT_FOUND_PAGE},
)
class IndicatorListView(generics.ListAPIView):
    serializer_class = IndicatorSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet[Indicator]:
        params = filters.parse_query(filters.IndicatorFilter, self.request)
        return filters.filter_indicators(published_indicators(), params)


@extend_schema(
    tags=["indicatoren"],
    summary="Eén indicator",
    description="De definitie van één indicator, met een link naar de waarden.",
    parameters=[CODE_PARAMETER],
    responses={
        200: IndicatorSerializer,
        404: OpenApiResponse(ErrorSerializer, description="Onbekende indicator."),
    },
)
class IndicatorDetailView(generics.GenericAPIView):
    serializer_class = IndicatorSerializer

    def get(self, request: Request, code: str) -> Response:
        return Response(self.get_serializer(get_indicator(code)).data)


@extend_schema(
    tags=["waarden"],
    summary="Waarden van een indicator",
    description=(
        "De waarden van één indicator per gebied, periode en uitsplitsing, na geheimhouding: een geheime "
        "waarde is null met value_attribute '.', nooit het oorspronkelijke getal. Percentages en "
        "verhoudingen zijn berekend uit de afgeronde aantallen. Gesorteerd op gebiedscode, periode en "
        "uitsplitsing."
    ),
    parameters=[CODE_PARAMETER, filters.ValueFilter],
    responses={200: ValueSerializer(many=True), 400: BAD_REQUEST, 404: NOT_FOUND_INDICATOR},
)
class IndicatorValuesView(generics.GenericAPIView):
    serializer_class = ValueSerializer
    pagination_class = Pagination

    def get(self, request: Request, code: str) -> Response:
        indicator = get_indicator(code)
        params = filters.parse_query(filters.ValueFilter, request)
        rows = PublishedRows(indicator, filters.filter_values(indicator, params))
        page = self.paginate_queryset(rows)  # type: ignore[arg-type]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ENDPOINTS = [  # (name, URL name in api:v1, what it gives)
    ("gebieden", "areas", "Gebieden met hun CBS-code."),
    ("indicatoren", "indicators", "Alle gepubliceerde indicatoren met definitie, eenheid en bron."),
    ("correlaties", "correlations", "Samenhang tussen twee indicatoren over gebieden."),
    ("prognose_wmo", "forecast-wmo", "Prognose van het Wmo-gebruik van de gemeente."),
    ("procesmonitors", "process-monitors", "Procesmonitors met hun thema's en goedgekeurde rondes."),
    ("openapi", "schema", "De OpenAPI-beschrijving van deze API (YAML; JSON met ?format=json)."),
    ("documentatie", "docs", "De documentatie van deze API, als webpagina."),
]
TEMPLATES = {  # addresses with a code in them, as templates
    "indicator": "/api/v1/indicators/{code}",
    "waarden": "/api/v1/indicators/{code}/values",
    "vergelijkingen": "/api/v1/indicators/{code}/comparisons",
    "lijkende_gebieden": "/api/v1/areas/{code}/similar",
    "status_resultaat": "/api/v1/results/{id}/status",
    "procesmonitor": "/api/v1/process-monitors/{monitor}",
    "procesronde": "/api/v1/process-monitors/{monitor}/rounds/{round}",
}


class IndexLinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()
    description = serializers.CharField()


class IndexSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField()
    description = serializers.CharField()
    endpoints = IndexLinkSerializer(many=True)
    templates = serializers.DictField(child=serializers.CharField())


@extend_schema(
    tags=["api"],
    summary="Overzicht van de API",
    description="De ingangen van versie 1 van de API met een korte uitleg, en de adressen met een code erin.",
    responses={200: IndexSerializer},
)
class IndexView(generics.GenericAPIView):
    serializer_class = IndexSerializer

    def get(self, request: Request) -> Response:
        return Response(
            {
                "name": "Kwaliteitsmonitor API",
                "version": "v1",
                "description": (
                    "Open data van de Kwaliteitsmonitor: gepubliceerde waarden na geheimhouding, met hun "
                    "definitie en bron. Versie 1 groeit alleen; zie de documentatie."
                ),
                "endpoints": [
                    {"name": name, "url": reverse(f"api:v1:{url_name}"), "description": text}
                    for name, url_name, text in ENDPOINTS
                ],
                "templates": TEMPLATES,
            }
        )


def not_found(request: HttpRequest) -> JsonResponse:
    """The API's 404 for every address it does not know, as JSON (``ErrorSerializer``)."""
    return JsonResponse(
        {"detail": "Deze pagina bestaat niet in de API; zie /api/v1/ voor de ingangen."},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


def add_limit_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation may answer 414 (address too long: gunicorn,
    before the request reaches Django) and 429 (too many requests: the throttle, JSON with ``detail``)."""
    for item in result.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", {"description": LIMIT_RESPONSES["414"]})  # the web server answers
            responses.setdefault(
                "429",
                {
                    "description": LIMIT_RESPONSES["429"],
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            )
    return result


LIMIT_RESPONSES = {
    "414": "Het adres is te lang; vraag minder gebieden per verzoek of gebruik komma's.",
    "429": "Te veel verzoeken; probeer het later opnieuw (zie de kop Retry-After).",
}


class SchemaView(SpectacularAPIView):
    """The OpenAPI description of this API: YAML, or JSON with ``?format=json``."""
