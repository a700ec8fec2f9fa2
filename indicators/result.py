"""What the engine says: the situation per reasoning line at one moment, with its reasons.

These records are the one result that every view serialises: the CLI's JSON, the dashboard cards and
map, and later snapshots and the HTTP API. None of them computes a phase again.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

Status = Literal["ok", "partial", "unknown"]
IndicatorStatus = Literal["ok", "stale", "missing"]
# Line status by engine code: 0 ok (all inputs known), 1 partial (some unknown), 2 unknown (phase undecided).
STATUS_NAMES: tuple[Status, ...] = ("ok", "partial", "unknown")


def iso(ts: pd.Timestamp | None) -> str | None:
    """ISO-8601 with offset, in Europe/Amsterdam time (what a Dutch user reads), or None."""
    if ts is None or pd.isna(ts):
        return None
    return pd.Timestamp(ts).tz_convert("Europe/Amsterdam").isoformat()


@dataclass(frozen=True)
class IndicatorState:
    """One indicator of a line at the as-of time.

    ``phase`` is the highest phase whose boundary this indicator has crossed (with hysteresis and
    minimum duration applied); None when the indicator is unknown. ``status`` says why it is unknown:
    ``stale`` (last value older than ``max_age``) or ``missing`` (no value at all before this time).
    Margins are in the series unit and positive while the boundary is not reached:
    ``margin_next`` is how far the value still is from entering the next phase, ``margin_previous``
    how far it is from leaving the current one (exit value, hysteresis included).
    """

    id: str
    series: str
    description: str
    value: float | None
    unit: str
    value_at: pd.Timestamp | None
    phase: int | None
    status: IndicatorStatus
    direction: Literal["rising", "falling"]
    smoothing: str | None
    threshold: float | None = None
    next_phase: int | None = None
    next_threshold: float | None = None
    margin_next: float | None = None
    previous_threshold: float | None = None
    margin_previous: float | None = None
    source: str = ""
    synthetic: bool = False


@dataclass(frozen=True)
class Reason:
    """Why a line is where it is: one indicator's contribution, as data and as a sentence."""

    indicator: str
    series: str
    kind: Literal["drives", "supports", "unknown", "next"]
    value: float | None
    unit: str
    threshold: float | None
    phase: int | None
    margin_next: float | None
    margin_previous: float | None
    text: str


@dataclass(frozen=True)
class LineSituation:
    """A reasoning line at one moment: phase, national phase, status, since when, and why."""

    line: str
    region: str
    hazard: Literal["drought", "flood"]
    version: str
    title: str
    phase: int | None
    phase_key: str | None
    phase_name: dict[str, str] | None
    national_phase: int | None
    status: Status
    since: pd.Timestamp | None
    reasons: list[Reason]
    indicators: list[IndicatorState]
    next_phase: int | None = None
    next_phase_name: dict[str, str] | None = None
    last_known_phase: int | None = None
    last_known_at: pd.Timestamp | None = None


@dataclass(frozen=True)
class Affected:
    """Region ``region`` is affected because line ``line`` of region ``by`` is at ``from_phase`` or higher."""

    region: str
    by: str
    line: str
    link: str
    from_phase: int
    reason: str


@dataclass(frozen=True)
class Expected:
    """The highest phase a line is expected to reach before ``until`` according to a forecast.

    Kept apart from the observed phase: ``reached_at`` is when the forecast first reaches it,
    ``issued`` when the forecast was made, ``series`` which forecast series were used.
    """

    line: str
    phase: int | None
    phase_name: dict[str, str] | None
    national_phase: int | None
    reached_at: pd.Timestamp | None
    issued: pd.Timestamp
    until: pd.Timestamp
    series: list[str]


@dataclass(frozen=True)
class Situation:
    """All lines at one moment plus the affected neighbours: the dashboard's and the CLI's one truth."""

    as_of: pd.Timestamp
    lines: list[LineSituation]
    affected: list[Affected] = field(default_factory=list)
    expected: list[Expected] = field(default_factory=list)

    def line(self, line_id: str) -> LineSituation | None:
        return next((ls for ls in self.lines if ls.line == line_id), None)

    def for_region(self, region: str) -> list[LineSituation]:
        return [ls for ls in self.lines if ls.region == region]

    def affected_region(self, region: str) -> list[Affected]:
        return [a for a in self.affected if a.region == region]

    def affects(self, region: str) -> list[Affected]:
        return [a for a in self.affected if a.by == region]

    def expected_for(self, line_id: str) -> Expected | None:
        return next((e for e in self.expected if e.line == line_id), None)

    def to_dict(self) -> dict:
        """The JSON shape of ``python -m indicators situation``."""
        return {
            "as_of": iso(self.as_of),
            "lines": [_line_dict(ls) for ls in self.lines],
            "affected": [asdict(a) for a in self.affected],
            "expected": [{k: _clean(v) for k, v in asdict(e).items()} for e in self.expected],
        }


def _clean(value):
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return iso(value)
    return value


def _line_dict(ls: LineSituation) -> dict:
    return {
        "line": ls.line,
        "region": ls.region,
        "hazard": ls.hazard,
        "version": ls.version,
        "title": ls.title,
        "phase": ls.phase,
        "phase_key": ls.phase_key,
        "phase_name": ls.phase_name,
        "national_phase": ls.national_phase,
        "status": ls.status,
        "since": iso(ls.since),
        "next_phase": ls.next_phase,
        "last_known_phase": ls.last_known_phase,
        "last_known_at": iso(ls.last_known_at),
        "reasons": [{k: _clean(v) for k, v in asdict(r).items()} for r in ls.reasons],
        "indicators": [{k: _clean(v) for k, v in asdict(i).items()} for i in ls.indicators],
    }
