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

from dataclasses import dataclass, field
from typing import Callable, Mapping

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


class SmoothedSeries:
    """An input series after smoothing, shared by every indicator that reads it with the same smoothing.

    ``times`` are the UTC times of the input samples and ``values`` the smoothed values, NaN where
    a sample is missing or its window holds too few values. What only depends on the series (where
    the usable values are) is worked out once and shared.
    """

    def __init__(self, times: np.ndarray, values: np.ndarray):
        self.times = times
        self.values = values
        usable = ~np.isnan(values)
        self.last_usable = _last_true(usable)  # per sample: index of the last usable value (-1: none)
        self.usable_times = times[usable]

    @classmethod
    def of(cls, values: pd.Series | None, smoothing: Smoothing | None,
           arrays: tuple[np.ndarray, np.ndarray] | None = None) -> "SmoothedSeries":
        """Smooth ``values`` (or the already extracted ``arrays`` of them)."""
        times, raw = arrays if arrays is not None else series_arrays(values)
        return cls(times, smooth(times, raw, smoothing))


@dataclass
class IndicatorTimeline:
    """An indicator evaluated over the whole period, on the times of its input samples.

    ``times`` are the UTC times of the input samples, ``values`` the smoothed values (NaN where a
    sample is missing or its window holds too few values), ``level`` the phase the indicator holds
    at each sample (0 = normal; held through missing samples), ``last_usable`` the index of the
    last sample with a usable value at or before each sample (-1: none yet), and ``enter`` /
    ``exit`` the boundary values in force at each sample per phase (month-dependent values resolved).
    """

    indicator: Indicator
    times: np.ndarray  # datetime64[ns], UTC, ascending
    values: np.ndarray  # float64
    level: np.ndarray  # int8
    last_usable: np.ndarray  # int64
    enter: dict[int, np.ndarray]
    exit: dict[int, np.ndarray]
    max_age: pd.Timedelta
    usable_times: np.ndarray  # the times of the usable values

    def position_at(self, at: np.ndarray) -> np.ndarray:
        """Index of the last sample at or before each time in ``at``, -1 where there is none."""
        return np.searchsorted(self.times.view("int64"), at.view("int64"), side="right") - 1

    def usable_at(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of the last usable value at or before each time, and whether it is fresh (age <= max_age)."""
        pos = self.position_at(at)
        if not len(self.times):
            return pos, np.zeros(len(at), dtype=bool)
        usable = np.where(pos >= 0, self.last_usable[np.maximum(pos, 0)], -1)
        age = at.view("int64") - self.times.view("int64")[np.maximum(usable, 0)]
        return usable, (usable >= 0) & (age <= self.max_age.value)

    def change_times(self) -> np.ndarray:
        """Times at which the indicator's state (level, or known/unknown) can change.

        The level only changes at a usable sample (it is held through missing ones); freshness is
        regained at a usable sample that follows a gap longer than ``max_age`` and lost
        ``max_age`` after the last usable sample before such a gap. A line only needs to be
        combined at these times, which keeps its timeline short (a few hundred points for ten
        years of 10-minute data).
        """
        times = self.usable_times
        if not len(times):
            return np.array([], dtype="datetime64[ns]")
        level_changes = self.times[1:][self.level[1:] != self.level[:-1]]
        gap_after = np.append(np.diff(times.view("int64")) > self.max_age.value, True)
        fresh_again = times[1:][gap_after[:-1]]
        stale = times[gap_after] + (self.max_age + _STALE_EPSILON).to_timedelta64()
        return np.concatenate((times[:1], level_changes, fresh_again, stale))


def utc_ns(index: pd.DatetimeIndex) -> np.ndarray:
    """A tz-aware index as naive UTC ``datetime64[ns]`` (whatever resolution pandas parsed it in)."""
    return index.tz_convert("UTC").tz_localize(None).as_unit("ns").to_numpy()


def _typical_step(times: np.ndarray) -> int:
    """The usual time between samples in ns (median, from at most ~10 000 intervals), the unit of duration."""
    if len(times) < 2:
        return pd.Timedelta(days=1).value
    gaps = np.diff(times.view("int64"))
    return int(np.median(gaps[:: max(1, len(gaps) // 10_000)]))


def series_arrays(values: pd.Series | None) -> tuple[np.ndarray, np.ndarray]:
    """Times (UTC ns) and values (NaN = missing) of an input series."""
    if values is None or values.empty:
        return np.array([], dtype="datetime64[ns]"), np.array([], dtype="float64")
    return utc_ns(values.index), values.to_numpy(dtype="float64")


def smooth(times: np.ndarray, x: np.ndarray, smoothing: Smoothing | None) -> np.ndarray:
    """The statistic over the time window ending at each sample (right-closed), NaN where missing.

    Only samples with a usable value of their own get a smoothed value, and a window with fewer
    than half the usable samples it should hold gives none.
    """
    if smoothing is None or not len(x):
        return x
    window = parse_duration(smoothing.window).value
    missing = np.isnan(x)
    start = _window_starts(times, window)
    count = _window_totals(_running_total(~missing), start)
    expected = max(window / max(_typical_step(times), 1), 1.0)
    if smoothing.statistic == "mean":
        filled = x.copy()
        filled[missing] = 0.0
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = _window_totals(_running_total(filled), start) / count
    else:
        rolled = pd.Series(x, index=pd.DatetimeIndex(times)).rolling(pd.Timedelta(window), closed="right", min_periods=1)
        stat = getattr(rolled, smoothing.statistic)().to_numpy()
    stat[missing | (count < 0.5 * expected)] = np.nan
    return stat


def _running_total(values: np.ndarray) -> np.ndarray:
    """Cumulative sum with a leading 0, so the total over samples i..j-1 is ``out[j] - out[i]``."""
    out = np.zeros(len(values) + 1, dtype="float64" if values.dtype.kind == "f" else "int64")
    np.cumsum(values.view("int8") if values.dtype == bool else values, out=out[1:])
    return out


def _window_starts(times: np.ndarray, window: int) -> np.ndarray | int:
    """Index of the first sample inside the window (t - window, t] that ends at each sample.

    For a regular series this is simply "the last k samples": the number k is returned instead.
    """
    ns = times.view("int64")
    steps = np.diff(ns)
    if len(steps) and steps.min() == steps.max():
        return int(-(-window // int(steps[0])))
    return np.searchsorted(ns, ns - window, side="right")


def _window_totals(running: np.ndarray, start: np.ndarray | int) -> np.ndarray:
    """Total over each sample's window from a running total (see :func:`_running_total`)."""
    if isinstance(start, int):  # the last `start` samples: shifted slices, no indexing
        n = len(running) - 1
        k = min(start, n)
        out = np.empty(n, dtype=running.dtype)
        out[: k - 1] = running[1:k]
        np.subtract(running[k:], running[: n - k + 1], out=out[k - 1:])
        return out
    return running[1:] - running[start]


def _month_index(times: np.ndarray) -> np.ndarray:
    """0-based calendar month of each UTC time in Europe/Amsterdam.

    Looks each time up among the month starts in Amsterdam time (pandas handles daylight saving),
    which is much cheaper than converting every timestamp.
    """
    if not len(times):
        return np.array([], dtype="int64")
    first = pd.Timestamp(times[0], tz="UTC").tz_convert(_AMSTERDAM)
    last = pd.Timestamp(times[-1], tz="UTC").tz_convert(_AMSTERDAM)
    starts = pd.date_range(first.replace(day=1, hour=0, minute=0, second=0, microsecond=0, nanosecond=0),
                           last + pd.DateOffset(months=1), freq="MS", tz=_AMSTERDAM)
    position = np.searchsorted(utc_ns(starts).view("int64"), times.view("int64"), side="right") - 1
    return starts.month.to_numpy()[position] - 1


def _per_sample(value: ThresholdValue, months: Callable[[], np.ndarray], n: int) -> np.ndarray:
    """A threshold at every sample: month-dependent values looked up, a constant broadcast (no copy)."""
    if isinstance(value, MonthlyValue):
        return np.asarray(monthly(value))[months()]
    return np.broadcast_to(np.float64(value), (n,))


def _last_true(mask: np.ndarray) -> np.ndarray:
    """For each position, the index of the last True at or before it (-1: none yet)."""
    return np.maximum.accumulate(np.arange(1, len(mask) + 1) * mask) - 1


def _run_starts(mask: np.ndarray) -> np.ndarray:
    """Indices where a run of True values begins."""
    starts = np.flatnonzero(mask[1:] & ~mask[:-1]) + 1
    return np.concatenate(([0], starts)) if len(mask) and mask[0] else starts


def _hold(on: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Hysteresis: switch on where ``on``, off where ``off``, and otherwise keep the last switch (start off).

    ``on`` and ``off`` never hold at the same sample, so the state only changes where a run of
    either begins: the state is built from those few switches.
    """
    switch_on, switch_off = _run_starts(on), _run_starts(off)
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


def _entered(beyond: np.ndarray, normal: np.ndarray, times: np.ndarray, min_duration: int) -> np.ndarray:
    """Where the value has been at or beyond the enter value for ``min_duration`` (see module docstring)."""
    if min_duration <= 0:
        return beyond
    ns = times.view("int64")
    step = _typical_step(times)
    counted = np.minimum(np.diff(ns, prepend=ns[:1] - step), step)
    return beyond & (_time_beyond(beyond, normal, counted) >= min_duration)


def evaluate_indicator(indicator: Indicator, values: pd.Series | None,
                       smoothed: SmoothedSeries | None = None) -> IndicatorTimeline:
    """Evaluate one indicator over the whole input series (see the module docstring for the rules).

    ``smoothed`` may pass in the already smoothed series when indicators share one.
    """
    if smoothed is None:
        smoothed = SmoothedSeries.of(values, indicator.smoothing)
    times, x = smoothed.times, smoothed.values
    month_cache: list[np.ndarray] = []

    def months() -> np.ndarray:
        if not month_cache:
            month_cache.append(_month_index(times))
        return month_cache[0]

    min_duration = parse_duration(indicator.min_duration).value
    level = np.zeros(len(x), dtype="int8")
    enter_at, exit_at = {}, {}
    with np.errstate(invalid="ignore"):
        for threshold in sorted(indicator.thresholds, key=lambda t: t.phase):
            enter = _per_sample(threshold.enter, months, len(x))
            exit_ = _per_sample(threshold.exit if threshold.exit is not None else threshold.enter, months, len(x))
            if indicator.worse > 0:
                beyond, normal, left = x >= enter, x < enter, x < exit_
            else:
                beyond, normal, left = x <= enter, x > enter, x > exit_
            enter_at[threshold.phase], exit_at[threshold.phase] = enter, exit_
            if not beyond.any():  # the data never reach this boundary
                continue
            holds = _hold(_entered(beyond, normal, times, min_duration), left)
            level[holds] = threshold.phase
    return IndicatorTimeline(indicator, times, x, level, smoothed.last_usable, enter_at, exit_at,
                             parse_duration(indicator.max_age), smoothed.usable_times)


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


class SeriesCache:
    """Input arrays and smoothed series, shared by every indicator of one evaluation that reads them.

    Lobith, for example, is read by seven indicators in four lines, three of them with a 1-day mean:
    it is extracted once and smoothed once per window.
    """

    def __init__(self, inputs: Mapping[str, pd.Series]):
        self.inputs = inputs
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._smoothed: dict[tuple, SmoothedSeries] = {}

    def smoothed(self, series_id: str, smoothing: Smoothing | None) -> SmoothedSeries:
        key = (series_id, smoothing.window if smoothing else None, smoothing.statistic if smoothing else None)
        if key not in self._smoothed:
            if series_id not in self._arrays:
                self._arrays[series_id] = series_arrays(self.inputs.get(series_id))
            self._smoothed[key] = SmoothedSeries.of(None, smoothing, arrays=self._arrays[series_id])
        return self._smoothed[key]


def evaluate_line(line: ReasoningLine, inputs: Mapping[str, pd.Series], cache: SeriesCache | None = None) -> LineTimeline:
    """Evaluate one reasoning line on the input series (catalogue id -> usable values)."""
    cache = cache or SeriesCache(inputs)
    timelines = {ind.id: evaluate_indicator(ind, None, smoothed=cache.smoothed(ind.series, ind.smoothing))
                 for ind in line.indicators}
    return combine(line, timelines)


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

    Indicators that share a series and smoothing are evaluated independently but cheaply; a scenario
    is simply another ``inputs`` mapping given to this same function.
    """
    cache = SeriesCache(inputs)
    return Evaluation({ln.id: evaluate_line(ln, inputs, cache) for ln in line_set.lines}, line_set)
