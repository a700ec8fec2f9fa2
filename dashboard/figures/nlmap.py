"""The national map: every region coloured by its national phase, affected neighbours, hydrological links.

Drawn as plain x/y polygons on a scatter plot (x = longitude, y = latitude, equal distances in both
directions at Dutch latitudes), so it works offline with no tiles and can hatch *unknown* areas.

Layers, bottom to top:

1. country, the area in no region, lakes (context);
2. one filled polygon per region in the colour of its national phase for the chosen hazard; unknown is
   grey **hatched**; a region without a line for that hazard is pale and unhatched;
3. affected neighbours: a thick **dashed outline** in the colour of the causing phase on a white casing
   (its own layer, never mixed with the region's own phase);
4. WMCN (no area): the main rivers in the colour of the national line, on a dark casing;
5. hydrological links between region points (arrows; dark when an impact runs over them now);
6. a label per region: code and colour word (``oranje``, ``onbekend``), so colour is never alone.

Hover gives region, line, phase, since and the driving reason; clicking a region or its label is
handled by the overview callback with :func:`clicked_region`.
"""
from __future__ import annotations

import math
import textwrap

from dashboard.figures.plain import Figure, Trace, figure, scatter
from dashboard.geo import MapGeometry
from dashboard.i18n import hazard_word, local_time, national_word, t
from dashboard.phases import (
    NO_LINE_COLOUR,
    UNKNOWN_COLOUR,
    UNKNOWN_PATTERN,
    Impact,
    colour,
    impacts,
    impacts_on,
    map_label,
    phase_label,
    region_line,
    worst_impact,
)
from dashboard.wording import driving_reason, expected_sentence, next_reason, reason_sentence
from indicators.reasoning import LineSet
from indicators.result import LineSituation, Situation

WMCN = "WMCN"
LAT0 = 52.2  # latitude at which one degree of longitude is drawn as long as cos(LAT0) degrees of latitude
X_RANGE = (3.25, 7.30)
Y_RANGE = (50.70, 53.62)
SEA_COLOUR = "#e3eef5"
LAND_COLOUR = "#fbfbf8"
LAKE_COLOUR = "#cfe2ef"
BORDER_COLOUR = "#ffffff"
LINK_ACTIVE = "rgba(38,50,56,0.85)"
LINK_IDLE = "#90a4ae"
SELECTED_COLOUR = "#0d47a1"
WRAP = 64
#: Regions whose label sits left of their point (the sea side), so labels do not cover each other.
LABELS_LEFT = frozenset({"RMM", "VZM"})


def _wrap(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, WRAP)) or text


def region_hover(code: str, line_set: LineSet, situation: Situation, hazard: str, lang: str) -> str:
    """The hover text of a region: name, the hazard's line and phase, since when, why, who affects it."""
    region = line_set.regions.get(code)
    name = (region.name if lang == "nl" else region.name_en) if region else code
    ls = region_line(situation, code, hazard)
    rows = [f"<b>{name} ({code})</b>"]
    if ls is None:
        rows.append(t("no_line_long", lang, hazard=hazard_word(hazard, lang).lower()))
    else:
        rows.append(f"{hazard_word(hazard, lang)}: {phase_label(ls, lang)}")
        rows.append(_wrap(ls.title))
        if ls.status != "ok":
            rows.append(t("status_partial" if ls.status == "partial" else "status_unknown", lang))
        rows.append(t("since", lang, when=local_time(ls.since, lang)) if ls.since is not None else t("since_unknown", lang))
        line = line_set.line(ls.line)
        reason = driving_reason(ls) or next_reason(ls)
        unknown = [r for r in ls.reasons if r.kind == "unknown"]
        for r in ([reason] if reason else []) + unknown[:2]:
            rows.append(_wrap(reason_sentence(r, ls, line, line_set.catalogue, lang)))
        expected = situation.expected_for(ls.line)
        if expected is not None:
            rows.append(_wrap(f"{t('expected', lang)}: {expected_sentence(expected, line, lang)}"))
    for impact in impacts_on(situation, code, hazard):
        a = impact.affected
        rows.append(_wrap(f"{t('affected_by', lang)} {a.by} ({map_label(situation.line(a.line), lang)}): {a.reason}"))
    return "<br>".join(rows)


