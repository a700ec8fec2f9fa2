"""The common result of every series reader: a time series with its identity, unit and provenance.

Every reader (Waterinfo CSV, FEWS PI-XML / PI-JSON, plain CSV, tidy CSV/Parquet) returns
:class:`Series` objects, so the engine, the quality checks and the dashboard never need to know which
format a value came from. Times are tz-aware UTC; a missing value is NaN.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Provenance:
    """Where a series came from, so any value on screen can be traced back to a file."""

    file: str
    format: str
    location_code: str
    quantity: str
    source_unit: str
    source_name: str = ""
    first_line: int | None = None


@dataclass
class RejectedRow:
    """A row a reader could not use, with the line number in the file and the reason."""

    file: str
    line: int
    reason: str


@dataclass
class Series:
    """One time series in catalogue terms.

    Parameters
    ----------
    series_id
        Catalogue id (``LOBI.Q``) when the location and quantity are in the catalogue, otherwise the
        raw ``<location>.<quantity>`` key as found in the file.
    in_catalogue
        False for series the catalogue does not know: they are read and shown, but no line uses them.
    values
        float64 values on a sorted, unique, tz-aware UTC ``DatetimeIndex``; NaN means missing.
    unit
        The catalogue unit after conversion (or the source unit when not in the catalogue).
    quality
        Per-timestamp quality text from the source (Waterinfo ``KWALITEITSOORDEEL_CODE`` /
        ``STATUSWAARDE``, FEWS ``flag``), aligned with ``values``; None when the source gives none.
    suspect
        Boolean mask aligned with ``values``: True where the quality checks reject the value
        (outside the plausible range, implausible jump, bad source quality). Suspect values are shown
        but never evaluated.
    forecast_issued
        For forecasts (PI-XML ``forecastDate``): the time the forecast was made. None for observations.
    """

    series_id: str
    in_catalogue: bool
    values: pd.Series
    unit: str
    location: str
    provenance: Provenance
    quality: pd.Series | None = None
    suspect: pd.Series | None = None
    forecast_issued: pd.Timestamp | None = None
    synthetic: bool = False
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def is_forecast(self) -> bool:
        return self.forecast_issued is not None

    def evaluation_values(self) -> pd.Series:
        """The values the engine may use: suspect values become missing (a broken feed gives unknown)."""
        if self.suspect is None or not self.suspect.any():
            return self.values
        return self.values.mask(self.suspect.to_numpy())

    @property
    def last_value_at(self) -> pd.Timestamp | None:
        """Time of the last usable (non-missing, non-suspect) value: what staleness is measured from."""
        usable = self.evaluation_values().dropna()
        return usable.index[-1] if len(usable) else None


@dataclass
class ReadResult:
    """What one file gave: its series, the rows that were rejected and any file-level warnings."""

    file: str
    format: str
    series: list[Series]
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ReadError(Exception):
    """A file that cannot be read at all. The message names the file, the line (when known) and why."""

    def __init__(self, file: str, reason: str, line: int | None = None):
        self.file = file
        self.line = line
        self.reason = reason
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")
