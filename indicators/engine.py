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
from typing import Mapping

import numpy as np
import pandas as pd

from indicators.models import Indicator, ReasoningLine, parse_duration
from indicators.result import STATUS_NAMES

TRUE, FALSE, UNDECIDED = 1, 0, -1
UNKNOWN_LEVEL = -1
_AMSTERDAM = "Europe/Amsterdam"
_STALE_EPSILON = pd.Timedelta(seconds=1)


# --------------------------------------------------------------------------------------------------
# One indicator
# --------------------------------------------------------------------------------------------------


@dataclass
class IndicatorTimeline:
    """An indicator evaluated over the whole period, on the times of its (smoothed) usable values.

    ``times`` are the UTC times of usable smoothed values, ``values`` those values, ``level`` the
    phase the indicator holds at each of them (0 = normal), and ``enter`` / ``exit`` the boundary
    values in force at each time per phase (month-dependent values already resolved).
    """

    indicator: Indicator
    times: np.ndarray  # datetime64[ns], UTC, ascending
    values: np.ndarray  # float64
    level: np.ndarray  # int8
    enter: dict[int, np.ndarray]
    exit: dict[int, np.ndarray]
    max_age: pd.Timedelta

    def position_at(self, at: np.ndarray) -> np.ndarray:
        """Index of the last usable value at or before each time in ``at``, -1 where there is none."""
        return np.searchsorted(self.times, at, side="right") - 1

    def known_at(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions and a mask saying where the indicator has a value no older than ``max_age``."""
        pos = self.position_at(at)
        safe = np.maximum(pos, 0)
        age = at - self.times[safe] if len(self.times) else np.full(len(at), np.timedelta64(0, "ns"))
        known = (pos >= 0) & (age <= self.max_age.to_timedelta64())
        return pos, known

    def stale_from(self) -> np.ndarray:
        """Times at which the indicator turns stale because no newer value arrived in time."""
        if not len(self.times):
            return self.times
        limit = self.times + (self.max_age + _STALE_EPSILON).to_timedelta64()
        following = np.append(self.times[1:], np.datetime64("NaT"))
        turns_stale = np.isnat(following) | (following > limit)
        return limit[turns_stale]


def utc_ns(index: pd.DatetimeIndex) -> np.ndarray:
    """A tz-aware index as naive UTC ``datetime64[ns]`` (whatever resolution pandas parsed it in)."""
    return index.tz_convert("UTC").tz_localize(None).as_unit("ns").to_numpy()


def _typical_step(times: np.ndarray) -> np.timedelta64:
    """The usual time between samples (median), the unit in which duration is counted."""
    if len(times) < 2:
        return np.timedelta64(1, "D").astype("timedelta64[ns]")
    return np.median(np.diff(times)).astype("timedelta64[ns]")


def smooth(values: pd.Series, indicator: Indicator) -> pd.Series:
    """The indicator's statistic over its time window (right-closed: the window ends at the sample).

    Windows with fewer than half the samples they should hold give no value.
    """
    usable = values.dropna()
    if indicator.smoothing is None or usable.empty:
        return usable
    window = parse_duration(indicator.smoothing.window)
    times = utc_ns(usable.index).astype("int64")
    start = np.searchsorted(times, times - window.value, side="right")
    count = np.arange(1, len(times) + 1) - start
    step = _typical_step(utc_ns(usable.index)).astype("int64")
    expected = max(window.value / max(step, 1), 1.0)
    if indicator.smoothing.statistic == "mean":
        csum = np.concatenate(([0.0], np.cumsum(usable.to_numpy(dtype="float64"))))
        stat = (csum[np.arange(1, len(times) + 1)] - csum[start]) / count
    else:
        rolled = usable.rolling(window, closed="right")
        stat = getattr(rolled, indicator.smoothing.statistic)().to_numpy()
    stat = np.where(count >= 0.5 * expected, stat, np.nan)
    return pd.Series(stat, index=usable.index).dropna()


def _month_index(times: pd.DatetimeIndex) -> np.ndarray:
    """0-based calendar month of each time in Europe/Amsterdam."""
    return times.tz_convert(_AMSTERDAM).month.to_numpy() - 1


def _hold(on: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Hysteresis: switch on where ``on``, off where ``off``, and otherwise keep the last switch (start off)."""
    events = on | off
    last_event = np.maximum.accumulate(np.where(events, np.arange(len(on)), -1))
    return np.where(last_event >= 0, on[np.maximum(last_event, 0)], False)


def _time_beyond(beyond: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Time spent at or beyond the enter value since the last usable sample on the normal side."""
    total = np.cumsum(np.where(beyond, counted, 0))
    at_reset = np.maximum.accumulate(np.where(beyond, 0, total))
    return total - at_reset


def evaluate_indicator(indicator: Indicator, values: pd.Series | None) -> IndicatorTimeline:
    """Evaluate one indicator over the whole input series (see the module docstring for the rules)."""
    smoothed = smooth(values, indicator) if values is not None else pd.Series(dtype="float64")
    times = utc_ns(smoothed.index) if len(smoothed) else np.array([], dtype="datetime64[ns]")
    x = smoothed.to_numpy(dtype="float64")
    months = _month_index(smoothed.index) if len(smoothed) else np.array([], dtype=int)
    worse = indicator.worse
    step = _typical_step(times).astype("int64")
    since_previous = np.diff(times.astype("int64"), prepend=times.astype("int64")[:1] - step) if len(times) else np.array([], dtype="int64")
    counted = np.minimum(since_previous, step)
    min_duration = parse_duration(indicator.min_duration).value

    level = np.zeros(len(x), dtype="int8")
    enter_at, exit_at = {}, {}
    for threshold in sorted(indicator.thresholds, key=lambda t: t.phase):
        enter = np.asarray(threshold.enter_by_month())[months]
        exit_ = np.asarray(threshold.exit_by_month())[months]
        beyond = (x - enter) * worse >= 0
        entered = beyond & (_time_beyond(beyond, counted) >= min_duration)
        left = (x - exit_) * worse < 0
        holds = _hold(entered, left)
        level = np.where(holds, np.int8(threshold.phase), level)
        enter_at[threshold.phase], exit_at[threshold.phase] = enter, exit_
    return IndicatorTimeline(indicator, times, x, level, enter_at, exit_at, parse_duration(indicator.max_age))


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
    """Every time at which some indicator's value or freshness changes."""
    parts = [t.times for t in indicators] + [t.stale_from() for t in indicators]
    parts = [p for p in parts if len(p)]
    if not parts:
        return np.array([], dtype="datetime64[ns]")
    if len(parts) == 2 and len(parts[1]) == 0:
        return parts[0]
    return np.unique(np.concatenate(parts))


def combine(line: ReasoningLine, timelines: dict[str, IndicatorTimeline]) -> LineTimeline:
    """Combine the indicator timelines of a line into its phase and status timeline."""
    times = _grid(list(timelines.values()))
    levels: dict[str, np.ndarray] = {}
    for ind_id, tl in timelines.items():
        pos, known = tl.known_at(times)
        levels[ind_id] = np.where(known, tl.level[np.maximum(pos, 0)] if len(tl.level) else 0, UNKNOWN_LEVEL).astype("int8")

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


def evaluate_line(line: ReasoningLine, inputs: Mapping[str, pd.Series]) -> LineTimeline:
    """Evaluate one reasoning line on the input series (catalogue id -> usable values)."""
    timelines = {ind.id: evaluate_indicator(ind, inputs.get(ind.series)) for ind in line.indicators}
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
    return Evaluation({ln.id: evaluate_line(ln, inputs) for ln in line_set.lines}, line_set)
