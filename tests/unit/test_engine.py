"""Each semantic rule of the engine on a few hand-made values (see indicators/engine.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.engine import evaluate_indicator, evaluate_line
from indicators.situation import line_situation
from tests.unit.lines import daily, indicator, line


def levels(ind_def: dict, values: pd.Series) -> list[int]:
    """The indicator's level on each day (the level in force at 12:00 UTC)."""
    model = line([ind_def]).indicators[0]
    tl = evaluate_indicator(model, values)
    at = (values.index + pd.Timedelta(hours=12)).tz_localize(None).to_numpy(dtype="datetime64[ns]")
    pos, known = tl.usable_at(at)
    return [int(tl.level[p]) if k else -1 for p, k in zip(pos, known)]


def chloride(thresholds, **extra):
    return indicator("cl", "KRY40.CONCTTE", "rising", thresholds, **extra)


def test_hysteresis_holds_the_phase_between_exit_and_enter_value():
    ind = chloride([{"phase": 1, "enter": 250, "exit": 200}])
    assert levels(ind, daily([100, 260, 230, 210, 199, 230])) == [0, 1, 1, 1, 0, 0]


def test_without_exit_value_the_phase_ends_as_soon_as_the_value_is_back():
    ind = chloride([{"phase": 1, "enter": 250}])
    assert levels(ind, daily([100, 260, 230, 260])) == [0, 1, 0, 1]


def test_falling_indicator_enters_at_or_below_and_leaves_above_exit():
    ind = indicator("q", "LOBI.Q", "falling", [{"phase": 1, "enter": 1100, "exit": 1200},
                                               {"phase": 2, "enter": 900, "exit": 1000}])
    assert levels(ind, daily([1500, 1100, 950, 900, 990, 1010, 1150, 1201])) == [0, 1, 1, 2, 2, 1, 1, 0]


def test_minimum_duration_is_time_at_or_beyond_the_value():
    ind = chloride([{"phase": 1, "enter": 250}], min_duration="3D")
    assert levels(ind, daily([300, 300, 300, 300])) == [0, 0, 1, 1]


def test_a_missing_value_pauses_the_duration_clock_without_completing_it():
    ind = chloride([{"phase": 1, "enter": 250}], min_duration="3D")
    # Day 3 is missing: it neither counts as the third day nor resets the first two.
    assert levels(ind, daily([300, 300, None, 300, 300])) == [0, 0, 0, 1, 1]


def test_a_gap_in_the_timestamps_pauses_the_clock_too():
    ind = chloride([{"phase": 1, "enter": 250}], min_duration="3D", max_age="10D")
    values = daily([300, 300, 300, 300, 300, 300]).iloc[[0, 1, 4, 5]]  # days 3 and 4 absent
    model = line([ind]).indicators[0]
    tl = evaluate_indicator(model, values)
    # Entered only with the third usable day (day 5), not during the gap.
    assert list(tl.level) == [0, 0, 1, 1]


def test_a_value_back_on_the_normal_side_resets_the_duration():
    ind = chloride([{"phase": 1, "enter": 250}], min_duration="3D")
    assert levels(ind, daily([300, 300, 100, 300, 300])) == [0, 0, 0, 0, 0]


def test_smoothing_window_is_applied_before_comparing():
    raw = daily([30, 20, 20, 20])
    plain = indicator("m", "SINT.Q", "falling", [{"phase": 1, "enter": 25}])
    smoothed = {**plain, "smoothing": {"window": "3D", "statistic": "mean"}}
    assert levels(plain, raw) == [0, 1, 1, 1]
    # 3-day means: 30 (one value is not enough: the window needs half its samples), 25, 23.3, 20.
    assert levels(smoothed, raw) == [-1, 1, 1, 1]
    assert levels(smoothed, daily([30, 30, 22, 22])) == [-1, 0, 0, 1]


def test_stale_input_is_unknown_not_normal():
    ind = chloride([{"phase": 1, "enter": 250}], max_age="2D")
    ln = line([ind])
    tl = evaluate_line(ln, {"KRY40.CONCTTE": daily([100, 100, 100])})
    fresh = line_situation(tl, pd.Timestamp("2024-06-03T12:00Z"), None)
    stale = line_situation(tl, pd.Timestamp("2024-06-08T12:00Z"), None)
    assert (fresh.phase, fresh.status) == (0, "ok")
    assert stale.phase is None and stale.status == "unknown"
    assert stale.indicators[0].status == "stale"
    assert any(r.kind == "unknown" for r in stale.reasons)


def test_no_data_at_all_is_unknown_not_all_clear():
    ln = line([chloride([{"phase": 1, "enter": 250}])])
    situation = line_situation(evaluate_line(ln, {}), pd.Timestamp("2024-06-03T12:00Z"), None)
    assert situation.phase is None and situation.status == "unknown"
    assert situation.indicators[0].status == "missing"


def test_a_dead_sensor_does_not_end_the_phase():
    ln = line([chloride([{"phase": 1, "enter": 250}], max_age="2D")])
    tl = evaluate_line(ln, {"KRY40.CONCTTE": daily([300, 300, 300])})
    later = line_situation(tl, pd.Timestamp("2024-06-10T12:00Z"), None)
    assert later.phase is None and later.status == "unknown"
    assert later.last_known_phase == 1


