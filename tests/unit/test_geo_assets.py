"""Checks on the shipped map assets ``assets/regions.geojson`` and ``assets/context.geojson``.

Everything here runs on a fresh checkout with numpy and pyyaml only (point-in-polygon and areas are
computed below, no shapely). Only :func:`test_rebuild_matches_shipped_assets` needs the source data
in ``../shared/data/geo`` and shapely, and is skipped when they are absent.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
GEO_DIR = REPO.parent / "shared" / "data" / "geo"
BUILD_SCRIPT = REPO / "scripts" / "build_geo_assets.py"
MAX_BYTES = 300 * 1024
NEAR_KM = 5.0  # a representative point may lie this far outside its own outline (e.g. in a lake)
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON = 111.32 * np.cos(np.radians(52.0))
GRID_STEP = 0.02  # degrees, sampling grid for the coverage checks
CONTEXT_KINDS = {"country", "river", "lake", "no_region"}
RIVERS = {"Rijn", "Waal", "Nederrijn-Lek", "IJssel", "Maas"}


# ---------------------------------------------------------------------------------------------
# Small numpy geometry helpers
# ---------------------------------------------------------------------------------------------

def load(name: str) -> dict:
    """Parse an asset file."""
    with (ASSETS / name).open(encoding="utf-8") as f:
        return json.load(f)


def polygons(geometry: dict) -> list[list[np.ndarray]]:
    """The polygons of a (Multi)Polygon geometry, each a list of ``(n, 2)`` rings (lon, lat)."""
    if geometry["type"] == "Polygon":
        return [[np.asarray(r, dtype=float) for r in geometry["coordinates"]]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return [[np.asarray(r, dtype=float) for r in poly] for poly in geometry["coordinates"]]


def rings(geometry: dict) -> list[np.ndarray]:
    """All rings of a (Multi)Polygon geometry, exterior and interior."""
    return [ring for poly in polygons(geometry) for ring in poly]


def signed_area(ring: np.ndarray) -> float:
    """Shoelace area in square degrees; positive for counter-clockwise rings."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def inside(geometry: dict, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test of many points against a (Multi)Polygon."""
    result = np.zeros(lon.shape, dtype=bool)
    for ring in rings(geometry):
        for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
            if y1 == y2:
                continue
            straddles = (y1 > lat) != (y2 > lat)
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            result ^= straddles & (lon < x_cross)
    return result


def distance_km(geometry: dict, lon: float, lat: float) -> float:
    """Distance in km from a point to the nearest edge of a (Multi)Polygon (local flat metric)."""
    scale = np.array([KM_PER_DEG_LON, KM_PER_DEG_LAT])
    p = np.array([lon, lat]) * scale
    best = np.inf
    for ring in rings(geometry):
        a, b = ring[:-1] * scale, ring[1:] * scale
        ab = b - a
        t = np.clip(np.sum((p - a) * ab, axis=1) / np.maximum(np.sum(ab * ab, axis=1), 1e-12), 0, 1)
        nearest = a + t[:, None] * ab
        best = min(best, float(np.min(np.hypot(*(nearest - p).T))))
    return best


def country_grid(country: dict) -> tuple[np.ndarray, np.ndarray]:
    """Points on a regular grid that lie inside the country outline."""
    xy = np.concatenate(rings(country))
    lon, lat = np.meshgrid(np.arange(xy[:, 0].min(), xy[:, 0].max(), GRID_STEP),
                           np.arange(xy[:, 1].min(), xy[:, 1].max(), GRID_STEP))
    lon, lat = lon.ravel(), lat.ravel()
    keep = inside(country, lon, lat)
    return lon[keep], lat[keep]


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def regions_yaml() -> list[dict]:
    with (REPO / "redeneerlijnen" / "regios.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)["regions"]


@pytest.fixture(scope="module")
def regions() -> dict[str, dict]:
    return {f["id"]: f for f in load("regions.geojson")["features"]}


@pytest.fixture(scope="module")
def context() -> list[dict]:
    return load("context.geojson")["features"]


@pytest.fixture(scope="module")
def country(context) -> dict:
    (feature,) = [f for f in context if f["properties"]["kind"] == "country"]
    return feature["geometry"]


@pytest.fixture(scope="module")
def grid(country) -> tuple[np.ndarray, np.ndarray]:
    return country_grid(country)


def area_codes() -> list[str]:
    """Region codes that must have an area (all but WMCN), read without a fixture for parametrize."""
    with (REPO / "redeneerlijnen" / "regios.yaml").open(encoding="utf-8") as f:
        return [r["code"] for r in yaml.safe_load(f)["regions"] if r["code"] != "WMCN"]


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["regions.geojson", "context.geojson"])
def test_asset_parses_and_is_small(name):
    path = ASSETS / name
    assert path.stat().st_size < MAX_BYTES
    data = load(name)
    assert data["type"] == "FeatureCollection"
    ids = [f["id"] for f in data["features"]]
    assert len(ids) == len(set(ids)), "feature ids must be unique"


