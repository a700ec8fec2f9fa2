"""Callbacks that move the view: the as-of controls, the language and hazard switches, map clicks.

The URL is the only state. Controls write the URL (:func:`next_search`); the URL sets the controls
(:func:`control_values`) and the pages render from it. A control set from the URL produces the same
URL again, so :func:`next_search` returns None for it and the loop stops there.
"""
from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.config import DashboardConfig
from dashboard.figures.nlmap import clicked_region
from dashboard.service import SituationService, Snapshot
from dashboard.state import (
    ViewState,
    combine_date_time,
    date_of_day_number,
    day_number,
    local_clock,
    local_date,
    parse_as_of,
    parse_url,
    path_of,
    search_of,
    shift_local,
    url_time,
)
from dashboard.view import map_hazard, resolve_as_of

STEPS = {ids.ASOF_MINUS_WEEK: -7, ids.ASOF_MINUS_DAY: -1, ids.ASOF_PLUS_DAY: 1, ids.ASOF_PLUS_WEEK: 7}
MARK_EVERY_YEARS = 5


def slider_marks(first: pd.Timestamp, last: pd.Timestamp) -> dict[int, str]:
    """Year labels on the slider: every fifth year (every year for periods under ten years)."""
    every = MARK_EVERY_YEARS if (last.year - first.year) >= 10 else 1
    years = range(first.year + 1, last.year + 1)
    return {day_number(pd.Timestamp(f"{y}-01-01T12:00", tz="Europe/Amsterdam")): str(y) for y in years if y % every == 0}


def control_values(state: ViewState, snapshot: Snapshot) -> dict:
    """What the as-of controls show for a state: date, time, slider position and range, hazard."""
    as_of, _, _ = resolve_as_of(state, snapshot)
    first = min(snapshot.first or as_of, as_of)
    last = max(snapshot.latest_or_now(), as_of)
    return {
        "date": local_date(as_of), "min_date": local_date(first), "max_date": local_date(last),
        "time": local_clock(as_of), "slider": day_number(as_of), "slider_min": day_number(first),
        "slider_max": day_number(last), "marks": slider_marks(first, last), "hazard": _hazard_shown(state, snapshot, as_of),
    }


def _hazard_shown(state: ViewState, snapshot: Snapshot, as_of: pd.Timestamp) -> str:
    """The hazard on the map: the URL's, or the automatic choice at ``as_of``."""
    return state.hazard or map_hazard(snapshot.situation(as_of), snapshot.line_set.regions.codes())


def next_search(trigger: str, state: ViewState, snapshot: Snapshot, *, date: str | None = None,
                clock: str | None = None, slider: int | None = None, hazard: str | None = None,
                default_lang: str = "nl") -> str | None:
    """The query string after a control changed, or None when the view does not change.

    Parameters
    ----------
    trigger
        The id of the control that changed.
    state
        The current view state (from the URL).
    snapshot
        The current data version (for "latest" and the step base).
    date, clock, slider, hazard
        The controls' current values.
    """
    as_of, live, _ = resolve_as_of(state, snapshot)
    new = state
    if trigger in STEPS:
        new = state.but(t=url_time(shift_local(as_of, STEPS[trigger])))
    elif trigger == ids.ASOF_LATEST:
        new = state.but(t=None)
    elif trigger in (ids.ASOF_DATE, ids.ASOF_TIME):
        wanted = combine_date_time(date, clock)
        if wanted is not None and parse_as_of(wanted) != as_of:
            new = state.but(t=wanted)
    elif trigger == ids.ASOF_SLIDER and slider is not None:
        wanted = combine_date_time(date_of_day_number(slider), local_clock(as_of))
        if parse_as_of(wanted) != as_of:
            new = state.but(t=wanted)
    elif trigger == ids.HAZARD_TOGGLE and hazard in ("drought", "flood"):
        if hazard != _hazard_shown(state, snapshot, as_of):
            new = state.but(hazard=hazard)
    elif trigger == ids.LANGUAGE_BUTTON:
        new = state.but(lang="en" if state.lang == "nl" else "nl")
    if new == state:
        return None
    return search_of(new, default_lang)


def register(app: Dash, service: SituationService, config: DashboardConfig) -> None:
    """Register the navigation callbacks on ``app``."""

    @app.callback(
        Output(ids.ASOF_DATE, "date"), Output(ids.ASOF_DATE, "min_date_allowed"), Output(ids.ASOF_DATE, "max_date_allowed"),
        Output(ids.ASOF_TIME, "value"), Output(ids.ASOF_SLIDER, "value"), Output(ids.ASOF_SLIDER, "min"),
        Output(ids.ASOF_SLIDER, "max"), Output(ids.ASOF_SLIDER, "marks"), Output(ids.HAZARD_TOGGLE, "value"),
        Input(ids.URL, "pathname"), Input(ids.URL, "search"), Input(ids.DATA_VERSION, "data"),
    )
    def sync_controls(pathname, search, _version):
        values = control_values(parse_url(pathname, search, config.language), service.snapshot())
        return (values["date"], values["min_date"], values["max_date"], values["time"], values["slider"],
                values["slider_min"], values["slider_max"], values["marks"], values["hazard"])

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.ASOF_MINUS_WEEK, "n_clicks"), Input(ids.ASOF_MINUS_DAY, "n_clicks"),
        Input(ids.ASOF_PLUS_DAY, "n_clicks"), Input(ids.ASOF_PLUS_WEEK, "n_clicks"), Input(ids.ASOF_LATEST, "n_clicks"),
        Input(ids.ASOF_DATE, "date"), Input(ids.ASOF_TIME, "value"), Input(ids.ASOF_SLIDER, "value"),
        Input(ids.HAZARD_TOGGLE, "value"), Input(ids.LANGUAGE_BUTTON, "n_clicks"),
        State(ids.URL, "pathname"), State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def navigate(_mw, _md, _pd, _pw, _latest, date, clock, slider, hazard, _lang, pathname, search):
        trigger = ctx.triggered_id
        state = parse_url(pathname, search, config.language)
        result = next_search(trigger, state, service.snapshot(), date=date, clock=clock, slider=slider,
                             hazard=hazard, default_lang=config.language)
        return no_update if result is None else result

    # Opening another page starts at its top (a single-page app keeps the scroll position otherwise).
    app.clientside_callback(
        "function(pathname) { window.scrollTo({top: 0, behavior: 'instant'}); return pathname; }",
        Output(ids.SCROLL_SINK, "data"), Input(ids.URL, "pathname"), prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.URL, "pathname", allow_duplicate=True), Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.MAP_GRAPH, "clickData"),
        Input(ids.MAP_GRAPH, "clickData"), State(ids.MAP_TRACE_REGIONS, "data"),
        State(ids.URL, "pathname"), State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def open_clicked_region(click_data, trace_regions, pathname, search):
        code = clicked_region(click_data, trace_regions or [])
        state = parse_url(pathname, search, config.language)
        if code is None or service.snapshot().line_set.regions.get(code) is None:
            return no_update, no_update, None
        new = state.but(page="region", region=code)
        return path_of(new), search_of(new, config.language), None
