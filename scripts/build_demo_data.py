#!/usr/bin/env python3
"""Build the embedded demo data set in ``data/demo/`` from the real Rijkswaterstaat series.

The dashboard starts on this data set on a fresh checkout (where ``../shared`` does not exist), so it
has to live in the repository, stay compact and say plainly what is real and what is synthetic.

Real series (Rijkswaterstaat open data, CC0), trimmed to the events the demo must show (January 1995
and January 2018 Rhine high water, July 2021 Meuse flood, 2018 and 2022 droughts) and otherwise kept
raw: spikes, gaps and odd values stay in, because the quality checks downstream must find them.

==================  ===========================================  ===========================
catalogue id        source column                                period
==================  ===========================================  ===========================
LOBI.Q              Q_Lobith_1901-2022.csv ``Q``                 1994-10-01 .. 2022-12-31
SINT.Q              Q_StPieter_1991-2024.csv ``Q``               1994-10-01 .. 2024-12-31
KRY40.CONCTTE       rmm_daily_2011-2020.csv ``ClKr400Mean``      2011-01-01 .. 2020-12-31
LEK70.CONCTTE       rmm_daily_2011-2020.csv ``ClLkh700Mean``     2011 .. 2020
HOEKVHLD.WATHTE     rmm_daily_2011-2020.csv ``HHvhMax`` cm -> m  2011 .. 2020
DORDT.WATHTE        rmm_daily_2011-2020.csv ``HDrdMax`` cm -> m  2011 .. 2020
KRIMPADIJSL.WATHTE  rmm_daily_2011-2020.csv ``HKrMax`` cm -> m   2011 .. 2020
HAGS.Q              rmm_daily_2011-2020.csv ``QHagMean``         2011 .. 2020
TIEL.Q              rmm_daily_2011-2020.csv ``QTielMean``        2011 .. 2020
==================  ===========================================  ===========================

The ``ClKr550*`` columns are NOT used: in the source they are copies of ``ClKr400*``.

Synthetic series (for what no public file in the project gives) are derived from the real ones with
the formulas in the ``synth_*`` functions below and a fixed seed; the catalogue marks them
``kind: synthetic``. Each spans the period of the real series it is derived from (computed with a
warm-up year of earlier real data, then trimmed, so their memory does not start empty). Notation:
``L`` Lobith, ``S`` Sint Pieter (m3/s), ``EWM_h(x)`` exponentially weighted mean with half-life ``h``
days (a memory of the last weeks, so a single-day wiggle barely moves the result), ``AR(s)`` a seeded
AR(1) noise with lag-one correlation 0.7 and standard deviation ``s``, ``season(d)`` = cos(2 pi (doy - d)/365.25)
(1 on day-of-year ``d``, -1 half a year later).

Time convention: every source value is the mean (or maximum) of a MET calendar day (UTC+1 all year, no
daylight saving); it is written stamped at the start of that day in MET with an explicit offset, e.g.
``2018-08-15T00:00:00+01:00`` (= 2018-08-14 23:00 UTC).

Output: one tidy CSV per series, ``data/demo/<id>.csv`` with header ``series,time,value``; a missing
value is an empty field. Also ``data/demo/README.md`` and one synthetic Delft-FEWS PI-XML forecast in
``data/demo/forecast/``.

Usage::

    python scripts/build_demo_data.py [--rws ../shared/data/rws] [--out data/demo]

Relative paths are taken relative to the repository root. Only numpy and pandas are needed; the output
is byte-for-byte reproducible.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RWS = Path("../shared/data/rws")
DEFAULT_OUT = Path("data/demo")

SEED = 20180810  # the date of the demo forecast; any fixed number would do

# Trimmed periods (inclusive). Lobith and Sint Pieter: from the hydrological year before the
# January 1995 high water to the end of their files; the rmm file: all of it.
LOBITH_PERIOD = ("1994-10-01", "2022-12-31")
STPIETER_PERIOD = ("1994-10-01", "2024-12-31")
RMM_PERIOD = ("2011-01-01", "2020-12-31")
# The synthetic series have memory (weeks to months); they are computed from this earlier date on and
# then trimmed, so their first months do not start from an arbitrary state.
WARM_UP_START = "1993-10-01"

MET_OFFSET = "+01:00"

# Decimals per quantity: discharge 0.1 m3/s, level 1 mm, chloride 0.1 mg/l.
DECIMALS = {"Q": 1, "WATHTE": 3, "CONCTTE": 1}


# --------------------------------------------------------------------------------------------------
# Reading the real series
# --------------------------------------------------------------------------------------------------

def _daily(values: pd.Series, start: str, end: str) -> pd.Series:
    """Put a series on a complete daily calendar (naive dates = MET days); absent days become NaN."""
    values = values[~values.index.duplicated(keep="first")].sort_index()
    days = pd.date_range(start, end, freq="D")
    return values.reindex(days).astype("float64")


def read_simple(path: Path, start: str, end: str) -> pd.Series:
    """Read a ``timestamp,Q`` file of daily means (dates are MET calendar days)."""
    frame = pd.read_csv(path, dtype={"timestamp": str, "Q": "float64"})
    index = pd.to_datetime(frame["timestamp"], format="%Y-%m-%d")
    return _daily(pd.Series(frame["Q"].to_numpy(), index=index), start, end)


def read_rmm(path: Path) -> pd.DataFrame:
    """Read the rmm daily Min/Mean/Max file (first column an unnamed row number, dates MET days)."""
    frame = pd.read_csv(path, index_col=0)
    frame.index = pd.to_datetime(frame.pop("Time"), format="%Y-%m-%d")
    frame = frame[~frame.index.duplicated(keep="first")].sort_index()
    days = pd.date_range(*RMM_PERIOD, freq="D")
    return frame.reindex(days).astype("float64")


# (catalogue id, column, factor into the catalogue unit)
RMM_COLUMNS = [
    ("KRY40.CONCTTE", "ClKr400Mean", 1.0),
    ("LEK70.CONCTTE", "ClLkh700Mean", 1.0),
    ("HOEKVHLD.WATHTE", "HHvhMax", 0.01),
    ("DORDT.WATHTE", "HDrdMax", 0.01),
    ("KRIMPADIJSL.WATHTE", "HKrMax", 0.01),
    ("HAGS.Q", "QHagMean", 1.0),
    ("TIEL.Q", "QTielMean", 1.0),
]


# --------------------------------------------------------------------------------------------------
# Synthetic series
# --------------------------------------------------------------------------------------------------

def _rng(stream: int) -> np.random.Generator:
    """An independent, reproducible random stream per synthetic series."""
    return np.random.default_rng([SEED, stream])


def ar1(n: int, sd: float, stream: int, phi: float = 0.7) -> np.ndarray:
    """Seeded AR(1) noise with lag-one correlation ``phi`` and stationary standard deviation ``sd``."""
    eps = _rng(stream).standard_normal(n) * sd * np.sqrt(1.0 - phi * phi)
    out = np.empty(n)
    out[0] = eps[0] / np.sqrt(1.0 - phi * phi)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + eps[i]
    return out


def season(index: pd.DatetimeIndex, peak_doy: float) -> np.ndarray:
    """cos(2 pi (doy - peak)/365.25): +1 on day-of-year ``peak_doy``, -1 half a year later."""
    doy = index.day_of_year.to_numpy(dtype=float)
    return np.cos(2.0 * np.pi * (doy - peak_doy) / 365.25)


def ewm(values: pd.Series, halflife_days: float) -> pd.Series:
    """Exponentially weighted mean with a half-life in days (gaps are skipped, not zero-filled)."""
    return values.ewm(halflife=halflife_days, ignore_na=True).mean()


def low_flow_deficit(q: pd.Series, reference: float) -> pd.Series:
    """max(0, reference - q): how far a discharge is below a reference (0 at or above it)."""
    return (reference - q).clip(lower=0.0)


def synth_eijsden(s: pd.Series) -> pd.Series:
    """EIJS.Q = 0.97 * S * (1 + AR(0.03)), >= 0.

    Eijsden (border) and Sint Pieter (Maastricht) lie a few km apart on the Meuse; the demo takes
    Eijsden slightly lower with a small independent measurement noise.
    """
    out = 0.97 * s * (1.0 + ar1(len(s), 0.03, stream=1))
    return out.clip(lower=0.0)


IJSSEL_LOW, IJSSEL_HIGH = 1.0 / 9.0, 1.0 / 6.0  # IJssel share of the Rhine at low / high flow
IJSSEL_RAMP = (1200.0, 6000.0)                  # Lobith range over which the share ramps up


def ijssel_share(lobith: pd.Series) -> pd.Series:
    """Share of the Rhine that goes down the IJssel: 1/9 below 1200 m3/s rising linearly to 1/6 at 6000."""
    lo, hi = IJSSEL_RAMP
    ramp = ((lobith - lo) / (hi - lo)).clip(0.0, 1.0)
    return IJSSEL_LOW + (IJSSEL_HIGH - IJSSEL_LOW) * ramp


def synth_olst(lob: pd.Series) -> pd.Series:
    """OLST.Q = share(Lg) * Lg * (1 + AR(0.02)), Lg = 0.5 L(t-1) + 0.5 L(t-2), share 1/9 -> 1/6 (1200 -> 6000 m3/s).

    The flood wave needs one to two days from Lobith to Olst, hence the averaged lag of 1-2 days.
    """
    lagged = 0.5 * lob.shift(1) + 0.5 * lob.shift(2)
    lagged = lagged.bfill(limit=2)  # the first two days have no upstream history in the file
    out = ijssel_share(lagged) * lagged * (1.0 + ar1(len(lob), 0.02, stream=2))
    return out.clip(lower=0.0)


# IJsselmeer water balance (numbers are round figures from the domain notes, tuned by eye).
LAKE_M3_PER_M = 2.0e9  # ~20 million m3 per cm
IJSSEL_FRACTION_OF_INFLOW = 0.7  # ~70% of the IJsselmeer inflow comes via the IJssel
SLUICE_CAPACITY = 1300.0  # m3/s that the Afsluitdijk sluices can drain on average (tide permitting)
SLUICE_RESPONSE = 0.35  # share of the excess above the target drained per day (capacity permitting)
CUTBACK_DEPTH = 0.30  # m below the target over which intakes are cut back to CUTBACK_FLOOR
CUTBACK_FLOOR = 0.30  # share of the losses that remain (evaporation) when intakes are cut back fully
LEVEL_BOUNDS = (-0.60, 0.40)


def ijsselmeer_target(index: pd.DatetimeIndex) -> np.ndarray:
    """Target level (m NAP): -0.30 in winter (mid of -0.40..-0.20), -0.20 in summer (mid of -0.30..-0.10).

    Raised in spring (March-April) and lowered in autumn (late September-October) along half-cosines.
    """
    doy = index.day_of_year.to_numpy(dtype=float)
    winter, summer = -0.30, -0.20
    up0, up1 = 60.0, 120.0     # 1 March .. 30 April
    dn0, dn1 = 265.0, 305.0    # ~22 September .. ~1 November
    frac = np.zeros_like(doy)
    frac[(doy >= up1) & (doy < dn0)] = 1.0
    rising = (doy >= up0) & (doy < up1)
    frac[rising] = 0.5 - 0.5 * np.cos(np.pi * (doy[rising] - up0) / (up1 - up0))
    falling = (doy >= dn0) & (doy < dn1)
    frac[falling] = 0.5 + 0.5 * np.cos(np.pi * (doy[falling] - dn0) / (dn1 - dn0))
    return winter + (summer - winter) * frac


def ijsselmeer_losses(index: pd.DatetimeIndex) -> np.ndarray:
    """Evaporation plus intakes (m3/s): 45 in winter, peaking at 295 in mid-July."""
    return 170.0 + 125.0 * season(index, peak_doy=196.0)


def synth_ijsselmeer(olst: pd.Series) -> pd.Series:
    """LIJM.WATHTE: h += (OLST/0.7 - c(h) losses(doy) - sluice) 86400/2e9 m per day, sluice = min(1300, 0.35 excess above target), c cuts intakes as h sinks below target; then EWM_2 + AR(0.01).

    Inflow is the synthetic IJssel divided by 0.7 (the IJssel brings ~70% of the inflow); losses are
    evaporation and intakes (45 m3/s in winter, 295 in July), cut back linearly to 30% as the level
    sinks 0.30 m below its target (water managers restrict intakes); the Afsluitdijk sluices drain the
    excess above the seasonal target (-0.30 winter, -0.20 summer) up to their capacity. So the level sits
    in its band in normal years, sinks when a long low Rhine cannot make up the summer losses (2018,
    2022) and rises when the IJssel brings more than the sluices can drain (January 1995, January 2018).
    Bounded to -0.60..+0.40 m NAP.
    """
    inflow = (olst / IJSSEL_FRACTION_OF_INFLOW).ffill().bfill().to_numpy()
    losses = ijsselmeer_losses(olst.index)
    target = ijsselmeer_target(olst.index)
    level = np.empty(len(olst))
    h = target[0]
    per_m3s = 86400.0 / LAKE_M3_PER_M  # metres per day for a net flow of 1 m3/s
    lo, hi = LEVEL_BOUNDS
    for i in range(len(olst)):
        below = min(max((target[i] - h) / CUTBACK_DEPTH, 0.0), 1.0)
        cutback = 1.0 - (1.0 - CUTBACK_FLOOR) * below
        h += (inflow[i] - cutback * losses[i]) * per_m3s
        if h > target[i]:
            sluice = min(SLUICE_CAPACITY, SLUICE_RESPONSE * (h - target[i]) / per_m3s)
            h -= sluice * per_m3s
        h = min(max(h, lo), hi)
        level[i] = h
    smooth = ewm(pd.Series(level, index=olst.index), 2.0)  # wind set-up averages out over days
    out = smooth + ar1(len(olst), 0.01, stream=3, phi=0.9)
    return out.clip(lo, hi)


def synth_andijk(lob: pd.Series) -> pd.Series:
    """ANDK.CONCTTE = 72 + 8 season(300) + 0.16 EWM_40(max(0, 1700 - L)) + AR(3).

    Low Rhine inflow carries relatively more salt and flushes the lake less, so IJsselmeer chloride at
    Andijk creeps up over weeks to months of low Lobith discharge (late 2018, 2022) and falls back slowly.
    """
    memory = ewm(low_flow_deficit(lob, 1700.0), 40.0)
    out = 72.0 + 8.0 * season(lob.index, 300.0) + 0.16 * memory + ar1(len(lob), 3.0, stream=4)
    return out.clip(lower=20.0)


def synth_bernisse(lek70: pd.Series) -> pd.Series:
    """BER30.CONCTTE = 55 + 0.012 X + 0.000012 max(0, X - 1500)^2 + AR(3), X = EWM_4(median_7(LEK70)) lagged 2 days.

    The Bernisse intake lies further from the sea than the Lekhaven bottom sensor: its chloride follows
    the Lekhaven salt tongue damped (7-day running median, so spikes do not pass) and two days later.
    Where Lekhaven has no data for more than 5 days in a row, Bernisse is missing too.
    """
    median = lek70.rolling(7, center=True, min_periods=3).median()
    x = ewm(median, 4.0).shift(2).bfill(limit=2)  # the first two days have no history in the file
    gap_run = lek70.isna().astype(int).groupby(lek70.notna().cumsum()).cumsum()  # days into a gap
    x[(gap_run > 5).shift(2, fill_value=False).to_numpy()] = np.nan
    excess = (x - 1500.0).clip(lower=0.0)
    out = 55.0 + 0.012 * x + 0.000012 * excess**2 + ar1(len(lek70), 3.0, stream=5)
    return out.clip(lower=20.0)


def synth_spaarndam(lob: pd.Series) -> pd.Series:
    """SPRD.CONCTTE = 160 + 15 season(260) + 0.22 EWM_20(max(0, 1600 - L)) + AR(8).

    Less Rhine water through the Amsterdam-Rijnkanaal (Lek at Hagestein, Waal at Tiel: both follow
    Lobith) means less flushing of the salt that the IJmuiden locks let into the Noordzeekanaal.
    Derived from Lobith rather than Hagestein so that it also covers the 2022 drought.
    """
    memory = ewm(low_flow_deficit(lob, 1600.0), 20.0)
    out = 160.0 + 15.0 * season(lob.index, 260.0) + 0.22 * memory + ar1(len(lob), 8.0, stream=6)
    return out.clip(lower=20.0)


def synth_volkerak(s: pd.Series, lob: pd.Series) -> pd.Series:
    """VOLK.CONCTTE = 230 + 25 season(270) + 260 EWM_30(D) + AR(6), D = 0.5 max(0, 1 - L/1500) + 0.5 max(0, 1 - S/80).

    The Volkerak-Zoommeer is flushed with Hollandsch Diep water (Rhine via Waal/Merwede and Meuse);
    with both rivers low it is flushed less and its chloride rises. Spans the common period of
    Lobith and Sint Pieter.
    """
    common = lob.index.intersection(s.index)
    lob, s = lob.reindex(common), s.reindex(common)
    deficit = 0.5 * (1.0 - lob / 1500.0).clip(lower=0.0) + 0.5 * (1.0 - s / 80.0).clip(lower=0.0)
    memory = ewm(deficit, 30.0)
    out = 230.0 + 25.0 * season(common, 270.0) + 260.0 * memory + ar1(len(common), 6.0, stream=7)
    return out.clip(lower=20.0)


FORECAST_ISSUED = pd.Timestamp("2018-08-10 06:00", tz="UTC")
FORECAST_HOURS = 240


def synth_forecast(lob: pd.Series) -> pd.Series:
    """Hourly Lobith forecast for 10 days from 2018-08-10 06:00 UTC.

    Q(t) = Q_end + (Q0 - Q_end) exp(-t/120 h) + AR-noise (hourly, phi 0.98, sd 4 m3/s), with Q0 the
    observed daily mean of 2018-08-09 and Q_end = 0.93 Q0: a slow recession around 900 m3/s, as a
    forecaster would have issued it in the middle of the 2018 drought.
    """
    q0 = float(lob.loc["2018-08-09"])
    q_end = 0.93 * q0
    hours = np.arange(FORECAST_HOURS + 1, dtype=float)
    trend = q_end + (q0 - q_end) * np.exp(-hours / 120.0)
    noise = ar1(len(hours), 4.0, stream=8, phi=0.98)
    noise -= noise[0]  # the forecast starts on the last observation
    times = FORECAST_ISSUED + pd.to_timedelta(hours, unit="h")
    return pd.Series(trend + noise, index=times)


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------

@dataclass
class Output:
    series_id: str
    values: pd.Series  # naive daily index = MET calendar days
    kind: str  # "real" or "synthetic"
    what: str
    source: str


def quantity_of(series_id: str) -> str:
    return series_id.split(".", 1)[1]


def write_tidy(out_dir: Path, item: Output) -> Path:
    """Write ``<id>.csv`` with ``series,time,value``; times are MET day starts with explicit +01:00."""
    decimals = DECIMALS[quantity_of(item.series_id)]
    times = item.values.index.strftime("%Y-%m-%dT%H:%M:%S") + MET_OFFSET
    lines = ["series,time,value"]
    for t, v in zip(times, item.values.to_numpy()):
        text = "" if np.isnan(v) else f"{v:.{decimals}f}"
        if text.startswith("-") and float(text) == 0.0:
            text = text[1:]  # no "-0.0"
        lines.append(f"{item.series_id},{t},{text}")
    path = out_dir / f"{item.series_id}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path


def write_pi_xml(path: Path, forecast: pd.Series) -> None:
    """Write the forecast as a Delft-FEWS PI-XML time series file (times in UTC, timeZone 0.0)."""
    start, end = forecast.index[0], forecast.index[-1]
    events = "\n".join(
        f'      <event date="{t:%Y-%m-%d}" time="{t:%H:%M:%S}" value="{v:.1f}" flag="0"/>'
        for t, v in zip(forecast.index, forecast.to_numpy())
    )
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- SYNTHETIC demo forecast for the Slim WM dashboard, generated by scripts/build_demo_data.py.
     Not an issued Rijkswaterstaat forecast: a smooth recession from the observed Lobith discharge
     of 2018-08-09 with seeded noise. Times are UTC (timeZone 0.0). -->
<TimeSeries xmlns="http://www.wldelft.nl/fews/PI"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.wldelft.nl/fews/PI http://fews.wldelft.nl/schemas/version1.0/pi-schemas/pi_timeseries.xsd"
            version="1.2">
  <timeZone>0.0</timeZone>
  <series>
    <header>
      <type>instantaneous</type>
      <moduleInstanceId>Demo_Rijn_verwachting</moduleInstanceId>
      <locationId>LOBI</locationId>
      <parameterId>Q.verwacht</parameterId>
      <qualifierId>synthetic</qualifierId>
      <timeStep unit="second" multiplier="3600"/>
      <startDate date="{start:%Y-%m-%d}" time="{start:%H:%M:%S}"/>
      <endDate date="{end:%Y-%m-%d}" time="{end:%H:%M:%S}"/>
      <forecastDate date="{FORECAST_ISSUED:%Y-%m-%d}" time="{FORECAST_ISSUED:%H:%M:%S}"/>
      <missVal>-999</missVal>
      <stationName>Lobith</stationName>
      <lat>51.8489</lat>
      <lon>6.1033</lon>
      <units>m3/s</units>
    </header>
{events}
  </series>
</TimeSeries>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _period(values: pd.Series) -> str:
    valid = values.dropna()
    n_missing = int(values.isna().sum())
    text = f"{valid.index[0]:%Y-%m-%d} .. {valid.index[-1]:%Y-%m-%d}"
    if n_missing:
        text += f" ({n_missing} days empty)"
    return text


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0].strip()


def _real_notes(series: dict[str, pd.Series]) -> list[str]:
    """Facts about the real series worth knowing when the demo is shown (computed, not typed)."""
    lob, stp, hvh = series["LOBI.Q"], series["SINT.Q"], series["HOEKVHLD.WATHTE"]
    aug18, aug22 = lob["2018-08"], lob["2022-08"]
    jul21 = stp["2021-07"]
    return [
        f"`LOBI.Q`: January 1995 peak {lob['1995-01'].max():.0f} m3/s ({lob['1995-01'].idxmax():%d %B}), "
        f"January 2018 peak {lob['2018-01'].max():.0f} m3/s; August 2018 mean {aug18.mean():.0f} m3/s "
        f"({(aug18 < 1100).sum()} of 31 days below the 1100 m3/s August criterion), August 2022 mean "
        f"{aug22.mean():.0f} m3/s (lowest {aug22.min():.0f} on {aug22.idxmin():%d %B %Y}).",
        f"`SINT.Q`: July 2021 flood peak {jul21.max():.0f} m3/s on {jul21.idxmax():%d %B %Y}; highest in "
        f"the file {stp.max():.0f} m3/s on {stp.idxmax():%d %B %Y}; lowest {stp.min():.1f} m3/s on "
        f"{stp.idxmin():%d %B %Y}.",
        f"`HOEKVHLD.WATHTE`: highest daily maximum {hvh.max():.2f} m NAP on {hvh.idxmax():%d %B %Y}.",
        "`KRY40.CONCTTE` (Krimpen a/d IJssel, -4 m; the usual proxy for the Gouda intake) and "
        "`LEK70.CONCTTE` (Lekhaven -7 m) are unvalidated: spikes exist (Krimpen peaks at "
        f"{series['KRY40.CONCTTE'].max():.0f} mg/l on {series['KRY40.CONCTTE'].idxmax():%d %B %Y}). "
        "The source's `ClKr550*` columns are copies of `ClKr400*` (a bug in the source) and are not used.",
        "`HAGS.Q` (Lek below weir Hagestein) is close to zero or slightly negative when weir Driel is "
        "closed at low Rhine discharge; that is real, not an error.",
    ]


def write_readme(out_dir: Path, items: list[Output], forecast_path: Path, forecast: pd.Series) -> None:
    rows = []
    for item in items:
        source = item.source
        rows.append(
            f"| `{item.series_id}.csv` | {item.what} | {item.kind} | {source} | {_period(item.values)} |"
        )
    rel_forecast = forecast_path.relative_to(out_dir).as_posix()
    notes = "\n".join(f"- {line}" for line in _real_notes({i.series_id: i.values for i in items}))
    text = f"""# Demo data set

