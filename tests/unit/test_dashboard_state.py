"""The URL carries the view: parsing, building, as-of arithmetic and what each control does to the URL."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard import ids
from dashboard.callbacks.navigation import control_values, next_search
from dashboard.state import (
    ViewState,
    combine_date_time,
    date_of_day_number,
    day_number,
    href_of,
    parse_as_of,
    parse_url,
    shift_local,
    url_time,
)
from indicators.result import Situation

LATEST = pd.Timestamp("2024-12-30T23:00", tz="UTC")
SNAPSHOT = SimpleNamespace(latest=LATEST, first=pd.Timestamp("1994-09-30T23:00", tz="UTC"),
                           latest_or_now=lambda: LATEST, situation=lambda at: Situation(as_of=at, lines=[]),
                           line_set=SimpleNamespace(regions=SimpleNamespace(codes=lambda: [])))


def test_overview_url_with_time_and_region():
    state = parse_url("/", "?t=2018-08-15T12:00&regio=rmm")
    assert state == ViewState(page="overview", region="RMM", t="2018-08-15T12:00", lang="nl", hazard=None)


def test_region_url_with_language_and_path_prefix():
    state = parse_url("/app/regio/ZN", "?t=2021-07-15&lang=en")
    assert (state.page, state.region, state.t, state.lang) == ("region", "ZN", "2021-07-15", "en")


def test_unknown_values_fall_back_to_defaults():
    state = parse_url("/", "?lang=fr&hazard=fire&t=", default_lang="en")
    assert (state.lang, state.hazard, state.t) == ("en", None, None)


@pytest.mark.parametrize("state", [
    ViewState(),
    ViewState(page="overview", region="RMM", t="2018-08-15T12:00", lang="en", hazard="flood"),
    ViewState(page="region", region="ARKNZK", t="2021-07-15T08:30"),
])
def test_a_built_link_restores_the_same_state(state):
    href = href_of(state)
    path, _, search = href.partition("?")
    assert parse_url(path, "?" + search) == state


def test_links_leave_defaults_out():
    assert href_of(ViewState()) == "/"
    assert href_of(ViewState(page="region", region="RMM", t="2018-08-15T12:00")) == "/regio/RMM?t=2018-08-15T12:00"


def test_a_bare_date_means_midday_amsterdam_and_bad_text_is_none():
    assert parse_as_of("2018-08-15") == pd.Timestamp("2018-08-15T10:00", tz="UTC")
    assert parse_as_of("2018-01-15T12:00") == pd.Timestamp("2018-01-15T11:00", tz="UTC")
    assert parse_as_of("not a time") is None
    assert parse_as_of(None) is None


def test_url_time_is_amsterdam_wall_clock():
    assert url_time(pd.Timestamp("2018-08-15T10:00", tz="UTC")) == "2018-08-15T12:00"


def test_stepping_a_day_keeps_the_wall_clock_across_dst():
    before = parse_as_of("2018-10-27T12:00")
    after = shift_local(before, 1)
    assert url_time(after) == "2018-10-28T12:00"
    assert after - before == pd.Timedelta(hours=25)


def test_day_numbers_round_trip():
    at = parse_as_of("2018-08-15T23:30")
    assert date_of_day_number(day_number(at)) == "2018-08-15"


def test_date_and_time_fields_combine_to_a_url_time():
    assert combine_date_time("2018-08-15", "06:45") == "2018-08-15T06:45"
    assert combine_date_time("2018-08-15T00:00:00", "") == "2018-08-15T12:00"
    assert combine_date_time("2018-08-15", "25h") == "2018-08-15T12:00"
    assert combine_date_time(None, "12:00") is None


def test_step_buttons_write_a_new_time():
    state = parse_url("/", "?t=2018-08-15T12:00")
    assert next_search(ids.ASOF_PLUS_WEEK, state, SNAPSHOT) == "?t=2018-08-22T12:00"
    assert next_search(ids.ASOF_MINUS_DAY, state, SNAPSHOT) == "?t=2018-08-14T12:00"


def test_latest_removes_the_time_and_steps_from_latest_start_at_the_newest_data():
    state = parse_url("/", "?t=2018-08-15T12:00&regio=RMM")
    assert next_search(ids.ASOF_LATEST, state, SNAPSHOT) == "?regio=RMM"
    live = parse_url("/", "")
    assert next_search(ids.ASOF_MINUS_DAY, live, SNAPSHOT) == "?t=2024-12-30T00:00"


def test_controls_set_from_the_url_do_not_change_the_url():
    for search in ("?t=2018-08-15T12:00", ""):
        state = parse_url("/", search)
        shown = control_values(state, SNAPSHOT)
        assert next_search(ids.ASOF_DATE, state, SNAPSHOT, date=shown["date"], clock=shown["time"]) is None
        assert next_search(ids.ASOF_SLIDER, state, SNAPSHOT, slider=shown["slider"]) is None
        assert next_search(ids.HAZARD_TOGGLE, state, SNAPSHOT, hazard=shown["hazard"]) is None


def test_date_picker_slider_hazard_and_language_change_the_url():
    state = parse_url("/regio/RMM", "?t=2018-08-15T12:00")
    assert next_search(ids.ASOF_DATE, state, SNAPSHOT, date="2018-06-01", clock="12:00") == "?t=2018-06-01T12:00"
    slider = day_number(parse_as_of("2018-06-01"))
    assert next_search(ids.ASOF_SLIDER, state, SNAPSHOT, slider=slider) == "?t=2018-06-01T12:00"
    assert next_search(ids.HAZARD_TOGGLE, state, SNAPSHOT, hazard="flood") == "?t=2018-08-15T12:00&hazard=flood"
    assert next_search(ids.HAZARD_TOGGLE, state, SNAPSHOT, hazard="drought") is None  # already shown (automatic)
    assert next_search(ids.LANGUAGE_BUTTON, state, SNAPSHOT) == "?t=2018-08-15T12:00&lang=en"


def test_slider_range_covers_the_data_and_the_time_shown():
    shown = control_values(parse_url("/", "?t=2030-01-01"), SNAPSHOT)
    assert shown["slider_max"] == day_number(parse_as_of("2030-01-01"))
    assert shown["slider_min"] == day_number(SNAPSHOT.first)
    assert "2000" in shown["marks"].values()
