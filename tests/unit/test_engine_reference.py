"""The vectorised engine agrees with a plain, sample-by-sample reading of the rules.

The reference functions below are written the way a hydrologist would state the rules, one sample
at a time; the engine computes the same with whole-array numpy operations. Random series with
missing values and gaps, both directions, with and without hysteresis and minimum duration, must
give identical results.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.engine import evaluate_indicator, evaluate_line, smooth
from indicators.models import Smoothing
from indicators.situation import line_situation
from tests.unit.lines import indicator, line

STEP = pd.Timedelta(hours=1)


def random_series(seed: int, n: int = 400) -> pd.Series:
    """Hourly values wandering around 100, with missing values and a few gaps in the timestamps."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2024-03-01", periods=n, freq="h", tz="UTC")
    values = 100 + np.cumsum(rng.normal(0, 4, n))
    values[rng.random(n) < 0.08] = np.nan
    keep = rng.random(n) > 0.05
    return pd.Series(values, index=index)[keep]


def reference_levels(values: pd.Series, boundaries: list[tuple[int, float, float]], rising: bool,
                     min_duration: pd.Timedelta) -> list[int]:
    """Per sample, the highest phase held: enter after `min_duration` at or beyond, leave past the exit value."""
    held = {phase: False for phase, _, _ in boundaries}
    time_beyond = {phase: pd.Timedelta(0) for phase, _, _ in boundaries}
    levels, previous = [], None
    for time, value in values.items():
        since_previous = STEP if previous is None else min(time - previous, STEP)
        previous = time
        if not math.isnan(value):
            for phase, enter, exit_ in boundaries:
                beyond = value >= enter if rising else value <= enter
                if beyond:
                    time_beyond[phase] += since_previous
                    if time_beyond[phase] >= min_duration:
                        held[phase] = True
                else:
                    time_beyond[phase] = pd.Timedelta(0)
                    if (value < exit_) if rising else (value > exit_):
                        held[phase] = False
        levels.append(max([phase for phase, on in held.items() if on], default=0))
    return levels


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("rising", [True, False])
@pytest.mark.parametrize("min_duration", ["0D", "5h"])
def test_indicator_levels_match_the_reference(seed, rising, min_duration):
    values = random_series(seed)
    centre = float(values.median())
    sign = 1 if rising else -1
    boundaries = [(1, centre + sign * 2, centre - sign * 3), (2, centre + sign * 8, centre + sign * 4)]
    ind = indicator("x", "X.Q", "rising" if rising else "falling",
                    [{"phase": p, "enter": e, "exit": x} for p, e, x in boundaries], min_duration=min_duration)
    timeline = evaluate_indicator(line([ind]).indicators[0], values)
    expected = reference_levels(values, boundaries, rising, pd.Timedelta(min_duration))
    assert list(timeline.level) == expected
    assert 0 < sum(level > 0 for level in expected) < len(expected)  # the series crosses the boundaries


def reference_mean(values: pd.Series, window: pd.Timedelta) -> list[float]:
    """Mean of the usable values in (t - window, t] at every sample with a usable value of its own."""
    step = pd.Series(values.index).diff().median()
    out = []
    for time, value in values.items():
        inside = values[(values.index > time - window) & (values.index <= time)].dropna()
        enough = len(inside) >= 0.5 * (window / step)
        out.append(float(inside.mean()) if not math.isnan(value) and enough else math.nan)
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("window", ["6h", "1D"])
def test_smoothed_mean_matches_the_reference(seed, window):
    values = random_series(seed, n=200)
    times = values.index.as_unit("ns").tz_localize(None).to_numpy()
    got = smooth(times, values.to_numpy(), Smoothing(window=window, statistic="mean"))
    np.testing.assert_allclose(got, reference_mean(values, pd.Timedelta(window)), equal_nan=True)


def reference_phase(levels: dict[str, int | None], rules: dict[int, object], participants: dict[int, list[str]]) -> int | None:
    """The line phase from indicator levels (None = unknown) with three-valued any / all / k-of-n."""
    lower, upper = 0, 0
    for phase in sorted(rules):
        members = [levels[name] for name in participants[phase]]
        n_true = sum(1 for lv in members if lv is not None and lv >= phase)
        n_unknown = sum(1 for lv in members if lv is None)
        rule = rules[phase]
        k = 1 if rule == "any" else len(members) if rule == "all" else rule["k_of_n"]
        if n_true >= k:
            lower = upper = phase
        elif n_true + n_unknown >= k:
            upper = phase
    return lower if (upper == lower or lower >= 1) else None


@pytest.mark.parametrize("seed", range(40))
def test_line_phase_matches_the_reference_three_valued_rules(seed):
    rng = np.random.default_rng(seed)
    rules = {1: "any", 2: ["any", "all", {"k_of_n": 2}][seed % 3], 3: {"k_of_n": 1}}
    inds = [indicator(f"i{n}", f"S{n}.Q", "rising", [{"phase": p, "enter": 10 * p} for p in (1, 2, 3)], max_age="1D")
            for n in range(3)]
    ln = line(inds, n_phases=4, rules=rules)
    values = {f"i{n}": (None if rng.random() < 0.25 else int(rng.integers(0, 4))) for n in range(3)}
    inputs = {f"S{n}.Q": pd.Series([10.0 * v + 1 if v is not None else 0.0],
                                   index=[pd.Timestamp("2024-06-01", tz="UTC") - pd.Timedelta(days=0 if v is not None else 5)])
              for n, v in enumerate(values.values())}
    situation = line_situation(evaluate_line(ln, inputs), pd.Timestamp("2024-06-01T06:00Z"), None)
    participants = {p: [f"i{n}" for n in range(3)] for p in (1, 2, 3)}
    assert situation.phase == reference_phase(values, rules, participants)


def reference_phase_at(values: pd.Series, levels: list[int], at: pd.Timestamp, max_age: pd.Timedelta) -> int | None:
    """The phase of a one-indicator line at ``at``: the level at the last usable value, unless it is older than max_age."""
    usable = [(time, level) for (time, value), level in zip(values.items(), levels) if time <= at and not math.isnan(value)]
    if not usable or at - usable[-1][0] > max_age:
        return None
    return usable[-1][1]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("max_age", ["30min", "3h", "1D"])
def test_freshness_over_time_matches_the_reference(seed, max_age):
    """Missing values and gaps in the timestamps make the line unknown exactly when the last usable value is too old.

    With a maximum age shorter than the sampling step, every value goes stale before the next one arrives.
    """
    rng = np.random.default_rng(seed)
    values = random_series(100 + seed, n=300)
    values[rng.random(len(values)) < 0.2] = np.nan  # more samples without a usable value
    for start in rng.integers(0, len(values) - 40, 3):  # and a few hours to a day with no samples at all
        values = values.drop(values.index[start:start + rng.integers(3, 30)])
    centre = float(values.median())
    boundaries = [(1, centre, centre - 3)]
    ind = indicator("x", "X.Q", "rising", [{"phase": 1, "enter": centre, "exit": centre - 3}], max_age=max_age)
    timeline = evaluate_line(line([ind]), {"X.Q": values})
    levels = reference_levels(values, boundaries, True, pd.Timedelta(0))
    start = values.index[0] - pd.Timedelta(hours=2)
    for minutes in sorted(rng.integers(0, 320 * 60, 150)):
        at = start + pd.Timedelta(minutes=int(minutes))
        index = timeline.index_at(at)
        got = int(timeline.phase[index]) if index >= 0 and timeline.phase[index] >= 0 else None
        assert got == reference_phase_at(values, levels, at, pd.Timedelta(max_age)), at
