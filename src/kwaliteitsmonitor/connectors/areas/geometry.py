# SPDX-License-Identifier: EUPL-1.2
"""Boundaries: TopoJSON decoding, RD New → WGS84, simplification for display, orientation. Pure.

Stored boundaries are GeoJSON text in WGS84, simplified with a tolerance suited to the level, rounded to
5 decimals (about 1 m) and with exterior rings clockwise (what d3 and Vega expect). The output is
deterministic, so an identical re-import compares equal and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely
from shapely import geometry as shp
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

# Simplification tolerance in degrees (1e-4 ≈ 7–11 m in the Netherlands).
TOLERANCE = {
    "NL": 0.002,
    "PV": 0.001,
    "CR": 0.001,
    "JZ": 0.001,
    "GG": 0.001,
    "GM": 0.0005,
    "WK": 0.0002,
    "BU": 0.0001,
}
_RD_X, _RD_Y = (-10_000, 310_000), (270_000, 660_000)

Json = dict[str, Any]


def decode_topojson(topology: Json) -> dict[str, list[Json]]:
    """TopoJSON → GeoJSON features per object (quantised or not; arcs delta-encoded when quantised)."""
    transform_ = topology.get("transform")
    arcs = [_decode_arc(arc, transform_) for arc in topology.get("arcs", [])]
    objects: dict[str, list[Json]] = {}
    for name, obj in (topology.get("objects") or {}).items():
        members = obj.get("geometries", []) if obj.get("type") == "GeometryCollection" else [obj]
        objects[name] = [_feature(member, arcs) for member in members]
    return objects


def _decode_arc(arc: Sequence[Sequence[float]], transform_: Mapping[str, Any] | None) -> list[list[float]]:
    if not transform_:
        return [[float(p[0]), float(p[1])] for p in arc]
    (sx, sy), (tx, ty) = transform_["scale"], transform_["translate"]
    x = y = 0.0
    points = []
    for point in arc:
        x, y = x + point[0], y + point[1]
        points.append([x * sx + tx, y * sy + ty])
    return points


def _ring(indexes: Iterable[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def _feature(member: Json, arcs: list[list[list[float]]]) -> Json:
    kind, parts = member.get("type"), member.get("arcs", [])
    if kind == "Polygon":
        geometry: Json | None = {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in parts]}
    elif kind == "MultiPolygon":
        geometry = {"type": "MultiPolygon", "coordinates": [[_ring(r, arcs) for r in poly] for poly in parts]}
    else:
        geometry = None
    properties = dict(member.get("properties") or {})
    if "id" in member and "id" not in properties:
        properties["id"] = member["id"]
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def first_coordinate(geometry: Json | None) -> tuple[float, float] | None:
    coords: Any = (geometry or {}).get("coordinates")
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    if isinstance(coords, list) and len(coords) >= 2:
        return float(coords[0]), float(coords[1])
    return None


def is_rd(point: tuple[float, float] | None) -> bool:
    """RD New (EPSG:28992) coordinates are metres (x 0–300 km, y 300–625 km); WGS84 are degrees."""
    return point is not None and _RD_X[0] < point[0] < _RD_X[1] and _RD_Y[0] < point[1] < _RD_Y[1]


def _rd_to_wgs84() -> Any:
    from pyproj import Transformer  # only RD files pay for pyproj

    transformer = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    return lambda x, y: transformer.transform(x, y)


def display_geometry(geometry: Json | None, level: str, *, rd: bool = False) -> str:
    """Simplified, clockwise, rounded GeoJSON text for display; '' when there is no (valid) polygon."""
    return checked_geometry(geometry, level, rd=rd)[0]


def checked_geometry(geometry: Json | None, level: str, *, rd: bool = False) -> tuple[str, bool]:
    """Like :func:`display_geometry`, and whether the polygon was invalid and has been repaired.

    Invalid polygons (self-intersections, touching rings: five PDOK gemeenten of 2023) are repaired with
    ``shapely.make_valid`` (the polygon parts of its result); the caller warns, naming the area.
    """
    if not geometry or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        return "", False
    shape = shp.shape(geometry)
    if rd:
        shape = shapely.transform(shape, _rd_to_wgs84(), interleaved=False)
    repaired = not shape.is_valid
    if repaired:
        shape = _polygons(shapely.make_valid(shape))
    simple = shape.simplify(TOLERANCE.get(level, 0.0005), preserve_topology=True)
    if not simple.is_valid:  # simplification can make touching rings cross again
        simple, repaired = _polygons(shapely.make_valid(simple)), True
    if simple.is_empty:
        return "", repaired
    return json.dumps(_rounded(_oriented(simple)), separators=(",", ":")), repaired


def _polygons(shape: Any) -> Any:
    """The polygonal part of a geometry (``make_valid`` may add lines or points where rings touched)."""
    if shape.geom_type in {"Polygon", "MultiPolygon"}:
        return shape
    parts = [g for g in getattr(shape, "geoms", []) if g.geom_type in {"Polygon", "MultiPolygon"}]
    return unary_union(parts) if parts else shp.Polygon()


def _oriented(shape: Any) -> Any:
    if shape.geom_type == "Polygon":
        return orient(shape, sign=-1.0)
    polygons = [orient(p, sign=-1.0) for p in getattr(shape, "geoms", []) if p.geom_type == "Polygon"]
    polygons += [
        orient(q, sign=-1.0)
        for p in getattr(shape, "geoms", [])
        if p.geom_type == "MultiPolygon"
        for q in p.geoms
    ]
    return shp.MultiPolygon(polygons)


def _rounded(shape: Any) -> Json:
    mapping = shp.mapping(shape)

    def walk(value: Any) -> Any:
        if isinstance(value, tuple | list):
            if value and isinstance(value[0], float | int):
                return [round(float(v), 5) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": mapping["type"], "coordinates": walk(mapping["coordinates"])}


def assign_by_location(regions: Mapping[str, str], members: Mapping[str, str]) -> dict[str, str]:
    """member code → region code, by the region that contains the member's interior point.

    Both arguments map codes to GeoJSON text (as stored). A member in no region is left out.
    """
    shapes = {code: _valid(shp.shape(json.loads(text))) for code, text in regions.items() if text}
    result: dict[str, str] = {}
    for code, text in members.items():
        if not text:
            continue
        point = _valid(shp.shape(json.loads(text))).representative_point()
        for region, shape in shapes.items():
            if shape.contains(point):
                result[code] = region
                break
    return result


def area_km2(text: str) -> float:
    """Rough area in km² of a WGS84 GeoJSON text (equirectangular at 52°N), to compare vintages."""
    if not text:
        return 0.0
    shape = _valid(shp.shape(json.loads(text)))
    return float(shape.area) * 111.32 * 68.5


def _valid(shape: Any) -> Any:
    """A stored boundary may touch itself again after rounding to 5 decimals: repair before set operations."""
    return shape if shape.is_valid else _polygons(shapely.make_valid(shape))
