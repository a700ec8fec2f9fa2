"""The phase timeline of a region: one coloured strip per reasoning line, and the list of phase changes.

Both read :meth:`indicators.engine.LineTimeline.frame` (phase, national phase and status at every time
something changed); nothing is recomputed. Unknown stretches are grey and hatched, like on the map.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.figures.indicator import local_naive
from dashboard.figures.plain import Figure, bar, figure
from dashboard.i18n import hazard_word, local_time, national_word, t
from dashboard.phases import UNKNOWN_PATTERN, colour
from indicators.engine import LineTimeline


@dataclass(frozen=True)
class Segment:
    """A stretch of time in one phase (``phase`` None = unknown)."""

    start: pd.Timestamp
    end: pd.Timestamp
    phase: int | None
    national_phase: int | None


@dataclass(frozen=True)
class PhaseChange:
    """The line moved from one phase to another at ``time`` (None = unknown)."""

    time: pd.Timestamp
    line: str
    before: int | None
    after: int | None


def _window_frame(timeline: LineTimeline, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """The timeline rows inside ``[start, end]`` plus the row in force at ``start`` (moved to ``start``)."""
    frame = timeline.frame()
    if frame.empty:
        return frame
    before = frame.loc[frame.index <= start]
    inside = frame.loc[(frame.index > start) & (frame.index <= end)]
    if len(before):
        first = before.iloc[[-1]].copy()
        first.index = pd.DatetimeIndex([start], name=frame.index.name)
        inside = pd.concat([first, inside])
    return inside


def _value(v) -> int | None:
    return None if pd.isna(v) else int(v)


def phase_segments(timeline: LineTimeline, start: pd.Timestamp, end: pd.Timestamp) -> list[Segment]:
    """Runs of the same phase within ``[start, end]``; before the first evidence nothing is drawn."""
    frame = _window_frame(timeline, start, end)
    segments: list[Segment] = []
    for time, row in frame.iterrows():
        phase, national = _value(row["phase"]), _value(row["national_phase"])
        if segments and segments[-1].phase == phase:
            continue
        if segments:
            segments[-1] = Segment(segments[-1].start, time, segments[-1].phase, segments[-1].national_phase)
        segments.append(Segment(time, end, phase, national))
    return segments


def phase_changes(timeline: LineTimeline, start: pd.Timestamp, end: pd.Timestamp) -> list[PhaseChange]:
    """Every change of phase strictly after ``start`` and up to ``end`` (to and from unknown included)."""
    frame = _window_frame(timeline, start, end)
    changes = []
    previous = None
    for i, (time, row) in enumerate(frame.iterrows()):
        phase = _value(row["phase"])
        if i > 0 and phase != previous:
            changes.append(PhaseChange(time, timeline.line.id, previous, phase))
        previous = phase
    return changes


def _row_label(timeline: LineTimeline, lang: str) -> str:
    return f"{hazard_word(timeline.line.hazard, lang)}"


def phase_timeline_figure(timelines: list[LineTimeline], start: pd.Timestamp, end: pd.Timestamp,
                          as_of: pd.Timestamp, lang: str = "nl") -> Figure:
    """Coloured strips (one per line) over ``[start, end]`` with a marker at the as-of time.

    Bars are named ``strip:<line id>``; each bar's colour is the national colour of its phase, unknown
    stretches are grey with a hatch and the text ``?``.
    """
    traces = []
    for timeline in timelines:
        segments = phase_segments(timeline, start, end)
        if not segments:
            continue
        line = timeline.line
        bases = local_naive(pd.DatetimeIndex([s.start for s in segments]))
        widths = [(s.end - s.start).total_seconds() * 1000 for s in segments]
        hovers = []
        for s in segments:
            phase = line.phase(s.phase)
            name = f"{t('phase_n', lang, n=s.phase)} {national_word(s.national_phase, lang)} · {getattr(phase.name, lang)}" if phase else t("unknown", lang)
            hovers.append(f"{name}<br>{local_time(s.start, lang)} – {local_time(s.end, lang)}")
        traces.append(bar(
            y=[_row_label(timeline, lang)] * len(segments), x=widths, base=bases, orientation="h",
            marker=dict(color=[colour(s.national_phase) if s.phase is not None else "#d6d6d6" for s in segments],
                        pattern=dict(shape=[UNKNOWN_PATTERN if s.phase is None else "" for s in segments],
                                     fgcolor="#5f5f5f", size=8, solidity=0.25),
                        line=dict(color="#ffffff", width=1)),
            text=[str(s.phase) if s.phase is not None else "?" for s in segments], textposition="inside",
            insidetextanchor="middle", textfont=dict(color="#1a1a1a", size=12),
            hovertext=hovers, hoverinfo="text", name=f"strip:{line.id}", showlegend=False,
        ))
    local_as_of = local_naive(pd.DatetimeIndex([as_of]))[0]
    return figure(traces, dict(
        barmode="overlay", height=70 + 42 * max(len(traces), 1), margin=dict(l=90, r=20, t=10, b=30),
        xaxis=dict(type="date", range=[local_naive(pd.DatetimeIndex([start]))[0], local_naive(pd.DatetimeIndex([end]))[0]],
                   showgrid=True, gridcolor="#eeeeee"),
        yaxis=dict(autorange="reversed", fixedrange=True),
        shapes=[dict(type="line", x0=local_as_of, x1=local_as_of, y0=0, y1=1, yref="paper",
                     line=dict(color="#1a1a1a", width=1.6, dash="dot"))],
        uniformtext=dict(mode="hide", minsize=9), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        bargap=0.25,
    ))
