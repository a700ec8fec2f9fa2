"""The engine: from input series to a phase timeline per reasoning line, with the evidence kept.

Read it as the reasoning line itself, one step per function:

1. **smooth** the indicator's series over its window (e.g. the 3-day mean of Sint Pieter);
2. per phase boundary, **enter** when the value has been at or beyond the enter value for the minimum
   duration, and **leave** only when it is back beyond the exit value (hysteresis); in between the
   boundary holds. The indicator's level is the highest boundary it holds;
3. an indicator whose last value is older than ``max_age`` is **unknown** (stale), never normal;
4. per phase, the **combination rule** (any / all / k of n, optionally requiring the previous phase)
   gives true, false or undecided (three-valued, so unknown evidence is never read as "no");
5. the line's **phase** is the highest phase that is true. If a higher phase is undecided because of
   unknown input, the line is ``partial`` (at least this phase) or, when it cannot even be told
   whether the region left phase 0, ``unknown``: a dead sensor never ends a phase nor shows all-clear.

Conventions, chosen once and documented in ``redeneerlijnen/README.md``:

- "at or beyond": a rising indicator enters at ``value >= enter`` and leaves at ``value < exit``;
  a falling one enters at ``value <= enter`` and leaves at ``value > exit``. Without an exit value the
  enter value is also the exit value.
- Minimum duration is measured in time: every usable sample at or beyond the enter value counts for
  one sampling step (at most the time since the previous sample); a missing sample or a gap adds
  nothing but does not reset the clock (a gap pauses it); only a usable sample on the normal side of
  the enter value resets it.
- Month-dependent values use the calendar month in Europe/Amsterdam time.
- A smoothed value needs at least half the samples its window should hold; otherwise it is missing.

Everything is vectorised over whole timelines with numpy; there is no loop over time steps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

import numpy as np
import pandas as pd

from indicators.models import Indicator, MonthlyValue, ReasoningLine, Smoothing, ThresholdValue, monthly, parse_duration
from indicators.result import STATUS_NAMES

TRUE, FALSE, UNDECIDED = 1, 0, -1
UNKNOWN_LEVEL = -1
_AMSTERDAM = "Europe/Amsterdam"
_STALE_EPSILON = pd.Timedelta(seconds=1)


# --------------------------------------------------------------------------------------------------
# One indicator
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spacing:
    """How the samples of a series are spaced: the usual step, and the few samples that break it.

    Real series are mostly regular, so only the exceptions are kept: the samples that do not
    follow the previous one after exactly one step (after a gap, or sooner), with their interval.
    """

    n: int  # number of samples
    step: int  # the usual time between samples (median of at most ~10 000 intervals), ns
    off_index: np.ndarray  # samples that do not follow the previous one after one step (never the first)
    off_interval: np.ndarray  # their time since the previous sample, ns

    @classmethod
    def of(cls, times: np.ndarray) -> Spacing:
        ns = times.view("int64")
        if len(ns) < 2:
            return cls(len(ns), pd.Timedelta(days=1).value, np.array([], dtype="int64"), np.array([], dtype="int64"))
        after = np.arange(1, len(ns), max(1, len(ns) // 10_000))
        step = int(np.median(ns[after] - ns[after - 1]))
        intervals = np.diff(ns)
        off = np.flatnonzero(intervals != step)
        return cls(len(ns), step, off + 1, intervals[off])

    @property
    def regular(self) -> bool:
        """Whether every sample follows the previous one after exactly one step (no gaps at all)."""
        return self.n > 1 and not len(self.off_index)

    def counted_time(self) -> np.ndarray:
        """The time each sample counts for in a minimum duration: since the previous sample, at most one step."""
        out = np.full(self.n, self.step, dtype="int64")
        sooner = self.off_interval < self.step
        out[self.off_index[sooner]] = self.off_interval[sooner]
        return out

    def longer_than(self, duration: int) -> np.ndarray:
        """The samples that come more than ``duration`` ns after the previous one."""
        if duration >= self.step:
            return self.off_index[self.off_interval > duration]
        within = self.off_index[self.off_interval <= duration]  # every other sample is a step or more later
        return np.setdiff1d(np.arange(1, self.n), within, assume_unique=True)


class InputSeries:
    """One input series as arrays, with what every indicator reading it shares, each worked out once.

    ``times`` are the UTC times of the samples (``datetime64[ns]``, ascending) and ``values`` the
    values (float64, NaN = missing). Lobith, for example, is read by seven indicators in four lines
    with three different windows: the series is extracted once, its running totals are computed
    once, and it is smoothed once per window.
    """

    def __init__(self, times: np.ndarray, values: np.ndarray):
        self.times = times
        self.values = values
        self._smoothed: dict[tuple, SmoothedSeries] = {}

    @classmethod
    def of(cls, values: pd.Series | None) -> InputSeries:
        """The arrays of an input series (``None`` or empty: no samples at all)."""
        if values is None or values.empty:
            return cls(np.array([], dtype="datetime64[ns]"), np.array([], dtype="float64"))
        return cls(utc_ns(values.index), values.to_numpy(dtype="float64"))

    @cached_property
    def missing(self) -> np.ndarray:
        """Where a sample has no value (NaN)."""
        return np.isnan(self.values)

    @cached_property
    def spacing(self) -> Spacing:
        """The usual time between samples and the few samples that break it."""
        return Spacing.of(self.times)

    @cached_property
    def month_runs(self) -> tuple[np.ndarray, np.ndarray]:
        """The calendar months (0-based, Europe/Amsterdam) the samples fall in, as runs: month and run length."""
        return _month_runs(self.times)

    @cached_property
    def running_sum(self) -> np.ndarray:
        """Running total of the values with a leading 0, missing ones counted as 0 (as :func:`_running_count`)."""
        out = np.empty(len(self.values) + 1, dtype="float64")
        out[0], filled = 0.0, out[1:]
        np.copyto(filled, self.values)
        filled[self.missing] = 0.0
        np.cumsum(filled, out=filled)  # in place: no second buffer the size of the series
        return out

    @cached_property
    def running_count(self) -> np.ndarray:
        """Running count of the usable values (see :func:`_running_count`)."""
        return _running_count(~self.missing)

    def smoothed(self, smoothing: Smoothing | None) -> SmoothedSeries:
        """The series after ``smoothing`` (none: as it is), computed once per window and statistic."""
        key = (smoothing.window, smoothing.statistic) if smoothing else None
        if key not in self._smoothed:
            values, unusable = self.smoothed_values(smoothing)
            self._smoothed[key] = SmoothedSeries(self.times, values, self.spacing, unusable)
        return self._smoothed[key]

    def smoothed_values(self, smoothing: Smoothing | None) -> tuple[np.ndarray, np.ndarray]:
        """The statistic over the time window ending at each sample (right-closed), and where it is unusable.

        Only samples with a usable value of their own get a smoothed value, and a window with fewer
        than half the usable samples it should hold gives none (NaN, and marked unusable).
        """
        if smoothing is None or not len(self.values):
            return self.values, self.missing
        window = parse_duration(smoothing.window).value
        start = self._window_starts(window)
        count = _window_totals(self.running_count, start)
        if smoothing.statistic == "mean":
            stat = _window_totals(self.running_sum, start)
            with np.errstate(invalid="ignore", divide="ignore"):
                np.divide(stat, count, out=stat)
        else:
            rolled = pd.Series(self.values, index=pd.DatetimeIndex(self.times)).rolling(
                pd.Timedelta(window), closed="right", min_periods=1)
            stat = getattr(rolled, smoothing.statistic)().to_numpy()
        expected = max(window / max(self.spacing.step, 1), 1.0)
        too_few = count < math.ceil(0.5 * expected)  # for a whole count the same as "< half", without a float cast
        unusable = np.logical_or(self.missing, too_few, out=too_few)
        stat[unusable] = np.nan
        return stat, unusable

    def _window_starts(self, window: int) -> np.ndarray | int:
        """Index of the first sample inside the window (t - window, t] that ends at each sample.

        For a regular series this is simply "the last k samples": the number k is returned instead.
        """
        if self.spacing.regular:
            return int(-(-window // self.spacing.step))
        ns = self.times.view("int64")
        return np.searchsorted(ns, ns - window, side="right")


class SmoothedSeries:
    """An input series after smoothing, shared by every indicator that reads it with the same smoothing.

    ``values`` are the smoothed values on the input's ``times``, NaN where a sample is missing or
    its window holds too few values. Where the usable values are is kept as the few stretches
    without one (``gap_first`` to ``gap_end``, end exclusive), worked out once and shared: a
    usable value is any sample outside those stretches. It keeps no reference to its
    :class:`InputSeries`, so the input's working arrays are freed once the evaluation is done.
    """

    def __init__(self, times: np.ndarray, values: np.ndarray, spacing: Spacing, unusable: np.ndarray):
        self.times = times
        self.values = values
        self.spacing = spacing
        self.gap_first, self.gap_end = _true_runs(unusable)
        self._far_apart: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    @cached_property
    def usable_span(self) -> tuple[int, int] | None:
        """Index of the first and of the last usable value (``None``: there is none)."""
        n = len(self.times)
        first = int(self.gap_end[0]) if len(self.gap_first) and self.gap_first[0] == 0 else 0
        last = int(self.gap_first[-1]) - 1 if len(self.gap_end) and self.gap_end[-1] == n else n - 1
        return (first, last) if first <= last else None

    def last_usable(self, positions: np.ndarray) -> np.ndarray:
        """Index of the last usable value at or before each sample position (-1: none yet)."""
        if not len(self.gap_first):
            return positions
        gap = np.maximum(np.searchsorted(self.gap_first, positions, side="right") - 1, 0)
        inside = (self.gap_first[gap] <= positions) & (positions < self.gap_end[gap])
        return np.where(inside, self.gap_first[gap] - 1, positions)

    def far_apart(self, max_age: int) -> tuple[np.ndarray, np.ndarray]:
        """Consecutive usable values more than ``max_age`` ns apart: (index of the earlier, of the later).

        Two usable values follow each other either across a stretch of unusable samples or, when
        the timestamps themselves jump, as neighbouring samples.
        """
        if max_age not in self._far_apart:
            earlier, later = self.gap_first - 1, self.gap_end.copy()
            across_gap = (earlier >= 0) & (later < len(self.times))
            jump = self.spacing.longer_than(max_age)
            jump = jump[(self.last_usable(jump) == jump) & (self.last_usable(jump - 1) == jump - 1)]
            earlier = np.concatenate((earlier[across_gap], jump - 1))
            later = np.concatenate((later[across_gap], jump))
            ns = self.times.view("int64")
            far = ns[later] - ns[earlier] > max_age
            order = np.argsort(earlier[far], kind="stable")
            self._far_apart[max_age] = earlier[far][order], later[far][order]
        return self._far_apart[max_age]


@dataclass
class IndicatorTimeline:
    """An indicator evaluated over the whole period, on the times of its input samples.

    ``series`` is the smoothed input (its ``times`` and ``values``; values NaN where a sample is
    missing or its window holds too few values), ``level`` the phase the indicator holds at each
    sample (0 = normal; held through missing samples), and ``enter`` / ``exit`` the boundary
    values in force at each sample per phase (month-dependent values resolved).
    """

    indicator: Indicator
    series: SmoothedSeries
    level: np.ndarray  # int8
    enter: dict[int, np.ndarray]
    exit: dict[int, np.ndarray]
    max_age: pd.Timedelta

    @property
    def times(self) -> np.ndarray:
        """UTC times of the input samples (``datetime64[ns]``, ascending)."""
        return self.series.times

    @property
    def values(self) -> np.ndarray:
        """The smoothed values (NaN where not usable)."""
        return self.series.values

    def position_at(self, at: np.ndarray) -> np.ndarray:
        """Index of the last sample at or before each time in ``at``, -1 where there is none."""
        return np.searchsorted(self.times.view("int64"), at.view("int64"), side="right") - 1

    def usable_at(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of the last usable value at or before each time, and whether it is fresh (age <= max_age)."""
        usable = self.series.last_usable(self.position_at(at))
        if self.series.usable_span is None:  # no usable value at all (or no samples)
            return usable, np.zeros(len(at), dtype=bool)
        age = at.view("int64") - self.times.view("int64")[np.maximum(usable, 0)]
        return usable, (usable >= 0) & (age <= self.max_age.value)

    def change_times(self) -> np.ndarray:
        """Times at which the indicator's state (level, or known/unknown) can change.

        The level only changes at a usable sample (it is held through missing ones); freshness is
        regained at a usable value that follows the previous one after more than ``max_age``, and
        lost ``max_age`` after the last usable value before such a gap (and after the very last
        one). A line only needs to be combined at these times, which keeps its timeline short (a
        few hundred points for ten years of 10-minute data).
        """
        span = self.series.usable_span
        if span is None:
            return np.array([], dtype="datetime64[ns]")
        earlier, later = self.series.far_apart(self.max_age.value)
        stale_after = (self.max_age + _STALE_EPSILON).to_timedelta64()
        level_changes = self.times[1:][self.level[1:] != self.level[:-1]]
        return np.concatenate((self.times[[span[0]]], level_changes, self.times[later],
                               self.times[earlier] + stale_after, self.times[[span[1]]] + stale_after))


