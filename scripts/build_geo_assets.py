#!/usr/bin/env python3
"""Build the map assets ``assets/regions.geojson`` and ``assets/context.geojson``.

The dashboard draws its map offline (no tiles, no CDN) from these two small files. This script makes
them from the boundary files in ``../shared/data/geo``; run it again whenever a source or an
assignment below changes::

    python scripts/build_geo_assets.py [GEO_DIR] [--out-dir assets]

Sources
-------
- Water-board outlines: Het Waterschapshuis, administrative boundaries of the 21 water boards as
  published on PDOK (``waterschappen_wgs84.geojson``, property ``naam``).
- Municipalities and provinces 2024: CBS / PDOK "gebiedsindelingen", generalised
  (``gemeente_2024_wgs84.geojson``, ``provincie_2024_wgs84.geojson``, property ``statnaam``).
- Rivers and lakes: Natural Earth 1:10m rivers and lakes (public domain)
  (``ne_10m_rivers_nl_wgs84.geojson``, ``ne_10m_lakes_nl_wgs84.geojson``).

Outlines are indicative
-----------------------
A Slim Watermanagement region is not an administrative unit and regions overlap in participation.
The map shows one *primary* region per area: each region is the union of the water boards in
``UNITS`` (a board split between regions is cut along municipal borders), clipped to the country
outline (the union of the provinces, i.e. land plus the smaller inland waters; the IJsselmeer,
Markermeer, Wadden Sea and Zeeland estuaries are left to the context layer). Scheldestromen except
Tholen is in no region. WMCN, the national main water system, has no area of its own: its feature is
the main rivers (buffered to a band of about 600 m) plus the Natural Earth lakes, so it can be
coloured like any other region; its badge position is ``properties.badge`` (Lelystad).

Method
------
1. Every unit (board, or board intersected with / minus municipalities) is clipped to the country and
   given to its region; the regions are made disjoint in a fixed order and the gaps between board
   and country outlines, and slivers under ``MIN_PART_AREA`` left by the municipal cuts, are given to
   the neighbour they share most border with. The result is a partition of the country: seven
   regions plus the "no region" area.
2. The boundaries of that partition are simplified *as one network* (topology preserving, tolerance
   ``SIMPLIFY_TOLERANCE`` degrees), snapped to a 1e-4 degree grid and polygonised again, so
   neighbouring regions share exactly the same simplified border: no slivers, no holes.
3. Each face is given to the region that covers most of it.

The output is deterministic: the same inputs give byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

import shapely
import yaml
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import substring

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GEO_DIR = REPO / ".." / "shared" / "data" / "geo"
DEFAULT_OUT_DIR = REPO / "assets"
DEFAULT_REGIONS_YAML = REPO / "redeneerlijnen" / "regios.yaml"

SIMPLIFY_TOLERANCE = 0.004  # degrees; about 280 m east-west and 440 m north-south
MIN_PART_AREA = 0.0007  # square degrees (~5 km2): smaller pieces bordering another region are slivers
GRID = 1e-4  # output coordinates are on this grid (4 decimals, about 7-11 m)
RIVER_HALF_WIDTH_M = 300.0  # half width of the WMCN river band
RIVER_CLIP_BUFFER = 0.03  # degrees around the country outline kept of the (whole) rivers
NO_REGION = "none"
NO_REGION_NAME = "geen Slim WM-regio"
WMCN_BADGE = {"lat": 52.52, "lon": 5.47}  # Lelystad
LAT0 = 52.0  # latitude of the local metric scaling used for buffers

WEST_BRABANT = (
    "Bergen op Zoom", "Steenbergen", "Roosendaal", "Halderberge", "Moerdijk", "Woensdrecht", "Rucphen",
)


@dataclass(frozen=True)
class Unit:
    """A piece of one water board that goes to one region.

    Attributes
    ----------
    region : str
        Region code, or ``NO_REGION``.
    board : str
        The board's ``naam`` in the water-board file.
    member : str
        The label shown in the region's ``members`` list.
    only : tuple of str
        If given, keep only the part of the board inside these municipalities.
    without : tuple of str
        If given, remove the part of the board inside these municipalities.
    """

    region: str
    board: str
    member: str
    only: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


UNITS = (
    Unit("IJG", "Wetterskip Fryslân", "Wetterskip Fryslân"),
    Unit("IJG", "Waterschap Noorderzijlvest", "Noorderzijlvest"),
    Unit("IJG", "Waterschap Hunze en Aa's", "Hunze en Aa's"),
    Unit("IJG", "Waterschap Zuiderzeeland", "Zuiderzeeland"),
    Unit("IJG", "Hhs Hollands Noorderkwartier", "Hollands Noorderkwartier"),
    Unit("ZON", "Waterschap Drents Overijsselse Delta", "Drents Overijsselse Delta"),
    Unit("ZON", "Waterschap Vechtstromen", "Vechtstromen"),
    Unit("ZON", "Waterschap Rijn en IJssel", "Rijn en IJssel"),
    Unit("ZON", "Waterschap Vallei en Veluwe", "Vallei en Veluwe"),
    Unit("ARKNZK", "Waterschap Amstel, Gooi en Vecht", "Amstel, Gooi en Vecht"),
    Unit("ARKNZK", "Hoogheemraadschap De Stichtse Rijnlanden", "De Stichtse Rijnlanden"),
    Unit("ARKNZK", "Hoogheemraadschap van Rijnland", "Rijnland"),
    Unit("RMM", "Hoogheemraadschap van Delfland", "Delfland"),
    Unit("RMM", "Hhs van Schieland en Krimpenerwaard", "Schieland en de Krimpenerwaard"),
    Unit("RMM", "Waterschap Hollandse Delta", "Hollandse Delta (zonder Goeree-Overflakkee)",
         without=("Goeree-Overflakkee",)),
    Unit("VZM", "Waterschap Brabantse Delta", "Brabantse Delta (West-Brabant)", only=WEST_BRABANT),
    Unit("VZM", "Waterschap Hollandse Delta", "Hollandse Delta (Goeree-Overflakkee)",
         only=("Goeree-Overflakkee",)),
    Unit("VZM", "Waterschap Scheldestromen", "Scheldestromen (Tholen)", only=("Tholen",)),
    Unit("ZN", "Waterschapsbedrijf Limburg", "Waterschap Limburg"),
    Unit("ZN", "Waterschap Aa en Maas", "Aa en Maas"),
    Unit("ZN", "Waterschap De Dommel", "De Dommel"),
    Unit("ZN", "Waterschap Brabantse Delta", "Brabantse Delta (overig)", without=WEST_BRABANT),
    Unit("RG", "Waterschap Rivierenland", "Rivierenland"),
    Unit(NO_REGION, "Waterschap Scheldestromen", "Scheldestromen (zonder Tholen)", without=("Tholen",)),
)

WMCN_MEMBERS = ["Rijkswaterstaat"]
# Natural Earth names -> names on the map. Natural Earth's "Rhine" runs on along the Waal; it is cut
# at the Pannerdensche Kop (where the Nederrijn starts): upstream is the Rijn, downstream the Waal.
RIVER_NAMES = {"IJssel": "IJssel", "Nederrijn": "Nederrijn-Lek", "Lek": "Nederrijn-Lek",
               "Waal": "Waal", "Maas": "Maas"}
RIVER_ORDER = ("Rijn", "Waal", "Nederrijn-Lek", "IJssel", "Maas")
LAKE_NAMES = {"IJsselmeer": "IJsselmeer en Markermeer", "Lauwerszee": "Lauwersmeer"}


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

def read_features(path: Path) -> list[dict]:
    """Read the features of a GeoJSON file.

    Parameters
    ----------
    path : Path
        The GeoJSON file.

    Returns
    -------
    list of dict
        The features as parsed JSON.
    """
    with path.open(encoding="utf-8") as f:
        return json.load(f)["features"]


def read_polygons(path: Path, key: str) -> dict[str, shapely.Geometry]:
    """Read named (multi)polygons and repair them.

    Parameters
    ----------
    path : Path
        The GeoJSON file.
    key : str
        The property holding the name (``naam`` or ``statnaam``).

    Returns
    -------
    dict
        Name to valid geometry.
    """
    shapes = {}
    for feature in read_features(path):
        name = feature["properties"][key]
        if name in shapes:
            raise ValueError(f"{path.name}: duplicate {key} {name!r}")
        shapes[name] = shape(feature["geometry"]).buffer(0)
    return shapes


def read_regions(path: Path) -> list[dict]:
    """Read the region list (code, name, name_en, point) from ``regios.yaml``.

    Parameters
    ----------
    path : Path
        The regions file.

    Returns
    -------
    list of dict
        The regions in file order.
    """
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["regions"]


# ---------------------------------------------------------------------------------------------
# The partition of the country into regions
# ---------------------------------------------------------------------------------------------

def unit_geometry(unit: Unit, boards: dict, municipalities: dict) -> shapely.Geometry:
    """Cut a unit out of its board along municipal borders.

    Parameters
    ----------
    unit : Unit
        The unit.
    boards, municipalities : dict
        Name to geometry.

    Returns
    -------
    shapely.Geometry
        The board, its part inside ``unit.only`` or its part outside ``unit.without``.
    """
    geometry = boards[unit.board]
    if unit.only:
        geometry = geometry.intersection(shapely.union_all([municipalities[m] for m in unit.only]))
    if unit.without:
        geometry = geometry.difference(shapely.union_all([municipalities[m] for m in unit.without]))
    return geometry


def polygonal(geometry) -> MultiPolygon:
    """Keep only the polygons of a geometry (overlay results may hold stray lines and points).

    Parameters
    ----------
    geometry : shapely.Geometry
        Any geometry.

    Returns
    -------
    shapely.MultiPolygon
    """
    parts = shapely.get_parts(geometry)
    polygons = [p for part in parts for p in shapely.get_parts(part) if p.geom_type == "Polygon"]
    return MultiPolygon(polygons)


def raw_areas(labels: list[str], boards: dict, municipalities: dict, country) -> dict:
    """Union the units per label, clipped to the country and made disjoint.

    Parameters
    ----------
    labels : list of str
        Region codes and ``NO_REGION``; earlier labels win where units overlap.
    boards, municipalities : dict
        Name to geometry.
    country : shapely.Geometry
        The country outline.

    Returns
    -------
    dict
        Label to geometry.
    """
    unused = set(boards) - {u.board for u in UNITS}
    if unused:
        raise ValueError(f"water boards without a region: {sorted(unused)}")
    areas, taken = {}, Polygon()
    for label in labels:
        parts = [unit_geometry(u, boards, municipalities) for u in UNITS if u.region == label]
        area = polygonal(shapely.union_all(parts).intersection(country).difference(taken))
        areas[label] = area
        taken = taken.union(area)
    return areas


def fill_gaps(areas: dict, country) -> dict:
    """Give every piece of the country outside all areas to the neighbour it borders most.

    Parameters
    ----------
    areas : dict
        Label to geometry, disjoint.
    country : shapely.Geometry
        The country outline.

    Returns
    -------
    dict
        Label to geometry; together the areas cover the country.
    """
    gaps = polygonal(country.difference(shapely.union_all(list(areas.values()))))
    extra = {label: [] for label in areas}
    for gap in shapely.get_parts(gaps):
        extra[best_neighbour(gap, areas)].append(gap)
    return {label: shapely.union_all([area, *extra[label]]) for label, area in areas.items()}


def absorb_slivers(areas: dict) -> dict:
    """Move small pieces that border another area to the neighbour they share most border with.

    Cutting a board along municipal borders, and the gaps between board and country outlines,
    leave thin slivers of one region inside another. Islands (pieces that touch no other area)
    stay where they are, however small.

    Parameters
    ----------
    areas : dict
        Label to geometry, a partition.

    Returns
    -------
    dict
        Label to geometry, the same partition without slivers.
    """
    parts = {label: [] for label in areas}
    for label, area in areas.items():
        others = {k: v for k, v in areas.items() if k != label}
        for part in shapely.get_parts(area):
            shared = shared_border(part, others)
            target = max(shared, key=lambda k: (shared[k], k))
            moves = part.area < MIN_PART_AREA and shared[target] > 0
            parts[target if moves else label].append(part)
    return {label: shapely.union_all(pieces) for label, pieces in parts.items()}


def shared_border(piece, areas: dict) -> dict[str, float]:
    """How much border a piece shares with each area (area of a thin band along its boundary).

    Parameters
    ----------
    piece : shapely.Polygon
        The piece.
    areas : dict
        Label to geometry.

    Returns
    -------
    dict
        Label to a measure proportional to the shared border length (0 if they do not touch).
    """
    band = piece.boundary.buffer(1e-6)
    return {label: band.intersection(area).area for label, area in areas.items()}


def best_neighbour(gap, areas: dict) -> str:
    """The label whose area shares the longest border with a gap (the nearest if none touches).

    Parameters
    ----------
    gap : shapely.Polygon
        A piece of the country in no area.
    areas : dict
        Label to geometry.

    Returns
    -------
    str
        The chosen label.
    """
    shared = shared_border(gap, areas)
    label = max(shared, key=lambda k: (shared[k], k))
    if shared[label] > 0:
        return label
    return min(areas, key=lambda k: (areas[k].distance(gap), k))


def simplified_faces(areas: dict) -> list:
    """Simplify the borders of a partition as one network and polygonise it again.

    Parameters
    ----------
    areas : dict
        Label to geometry, a partition.

    Returns
    -------
    list of shapely.Polygon
        The faces of the simplified network, on the ``GRID``.
    """
    network = shapely.union_all([area.boundary for area in areas.values()])
    network = shapely.line_merge(network)
    network = shapely.simplify(network, SIMPLIFY_TOLERANCE, preserve_topology=True)
    network = shapely.set_precision(network, GRID)
    network = shapely.union_all(shapely.get_parts(network))
    return list(shapely.get_parts(shapely.polygonize(shapely.get_parts(network))))


def label_faces(faces: list, areas: dict) -> dict:
    """Give each face to the label that covers most of it; drop faces mostly outside all areas.

    Parameters
    ----------
    faces : list of shapely.Polygon
        Faces of the simplified network.
    areas : dict
        Label to (unsimplified) geometry.

    Returns
    -------
    dict
        Label to the union of its faces.
    """
    chosen = {label: [] for label in areas}
    for face in faces:
        cover = {label: face.intersection(area).area for label, area in areas.items()}
        label = max(cover, key=lambda k: (cover[k], k))
        if sum(cover.values()) > 0.5 * face.area:
            chosen[label].append(face)
    return {label: clean(shapely.union_all(parts)) for label, parts in chosen.items()}


def clean(geometry) -> MultiPolygon | Polygon:
    """Make a polygonal geometry valid, on the grid, with GeoJSON ring orientation.

    Parameters
    ----------
    geometry : shapely.Geometry
        A polygonal geometry.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        Exterior rings counter-clockwise, holes clockwise (RFC 7946).
    """
    geometry = shapely.set_precision(shapely.make_valid(geometry), GRID)
    polygons = [orient(p, 1.0) for p in shapely.get_parts(geometry) if p.geom_type == "Polygon"]
    polygons.sort(key=lambda p: (-p.area, p.bounds))
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def partition(geo_dir: Path, labels: list[str]) -> dict:
    """Build the simplified partition of the country into regions and the "no region" area.

    Parameters
    ----------
    geo_dir : Path
        Directory with the source files.
    labels : list of str
        Region codes (with area) and ``NO_REGION``.

    Returns
    -------
    dict
        Label to simplified geometry.
    """
    boards = read_polygons(geo_dir / "waterschappen_wgs84.geojson", "naam")
    municipalities = read_polygons(geo_dir / "gemeente_2024_wgs84.geojson", "statnaam")
    provinces = read_polygons(geo_dir / "provincie_2024_wgs84.geojson", "statnaam")
    country = shapely.union_all([provinces[name] for name in sorted(provinces)]).buffer(0)
    areas = absorb_slivers(fill_gaps(raw_areas(labels, boards, municipalities, country), country))
    return label_faces(simplified_faces(areas), areas)


# ---------------------------------------------------------------------------------------------
# Rivers and lakes
# ---------------------------------------------------------------------------------------------

def to_metres(geometry):
    """Project lon/lat degrees to local metres (equirectangular around ``LAT0``)."""
    kx = 111_320.0 * math.cos(math.radians(LAT0))
    return shapely.transform(geometry, lambda xy: xy * [kx, 110_574.0])


def to_degrees(geometry):
    """Inverse of :func:`to_metres`."""
    kx = 111_320.0 * math.cos(math.radians(LAT0))
    return shapely.transform(geometry, lambda xy: xy / [kx, 110_574.0])


def split_rhine(rhine: LineString, nederrijn: LineString) -> dict[str, shapely.Geometry]:
    """Cut Natural Earth's Rhine at the start of the Nederrijn into Rijn (upstream) and Waal.

    Parameters
    ----------
    rhine : LineString
        The Natural Earth Rhine, which runs on along the Waal.
    nederrijn : LineString
        The Natural Earth Nederrijn.

    Returns
    -------
    dict
        ``{"Rijn": ..., "Waal": ...}``.
    """
    ends = (Point(nederrijn.coords[0]), Point(nederrijn.coords[-1]))
    start = max(ends, key=lambda p: p.x)  # the eastern end is the bifurcation
    at = rhine.project(start)
    parts = [substring(rhine, 0.0, at), substring(rhine, at, rhine.length)]
    parts.sort(key=lambda g: g.centroid.x)
    return {"Waal": parts[0], "Rijn": parts[1]}


def rivers(geo_dir: Path, clip) -> dict[str, shapely.Geometry]:
    """The main rivers with Dutch names, clipped to the map.

    Parameters
    ----------
    geo_dir : Path
        Directory with the source files.
    clip : shapely.Geometry
        Area to keep (the slightly buffered country).

    Returns
    -------
    dict
        Name to (multi)line geometry, in ``RIVER_ORDER``.
    """
    source = {}
    for feature in read_features(geo_dir / "ne_10m_rivers_nl_wgs84.geojson"):
        source.setdefault(feature["properties"]["name"], []).append(shape(feature["geometry"]))
    lines = {name: [] for name in RIVER_ORDER}
    rhine = split_rhine(source["Rhine"][0], source["Nederrijn"][0])
    for name, geometry in rhine.items():
        lines[name].append(geometry)
    for ne_name, name in RIVER_NAMES.items():
        lines[name].extend(source[ne_name])
    out = {}
    for name in RIVER_ORDER:
        merged = shapely.line_merge(shapely.union_all(lines[name]).intersection(clip))
        out[name] = shapely.set_precision(merged, GRID)
    return out


def lakes(geo_dir: Path) -> dict[str, shapely.Geometry]:
    """The Natural Earth lakes with their current Dutch names.

    Parameters
    ----------
    geo_dir : Path
        Directory with the source files.

    Returns
    -------
    dict
        Name to polygon.
    """
    out = {}
    for feature in read_features(geo_dir / "ne_10m_lakes_nl_wgs84.geojson"):
        name = LAKE_NAMES.get(feature["properties"]["name"], feature["properties"]["name"])
        out[name] = clean(shape(feature["geometry"]).buffer(0))
    return dict(sorted(out.items()))


def main_water_system(river_lines: dict, lake_shapes: dict):
    """The WMCN geometry: the main rivers as a band about 600 m wide, plus the lakes.

    Parameters
    ----------
    river_lines : dict
        Name to line geometry.
    lake_shapes : dict
        Name to polygon.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
    """
    bands = [to_degrees(to_metres(line).buffer(RIVER_HALF_WIDTH_M, quad_segs=2))
             for line in river_lines.values()]
    merged = shapely.union_all(bands + list(lake_shapes.values()))
    return clean(shapely.simplify(merged, SIMPLIFY_TOLERANCE / 4, preserve_topology=True))


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def rounded(value):
    """Round every coordinate in a nested list to 4 decimals.

    Parameters
    ----------
    value : float or sequence
        A coordinate or nested coordinate lists.

    Returns
    -------
    float or list
    """
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return round(float(value), 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def feature(geometry, properties: dict, feature_id: str | None = None) -> dict:
    """A GeoJSON feature with rounded coordinates.

    Parameters
    ----------
    geometry : shapely.Geometry
        The geometry.
    properties : dict
        The properties.
    feature_id : str, optional
        The feature ``id``.

    Returns
    -------
    dict
    """
    geo = mapping(geometry)
    out = {"type": "Feature"}
    if feature_id is not None:
        out["id"] = feature_id
    out["properties"] = properties
    out["geometry"] = {"type": geo["type"], "coordinates": rounded(geo["coordinates"])}
    return out


def write_collection(path: Path, features: list[dict]) -> None:
    """Write a FeatureCollection compactly, one feature per line (readable diffs).

    Parameters
    ----------
    path : Path
        The output file.
    features : list of dict
        The features.
    """
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def region_features(regions: list[dict], areas: dict, wmcn) -> list[dict]:
    """One feature per region, in ``regios.yaml`` order.

    Parameters
    ----------
    regions : list of dict
        The regions from ``regios.yaml``.
    areas : dict
        Region code to geometry.
    wmcn : shapely.Geometry
        The WMCN geometry.

    Returns
    -------
    list of dict
    """
    out = []
    for region in regions:
        code = region["code"]
        properties = {"code": code, "name": region["name"], "name_en": region["name_en"],
                      "indicative": True}
        if code == "WMCN":
            properties["members"] = WMCN_MEMBERS
            properties["geometry_note"] = "main rivers (band ~600 m) and lakes; no area of its own"
            properties["badge"] = WMCN_BADGE
            out.append(feature(wmcn, properties, code))
        else:
            properties["members"] = [u.member for u in UNITS if u.region == code]
            out.append(feature(areas[code], properties, code))
    return out


def context_features(areas: dict, river_lines: dict, lake_shapes: dict) -> list[dict]:
    """The context layer: country, no-region area, lakes and rivers.

    Parameters
    ----------
    areas : dict
        Label to geometry (regions and ``NO_REGION``).
    river_lines : dict
        Name to line geometry.
    lake_shapes : dict
        Name to polygon.

    Returns
    -------
    list of dict
    """
    country = clean(shapely.union_all(list(areas.values())))
    out = [feature(country, {"kind": "country", "name": "Nederland"}, "country")]
    members = [u.member for u in UNITS if u.region == NO_REGION]
    out.append(feature(areas[NO_REGION], {"kind": "no_region", "name": NO_REGION_NAME,
                                          "members": members}, "no_region"))
    for name, geometry in lake_shapes.items():
        out.append(feature(geometry, {"kind": "lake", "name": name}, f"lake:{name}"))
    for name, geometry in river_lines.items():
        out.append(feature(geometry, {"kind": "river", "name": name}, f"river:{name}"))
    return out


def build(geo_dir: Path, out_dir: Path, regions_yaml: Path) -> tuple[Path, Path]:
    """Build both asset files.

    Parameters
    ----------
    geo_dir : Path
        Directory with the source files.
    out_dir : Path
        Where to write ``regions.geojson`` and ``context.geojson``.
    regions_yaml : Path
        ``redeneerlijnen/regios.yaml`` (codes and names).

    Returns
    -------
    tuple of Path
        The two files written.
    """
    regions = read_regions(regions_yaml)
    labels = [r["code"] for r in regions if r["code"] != "WMCN"] + [NO_REGION]
    missing = set(labels) - {u.region for u in UNITS}
    if missing:
        raise ValueError(f"regions without units: {sorted(missing)}")
    areas = partition(geo_dir, labels)
    clip = shapely.union_all(list(areas.values())).buffer(RIVER_CLIP_BUFFER)
    river_lines = rivers(geo_dir, clip)
    lake_shapes = lakes(geo_dir)
    wmcn = main_water_system(river_lines, lake_shapes)
    out_dir.mkdir(parents=True, exist_ok=True)
    regions_path, context_path = out_dir / "regions.geojson", out_dir / "context.geojson"
    write_collection(regions_path, region_features(regions, areas, wmcn))
    write_collection(context_path, context_features(areas, river_lines, lake_shapes))
    return regions_path, context_path


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geo_dir", nargs="?", type=Path, default=DEFAULT_GEO_DIR,
                        help="directory with the source GeoJSON files (default: ../shared/data/geo)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="default: assets/")
    parser.add_argument("--regions-yaml", type=Path, default=DEFAULT_REGIONS_YAML)
    args = parser.parse_args(argv)
    for path in build(args.geo_dir, args.out_dir, args.regions_yaml):
        print(f"{path}: {path.stat().st_size / 1024:.0f} kB")


if __name__ == "__main__":
    main()
