"""The situation at one moment: read from the evaluated timelines, with reasons and affected neighbours.

Nothing here decides a phase: :mod:`indicators.engine` did that for the whole period. This module
looks up the moment asked for, explains it (which indicator drives it, its value against the
boundary, the margins to the next and previous boundary, what is unknown) and applies the impact
rules to list the neighbouring regions that are affected, separately from their own phases.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.engine import Evaluation, IndicatorTimeline, LineTimeline
from indicators.models import ReasoningLine, parse_duration
from indicators.result import STATUS_NAMES, Affected, IndicatorState, LineSituation, Reason, Situation


def as_utc(at) -> pd.Timestamp:
    """Accept a time string or Timestamp; naive times are read as Europe/Amsterdam (what users type).

    A bare date (``2018-08-15``) means midday of that day in Amsterdam: daily values are stamped at
    the start of their MET day, which in summer is 01:00 Amsterdam time, so midnight would still
    show the day before.
    """
    if isinstance(at, str) and len(at.strip()) == 10:
        at = f"{at.strip()}T12:00"
    ts = pd.Timestamp(at)
    if ts.tzinfo is None:
        ts = ts.tz_localize("Europe/Amsterdam", ambiguous=True, nonexistent="shift_forward")
    return ts.tz_convert("UTC")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.{0 if abs(value) >= 100 else 2}f} {unit}"


def indicator_state(tl: IndicatorTimeline, at: pd.Timestamp, unit: str, synthetic: bool) -> IndicatorState:
    """One indicator at ``at``: value, level, status and the boundaries around it."""
    ind = tl.indicator
    at64 = np.array([np.datetime64(at.tz_localize(None), "ns")])
    pos, known = tl.usable_at(at64)
    pos, known = int(pos[0]), bool(known[0])
    common = dict(id=ind.id, series=ind.series, description=ind.description, unit=unit, direction=ind.direction,
                  smoothing=f"{ind.smoothing.statistic} {ind.smoothing.window}" if ind.smoothing else None,
                  source=ind.source, synthetic=synthetic)
    if pos < 0:
        return IndicatorState(value=None, value_at=None, phase=None, status="missing", **common)
    value = float(tl.values[pos])
    value_at = pd.Timestamp(tl.times[pos], tz="UTC")
    level = int(tl.level[pos])
    next_phase = min((p for p in tl.enter if p > level), default=None)
    next_threshold = float(tl.enter[next_phase][pos]) if next_phase is not None else None
    threshold = float(tl.enter[level][pos]) if level in tl.enter else None
    previous_threshold = float(tl.exit[level][pos]) if level in tl.exit else None
    worse = ind.worse
    return IndicatorState(
        value=value,
        value_at=value_at,
        phase=level if known else None,
        status="ok" if known else "stale",
        threshold=threshold,
        next_phase=next_phase,
        next_threshold=next_threshold,
        margin_next=(next_threshold - value) * worse if next_threshold is not None else None,
        previous_threshold=previous_threshold,
        margin_previous=(value - previous_threshold) * worse if previous_threshold is not None else None,
        **common,
    )


def _reason(state: IndicatorState, kind: str, line: ReasoningLine) -> Reason:
    if kind == "unknown":
        when = f" (last value {state.value_at:%Y-%m-%d %H:%M} UTC)" if state.value_at is not None else ""
        text = f"{state.id}: no usable value{when}; treated as unknown, not as normal"
    elif kind == "next":
        name = line.phase(state.next_phase).name.en if state.next_phase is not None else ""
        text = (f"{state.id}: {_fmt(state.value, state.unit)}; enters phase {state.next_phase} ({name}) at "
                f"{_fmt(state.next_threshold, state.unit)}, margin {_fmt(state.margin_next, state.unit)}")
    else:
        word = "≥" if state.direction == "rising" else "≤"
        leave = "below" if state.direction == "rising" else "above"
        beyond = (state.value - state.threshold) * (1 if state.direction == "rising" else -1) >= 0
        held = "" if beyond else f" earlier and holds (hysteresis)"
        text = (f"{state.id}: {_fmt(state.value, state.unit)}; entered phase {state.phase} at {word} "
                f"{_fmt(state.threshold, state.unit)}{held}; leaves it {leave} {_fmt(state.previous_threshold, state.unit)}")
    return Reason(state.id, state.series, kind, state.value, state.unit, state.threshold if kind != "next" else state.next_threshold,
                  state.phase, state.margin_next, state.margin_previous, text)


def _reasons(states: list[IndicatorState], phase: int | None, line: ReasoningLine) -> list[Reason]:
    """Drivers first (indicators at the line's phase), then supporters, then unknowns, then the closest next step."""
    reasons = []
    if phase:
        reasons += [_reason(s, "drives", line) for s in states if s.phase is not None and s.phase >= phase]
        reasons += [_reason(s, "supports", line) for s in states if s.phase is not None and 0 < s.phase < phase]
    reasons += [_reason(s, "unknown", line) for s in states if s.phase is None]
    candidates = [s for s in states if s.phase is not None and s.margin_next is not None]
    if candidates:
        closest = min(candidates, key=lambda s: s.margin_next / max(abs(s.next_threshold or 1.0), 1e-9))
        reasons.append(_reason(closest, "next", line))
    return reasons


def line_situation(tl: LineTimeline, at: pd.Timestamp, catalogue) -> LineSituation:
    """The situation of one line at ``at``."""
    line = tl.line
    index = tl.index_at(at)
    states = []
    for ind in line.indicators:
        entry = catalogue.get(ind.series) if catalogue is not None else None
        states.append(indicator_state(tl.indicators[ind.id], at, entry.unit if entry else "", bool(entry and entry.synthetic)))
    if index < 0:
        phase, status = None, "unknown"
    else:
        phase = int(tl.phase[index]) if tl.phase[index] >= 0 else None
        status = STATUS_NAMES[int(tl.status[index])]
    # Evidence may end before `at` without a grid point in between: staleness is judged at `at` itself.
    if phase is not None and any(s.phase is None for s in states) and status == "ok":
        status = "partial"
    current = line.phase(phase)
    next_phase = line.phase(phase + 1) if phase is not None else None
    last_phase, last_at = tl.last_known(index)
    return LineSituation(
        line=line.id, region=line.region, hazard=line.hazard, version=line.version, title=line.title,
        phase=phase, phase_key=current.key if current else None,
        phase_name=current.name.model_dump() if current else None,
        national_phase=current.national_phase if current else None,
        status=status, since=tl.since(index), reasons=_reasons(states, phase, line), indicators=states,
        next_phase=next_phase.level if next_phase else None,
        next_phase_name=next_phase.name.model_dump() if next_phase else None,
        last_known_phase=last_phase if phase is None else None,
        last_known_at=last_at if phase is None else None,
    )


def affected_regions(lines: list[LineSituation], line_set) -> list[Affected]:
    """Apply every impact rule whose line is at or above its ``from_phase`` (unknown phases affect no one)."""
    affected = []
    for ls in lines:
        line = line_set.line(ls.line)
        if ls.phase is None or line is None:
            continue
        for rule in line.impacts:
            if ls.phase >= rule.from_phase:
                affected.append(Affected(rule.to, line.region, line.id, rule.link, rule.from_phase, rule.text))
    return affected


def situation_at(evaluation: Evaluation, at, expected: list | None = None) -> Situation:
    """The situation of every line at ``at`` (naive times are Europe/Amsterdam), with affected neighbours.

    ``expected`` carries the forecast-based expected phases (:func:`indicators.forecast.expected_phases`),
    shown next to, never mixed into, the observed phase.
    """
    at = as_utc(at)
    catalogue = getattr(evaluation.line_set, "catalogue", None)
    lines = [line_situation(tl, at, catalogue) for tl in evaluation.lines.values()]
    return Situation(as_of=at, lines=lines, affected=affected_regions(lines, evaluation.line_set), expected=expected or [])


def timeline_table(evaluation: Evaluation, start, end, step: str = "1D") -> pd.DataFrame:
    """The phase of every line on a regular grid: columns time, line, region, phase, national_phase, status."""
    grid = pd.date_range(as_utc(start), as_utc(end), freq=parse_duration(step))
    grid64 = grid.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    frames = []
    for tl in evaluation.lines.values():
        index = np.searchsorted(tl.times, grid64, side="right") - 1
        national = {p.level: p.national_phase for p in tl.line.phases}
        phase = np.where(index >= 0, tl.phase[np.maximum(index, 0)] if len(tl.phase) else -1, -1)
        status = np.where(index >= 0, tl.status[np.maximum(index, 0)] if len(tl.status) else 2, 2)
        phase_col = pd.array([int(p) if p >= 0 else pd.NA for p in phase], dtype="Int64")
        frames.append(pd.DataFrame({
            "time": grid.tz_convert("Europe/Amsterdam").map(lambda t: t.isoformat()),
            "line": tl.line.id,
            "region": tl.line.region,
            "phase": phase_col,
            "national_phase": pd.array([national[int(p)] if p >= 0 else pd.NA for p in phase], dtype="Int64"),
            "status": [STATUS_NAMES[int(s)] for s in status],
        }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["time", "line", "region", "phase", "national_phase", "status"])


__all__ = ["situation_at", "timeline_table", "as_utc"]
