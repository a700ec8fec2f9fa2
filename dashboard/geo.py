"""The map's geography, read once from ``assets/regions.geojson`` and ``assets/context.geojson``.

The map is drawn as plain x/y polygons (longitude, latitude) on a Plotly scatter with equal aspect:
no tiles, no CDN, full control over hatch patterns. This module turns the GeoJSON into coordinate
lists with ``None`` between parts, the form a Plotly trace takes. Missing or unreadable files give an
empty geometry and a problem text: the map then shows region points only, never an error.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

REGIONS_FILE = "regions.geojson"
CONTEXT_FILE = "context.geojson"

Path2D = tuple[list[float | None], list[float | None]]


@dataclass(frozen=True)
class MapGeometry:
    """Region outlines and context layers as Plotly-ready coordinate lists (x = lon, y = lat).

    Attributes
    ----------
    regions
        Region code -> outline (every ring of every polygon, parts separated by None).
    badges
        Region code -> (lon, lat) where a region without an area (WMCN) puts its badge.
    country, no_region
        The land outline and the area in no Slim WM region.
    lakes, rivers
        Name -> outline (lakes) or polyline (rivers).
    problem
        Why the geometry is empty or incomplete, or None.
    """

    regions: dict[str, Path2D] = field(default_factory=dict)
    badges: dict[str, tuple[float, float]] = field(default_factory=dict)
    country: Path2D = ([], [])
    no_region: Path2D = ([], [])
    lakes: dict[str, Path2D] = field(default_factory=dict)
    rivers: dict[str, Path2D] = field(default_factory=dict)
    problem: str | None = None

    @property
    def has_outlines(self) -> bool:
        return bool(self.regions)


def _join(parts: list[list[list[float]]]) -> Path2D:
    """Lines of [lon, lat] points as x and y lists with None between the lines."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in parts:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(p[0] for p in part)
        ys.extend(p[1] for p in part)
    return xs, ys


def rings(geometry: dict) -> list[list[list[float]]]:
    """All rings (exterior and holes) of a Polygon or MultiPolygon, or the lines of a (Multi)LineString."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return list(coords)
    return []


def _read(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def load_map_geometry(assets_dir: str | Path) -> MapGeometry:
    """Read the region and context GeoJSON from the assets folder (never raises)."""
    assets_dir = Path(assets_dir)
    try:
        region_features = _read(assets_dir / REGIONS_FILE)
    except (OSError, ValueError, KeyError) as exc:
        return MapGeometry(problem=f"{assets_dir / REGIONS_FILE}: {exc}")
    regions = {}
    badges = {}
    for feature in region_features:
        code = feature.get("id") or feature["properties"].get("code")
        regions[code] = _join(rings(feature["geometry"]))
        badge = feature["properties"].get("badge")
        if badge:
            badges[code] = (float(badge["lon"]), float(badge["lat"]))
    try:
        context_features = _read(assets_dir / CONTEXT_FILE)
        problem = None
    except (OSError, ValueError, KeyError) as exc:
        context_features, problem = [], f"{assets_dir / CONTEXT_FILE}: {exc}"
    by_kind: dict[str, dict[str, Path2D]] = {"country": {}, "no_region": {}, "lake": {}, "river": {}}
    for feature in context_features:
        props = feature["properties"]
        by_kind.setdefault(props.get("kind", ""), {})[props.get("name", feature.get("id", ""))] = _join(rings(feature["geometry"]))
    return MapGeometry(
        regions=regions,
        badges=badges,
        country=next(iter(by_kind["country"].values()), ([], [])),
        no_region=next(iter(by_kind["no_region"].values()), ([], [])),
        lakes=by_kind["lake"],
        rivers=by_kind["river"],
        problem=problem,
    )