def _region_trace(code: str, xy, ls: LineSituation | None, hover: str) -> Trace:
    """One region as a filled polygon: national colour, hatched grey when unknown, pale without a line."""
    if ls is None:
        fill, pattern = NO_LINE_COLOUR, None
    elif ls.phase is None:
        fill, pattern = "#d6d6d6", dict(shape=UNKNOWN_PATTERN, fgcolor="#5f5f5f", bgcolor="#d6d6d6", size=9, solidity=0.25)
    else:
        fill, pattern = colour(ls.national_phase), None
    return scatter(
        x=xy[0], y=xy[1], mode="lines", fill="toself", fillcolor=fill, fillpattern=pattern,
        line=dict(color=BORDER_COLOUR, width=1.4), hoveron="fills", hoverinfo="text", text=hover,
        name=f"region:{code}", meta={"region": code, "national_phase": None if ls is None else ls.national_phase,
                                     "phase": None if ls is None else ls.phase}, showlegend=False,
    )


def _affected_traces(code: str, xy, impact: Impact) -> list[Trace]:
    """The affected-neighbour layer of one region: a white casing and a dashed outline in the cause's colour."""
    common = dict(x=xy[0], y=xy[1], mode="lines", hoverinfo="skip", showlegend=False)
    return [
        scatter(**common, line=dict(color="#ffffff", width=7), name=f"affected-casing:{code}"),
        scatter(**common, line=dict(color=impact.colour, width=4, dash="dash"), name=f"affected:{code}",
                   meta={"region": code, "by": impact.affected.by, "cause_phase": impact.cause_phase}),
    ]


def _wmcn_traces(geometry: MapGeometry, ls: LineSituation | None, hover: str) -> list[Trace]:
    """WMCN has no area: its main rivers in the colour of the national line, dotted grey when unknown."""
    xs: list = []
    ys: list = []
    for x, y in geometry.rivers.values():
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(x)
        ys.extend(y)
    known = ls is not None and ls.phase is not None
    river_colour = colour(ls.national_phase) if known else (UNKNOWN_COLOUR if ls is not None else "#b0bec5")
    return [
        scatter(x=xs, y=ys, mode="lines", line=dict(color="#263238", width=8), hoverinfo="skip",
                   showlegend=False, name="wmcn-casing"),
        scatter(x=xs, y=ys, mode="lines", line=dict(color=river_colour, width=5, dash=None if known else "dot"),
                   hoverinfo="text", text=hover, hoveron="points", name=f"region:{WMCN}",
                   meta={"region": WMCN, "national_phase": None if ls is None else ls.national_phase,
                         "phase": None if ls is None else ls.phase}, showlegend=False),
    ]


def _screen_angle(x0: float, y0: float, x1: float, y1: float) -> float:
    """Direction from (x0, y0) to (x1, y1) in degrees clockwise from up, as drawn with equal aspect."""
    dx = (x1 - x0) * math.cos(math.radians(LAT0))
    return math.degrees(math.atan2(dx, y1 - y0))


def _curve(x0: float, y0: float, x1: float, y1: float, bend: float = 0.12, n: int = 14) -> list[tuple[float, float]]:
    """Points on a gentle arc from a to b (bent to the right of the direction), trimmed at both ends."""
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    cx, cy = mx + dy * bend, my - dx * bend
    points = []
    for i in range(n + 1):
        s = 0.16 + 0.66 * i / n
        points.append(((1 - s) ** 2 * x0 + 2 * (1 - s) * s * cx + s ** 2 * x1,
                       (1 - s) ** 2 * y0 + 2 * (1 - s) * s * cy + s ** 2 * y1))
    return points