def test_remaining_evidence_keeps_the_phase_when_one_input_goes_stale():
    ln = line([
        chloride([{"phase": 1, "enter": 250}], max_age="2D"),
        indicator("cl2", "LEK70.CONCTTE", "rising", [{"phase": 1, "enter": 1000}], max_age="30D"),
    ])
    tl = evaluate_line(ln, {"KRY40.CONCTTE": daily([300, 300]), "LEK70.CONCTTE": daily([2000] * 10)})
    later = line_situation(tl, pd.Timestamp("2024-06-08T12:00Z"), None)
    assert (later.phase, later.status) == (1, "partial")
    assert [r.indicator for r in later.reasons if r.kind == "unknown"] == ["cl"]


def test_month_boundary_switches_the_lobith_criterion(line_set):
    wmcn = line_set.line("WMCN-droogte")
    # 1150 m3/s is below the July criterion (1200) but above the August one (1100).
    july = pd.Series(1150.0, index=pd.date_range("2018-07-20", "2018-07-30", freq="D", tz="UTC"))
    august = pd.Series(1150.0, index=pd.date_range("2018-08-01", "2018-08-10", freq="D", tz="UTC"))
    tl_july = evaluate_line(wmcn, {"LOBI.Q": july, "SINT.Q": july * 0 + 200})
    tl_aug = evaluate_line(wmcn, {"LOBI.Q": august, "SINT.Q": august * 0 + 200})
    assert line_situation(tl_july, pd.Timestamp("2018-07-25T12:00Z"), None).phase == 1
    assert line_situation(tl_aug, pd.Timestamp("2018-08-05T12:00Z"), None).phase == 0


def test_month_is_judged_in_amsterdam_time(line_set):
    wmcn = line_set.line("WMCN-droogte")
    # 2018-07-31 22:00 UTC is already 1 August 00:00 in Amsterdam: the August criterion (1100) applies.
    lobith = wmcn.indicators[0].model_copy(update={"smoothing": None})
    times = pd.DatetimeIndex(["2018-07-31T21:00Z", "2018-07-31T22:00Z"])
    tl = evaluate_indicator(lobith, pd.Series([1150.0, 1150.0], index=times))
    assert list(tl.enter[1]) == [1200.0, 1100.0]
    assert list(tl.level) == [1, 1]  # entered in July, held by hysteresis (August exit is 1200)


def k_of_n_line(rule):
    return line([indicator(f"i{n}", f"S{n}.Q", "rising", [{"phase": 1, "enter": 10}], max_age="2D") for n in range(3)],
                n_phases=2, rules={1: rule})


@pytest.mark.parametrize("rule, values, expected", [
    ({"k_of_n": 2}, [20, 0, 0], (0, "ok")),
    ({"k_of_n": 2}, [20, 20, 0], (1, "ok")),
    ({"k_of_n": 2}, [20, None, 0], (None, "unknown")),  # the stale one may be the second
    ({"k_of_n": 2}, [20, 20, None], (1, "partial")),
    ({"k_of_n": 2}, [0, None, 0], (0, "partial")),  # even if the stale one is beyond, only 1 of 2
    ("all", [20, 20, 0], (0, "ok")),
    ("all", [20, 20, 20], (1, "ok")),
    ("any", [0, 0, 20], (1, "ok")),
])
def test_combination_rules(rule, values, expected):
    ln = k_of_n_line(rule)
    inputs = {f"S{n}.Q": daily([v if v is not None else 0, v]) if v is not None else daily([0]).iloc[:0]
              for n, v in enumerate(values)}
    situation = line_situation(evaluate_line(ln, inputs), pd.Timestamp("2024-06-02T12:00Z"), None)
    assert (situation.phase, situation.status) == expected


def test_requires_previous_phase():
    a = indicator("a", "A.Q", "rising", [{"phase": 1, "enter": 10}])
    b = indicator("b", "B.Q", "rising", [{"phase": 2, "enter": 10}])
    ln = line([a, b], n_phases=3, requires_previous={2})
    at = pd.Timestamp("2024-06-01T12:00Z")
    only_b = line_situation(evaluate_line(ln, {"A.Q": daily([0]), "B.Q": daily([20])}), at, None)
    both = line_situation(evaluate_line(ln, {"A.Q": daily([20]), "B.Q": daily([20])}), at, None)
    assert only_b.phase == 0
    assert both.phase == 2


def test_since_is_the_start_of_the_current_phase_and_margins_point_to_the_next_boundary():
    ind = chloride([{"phase": 1, "enter": 250, "exit": 200}, {"phase": 2, "enter": 400, "exit": 350}])
    tl = evaluate_line(line([ind]), {"KRY40.CONCTTE": daily([100, 260, 300, 330, 320])})
    situation = line_situation(tl, pd.Timestamp("2024-06-05T12:00Z"), None)
    assert situation.phase == 1
    assert situation.since == pd.Timestamp("2024-06-02T00:00Z")
    state = situation.indicators[0]
    assert state.next_threshold == 400 and state.margin_next == pytest.approx(80)
    assert state.previous_threshold == 200 and state.margin_previous == pytest.approx(120)
    assert situation.next_phase == 2


def test_no_per_timestep_loop_long_series_evaluate_quickly_enough_to_be_vectorised():
    """A 10-year 10-minute series evaluates; guards against an accidental Python loop (which would take minutes)."""
    index = pd.date_range("2010-01-01", periods=525_600, freq="10min", tz="UTC")
    values = pd.Series(200 + 100 * np.sin(np.arange(len(index)) / 5000.0), index=index)
    ind = chloride([{"phase": 1, "enter": 250, "exit": 200}], smoothing={"window": "1D", "statistic": "mean"}, min_duration="2D")
    tl = evaluate_indicator(line([ind]).indicators[0], values)
    assert len(tl.level) > 500_000
    assert set(np.unique(tl.level)) == {0, 1}
