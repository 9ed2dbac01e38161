# SPDX-License-Identifier: EUPL-1.2
"""Process monitors in the API: monitors, their themes, sub-themes and questions, and per approved round
the statuses and answers per region. Only approved region rounds (``processes.public``, the same filter
as the pages): a concept, submitted or returned round of a region is in no answer.

Statuses are given as the generic code and as the dashboard's own label (``label``); they are process
statuses that regions fill in, not figures, so no disclosure control applies (as on the pages)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kwaliteitsmonitor.processes import public
from kwaliteitsmonitor.processes.models import ProcessMonitor, ProcessRound

from .serializers import ErrorSerializer

SLUG = r"^[-a-zA-Z0-9_]+$"
MONITOR_PARAMETER = OpenApiParameter(
    "monitor", str, OpenApiParameter.PATH, pattern=SLUG, description="Korte naam van de procesmonitor."
)
ROUND_PARAMETER = OpenApiParameter(
    "round", str, OpenApiParameter.PATH, pattern=SLUG, description="Korte naam van de ronde."
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Onbekende procesmonitor of (goedgekeurde) ronde.")


class LabelSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text="Algemene code: done_on_track, in_progress, not_started, no_data."
    )
    label = serializers.CharField(
        help_text="Het label van het dashboard zelf, bijvoorbeeld 'In ontwikkeling'."
    )


class MonitorSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Korte naam.")
    name = serializers.CharField(help_text="Naam.")
    description = serializers.CharField(help_text="Beschrijving (Markdown).")
    source = serializers.CharField(help_text="Wie de statussen verzamelt.")
    is_fictitious = serializers.BooleanField(help_text="Fictieve demogegevens.")
    labels = LabelSerializer(many=True, help_text="De statussen van het dashboard, verst gevorderd eerst.")


class SubThemeSerializer(serializers.Serializer):
    name = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    group = serializers.CharField(help_text="Groep, of leeg.")


class ThemeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    sub_themes = SubThemeSerializer(many=True)
    questions = QuestionSerializer(many=True)


class RoundSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField(help_text="Naam, bijvoorbeeld 'Voorjaar 2026'.")
    reference_date = serializers.DateField(help_text="Peildatum.")
    approved_regions = serializers.IntegerField(help_text="Aantal regio's waarvan deze ronde is goedgekeurd.")


class RegionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    area = serializers.CharField(help_text="CBS-code van de centrumgemeente.")


class MonitorDetailSerializer(MonitorSerializer):
    themes = ThemeSerializer(many=True)
    regions = RegionSerializer(many=True)
    rounds = RoundSerializer(many=True, help_text="Alleen rondes met minstens één goedgekeurde regio.")


class StatusSerializer(serializers.Serializer):
    theme = serializers.CharField()
    sub_theme = serializers.CharField()
    status = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField(help_text="Toelichting, of leeg.")


class AnswerSerializer(serializers.Serializer):
    theme = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField(help_text="ja, nee of onbekend.")


class RegionRoundSerializer(serializers.Serializer):
    region = RegionSerializer()
    statuses = StatusSerializer(many=True)
    answers = AnswerSerializer(many=True)


class RoundDetailSerializer(serializers.Serializer):
    monitor = serializers.CharField(help_text="Korte naam van de procesmonitor.")
    round = RoundSerializer()
    regions = RegionRoundSerializer(many=True, help_text="Alleen regio's waarvan deze ronde is goedgekeurd.")


def _monitor(monitor: ProcessMonitor) -> dict[str, Any]:
    return {
        "slug": monitor.slug, "name": monitor.name, "description": monitor.description,
        "source": monitor.source,
        "is_fictitious": monitor.is_fictitious,
        "labels": [{"status": s, "label": monitor.label(s)} for s in monitor.statuses],
    }  # fmt: skip


def _get(slug: str) -> ProcessMonitor:
    found = ProcessMonitor.objects.filter(slug=slug).first()
    if found is None:
        raise NotFound(f"Er is geen procesmonitor '{slug}'.")
    return found


def _rounds(monitor: ProcessMonitor) -> list[dict[str, Any]]:
    return [
        {"slug": r.slug, "label": r.label, "reference_date": r.reference_date,
         "approved_regions": public.approved_regions(r).count()}
        for r in public.rounds().filter(monitor=monitor)
    ]  # fmt: skip


def _region(region: Any) -> dict[str, Any]:
    return {"slug": region.slug, "name": region.name, "area": region.area.code}


@extend_schema(
    tags=["procesmonitors"],
    summary="Procesmonitors",
    description=(
        "De procesmonitors (zoals Beschermd Thuis en Aanpak Dakloosheid) met de labels van hun dashboard."
    ),
    responses={200: MonitorSerializer(many=True)},
)
class MonitorListView(APIView):
    def get(self, request: Request) -> Response:
        return Response([_monitor(m) for m in ProcessMonitor.objects.order_by("order", "name")])


@extend_schema(
    tags=["procesmonitors"],
    summary="Eén procesmonitor",
    description=(
        "Thema's met subthema's en ja/nee-vragen, regio's, en de rondes met minstens één goedgekeurde regio."
    ),
    parameters=[MONITOR_PARAMETER],
    responses={200: MonitorDetailSerializer, 404: NOT_FOUND},
)
class MonitorDetailView(APIView):
    def get(self, request: Request, monitor: str) -> Response:
        item = _get(monitor)
        themes = [
            {
                "slug": t.slug, "name": t.name,
                "sub_themes": [{"name": s.name} for s in t.sub_themes.order_by("order", "id")],
                "questions": [
                    {"text": q.text, "group": q.group} for q in t.questions.order_by("order", "id")
                ],
            }
            for t in item.themes.order_by("order", "id")
        ]  # fmt: skip
        regions = [_region(r) for r in item.regions.select_related("area").order_by("name")]
        return Response({**_monitor(item), "themes": themes, "regions": regions, "rounds": _rounds(item)})


@extend_schema(
    tags=["procesmonitors"],
    summary="Statussen en antwoorden van een ronde",
    description=(
        "Per regio waarvan de ronde is goedgekeurd: de status per subthema (algemene code en het label van "
        "het dashboard, met toelichting) en de antwoorden op de ja/nee-vragen. Een ronde die bij geen enkele "
        "regio is goedgekeurd, bestaat hier niet (404)."
    ),
    parameters=[MONITOR_PARAMETER, ROUND_PARAMETER],
    responses={200: RoundDetailSerializer, 404: NOT_FOUND},
)
class RoundDetailView(APIView):
    def get(self, request: Request, monitor: str, round: str) -> Response:
        item = _get(monitor)
        found: ProcessRound | None = public.rounds().filter(monitor=item, slug=round).first()
        if found is None:
            raise NotFound(f"{item.name} heeft geen goedgekeurde ronde '{round}'.")
        statuses = public.statuses().filter(round=found).select_related("sub_theme__theme")
        answers = public.answers().filter(round=found).select_related("question__theme")
        by_region: dict[int, dict[str, list[dict[str, Any]]]] = {}
        for s in statuses.order_by("sub_theme__theme__order", "sub_theme__order", "sub_theme_id"):
            by_region.setdefault(s.region_id, {"statuses": [], "answers": []})["statuses"].append(
                {"theme": s.sub_theme.theme.name, "sub_theme": s.sub_theme.name, "status": s.status,
                 "label": item.label(s.status), "explanation": s.explanation}
            )  # fmt: skip
        for a in answers.order_by("question__theme__order", "question__order", "question_id"):
            by_region.setdefault(a.region_id, {"statuses": [], "answers": []})["answers"].append(
                {"theme": a.question.theme.name, "question": a.question.text, "answer": a.answer}
            )
        regions = [
            {"region": _region(r), **by_region[r.pk]}
            for r in public.approved_regions(found).select_related("area").order_by("name")
            if r.pk in by_region
        ]
        round_info = {"slug": found.slug, "label": found.label, "reference_date": found.reference_date,
                      "approved_regions": len(regions)}  # fmt: skip
        return Response({"monitor": item.slug, "round": round_info, "regions": regions})