def _link_traces(line_set: LineSet, active: dict[str, Impact], lang: str) -> list[Trace]:
    """Hydrological links as arrows between region points; links carrying an impact now are dark and thick."""
    points = {r.code: (r.point.lon, r.point.lat) for r in line_set.regions.regions}
    groups = {True: ([], [], [], [], [], []), False: ([], [], [], [], [], [])}
    for link in line_set.regions.links:
        if link.from_ not in points or link.to not in points:
            continue
        arc = _curve(*points[link.from_], *points[link.to])
        xs, ys, hx, hy, angles, texts = groups[link.id in active]
        xs.extend([p[0] for p in arc] + [None])
        ys.extend([p[1] for p in arc] + [None])
        hx.append(arc[-1][0])
        hy.append(arc[-1][1])
        angles.append(_screen_angle(*arc[-2], *arc[-1]))
        impact = active.get(link.id)
        extra = f"<br>{_wrap(impact.affected.reason)}" if impact else ""
        texts.append(f"<b>{link.from_} → {link.to}</b> ({link.id})<br>{_wrap(link.describe(lang))}{extra}")
    traces = []
    for is_active, (xs, ys, hx, hy, angles, texts) in groups.items():
        if not xs:
            continue
        line_colour = LINK_ACTIVE if is_active else LINK_IDLE
        traces.append(scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(color=line_colour, width=2.0 if is_active else 1.2, dash=None if is_active else "dot"),
                                 name="links-active" if is_active else "links"))
        traces.append(scatter(x=hx, y=hy, mode="markers", hoverinfo="text", text=texts, showlegend=False,
                                 marker=dict(symbol="triangle-up", angle=angles, size=12 if is_active else 9,
                                             color=line_colour, line=dict(width=0)),
                                 name="link-heads-active" if is_active else "link-heads"))
    return traces


def _label_position(code: str, line_set: LineSet, geometry: MapGeometry) -> tuple[float, float]:
    if code in geometry.badges:
        return geometry.badges[code]
    region = line_set.regions.get(code)
    return region.point.lon, region.point.lat


def _labels(line_set: LineSet, situation: Situation, hazard: str, lang: str, geometry: MapGeometry,
            hovers: dict[str, str], selected: str | None) -> tuple[Trace, list[dict]]:
    """Clickable markers at the region points and boxed labels ``RMM · oranje`` (colour never alone)."""
    xs, ys, colours, symbols, codes, texts, annotations = [], [], [], [], [], [], []
    for region in line_set.regions.regions:
        code = region.code
        x, y = _label_position(code, line_set, geometry)
        ls = region_line(situation, code, hazard)
        known = ls is not None and ls.phase is not None
        xs.append(x)
        ys.append(y)
        colours.append(colour(ls.national_phase) if known else (UNKNOWN_COLOUR if ls is not None else NO_LINE_COLOUR))
        symbols.append("circle" if known else ("circle-x" if ls is not None else "circle-open"))
        codes.append(code)
        texts.append(hovers[code])
        border = SELECTED_COLOUR if code == selected else ("#263238" if known else "#616161")
        label = f"<b>{code}</b> · {map_label(ls, lang)}"
        expected = situation.expected_for(ls.line) if ls is not None else None
        if expected is not None and expected.phase is not None and expected.national_phase != ls.national_phase:
            label += f" → {t('map_expected', lang)} {national_word(expected.national_phase, lang)}"
        annotations.append(dict(
            x=x, y=y, xref="x", yref="y", text=label, showarrow=False,
            xanchor="right" if code in LABELS_LEFT else "left", xshift=-12 if code in LABELS_LEFT else 12,
            font=dict(size=13, color="#1a1a1a"), bgcolor="rgba(255,255,255,0.92)",
            bordercolor=border, borderwidth=3 if code == selected else 1, borderpad=3,
        ))
    markers = scatter(
        x=xs, y=ys, mode="markers", customdata=codes, text=texts, hoverinfo="text", showlegend=False,
        marker=dict(size=20, color=colours, symbol=symbols, line=dict(color="#263238", width=2)), name="region-points",
    )
    return markers, annotations


