# SPDX-License-Identifier: EUPL-1.2
"""One pagination style for every list in the API: ``count``, ``next``, ``previous``, ``results``."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10_000


class Pagination(PageNumberPagination):
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_query_description = "Paginanummer, vanaf 1."
    page_size_query_description = (
        f"Aantal resultaten per pagina: standaard {PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE} "
        "(een groter getal geeft een foutmelding)."
    )
    invalid_page_message = "Pagina '{page_number}' bestaat niet."

    def get_page_size(self, request: Any) -> int:
        """The page size asked for, or the default; anything outside 1..max is a 400 in Dutch."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"'{raw}' is geen geldig aantal; kies 1 tot en met {self.max_page_size}."
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["required"] = ["count", "next", "previous", "results"]
        props = result["properties"]
        props["count"]["description"] = "Totaal aantal resultaten over alle pagina's."
        props["next"]["description"] = "Adres van de volgende pagina; null op de laatste."
        props["previous"]["description"] = "Adres van de vorige pagina; null op de eerste."
        for link in ("next", "previous"):
            props[link].pop("example", None)
        return result