def test_one_feature_per_region(regions, regions_yaml):
    assert set(regions) == {r["code"] for r in regions_yaml}
    for r in regions_yaml:
        props = regions[r["code"]]["properties"]
        assert props["code"] == r["code"]
        assert (props["name"], props["name_en"]) == (r["name"], r["name_en"])
        assert props["indicative"] is True
        assert props["members"] and all(isinstance(m, str) for m in props["members"])


@pytest.mark.parametrize("code", area_codes())
def test_region_has_a_valid_polygon(regions, code):
    geometry = regions[code]["geometry"]
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
    for poly in polygons(geometry):
        exterior, *holes = poly
        for ring in poly:
            assert len(ring) >= 4 and np.array_equal(ring[0], ring[-1]), "rings must be closed"
            assert np.array_equal(np.round(ring, 4), ring), "coordinates are rounded to 4 decimals"
        assert signed_area(exterior) > 0, "exterior rings are counter-clockwise (RFC 7946)"
        assert all(signed_area(h) < 0 for h in holes), "holes are clockwise (RFC 7946)"
    assert sum(signed_area(r) for r in rings(geometry)) > 0.01  # > ~75 km2


@pytest.mark.parametrize("code", area_codes())
def test_region_point_lies_in_its_region(regions, regions_yaml, code):
    (point,) = [r["point"] for r in regions_yaml if r["code"] == code]
    geometry = regions[code]["geometry"]
    is_inside = inside(geometry, np.array([point["lon"]]), np.array([point["lat"]]))[0]
    assert is_inside or distance_km(geometry, point["lon"], point["lat"]) < NEAR_KM


def test_wmcn_is_the_main_water_system_with_a_badge(regions, regions_yaml):
    feature = regions["WMCN"]
    (point,) = [r["point"] for r in regions_yaml if r["code"] == "WMCN"]
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert feature["properties"]["badge"] == {"lat": point["lat"], "lon": point["lon"]}
    assert distance_km(feature["geometry"], point["lon"], point["lat"]) < NEAR_KM


def test_regions_cover_most_of_the_country(regions, grid):
    lon, lat = grid
    covered = np.zeros(lon.shape, dtype=bool)
    for code in area_codes():
        covered |= inside(regions[code]["geometry"], lon, lat)
    assert covered.mean() > 0.80


def test_regions_and_no_region_leave_no_holes(regions, context, grid):
    """Regions plus the "no region" area tile the country: no gaps, hardly any overlap."""
    lon, lat = grid
    count = np.zeros(lon.shape, dtype=int)
    (no_region,) = [f for f in context if f["properties"]["kind"] == "no_region"]
    for geometry in [regions[c]["geometry"] for c in area_codes()] + [no_region["geometry"]]:
        count += inside(geometry, lon, lat)
    assert (count == 0).mean() < 0.002, "holes between regions"
    assert (count > 1).mean() < 0.002, "overlapping regions"


def test_context_layer(context):
    kinds = {f["properties"]["kind"] for f in context}
    assert kinds == CONTEXT_KINDS
    assert all(f["properties"]["name"] for f in context)
    rivers = {f["properties"]["name"] for f in context if f["properties"]["kind"] == "river"}
    assert rivers == RIVERS
    for f in context:
        if f["properties"]["kind"] == "river":
            assert f["geometry"]["type"] in {"LineString", "MultiLineString"}
        else:
            assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_rebuild_matches_shipped_assets(tmp_path):
    """The script rebuilds the same features from ``../shared/data/geo`` (areas within 1%)."""
    if not GEO_DIR.is_dir():
        pytest.skip(f"source data not present: {GEO_DIR}")
    pytest.importorskip("shapely")
    subprocess.run([sys.executable, str(BUILD_SCRIPT), str(GEO_DIR), "--out-dir", str(tmp_path)],
                   check=True, capture_output=True, text=True)
    for name in ["regions.geojson", "context.geojson"]:
        with (tmp_path / name).open(encoding="utf-8") as f:
            rebuilt = {feat["id"]: feat for feat in json.load(f)["features"]}
        shipped = {feat["id"]: feat for feat in load(name)["features"]}
        assert list(rebuilt) == list(shipped)
        for key, feat in shipped.items():
            assert rebuilt[key]["properties"] == feat["properties"]
            if feat["geometry"]["type"] in {"Polygon", "MultiPolygon"}:
                area = sum(signed_area(r) for r in rings(feat["geometry"]))
                new_area = sum(signed_area(r) for r in rings(rebuilt[key]["geometry"]))
                assert new_area == pytest.approx(area, rel=0.01), key
