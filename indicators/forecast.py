"""The expected phase: the same engine run on observations continued by a forecast, kept apart.

Forecasts (PI-XML ``forecastDate``) are never mixed into the observed phase. For each line that
reads a forecast series, the observations up to the forecast's issue time are continued with the
forecast, evaluated by the same engine, and the highest phase within the forecast horizon is
reported as the *expected* phase (the LCO issues a colour 48 to 12 hours before a criterion is
expected to be crossed). A forecast issued after the as-of time is not used: a replay never looks
ahead.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from indicators.engine import evaluate_line
from indicators.result import Expected
from indicators.series import Series
from indicators.situation import as_utc


def continued(observed: pd.Series | None, forecast: Series) -> pd.Series:
    """Observed values up to the issue time, then the forecast values after it."""
    ahead = forecast.evaluation_values()
    ahead = ahead[ahead.index > forecast.forecast_issued]
    if observed is None or observed.empty:
        return ahead
    return pd.concat([observed[observed.index <= forecast.forecast_issued], ahead])


def usable_forecasts(forecasts: Mapping[str, Series], at: pd.Timestamp) -> dict[str, Series]:
    """Forecasts already issued at ``at`` that still reach beyond it."""
    return {sid: fc for sid, fc in forecasts.items()
            if fc.forecast_issued is not None and fc.forecast_issued <= at and len(fc.values) and fc.values.index[-1] > at}


def expected_phases(line_set, observations: Mapping[str, pd.Series], forecasts: Mapping[str, Series], at) -> list[Expected]:
    """The expected phase of every line that has a usable forecast for one of its series."""
    at = as_utc(at)
    usable = usable_forecasts(forecasts, at)
    if not usable:
        return []
    inputs = {sid: values[values.index <= at] for sid, values in observations.items()}  # no look-ahead
    inputs.update({sid: continued(observations.get(sid), fc) for sid, fc in usable.items()})
    expected = []
    for line in line_set.lines:
        used = [sid for sid in dict.fromkeys(i.series for i in line.indicators) if sid in usable]
        if used:
            until = min(usable[sid].values.index[-1] for sid in used)
            issued = max(usable[sid].forecast_issued for sid in used)
            expected.append(_expected(line, evaluate_line(line, inputs), at, until, issued, used))
    return expected


def _expected(line, timeline, at: pd.Timestamp, until: pd.Timestamp, issued: pd.Timestamp, used: list[str]) -> Expected:
    first, last = max(timeline.index_at(at), 0), timeline.index_at(until)
    phases = timeline.phase[first:last + 1]
    known = phases[phases >= 0]
    if not len(known):
        return Expected(line.id, None, None, None, None, issued, until, used)
    top = int(known.max())
    reached = pd.Timestamp(timeline.times[first + int(np.flatnonzero(phases == top)[0])], tz="UTC")
    phase = line.phase(top)
    return Expected(line.id, top, phase.name.model_dump(), phase.national_phase, max(reached, at), issued, until, used)
