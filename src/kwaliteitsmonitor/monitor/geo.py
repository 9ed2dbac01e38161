# SPDX-License-Identifier: EUPL-1.2
"""Small GeoJSON helpers for maps: ring orientation for Vega's spherical projections and label points.

Vega (d3-geo) reads polygons on the sphere: an outer ring must run clockwise, otherwise the polygon is
"the whole world minus this area" and the map fills the whole box. GeoJSON (RFC 7946) prefers the
opposite, so every geometry is rewound here, whatever the source did.
"""

from __future__ import annotations

import json
from typing import Any

Ring = list[list[float]]


def signed_area(ring: Ring) -> float:
    """Planar shoelace area in lon/lat; positive for counter-clockwise rings."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        total += x1 * y2 - x2 * y1
    return total / 2


def _rewind_polygon(rings: list[Ring]) -> list[Ring]:
    out = []
    for index, ring in enumerate(rings):
        ring = [list(p[:2]) for p in ring]
        clockwise = signed_area(ring) < 0
        want_clockwise = index == 0  # outer ring clockwise, holes counter-clockwise
        out.append(ring if clockwise == want_clockwise else ring[::-1])
    return out


def rewind_for_vega(geometry: dict[str, Any]) -> dict[str, Any]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _rewind_polygon(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [_rewind_polygon(p) for p in geometry["coordinates"]]}
    if kind == "Feature":
        return rewind_for_vega(geometry["geometry"])
    return geometry


def parse_geometry(text: str) -> dict[str, Any] | None:
    """A geometry from stored GeoJSON text (a geometry, a Feature or a one-feature collection)."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        data = features[0] if features else {}
    if data.get("type") == "Feature":
        data = data.get("geometry") or {}
    if data.get("type") not in {"Polygon", "MultiPolygon"}:
        return None
    return rewind_for_vega(data)


def label_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """Centroid of the largest outer ring (lon, lat): where the area's label goes."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=lambda r: abs(signed_area(r)))
    area = signed_area(ring)
    if abs(area) < 1e-15:
        xs, ys = zip(*ring, strict=False)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)
