"""Indicator charts and phase timelines, on small hand-made series and lines."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.indicator import downsample, indicator_figure, month_steps
from dashboard.figures.timeline import phase_changes, phase_segments, phase_timeline_figure
from indicators.engine import evaluate_indicator, evaluate_line
from indicators.series import Provenance, Series
from tests.unit.lines import indicator, line

AS_OF = pd.Timestamp("2024-08-15T10:00", tz="UTC")


def daily_series(values, start="2024-01-01", series_id="LOBI.Q", suspect=None, synthetic=False, issued=None) -> Series:
    index = pd.date_range(start, periods=len(values), freq="D", tz="UTC")
    vals = pd.Series(np.asarray(values, dtype="float64"), index=index)
    mask = pd.Series(np.zeros(len(values), dtype=bool) if suspect is None else suspect, index=index)
    return Series(series_id=series_id, in_catalogue=True, values=vals, unit="m3/s", location="LOBI",
                  provenance=Provenance("test.csv", "tidy", "LOBI", "Q", "m3/s"), suspect=mask,
                  synthetic=synthetic, forecast_issued=issued)


def lobith_line(monthly: bool = False):
    enter = {"by_month": {m: (1300 if m in (5, 6, 7) else 1100) for m in range(1, 13)}} if monthly else 1100
    ind = indicator("q", "LOBI.Q", "falling", [
        {"phase": 1, "enter": enter, "exit": 1200 if not monthly else {"by_month": {m: 1400 for m in range(1, 13)}}},
        {"phase": 2, "enter": 900, "exit": 1000},
        {"phase": 3, "enter": 500},
    ])
    return line([ind], n_phases=4)


def chart(ln, observed: Series, forecast: Series | None = None, lang="nl", **kwargs) -> dict:
    ind = ln.indicators[0]
    timeline = evaluate_indicator(ind, observed.evaluation_values())
    fig = indicator_figure(ind, ln, timeline, observed, forecast, AS_OF, lang, unit="m3/s", **kwargs)
    go.Figure(fig)  # every property is valid Plotly
    return fig


def traces_by_name(fig: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in fig["data"]}


def test_every_threshold_is_drawn_even_far_from_the_data():
    ln = lobith_line()
    fig = chart(ln, daily_series([2000.0] * 366))
    traces = traces_by_name(fig)
    for phase in (1, 2, 3):
        assert f"enter:{phase}" in traces
        assert f"band:{phase}" in traces
    assert set(traces["enter:3"]["y"]) == {500.0}
    low, high = fig["layout"]["yaxis"]["range"]
    assert low < 500 < 2000 < high  # the y-range reaches the farthest boundary


def test_exit_values_are_dashed_and_only_drawn_where_the_line_has_hysteresis():
    traces = traces_by_name(chart(lobith_line(), daily_series([2000.0] * 366)))
    assert traces["exit:1"]["line"]["dash"] == "dash"
    assert set(traces["exit:1"]["y"]) == {1200.0}
    assert "exit:3" not in traces  # no exit value: enter is also exit


def test_month_dependent_thresholds_are_steps_over_time():
    traces = traces_by_name(chart(lobith_line(monthly=True), daily_series([2000.0] * 366)))
    enter = traces["enter:1"]
    assert enter["line"]["shape"] == "hv"
    x = pd.DatetimeIndex(enter["x"])
    values = dict(zip(x, enter["y"], strict=True))
    assert values[pd.Timestamp("2024-07-01")] == 1300.0  # July
    assert values[pd.Timestamp("2024-08-01")] == 1100.0  # August: the step down
    assert len(set(enter["y"])) == 2


def test_month_steps_start_at_the_window_and_follow_calendar_months_in_amsterdam():
    edges, months = month_steps(pd.Timestamp("2024-07-20T00:00", tz="UTC"), pd.Timestamp("2024-09-10T00:00", tz="UTC"))
    assert list(months[:3]) == [7, 8, 9]
    assert edges[1] == pd.Timestamp("2024-08-01T00:00", tz="Europe/Amsterdam")


def test_smoothed_values_of_the_engine_are_drawn_next_to_the_observed_ones():
    ln = lobith_line()
    ln.indicators[0].smoothing = None
    traces = traces_by_name(chart(ln, daily_series(np.linspace(2000, 800, 366))))
    assert "gemeten" in traces
    assert any(name.startswith("gebruikt door de lijn") for name in traces)


def test_suspect_values_are_marked_and_far_ones_pinned_to_the_edge():
    values = [2000.0] * 366
    values[220] = 99999.0  # a spike, flagged suspect
    values[221] = 1500.0
    suspect = np.zeros(366, dtype=bool)
    suspect[[220, 221]] = True
    fig = chart(lobith_line(), daily_series(values, suspect=suspect))
    marks = traces_by_name(fig)["verdacht (niet gebruikt)"]
    assert len(marks["x"]) == 2
    high = fig["layout"]["yaxis"]["range"][1]
    assert high < 99999.0 and max(marks["y"]) == high
    assert "triangle-up" in list(marks["marker"]["symbol"])
    assert any("99.999" in text for text in marks["text"])


def test_forecast_is_drawn_apart_and_only_when_issued_by_the_as_of_time():
    observed = daily_series([1500.0] * 366)
    forecast = daily_series([1000.0] * 10, start="2024-08-12", issued=pd.Timestamp("2024-08-12", tz="UTC"))
    traces = traces_by_name(chart(lobith_line(), observed, forecast))
    name = next(n for n in traces if n.startswith("verwachting"))
    assert traces[name]["line"]["dash"] == "dash"
    late = daily_series([1000.0] * 10, start="2024-08-20", issued=pd.Timestamp("2024-08-20", tz="UTC"))
    assert not any(n.startswith("verwachting") for n in traces_by_name(chart(lobith_line(), observed, late)))


def test_as_of_marker_and_window_around_the_as_of_time():
    fig = chart(lobith_line(), daily_series([1500.0] * 3000, start="2018-01-01"), view_days=120, data_days=200)
    marker = fig["layout"]["shapes"][0]
    assert pd.Timestamp(marker["x0"]) == pd.Timestamp("2024-08-15T12:00")  # 10:00 UTC is 12:00 in Amsterdam
    observed = traces_by_name(fig)["gemeten"]
    x = pd.DatetimeIndex(observed["x"])
    assert x.min() >= pd.Timestamp("2024-01-27") and len(x) <= 401  # only the window is sent
    start, end = (pd.Timestamp(v) for v in fig["layout"]["xaxis"]["range"])
    assert (end - start).days == 240


def test_synthetic_series_are_labelled_in_the_chart():
    fig = chart(lobith_line(), daily_series([1500.0] * 366, synthetic=True))
    assert any("SYNTHETISCH" in a["text"] for a in fig["layout"]["annotations"])


def test_downsample_keeps_the_extremes():
    values = pd.Series(np.sin(np.linspace(0, 60, 20000)), index=pd.date_range("2020-01-01", periods=20000, freq="10min"))
    values.iloc[12345] = 5.0
    small = downsample(values, 1000)
    assert len(small) <= 1000
    assert small.max() == 5.0 and small.min() == values.min()


def test_phase_timeline_has_a_strip_per_line_and_lists_the_changes():
    ind = indicator("q", "LOBI.Q", "falling", [{"phase": 1, "enter": 1100, "exit": 1200}])
    ln = line([ind], n_phases=2)
    values = pd.Series([1500.0] * 10 + [1000.0] * 10 + [1500.0] * 10,
                       index=pd.date_range("2024-08-01", periods=30, freq="D", tz="UTC"))
    timeline = evaluate_line(ln, {"LOBI.Q": values})
    start, end = pd.Timestamp("2024-08-01", tz="UTC"), pd.Timestamp("2024-08-30", tz="UTC")
    segments = phase_segments(timeline, start, end)
    assert [s.phase for s in segments] == [0, 1, 0]
    changes = phase_changes(timeline, start, end)
    assert [(c.before, c.after) for c in changes] == [(0, 1), (1, 0)]
    assert changes[0].time == pd.Timestamp("2024-08-11", tz="UTC")
    fig = phase_timeline_figure([timeline], start, end, AS_OF, "nl")
    go.Figure(fig)
    strip = fig["data"][0]
    assert strip["name"] == f"strip:{ln.id}" and list(strip["text"]) == ["0", "1", "0"]


def test_phase_timeline_hatches_unknown_stretches():
    ind = indicator("q", "LOBI.Q", "falling", [{"phase": 1, "enter": 1100}], max_age="2D")
    ln = line([ind], n_phases=2)
    values = pd.Series([1500.0] * 5 + [np.nan] * 6 + [1500.0] * 5,
                       index=pd.date_range("2024-08-01", periods=16, freq="D", tz="UTC"))
    timeline = evaluate_line(ln, {"LOBI.Q": values})
    start, end = pd.Timestamp("2024-08-01", tz="UTC"), pd.Timestamp("2024-08-16", tz="UTC")
    assert None in [s.phase for s in phase_segments(timeline, start, end)]
    strip = phase_timeline_figure([timeline], start, end, AS_OF, "nl")["data"][0]
    assert "/" in strip["marker"]["pattern"]["shape"] and "?" in strip["text"]
