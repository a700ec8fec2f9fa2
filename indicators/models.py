"""Typed models of a reasoning line (*redeneerlijn*), the regions, and the line set.

A reasoning line is an ordered ladder of phases; indicators (a catalogue series, smoothed, compared
with per-phase enter/exit values) decide which phase applies; each phase has a combination rule,
measures and information needs; impact rules say which neighbouring regions are affected.
The YAML format is documented in ``redeneerlijnen/README.md``; ``python -m indicators schema`` exports
the JSON Schema of these models for editors.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MONTHS = tuple(range(1, 13))
_DURATION = re.compile(r"^\d+(\.\d+)?\s*(min|h|D|W)$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


@functools.lru_cache(maxsize=256)
def parse_duration(text: str) -> pd.Timedelta:
    """``30min``, ``6h``, ``3D``, ``1W`` -> Timedelta (the only units a reasoning line needs).

    Cached: a line set holds a handful of distinct durations, read at every evaluation.
    """
    return pd.Timedelta(text)


def _check_duration(value: str) -> str:
    if not _DURATION.match(str(value).strip()):
        raise ValueError("expected a duration like '30min', '6h', '3D' or '1W'")
    return str(value).strip()


Duration = Annotated[str, Field(description="duration: a number and min, h, D or W, e.g. '3D'")]


class Names(Strict):
    nl: str
    en: str


class MonthlyValue(Strict):
    """A threshold that depends on the calendar month (Europe/Amsterdam): all twelve months given."""

    by_month: dict[int, float] = Field(description="month number 1-12 -> value")

    @field_validator("by_month")
    @classmethod
    def _all_months(cls, value: dict[int, float]) -> dict[int, float]:
        missing = [m for m in MONTHS if m not in value]
        extra = [m for m in value if m not in MONTHS]
        if missing or extra:
            raise ValueError(f"by_month needs exactly the months 1-12 (missing {missing}, unknown {extra})")
        return value


ThresholdValue = float | MonthlyValue


def monthly(value: ThresholdValue | None) -> tuple[float, ...] | None:
    """A threshold as twelve values, January first (a constant repeats)."""
    if value is None:
        return None
    if isinstance(value, MonthlyValue):
        return tuple(float(value.by_month[m]) for m in MONTHS)
    return (float(value),) * 12


class Threshold(Strict):
    """The boundary into one phase: enter value, optional exit value (hysteresis), and where it comes from."""

    phase: int = Field(ge=1, description="the phase this boundary leads into")
    enter: ThresholdValue
    exit: ThresholdValue | None = Field(default=None, description="leave only when back beyond this value")
    source: str | None = Field(default=None, description="public reference, or 'illustrative'; default: the indicator's")
    illustrative_months: list[int] = Field(default=[], description="months whose value is not public")

    def enter_by_month(self) -> tuple[float, ...]:
        return monthly(self.enter)

    def exit_by_month(self) -> tuple[float, ...]:
        """The exit values; without hysteresis the exit equals the enter value."""
        return monthly(self.exit) or self.enter_by_month()


class Smoothing(Strict):
    window: Duration
    statistic: Literal["mean", "median", "min", "max"] = "mean"

    _w = field_validator("window")(_check_duration)


class Indicator(Strict):
    """One measurable criterion: a catalogue series, how to read it, and its per-phase boundaries."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    series: str = Field(description="catalogue id, e.g. LOBI.Q")
    description: str
    direction: Literal["rising", "falling"] = Field(description="rising: higher is worse (chloride, flood level); falling: lower is worse (discharge in drought)")
    smoothing: Smoothing | None = None
    min_duration: Duration = "0D"
    max_age: Duration
    source: str = Field(description="public reference, or 'illustrative'")
    thresholds: list[Threshold] = Field(min_length=1)

    _d = field_validator("min_duration", "max_age")(_check_duration)

    @property
    def worse(self) -> int:
        """+1 when higher values are worse, -1 when lower values are worse."""
        return 1 if self.direction == "rising" else -1

    def threshold_for(self, phase: int) -> Threshold | None:
        return next((t for t in self.thresholds if t.phase == phase), None)

    def is_illustrative(self, threshold: Threshold, month: int | None = None) -> bool:
        source = threshold.source or self.source
        return source.strip().lower() == "illustrative" or (month is not None and month in threshold.illustrative_months)


class Measure(Strict):
    text: str
    who: str
    category: int | None = Field(default=None, ge=1, le=4, description="verdringingsreeks category 1-4")


class KOfN(Strict):
    k_of_n: int = Field(ge=1)


Rule = Literal["any", "all"] | KOfN


class Phase(Strict):
    level: int = Field(ge=0)
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: Names
    national_phase: int = Field(ge=0, le=3)
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    description: str = ""
    rule: Rule = "any"
    requires_previous: bool = False
    measures: list[Measure] = []
    information_needs: list[str] = []

    def rule_text(self) -> str:
        return f"{self.rule.k_of_n} of n" if isinstance(self.rule, KOfN) else self.rule


class ImpactRule(Strict):
    """When this line is at ``from_phase`` or higher, region ``to`` is affected through ``link``."""

    to: str
    from_phase: int = Field(ge=1)
    link: str
    text: str


class ReasoningLine(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    region: str
    hazard: Literal["drought", "flood"]
    title: str
    version: str
    status: Literal["concept", "vastgesteld"]
    owner: str
    adopted: dt.date | None = None
    valid_from: dt.date
    description: str = ""
    phases: list[Phase] = Field(min_length=2)
    indicators: list[Indicator] = Field(min_length=1)
    impacts: list[ImpactRule] = []

    @model_validator(mode="after")
    def _adopted_needs_date(self) -> "ReasoningLine":
        if self.status == "vastgesteld" and self.adopted is None:
            raise ValueError("an adopted (vastgesteld) line needs an 'adopted' date")
        return self

    def phase(self, level: int | None) -> Phase | None:
        return next((p for p in self.phases if p.level == level), None)

    @property
    def top_level(self) -> int:
        return max(p.level for p in self.phases)

    def participants(self, level: int) -> list[Indicator]:
        """The indicators that have a boundary into ``level``: the n of its rule."""
        return [i for i in self.indicators if i.threshold_for(level) is not None]


class Point(Strict):
    lat: float = Field(ge=50.0, le=54.0)
    lon: float = Field(ge=3.0, le=7.5)


class Region(Strict):
    code: str = Field(pattern=r"^[A-Z]+$")
    name: str
    name_en: str
    point: Point
    participants: list[str]
    description: str = ""
    description_en: str = ""

    def describe(self, lang: str) -> str:
        """The description in ``lang`` (nl or en), falling back to the Dutch text."""
        return (self.description_en if lang == "en" else "") or self.description


class Link(Strict):
    id: str
    from_: str = Field(alias="from")
    to: str
    description: str
    description_en: str = ""

    def describe(self, lang: str) -> str:
        """The description in ``lang`` (nl or en), falling back to the Dutch text."""
        return (self.description_en if lang == "en" else "") or self.description


class RegionSet(Strict):
    version: int = 1
    regions: list[Region]
    links: list[Link] = []

    def codes(self) -> list[str]:
        return [r.code for r in self.regions]

    def get(self, code: str) -> Region | None:
        return next((r for r in self.regions if r.code == code), None)

    def link(self, link_id: str) -> Link | None:
        return next((link for link in self.links if link.id == link_id), None)