Generated by `scripts/build_demo_data.py` (deterministic, seed {SEED}); do not edit by hand, re-run:

    python scripts/build_demo_data.py --rws ../shared/data/rws

The dashboard starts on these files when no other data is configured.

**Real** series are Rijkswaterstaat measurements (open data, CC0), taken from public repositories that
collected them, trimmed to the periods the demo needs (January 1995 and January 2018 Rhine high water,
July 2021 Meuse flood, 2018 and 2022 droughts) and otherwise **raw**: spikes, gaps and odd values are
kept on purpose, because the quality checks must find them. Water levels are converted from cm NAP to
m NAP, nothing else is changed except rounding.

**Synthetic** series are made up for the demo from the real ones (formula below; notation:
`L` Lobith, `S` Sint Pieter in m3/s; `EWM_h` exponentially weighted mean with half-life h days;
`AR(s)` seeded AR(1) noise, lag-one correlation 0.7, standard deviation s; `season(d)` =
cos(2 pi (day-of-year - d)/365.25)). They are plausible, not measured, and the catalogue marks them
`kind: synthetic`, so the dashboard labels them as such. Never use them for a decision.

## Format

- One file per series, `<catalogue id>.csv`, header `series,time,value`, tidy long format, UTF-8.
- **Time**: each value belongs to a MET calendar day (UTC+1 all year, no daylight saving, as in the RWS
  exports). It is stamped at the start of that day in MET with an explicit offset:
  `2018-08-15T00:00:00+01:00` is the day 15 August 2018, i.e. from 2018-08-14 23:00 UTC.
