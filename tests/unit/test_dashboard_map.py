"""The national map, the roll-ups and the region cards, built from hand-made situations.

Each test gives the builders a :class:`~indicators.result.Situation` written out by hand, so what the
map or a card must show follows from the test itself, not from the demo data.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.components.overview import region_card, rollup_tile
from dashboard.figures.nlmap import clicked_region, national_map_figure, trace_regions
from dashboard.geo import MapGeometry, load_map_geometry
from dashboard.phases import NATIONAL_COLOURS, rollup
from dashboard.state import ViewState
from indicators import PROJECT_ROOT
from indicators.result import Affected, IndicatorState, LineSituation, Reason, Situation
from tests.unit.dash_text import text_of

AS_OF = pd.Timestamp("2018-08-15T10:00", tz="UTC")
GEOMETRY = load_map_geometry(PROJECT_ROOT / "assets")


def state_of(series: str, *, status: str = "ok", value: float | None = 900.0, phase: int | None = 1,
             synthetic: bool = False, value_at: pd.Timestamp | None = AS_OF) -> IndicatorState:
    return IndicatorState(id=series.split(".")[0].lower(), series=series, description=series, value=value, unit="m3/s",
                          value_at=value_at, phase=phase, status=status, direction="falling", smoothing=None,
                          threshold=1100.0, next_phase=2, next_threshold=850.0, margin_next=50.0,
                          previous_threshold=1200.0, margin_previous=300.0, source="test", synthetic=synthetic)


def line_situation(line_set, line_id: str, phase: int | None, *, status: str = "ok",
                   indicators: list[IndicatorState] | None = None, reasons: list[Reason] | None = None) -> LineSituation:
    """A line situation with the phase names and national phase the real line gives ``phase``."""
    line = line_set.line(line_id)
    current = line.phase(phase) if phase is not None else None
    return LineSituation(
        line=line.id, region=line.region, hazard=line.hazard, version=line.version, title=line.title, phase=phase,
        phase_key=current.key if current else None, phase_name=current.name.model_dump() if current else None,
        national_phase=current.national_phase if current else None, status=status,
        since=AS_OF - pd.Timedelta(days=3) if phase is not None else None,
        reasons=reasons or [], indicators=indicators or [],
    )


def situation_with(line_set, phases: dict[str, int | None], affected: list[Affected] | None = None,
                   statuses: dict[str, str] | None = None) -> Situation:
    """Every published line at phase 0 except those given (None = unknown)."""
    lines = []
    for line in line_set.lines:
        phase = phases.get(line.id, 0)
        status = (statuses or {}).get(line.id, "unknown" if phase is None else "ok")
        lines.append(line_situation(line_set, line.id, phase, status=status))
    return Situation(as_of=AS_OF, lines=lines, affected=affected or [])


def traces_by_name(fig: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in fig["data"]}



def find_by_id(component, component_id: str):
    """The component with ``id`` in a Dash component tree, or None."""
    if isinstance(component, list | tuple):
        return next((found for c in component if (found := find_by_id(c, component_id)) is not None), None)
    if component is None or isinstance(component, str | int | float):
        return None
    if getattr(component, "id", None) == component_id:
        return component
    return find_by_id(getattr(component, "children", None), component_id)


def test_map_is_a_valid_plotly_figure(line_set):
    fig = national_map_figure(situation_with(line_set, {}), line_set, GEOMETRY)
    go.Figure(fig)  # raises on any misspelt property


def test_map_has_a_layer_for_every_region_coloured_by_its_national_phase(line_set):
    phases = {"RMM-droogte": 3, "ZN-droogte": 1, "IJG-droogte": 2, "WMCN-droogte": 1}
    fig = national_map_figure(situation_with(line_set, phases), line_set, GEOMETRY, "drought")
    traces = traces_by_name(fig)
    for region in line_set.regions.regions:
        assert f"region:{region.code}" in traces, region.code
    assert traces["region:RMM"]["fillcolor"] == NATIONAL_COLOURS[3]
    assert traces["region:ZN"]["fillcolor"] == NATIONAL_COLOURS[1]
    assert traces["region:IJG"]["fillcolor"] == NATIONAL_COLOURS[2]
    assert traces["region:VZM"]["fillcolor"] == NATIONAL_COLOURS[0]
    assert traces["region:WMCN"]["line"]["color"] == NATIONAL_COLOURS[1]  # WMCN: the main rivers
    assert traces["region:RMM"]["meta"]["national_phase"] == 3


def test_map_colour_is_the_national_phase_not_the_line_level(line_set):
    # ZN's flood line has five steps: its level 3 maps onto national phase 2 (oranje).
    fig = national_map_figure(situation_with(line_set, {"ZN-hoogwater": 3}), line_set, GEOMETRY, "flood")
    assert traces_by_name(fig)["region:ZN"]["fillcolor"] == NATIONAL_COLOURS[2]
    assert "<b>ZN</b> · oranje" in [a["text"] for a in fig["layout"]["annotations"]]


def test_map_colours_the_chosen_hazard(line_set):
    phases = {"RMM-droogte": 2, "RMM-hoogwater": 1}
    situation = situation_with(line_set, phases)
    assert traces_by_name(national_map_figure(situation, line_set, GEOMETRY, "flood"))["region:RMM"]["fillcolor"] == NATIONAL_COLOURS[1]
    assert traces_by_name(national_map_figure(situation, line_set, GEOMETRY, "drought"))["region:RMM"]["fillcolor"] == NATIONAL_COLOURS[2]


def test_unknown_region_is_hatched_grey_and_labelled_onbekend(line_set):
    fig = national_map_figure(situation_with(line_set, {"ZON-droogte": None}), line_set, GEOMETRY, "drought")
    zon = traces_by_name(fig)["region:ZON"]
    assert zon["fillpattern"]["shape"] == "/"
    assert zon["fillcolor"] not in NATIONAL_COLOURS.values()
    labels = [a["text"] for a in fig["layout"]["annotations"]]
    assert "<b>ZON</b> · onbekend" in labels


def test_region_without_a_line_for_the_hazard_is_pale_and_says_so(line_set):
    fig = national_map_figure(situation_with(line_set, {}), line_set, GEOMETRY, "flood", lang="en")
    assert not line_set.regions.get("ZON") is None and not any(
        ln.region == "ZON" and ln.hazard == "flood" for ln in line_set.lines)
    zon = traces_by_name(fig)["region:ZON"]
    assert zon["fillpattern"] is None
    assert "<b>ZON</b> · no line" in [a["text"] for a in fig["layout"]["annotations"]]


def test_affected_neighbour_is_its_own_dashed_layer_in_the_colour_of_the_cause(line_set):
    affected = [Affected(region="RG", by="WMCN", line="WMCN-droogte", link="rijn-waal-lek", from_phase=1, reason="minder Rijnwater")]
    situation = situation_with(line_set, {"WMCN-droogte": 2, "RG-droogte": 0}, affected)
    traces = traces_by_name(national_map_figure(situation, line_set, GEOMETRY, "drought"))
    assert traces["region:RG"]["fillcolor"] == NATIONAL_COLOURS[0]  # its own phase is unchanged
    assert traces["affected:RG"]["line"]["dash"] == "dash"
    assert traces["affected:RG"]["line"]["color"] == NATIONAL_COLOURS[2]  # the cause's colour
    assert "affected:ZN" not in traces
    assert "minder Rijnwater" in traces["region:RG"]["text"]
    # The link that carries the impact is drawn as an active arrow.
    assert "links-active" in traces


def test_selected_region_is_outlined(line_set):
    fig = national_map_figure(situation_with(line_set, {}), line_set, GEOMETRY, selected="RMM")
    assert "selected:RMM" in traces_by_name(fig)


def test_map_without_outlines_still_shows_every_region_point(line_set):
    fig = national_map_figure(situation_with(line_set, {}), line_set, MapGeometry(problem="missing"))
    points = traces_by_name(fig)["region-points"]
    assert set(points["customdata"]) == set(line_set.regions.codes())


def test_clicked_region_reads_a_label_marker_or_a_region_polygon(line_set):
    fig = national_map_figure(situation_with(line_set, {}), line_set, GEOMETRY)
    curves = trace_regions(fig)
    assert clicked_region({"points": [{"curveNumber": 99, "customdata": "ZN"}]}, curves) == "ZN"
    rmm_curve = curves.index("RMM")
    assert clicked_region({"points": [{"curveNumber": rmm_curve}]}, curves) == "RMM"
    assert clicked_region({"points": [{"curveNumber": 0}]}, curves) is None  # the country outline
    assert clicked_region(None, curves) is None


def test_rollup_counts_regions_per_national_phase_and_takes_the_worst(line_set):
    situation = situation_with(line_set, {"RMM-droogte": 2, "ZN-droogte": 1, "ZON-droogte": None})
    roll = rollup(situation, "drought", line_set.regions.codes())
    assert roll.worst == 2
    assert roll.counts[2] == 1 and roll.counts[1] == 1 and roll.counts[None] == 1
    assert sum(roll.counts.values()) == len([ln for ln in line_set.lines if ln.hazard == "drought"])
    text = text_of(rollup_tile(roll, "nl", True))
    assert "≥ 2 oranje" in text and "+ 1 onbekend" in text  # unknown regions could be higher


def test_rollup_with_every_region_unknown_is_onbekend_never_all_clear(line_set):
    situation = situation_with(line_set, {ln.id: None for ln in line_set.lines if ln.hazard == "drought"})
    roll = rollup(situation, "drought", line_set.regions.codes())
    assert roll.worst is None
    headline = find_by_id(rollup_tile(roll, "nl", True), "rollup-drought-worst")
    assert text_of(headline) == "onbekend"
    assert "phase-unknown" in headline.className


def test_flood_rollup_names_the_regions_without_a_flood_line(line_set):
    roll = rollup(situation_with(line_set, {}), "flood", line_set.regions.codes())
    without = {r.code for r in line_set.regions.regions} - {ln.region for ln in line_set.lines if ln.hazard == "flood"}
    assert set(roll.without_line) == without
    assert roll.worst == 0


def test_card_shows_onbekend_and_names_the_stale_indicator(line_set):
    stale = state_of("LOBI.Q", status="stale", phase=None, value_at=AS_OF - pd.Timedelta(days=9))
    reason = Reason(indicator=stale.id, series="LOBI.Q", kind="unknown", value=None, unit="m3/s", threshold=None,
                    phase=None, margin_next=None, margin_previous=None, text="")
    wmcn = line_situation(line_set, "WMCN-droogte", None, status="unknown", indicators=[stale], reasons=[reason])
    situation = Situation(as_of=AS_OF, lines=[wmcn])
    card = region_card("WMCN", situation, line_set, ViewState(), "drought", "nl", "nl")
    text = text_of(card)
    assert "onbekend" in text
    assert "verouderd" in text and "Rijn bij Lobith" in text  # the stale input by name, with its last time
    assert "6 aug 2018" in text
    assert "0 groen" not in text  # a dead sensor is never shown as normal


def test_card_labels_synthetic_inputs(line_set):
    synthetic = state_of("LIJM.WATHTE", synthetic=True, phase=0)
    ijg = line_situation(line_set, "IJG-droogte", 0, indicators=[synthetic])
    card = region_card("IJG", Situation(as_of=AS_OF, lines=[ijg]), line_set, ViewState(), "drought", "nl", "nl")
    assert "synthetisch" in text_of(card)


def test_card_driver_shows_value_against_threshold_and_margin(line_set):
    driver = state_of("LOBI.Q", value=953.0, phase=1)
    reasons = [
        Reason(driver.id, "LOBI.Q", "drives", 953.0, "m3/s", 1100.0, 1, 103.0, 247.0, ""),
        Reason(driver.id, "LOBI.Q", "next", 953.0, "m3/s", 850.0, 1, 103.0, 247.0, ""),
    ]
    wmcn = line_situation(line_set, "WMCN-droogte", 1, indicators=[driver], reasons=reasons)
    text = text_of(region_card("WMCN", Situation(as_of=AS_OF, lines=[wmcn]), line_set, ViewState(), "drought", "en", "nl"))
    assert "953 m³/s" in text and "≤ 1,100 m³/s" in text
    assert "103 m³/s to go" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_map_hover_names_region_line_phase_and_reason(line_set, lang):
    driver = state_of("LOBI.Q", value=953.0, phase=1)
    reasons = [Reason(driver.id, "LOBI.Q", "drives", 953.0, "m3/s", 1100.0, 1, 103.0, 247.0, "")]
    wmcn = line_situation(line_set, "WMCN-droogte", 1, indicators=[driver], reasons=reasons)
    others = [line_situation(line_set, ln.id, 0) for ln in line_set.lines if ln.id != "WMCN-droogte"]
    fig = national_map_figure(Situation(as_of=AS_OF, lines=[wmcn] + others), line_set, GEOMETRY, lang=lang)
    hover = traces_by_name(fig)["region:WMCN"]["text"]
    assert "WMCN" in hover and line_set.line("WMCN-droogte").title[:20] in hover
    assert ("geel" if lang == "nl" else "yellow") in hover
    assert "953" in hover
