# SPDX-License-Identifier: EUPL-1.2
"""The API documentation as a plain, server-rendered page: every operation of the OpenAPI description
(the same one ``/api/v1/schema`` serves) with its parameters and answers, in the site's look.

No JavaScript: it passes axe at every width, works offline and under the site's CSP, and reads well on a
phone. Trying a call is a matter of following an example link (every GET without required parameters) or
copying the address.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def openapi() -> dict[str, Any]:
    """The OpenAPI description as ``/api/v1/schema`` gives it (made once per process)."""
    return SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-any-return]


def _type(schema: dict[str, Any]) -> str:
    """A parameter's type in words: ``string (patroon …)``, ``integer 1–10000``, ``array van string``."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"lijst van {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    bounds = [schema[k] for k in ("minimum", "maximum") if k in schema]
    if len(bounds) == 2:
        return f"{kind} {bounds[0]}–{bounds[1]}"
    return kind


def _anchor(method: str, path: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in path.strip("/"))
    return f"{method}-{cleaned}".strip("-")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation with what a reader needs, in the order of the schema."""
    out = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                {
                    "name": p["name"],
                    "where": {"query": "adres (query)", "path": "pad"}.get(p["in"], p["in"]),
                    "type": _type(p.get("schema", {})),
                    "required": bool(p.get("required")),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            responses = [
                {"code": code, "description": answer.get("description", "")}
                for code, answer in sorted(operation.get("responses", {}).items())
            ]
            example = path if "{" not in path and not any(p["required"] for p in parameters) else ""
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": _anchor(method, path),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "parameters": parameters,
                    "responses": responses,
                    "example": example,
                }
            )
    return out


@require_safe
def docs_page(request: HttpRequest) -> HttpResponse:
    schema = openapi()
    info = schema.get("info", {})
    data = {
        "page": "api-docs",
        "title": "API: documentatie",
        "breadcrumbs": [
            {"label": "Home", "url": reverse("monitor:home")},
            {"label": "API-documentatie", "url": None},
        ],
        "info": {
            "title": info.get("title", ""),
            "version": info.get("version", ""),
            "description": info.get("description", ""),
        },
        "index_url": reverse("api:v1:index"),
        "schema_url": reverse("api:v1:schema"),
        "operations": operations(schema),
    }
    return render(request, "api/docs.html", {"data": data})