_NS_PER_UNIT = {"s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}


def utc_ns(index: pd.DatetimeIndex) -> np.ndarray:
    """A tz-aware index as naive UTC ``datetime64[ns]`` (whatever resolution pandas parsed it in).

    Scales the stored UTC integers directly: pandas' own unit conversion checks every value for
    overflow, which costs more than the rest of extracting a series.
    """
    stored = index.asi8
    return (stored if index.unit == "ns" else stored * _NS_PER_UNIT[index.unit]).view("datetime64[ns]")


def smooth(times: np.ndarray, x: np.ndarray, smoothing: Smoothing | None) -> np.ndarray:
    """``x`` on ``times`` smoothed as an indicator would smooth it (see :meth:`InputSeries.smoothed_values`)."""
    return InputSeries(times, x).smoothed_values(smoothing)[0]


def _running_count(mask: np.ndarray) -> np.ndarray:
    """Running count of True with a leading 0, so the count over samples i..j-1 is ``out[j] - out[i]``.

    Kept in int32, which halves the memory traffic and holds up to two billion samples.
    """
    out = np.empty(len(mask) + 1, dtype="int32")
    out[0] = 0
    np.cumsum(mask.view("int8"), out=out[1:])
    return out


def _window_totals(running: np.ndarray, start: np.ndarray | int) -> np.ndarray:
    """Total over each sample's window from a running total (see :func:`_running_count`)."""
    if isinstance(start, int):  # the last `start` samples: shifted slices, no indexing
        n = len(running) - 1
        k = min(start, n)
        out = np.empty(n, dtype=running.dtype)
        out[: k - 1] = running[1:k]
        np.subtract(running[k:], running[: n - k + 1], out=out[k - 1:])
        return out
    return running[1:] - running[start]


def _month_runs(times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 0-based calendar month in Europe/Amsterdam of ascending UTC ``times``, as (month, run length) pairs.

    Finds where each month starts among the times (pandas handles daylight saving), which is much
    cheaper than converting every timestamp.
    """
    if not len(times):
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    first = pd.Timestamp(times[0], tz="UTC").tz_convert(_AMSTERDAM)
    last = pd.Timestamp(times[-1], tz="UTC").tz_convert(_AMSTERDAM)
    starts = pd.date_range(first.replace(day=1, hour=0, minute=0, second=0, microsecond=0, nanosecond=0),
                           last + pd.DateOffset(months=1), freq="MS", tz=_AMSTERDAM)
    bounds = np.searchsorted(times.view("int64"), utc_ns(starts).view("int64"), side="left")
    return starts.month.to_numpy()[:-1] - 1, np.diff(bounds)


def _per_sample(value: ThresholdValue, series: InputSeries) -> np.ndarray:
    """A threshold at every sample: month-dependent values laid out month by month, a constant broadcast (no copy)."""
    if isinstance(value, MonthlyValue):
        months, lengths = series.month_runs
        return np.repeat(np.asarray(monthly(value), dtype="float64")[months], lengths)
    return np.broadcast_to(np.float64(value), (len(series.times),))


def _true_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The runs of True values in ``mask``: index of the first of each run, and of the sample after it."""
    if not len(mask):
        return np.array([], dtype="int64"), np.array([], dtype="int64")
    bounds = np.concatenate(([0], np.flatnonzero(mask[1:] != mask[:-1]) + 1, [len(mask)]))
    offset = 0 if mask[0] else 1
    return bounds[offset:-1:2], bounds[offset + 1::2]


def _hold(on: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Hysteresis: switch on where ``on``, off where ``off``, and otherwise keep the last switch (start off).

    ``on`` and ``off`` never hold at the same sample, so the state only changes where a run of
    either begins: the state is built from those few switches.
    """
    switch_on, switch_off = _true_runs(on)[0], _true_runs(off)[0]
    at = np.concatenate(([0], switch_on, switch_off))
    state = np.concatenate(([False], np.ones(len(switch_on), bool), np.zeros(len(switch_off), bool)))
    order = np.argsort(at, kind="stable")
    at, state = at[order], state[order]
    return np.repeat(state, np.diff(np.append(at, len(on))))


def _time_beyond(beyond: np.ndarray, normal: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Time spent at or beyond the enter value since the last usable sample on the normal side."""
    total = np.cumsum(counted * beyond)
    at_reset = np.maximum.accumulate(total * normal)
    return total - at_reset


def _entered(beyond: np.ndarray, normal: np.ndarray, spacing: Spacing, min_duration: int) -> np.ndarray:
    """Where the value has been at or beyond the enter value for ``min_duration`` (see module docstring)."""
    return beyond & (_time_beyond(beyond, normal, spacing.counted_time()) >= min_duration)


def evaluate_indicator(indicator: Indicator, values: pd.Series | None,
                       series: InputSeries | None = None) -> IndicatorTimeline:
    """Evaluate one indicator over the whole input series (see the module docstring for the rules).

    ``series`` may pass in the input already extracted, when indicators share it.
    """
    series = series if series is not None else InputSeries.of(values)
    smoothed = series.smoothed(indicator.smoothing)
    x, n = smoothed.values, len(smoothed.values)
    min_duration = parse_duration(indicator.min_duration).value
    level = np.zeros(n, dtype="int8")
    enter_at, exit_at = {}, {}
    with np.errstate(invalid="ignore"):
        for threshold in sorted(indicator.thresholds, key=lambda t: t.phase):
            enter = _per_sample(threshold.enter, series)
            exit_ = enter if threshold.exit is None else _per_sample(threshold.exit, series)
            enter_at[threshold.phase], exit_at[threshold.phase] = enter, exit_
            beyond = x >= enter if indicator.worse > 0 else x <= enter
            if not beyond.any():  # the data never reach this boundary
                continue
            left = x < exit_ if indicator.worse > 0 else x > exit_
            if min_duration > 0:
                normal = x < enter if indicator.worse > 0 else x > enter
                beyond = _entered(beyond, normal, series.spacing, min_duration)
            holds = _hold(beyond, left)
            np.maximum(level, holds.view("int8") * np.int8(threshold.phase), out=level)  # the highest boundary held
    return IndicatorTimeline(indicator, smoothed, level, enter_at, exit_at, parse_duration(indicator.max_age))


# --------------------------------------------------------------------------------------------------
# One line
# --------------------------------------------------------------------------------------------------


@dataclass
class LineTimeline:
    """A reasoning line over the whole period: phase and status at every time something changed.

    ``phase`` is -1 where the phase is unknown. ``status`` holds 0 ok, 1 partial, 2 unknown.
    ``levels`` holds per indicator its level at each grid time (-1 = unknown).
    """

    line: ReasoningLine
    times: np.ndarray
    phase: np.ndarray
    status: np.ndarray
    levels: dict[str, np.ndarray]
    indicators: dict[str, IndicatorTimeline]
    changes: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        differs = np.ones(len(self.phase), dtype=bool)
        differs[1:] = self.phase[1:] != self.phase[:-1]
        self.changes = np.flatnonzero(differs)

    def index_at(self, at: pd.Timestamp) -> int:
        """Grid position in force at ``at`` (-1 before the first evidence)."""
        return int(np.searchsorted(self.times, np.datetime64(at.tz_convert("UTC").tz_localize(None), "ns"), side="right")) - 1

    def since(self, index: int) -> pd.Timestamp | None:
        """When the phase in force at grid position ``index`` began."""
        if index < 0:
            return None
        start = self.changes[np.searchsorted(self.changes, index, side="right") - 1]
        return pd.Timestamp(self.times[start], tz="UTC")

    def last_known(self, index: int) -> tuple[int | None, pd.Timestamp | None]:
        """The last known phase at or before ``index`` and the time it was last known."""
        known = np.flatnonzero(self.phase[: index + 1] >= 0)
        if not len(known):
            return None, None
        last = known[-1]
        return int(self.phase[last]), pd.Timestamp(self.times[last], tz="UTC")

    def frame(self) -> pd.DataFrame:
        """The timeline as a table (UTC index): phase (NA = unknown), national phase, status."""
        national = {p.level: p.national_phase for p in self.line.phases}
        known = self.phase >= 0
        return pd.DataFrame(
            {
                "phase": pd.array([int(p) if k else pd.NA for p, k in zip(self.phase, known)], dtype="Int64"),
                "national_phase": pd.array([national[int(p)] if k else pd.NA for p, k in zip(self.phase, known)], dtype="Int64"),
                "status": [STATUS_NAMES[s] for s in self.status],
            },
            index=pd.DatetimeIndex(self.times, tz="UTC", name="time"),
        )


def _kleene_and(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.full(a.shape, UNDECIDED, dtype="int8")
    out[(a == TRUE) & (b == TRUE)] = TRUE
    out[(a == FALSE) | (b == FALSE)] = FALSE
    return out


def rule_outcome(rule, n_true: np.ndarray, n_unknown: np.ndarray, n: int) -> np.ndarray:
    """Three-valued outcome of a combination rule from counts of supporting and unknown indicators."""
    k = {"any": 1, "all": n}.get(rule) if isinstance(rule, str) else rule.k_of_n
    out = np.full(n_true.shape, UNDECIDED, dtype="int8")
    out[n_true >= k] = TRUE
    out[n_true + n_unknown < k] = FALSE
    return out


def _grid(indicators: list[IndicatorTimeline]) -> np.ndarray:
    """Every time at which some indicator's level or freshness changes."""
    parts = [t.change_times().view("int64") for t in indicators]
    if not parts:
        return np.array([], dtype="datetime64[ns]")
    merged = np.sort(np.concatenate(parts))
    keep = np.ones(len(merged), dtype=bool)
    keep[1:] = merged[1:] != merged[:-1]
    return merged[keep].view("datetime64[ns]")


def combine(line: ReasoningLine, timelines: dict[str, IndicatorTimeline]) -> LineTimeline:
    """Combine the indicator timelines of a line into its phase and status timeline."""
    times = _grid(list(timelines.values()))
    levels: dict[str, np.ndarray] = {}
    for ind_id, tl in timelines.items():
        usable, fresh = tl.usable_at(times)
        held = tl.level[np.maximum(usable, 0)] if len(tl.level) else np.zeros(len(times), dtype="int8")
        levels[ind_id] = np.where(fresh, held, UNKNOWN_LEVEL).astype("int8")

    outcome_below = np.full(len(times), TRUE, dtype="int8")
    lower = np.zeros(len(times), dtype="int8")
    upper = np.zeros(len(times), dtype="int8")
    for phase in sorted(line.phases[1:], key=lambda p: p.level):
        members = [levels[i.id] for i in line.participants(phase.level)]
        stacked = np.vstack(members) if members else np.empty((0, len(times)), dtype="int8")
        n_true = (stacked >= phase.level).sum(axis=0)
        n_unknown = (stacked == UNKNOWN_LEVEL).sum(axis=0)
        outcome = rule_outcome(phase.rule, n_true, n_unknown, len(members))
        if phase.requires_previous:
            outcome = _kleene_and(outcome, outcome_below)
        lower = np.where(outcome == TRUE, phase.level, lower)
        upper = np.where(outcome != FALSE, phase.level, upper)
        outcome_below = outcome

    all_known = np.all(np.vstack(list(levels.values())) >= 0, axis=0) if levels else np.zeros(len(times), bool)
    decided = (upper == lower) | (lower >= 1)
    phase_now = np.where(decided, lower, -1).astype("int8")
    status = np.where(~decided, 2, np.where(all_known, 0, 1)).astype("int8")
    return LineTimeline(line, times, phase_now, status, levels, timelines)


def evaluate_indicators(indicators: list[Indicator], inputs: Mapping[str, pd.Series]) -> list[IndicatorTimeline]:
    """Evaluate ``indicators`` (in that order), reading each input series once for all that use it.

    Works series by series: Lobith, read by seven indicators with three windows, is extracted
    once and smoothed once per window, and its working arrays (running totals and the like) are
    freed before the next series is read, which keeps the memory an evaluation needs small.
    """
    readers: dict[str, list[int]] = {}
    for position, ind in enumerate(indicators):
        readers.setdefault(ind.series, []).append(position)
    timelines: list[IndicatorTimeline | None] = [None] * len(indicators)
    for series_id, positions in readers.items():
        series = InputSeries.of(inputs.get(series_id))
        for position in positions:
            timelines[position] = evaluate_indicator(indicators[position], None, series)
    return timelines


def evaluate_line(line: ReasoningLine, inputs: Mapping[str, pd.Series]) -> LineTimeline:
    """Evaluate one reasoning line on the input series (catalogue id -> usable values)."""
    timelines = evaluate_indicators(line.indicators, inputs)
    return combine(line, {ind.id: tl for ind, tl in zip(line.indicators, timelines)})


@dataclass
class Evaluation:
    """All published lines evaluated on one set of inputs; situations are read from it by time."""

    lines: dict[str, LineTimeline]
    line_set: object  # indicators.reasoning.LineSet (not imported to keep the engine free of I/O)

    def period(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """First and last time any line has evidence."""
        starts = [tl.times[0] for tl in self.lines.values() if len(tl.times)]
        ends = [tl.times[-1] for tl in self.lines.values() if len(tl.times)]
        if not starts:
            return None
        return pd.Timestamp(min(starts), tz="UTC"), pd.Timestamp(max(ends), tz="UTC")


def evaluate_set(line_set, inputs: Mapping[str, pd.Series]) -> Evaluation:
    """Evaluate every published line of ``line_set`` on ``inputs``.

    All indicators of all lines are evaluated together, so that a series several lines read is
    extracted and smoothed once; a scenario is simply another ``inputs`` mapping given to this
    same function.
    """
    indicators = [ind for ln in line_set.lines for ind in ln.indicators]
    timelines = iter(evaluate_indicators(indicators, inputs))
    lines = {}
    for ln in line_set.lines:
        lines[ln.id] = combine(ln, {ind.id: next(timelines) for ind in ln.indicators})
    return Evaluation(lines, line_set)