- Daily means, except the water levels of Hoek van Holland, Dordrecht and Krimpen, which are the
  **daily maximum** (storm surge matters).
- Units are the catalogue units: discharge m3/s (1 decimal), water level m NAP (3 decimals), chloride
  mg/l (1 decimal).
- A missing value is an empty `value` field; the day's row is still there.

## Files

| file | what | kind | source / formula | period |
|---|---|---|---|---|
{chr(10).join(rows)}
| `{rel_forecast}` | Lobith discharge forecast, hourly, Delft-FEWS PI-XML (`LOBI`, `Q.verwacht`, forecastDate 2018-08-10 06:00 UTC, `timeZone` 0.0, missVal -999, m3/s) | synthetic | {_first_line(synth_forecast.__doc__)} Recession from the observed 2018-08-09 daily mean ({forecast.iloc[0]:.0f} m3/s) to ~{forecast.iloc[-1]:.0f} m3/s with seeded noise; not an issued forecast | {forecast.index[0]:%Y-%m-%d %H:%M} .. {forecast.index[-1]:%Y-%m-%d %H:%M} UTC |

`SCHEVNGN.WATHTE` is in the catalogue for the format samples only and has no demo file.

## Notes on the real series

{notes}

## Moments

`momenten.yaml` (written by hand, not by this script) lists the events this data set is built for (Rhine
high water January 1995, high water January 2018, drought August 2018, Meuse flood July 2021, drought
August 2022). The dashboard shows them as links next to the as-of control; a data folder for an exercise
can ship its own.
"""
    (out_dir / "README.md").write_text(text, encoding="utf-8", newline="\n")


def build(rws_dir: Path, out_dir: Path) -> list[Path]:
    """Build every demo file from the files in ``rws_dir`` into ``out_dir``; returns the paths written."""
    lob = read_simple(rws_dir / "Q_Lobith_1901-2022.csv", *LOBITH_PERIOD)
    stp = read_simple(rws_dir / "Q_StPieter_1991-2024.csv", *STPIETER_PERIOD)
    rmm = read_rmm(rws_dir / "rmm_daily_2011-2020.csv")

    src_lob = "RWS open data (CC0): `Q_Lobith_1901-2022.csv`, column `Q`, daily mean"
    src_stp = "RWS open data (CC0): `Q_StPieter_1991-2024.csv`, column `Q`, daily mean"
    items = [
        Output("LOBI.Q", lob, "real", "Rhine discharge at Lobith (m3/s)", src_lob),
        Output("SINT.Q", stp, "real", "Meuse discharge at Sint Pieter (m3/s)", src_stp),
    ]
    what_rmm = {
        "KRY40.CONCTTE": "Chloride Krimpen a/d IJssel -4 m (mg/l), daily mean",
        "LEK70.CONCTTE": "Chloride Lekhaven -7 m (mg/l), daily mean",
        "HOEKVHLD.WATHTE": "Water level Hoek van Holland (m NAP), daily maximum",
        "DORDT.WATHTE": "Water level Dordrecht (m NAP), daily maximum",
        "KRIMPADIJSL.WATHTE": "Water level Krimpen a/d IJssel (m NAP), daily maximum",
        "HAGS.Q": "Lek discharge at Hagestein (m3/s), daily mean",
        "TIEL.Q": "Waal discharge at Tiel (m3/s), daily mean",
    }
    real_rmm: dict[str, pd.Series] = {}
    for series_id, column, factor in RMM_COLUMNS:
        values = rmm[column] * factor
        real_rmm[series_id] = values
        unit_note = ", cm NAP / 100" if factor != 1.0 else ""
        items.append(Output(
            series_id, values, "real", what_rmm[series_id],
            f"RWS open data (CC0): `rmm_daily_2011-2020.csv`, column `{column}`{unit_note}",
        ))

    # Synthetic series are computed with a warm-up year of real history, then trimmed.
    lob_w = read_simple(rws_dir / "Q_Lobith_1901-2022.csv", WARM_UP_START, LOBITH_PERIOD[1])
    stp_w = read_simple(rws_dir / "Q_StPieter_1991-2024.csv", WARM_UP_START, STPIETER_PERIOD[1])
    olst_w = synth_olst(lob_w)
    synthetic = [
        ("EIJS.Q", synth_eijsden(stp_w), "Meuse discharge at Eijsden (m3/s)", synth_eijsden),
        ("OLST.Q", olst_w, "IJssel discharge at Olst (m3/s)", synth_olst),
        ("LIJM.WATHTE", synth_ijsselmeer(olst_w), "IJsselmeer level at Lemmer (m NAP)", synth_ijsselmeer),
        ("ANDK.CONCTTE", synth_andijk(lob_w), "Chloride IJsselmeer at Andijk (mg/l)", synth_andijk),
        ("BER30.CONCTTE", synth_bernisse(real_rmm["LEK70.CONCTTE"]),
         "Chloride Bernisse intake, Brielse Meer (mg/l)", synth_bernisse),
        ("SPRD.CONCTTE", synth_spaarndam(lob_w), "Chloride Noordzeekanaal at Spaarndam (mg/l)", synth_spaarndam),
        ("VOLK.CONCTTE", synth_volkerak(stp_w, lob_w), "Chloride Volkerak-Zoommeer (mg/l)", synth_volkerak),
    ]
    for series_id, values, what, func in synthetic:
        values = values.loc[LOBITH_PERIOD[0]:]  # no-op for BER30 (rmm starts in 2011)
        formula = _first_line(func.__doc__).rstrip(".")
        items.append(Output(series_id, values, "synthetic", what, f"`{formula}`"))

    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_tidy(out_dir, item) for item in items]

    forecast = synth_forecast(lob)
    forecast_path = out_dir / "forecast" / "LOBI.Q_forecast_2018-08-10.xml"
    write_pi_xml(forecast_path, forecast)
    written.append(forecast_path)

    write_readme(out_dir, items, forecast_path, forecast)
    written.append(out_dir / "README.md")
    return written


def _resolve_default(path: Path) -> Path:
    """Defaults are relative to the repository root; paths given on the command line to the cwd."""
    return path if path.is_absolute() else (REPO_ROOT / path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("rws_pos", nargs="?", type=Path, help="same as --rws")
    parser.add_argument("--rws", type=Path, default=None,
                        help=f"folder with the RWS csv files (default {DEFAULT_RWS}, relative to the repo root)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"output folder (default {DEFAULT_OUT}, relative to the repo root)")
    args = parser.parse_args(argv)
    given_rws = args.rws or args.rws_pos
    rws = given_rws.resolve() if given_rws else _resolve_default(DEFAULT_RWS)
    out = args.out.resolve() if args.out else _resolve_default(DEFAULT_OUT)
    if not rws.is_dir():
        print(f"RWS data folder not found: {rws}", file=sys.stderr)
        return 2
    written = build(rws, out)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files to {out} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