def national_map_figure(situation: Situation, line_set: LineSet, geometry: MapGeometry, hazard: str = "drought",
                        lang: str = "nl", selected: str | None = None) -> Figure:
    """The national map for one hazard at the situation's time.

    Parameters
    ----------
    situation
        The engine's situation (all lines, affected neighbours).
    line_set
        Regions (names, points), links and lines.
    geometry
        Outlines from the assets; without outlines only the points, links and labels are drawn.
    hazard
        ``drought`` or ``flood``: which lines colour the map.
    lang
        ``nl`` or ``en``.
    selected
        Region to outline (from the URL), or None.

    Returns
    -------
    dict
        The figure (Plotly JSON). Region traces are named ``region:<CODE>`` and carry ``meta`` with the national phase shown.
    """
    hovers = {r.code: region_hover(r.code, line_set, situation, hazard, lang) for r in line_set.regions.regions}
    hazard_impacts = impacts(situation, hazard)
    traces: list[Trace] = []
    if geometry.country[0]:
        traces.append(scatter(x=geometry.country[0], y=geometry.country[1], mode="lines", fill="toself",
                                 fillcolor=LAND_COLOUR, line=dict(color="#8d8d8d", width=1), hoverinfo="skip",
                                 showlegend=False, name="country"))
    if geometry.no_region[0]:
        traces.append(scatter(x=geometry.no_region[0], y=geometry.no_region[1], mode="lines", fill="toself",
                                 fillcolor="#ffffff", line=dict(color="#bdbdbd", width=1), hoveron="fills",
                                 hoverinfo="text", text="geen Slim WM-regio" if lang == "nl" else "no Slim WM region",
                                 showlegend=False, name="no-region"))
    for name, (x, y) in geometry.lakes.items():
        traces.append(scatter(x=x, y=y, mode="lines", fill="toself", fillcolor=LAKE_COLOUR,
                                 line=dict(color="#9fc0d6", width=1), hoverinfo="skip", showlegend=False,
                                 name=f"lake:{name}"))
    for code, xy in geometry.regions.items():
        if code == WMCN or line_set.regions.get(code) is None:
            continue
        traces.append(_region_trace(code, xy, region_line(situation, code, hazard), hovers[code]))
    for code, xy in geometry.regions.items():
        reaching = [i for i in hazard_impacts if i.affected.region == code]
        worst = worst_impact(reaching)
        if worst is not None and code != WMCN:
            traces.extend(_affected_traces(code, xy, worst))
    if selected in geometry.regions and selected != WMCN:
        x, y = geometry.regions[selected]
        traces.append(scatter(x=x, y=y, mode="lines", line=dict(color=SELECTED_COLOUR, width=3.5),
                                 hoverinfo="skip", showlegend=False, name=f"selected:{selected}"))
    if geometry.rivers:
        traces.extend(_wmcn_traces(geometry, region_line(situation, WMCN, hazard), hovers.get(WMCN, WMCN)))
    active = {i.affected.link: i for i in hazard_impacts}
    traces.extend(_link_traces(line_set, active, lang))
    markers, annotations = _labels(line_set, situation, hazard, lang, geometry, hovers, selected)
    traces.append(markers)
    annotations.append(dict(x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                            showarrow=False, text=t("outlines_indicative", lang).capitalize(),
                            font=dict(size=12, color="#37474f"), bgcolor="rgba(255,255,255,0.8)"))
    return figure(traces, dict(
        margin=dict(l=0, r=0, t=0, b=0), paper_bgcolor="#ffffff", plot_bgcolor=SEA_COLOUR,
        xaxis=dict(range=list(X_RANGE), visible=False, fixedrange=False),
        yaxis=dict(range=list(Y_RANGE), visible=False, scaleanchor="x",
                   scaleratio=1 / math.cos(math.radians(LAT0))),
        annotations=annotations, hovermode="closest", dragmode="pan", showlegend=False,
        hoverlabel=dict(bgcolor="#ffffff", font=dict(size=13, color="#1a1a1a"), align="left"),
        uirevision="national-map", meta={"hazard": hazard, "as_of": situation.as_of.isoformat()},
    ))


def clicked_region(click_data: dict | None, figure_regions: list[str | None]) -> str | None:
    """The region code of a map click: from a label marker's ``customdata`` or a region polygon's trace.

    Parameters
    ----------
    click_data
        ``dcc.Graph.clickData``.
    figure_regions
        Per trace of the current figure, the region it draws (None for other layers); see
        :func:`trace_regions`. A click on a filled polygon carries only the trace number.
    """
    if not click_data or not click_data.get("points"):
        return None
    point = click_data["points"][0]
    if isinstance(point.get("customdata"), str):
        return point["customdata"]
    curve = point.get("curveNumber")
    if isinstance(curve, int) and 0 <= curve < len(figure_regions):
        return figure_regions[curve]
    return None


def trace_regions(fig: Figure) -> list[str | None]:
    """Per trace the region a click on it means (region polygons and the WMCN rivers), else None."""
    out = []
    for trace in fig["data"]:
        name = trace.get("name") or ""
        out.append(name.split(":", 1)[1] if name.startswith("region:") else None)
    return out
