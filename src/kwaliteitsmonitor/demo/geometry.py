# SPDX-License-Identifier: EUPL-1.2
"""Invented boundaries: a Voronoi tessellation of a box in the North Sea, where no gemeente lies.

Gemeenten tile the demo land, wijken tile Voorbeeldstad and buurten tile their wijk: every level is a
Voronoi diagram of seed points clipped to its parent (after a few Lloyd steps, so cells look even).
Coordinates are worked out in kilometres and written as WGS84 longitude/latitude with the exterior
ring clockwise, as d3 and Vega's geoshape expect.
"""

from __future__ import annotations

import json
import math
import random

import shapely
from shapely.geometry import MultiPoint, Point, Polygon, box
from shapely.geometry.polygon import orient

# South-west corner of the demo land (open sea between England and the Wadden Islands).
ORIGIN_LON, ORIGIN_LAT = 2.2, 53.4
LAND_WIDTH_KM, LAND_HEIGHT_KM = 100.0, 80.0
GRID_COLUMNS, GRID_ROWS = 7, 6
_KM_PER_DEG_LAT = 110.57
_KM_PER_DEG_LON = 111.32 * math.cos(math.radians(ORIGIN_LAT + LAND_HEIGHT_KM / 2 / _KM_PER_DEG_LAT))
PRECISION = 1e-5  # degrees, about a metre


def land() -> Polygon:
    return box(0.0, 0.0, LAND_WIDTH_KM, LAND_HEIGHT_KM)


def grid_seeds(rnd: random.Random) -> list[tuple[int, int, Point]]:
    """Jittered grid seeds for the gemeenten: (column, row, point), column-major."""
    width, height = LAND_WIDTH_KM / GRID_COLUMNS, LAND_HEIGHT_KM / GRID_ROWS
    seeds = []
    for column in range(GRID_COLUMNS):
        for row in range(GRID_ROWS):
            x = (column + 0.5 + rnd.uniform(-0.3, 0.3)) * width
            y = (row + 0.5 + rnd.uniform(-0.3, 0.3)) * height
            seeds.append((column, row, Point(x, y)))
    return seeds


def voronoi_cells(seeds: list[Point], region: Polygon) -> list[Polygon]:
    """The Voronoi cell of each seed (same order), clipped to ``region``."""
    diagram = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=region, ordered=True)
    cells = [cell.intersection(region) for cell in shapely.get_parts(diagram)]
    return [_largest(cell) for cell in cells]


def relax(seeds: list[Point], region: Polygon, steps: int = 2) -> list[Polygon]:
    """Lloyd relaxation: move each seed to the centroid of its cell, then return the cells."""
    cells = voronoi_cells(seeds, region)
    for _ in range(steps):
        seeds = [cell.centroid for cell in cells]
        cells = voronoi_cells(seeds, region)
    return cells


def random_seeds(region: Polygon, count: int, rnd: random.Random, centre: bool = False) -> list[Point]:
    """``count`` points inside ``region``; optionally the first one at its centre."""
    min_x, min_y, max_x, max_y = region.bounds
    seeds = [region.representative_point()] if centre else []
    inner = region.buffer(-0.05 * math.sqrt(region.area))
    while len(seeds) < count:
        point = Point(rnd.uniform(min_x, max_x), rnd.uniform(min_y, max_y))
        if inner.contains(point):
            seeds.append(point)
    return seeds


def tessellate(region: Polygon, count: int, rnd: random.Random, centre: bool = False) -> list[Polygon]:
    return relax(random_seeds(region, count, rnd, centre), region)


def to_lonlat(polygon: Polygon) -> Polygon:
    def convert(coords):
        return [(ORIGIN_LON + x / _KM_PER_DEG_LON, ORIGIN_LAT + y / _KM_PER_DEG_LAT) for x, y in coords]

    return Polygon(convert(polygon.exterior.coords), [convert(ring.coords) for ring in polygon.interiors])


def snapped(polygon: Polygon) -> Polygon:
    """In WGS84, on a grid of about a metre, so that neighbours share their vertices exactly."""
    return _largest(shapely.set_precision(to_lonlat(polygon), PRECISION))


def union(polygons: list[Polygon]) -> Polygon:
    """The outline of adjacent snapped cells, on the same grid (the parts then tile it exactly)."""
    return _largest(shapely.union_all(polygons, grid_size=PRECISION))


def geojson(polygon: Polygon) -> str:
    """GeoJSON geometry text of a snapped polygon, exterior ring clockwise."""
    oriented = orient(polygon, sign=-1.0)
    rings = [oriented.exterior, *oriented.interiors]
    coordinates = [[[round(x, 5), round(y, 5)] for x, y in ring.coords] for ring in rings]
    return json.dumps({"type": "Polygon", "coordinates": coordinates}, separators=(",", ":"))


def _largest(geometry) -> Polygon:
    if isinstance(geometry, Polygon):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if isinstance(g, Polygon)]
    return max(parts, key=lambda g: g.area)
