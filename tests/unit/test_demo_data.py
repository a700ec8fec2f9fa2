"""The embedded demo data set (data/demo/) is complete, honest about time and covers the demo events.

Most tests read only the committed files, so they run on a fresh checkout. The two that need the real
Rijkswaterstaat files (source values, reproducibility of the build) are skipped when ../shared/data/rws
is absent.
"""
from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "demo"
RWS = (REPO / ".." / "shared" / "data" / "rws").resolve()
CATALOGUE = load_catalogue(REPO / "redeneerlijnen" / "catalogus.yaml")
FORECAST = DEMO / "forecast" / "LOBI.Q_forecast_2018-08-10.xml"

NOT_IN_DEMO = {"SCHEVNGN.WATHTE"}  # format samples only; no reasoning line asks for it
DEMO_IDS = [sid for sid in CATALOGUE.ids() if sid not in NOT_IN_DEMO]
TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00\+01:00$")

needs_rws = pytest.mark.skipif(not RWS.is_dir(), reason="../shared/data/rws not present (fresh checkout)")

_cache: dict[str, pd.DataFrame] = {}


def raw(series_id: str) -> pd.DataFrame:
    """The demo file as text columns plus the parsed value (no reader logic involved)."""
    if series_id not in _cache:
        _cache[series_id] = pd.read_csv(
            DEMO / f"{series_id}.csv", dtype=str, keep_default_na=False,
        )
    return _cache[series_id]


def series(series_id: str) -> pd.Series:
    """Values on the MET calendar day (naive dates), NaN where the file leaves the value empty."""
    frame = raw(series_id)
    days = pd.to_datetime(frame["time"].str.slice(0, 10), format="%Y-%m-%d")
    values = pd.to_numeric(frame["value"].replace("", np.nan))
    return pd.Series(values.to_numpy(dtype=float), index=days)


def value_on(series_id: str, day: str) -> float:
    return float(series(series_id).loc[day])


# ---------------------------------------------------------------------------------------------------
# completeness and format
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("series_id", DEMO_IDS)
def test_file_exists_with_tidy_header_and_own_id(series_id):
    path = DEMO / f"{series_id}.csv"
    assert path.is_file(), f"no demo file for catalogue id {series_id}"
    assert path.read_text(encoding="utf-8").splitlines()[0] == "series,time,value"
    assert set(raw(series_id)["series"]) == {series_id}


def test_no_demo_file_outside_the_catalogue():
    stray = {p.stem for p in DEMO.glob("*.csv")} - set(CATALOGUE.ids())
    assert not stray


@pytest.mark.parametrize("series_id", DEMO_IDS)
def test_times_are_met_day_starts_with_explicit_offset(series_id):
    times = raw(series_id)["time"]
    bad = times[~times.str.match(TIME_PATTERN)]
    assert bad.empty, f"{series_id}: times without +01:00 day-start form, e.g. {bad.iloc[0]!r}"
    parsed = pd.to_datetime(times, format="ISO8601")
    assert parsed.dt.tz is not None
    assert (parsed.dt.tz_convert("UTC").dt.hour == 23).all()  # 00:00 MET = 23:00 UTC the day before
    assert parsed.is_monotonic_increasing and parsed.is_unique
    steps = parsed.diff().dropna()
    assert (steps == pd.Timedelta(days=1)).all(), "a daily series must have one row per day"


@pytest.mark.parametrize("series_id", DEMO_IDS)
def test_values_are_numbers_or_empty(series_id):
    text = raw(series_id)["value"]
    filled = text[text != ""]
    assert pd.to_numeric(filled, errors="coerce").notna().all()
    assert len(filled) > 0.9 * len(text)


@pytest.mark.parametrize("series_id", DEMO_IDS)
def test_values_round_to_the_quantity_precision(series_id):
    decimals = {"Q": 1, "WATHTE": 3, "CONCTTE": 1}[series_id.split(".")[1]]
    text = raw(series_id)["value"]
    filled = text[text != ""]
    assert filled.str.match(rf"^-?\d+(\.\d{{1,{decimals}}})?$").all()


def test_readme_lists_every_file_and_says_what_is_synthetic():
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    for series_id in DEMO_IDS:
        assert f"`{series_id}.csv`" in readme
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{series_id}.csv`"))
        kind = "synthetic" if CATALOGUE.get(series_id).synthetic else "real"
        assert f"| {kind} |" in row, f"README row for {series_id} does not say {kind}"
    assert "forecast/LOBI.Q_forecast_2018-08-10.xml" in readme
    assert "+01:00" in readme and "MET" in readme


# ---------------------------------------------------------------------------------------------------
# the demo events
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("series_id,month", [
    ("LOBI.Q", "1995-01"),   # Rhine high water
    ("LOBI.Q", "2018-01"),   # Rhine high water
    ("LOBI.Q", "2018-08"),   # drought
    ("LOBI.Q", "2022-08"),   # drought
    ("SINT.Q", "2021-07"),   # Meuse flood
    ("SINT.Q", "2018-08"),
    ("SINT.Q", "2022-08"),
    ("KRY40.CONCTTE", "2018-08"),
    ("KRY40.CONCTTE", "2018-10"),
    ("LEK70.CONCTTE", "2018-08"),
    ("OLST.Q", "2022-08"),
    ("LIJM.WATHTE", "2022-08"),
    ("ANDK.CONCTTE", "2022-10"),
    ("SPRD.CONCTTE", "2022-08"),
    ("VOLK.CONCTTE", "2022-08"),
    ("EIJS.Q", "2021-07"),
    ("BER30.CONCTTE", "2018-08"),
])
def test_event_months_are_covered(series_id, month):
    values = series(series_id)[month]
    assert values.notna().sum() >= 25, f"{series_id} has too few values in {month}"


def test_high_water_peaks():
    assert series("LOBI.Q")["1995-01"].max() > 10000
    assert series("LOBI.Q")["2018-01"].max() > 6000
    assert series("SINT.Q")["2021-07"].max() > 2500


def test_lobith_drought_is_visible_to_the_august_criterion():
    # The LCW August criterion is 1100 m3/s; June is 1300 m3/s.
    assert value_on("LOBI.Q", "2018-06-01") > 1300
    for month in ("2018-08", "2022-08"):
        august = series("LOBI.Q")[month]
        assert (august < 1100).sum() >= 20, month


def test_krimpen_chloride_rises_in_2018():
    krimpen = series("KRY40.CONCTTE")
    assert krimpen["2018-10"].median() > 2 * krimpen["2018-05"].median()


# ---------------------------------------------------------------------------------------------------
# synthetic series: plausible, responsive to the droughts, inside the catalogue's checks
# ---------------------------------------------------------------------------------------------------

SYNTHETIC_IDS = [sid for sid in DEMO_IDS if CATALOGUE.get(sid).synthetic]


def test_every_synthetic_catalogue_series_has_a_file():
    assert set(SYNTHETIC_IDS) == {
        "EIJS.Q", "OLST.Q", "LIJM.WATHTE", "ANDK.CONCTTE", "BER30.CONCTTE", "SPRD.CONCTTE", "VOLK.CONCTTE",
    }


@pytest.mark.parametrize("series_id", SYNTHETIC_IDS)
def test_synthetic_series_pass_the_catalogue_quality_checks(series_id):
    # Made-up data must not trip the plausibility or jump checks: any flag in the demo is then real.
    entry = CATALOGUE.get(series_id)
    values = series(series_id)
    assert values.min() >= entry.plausible.min and values.max() <= entry.plausible.max
    assert values.diff().abs().max() <= entry.max_jump


@pytest.mark.parametrize("series_id,source_id", [
    ("EIJS.Q", "SINT.Q"), ("OLST.Q", "LOBI.Q"), ("LIJM.WATHTE", "LOBI.Q"), ("ANDK.CONCTTE", "LOBI.Q"),
    ("SPRD.CONCTTE", "LOBI.Q"), ("BER30.CONCTTE", "LEK70.CONCTTE"),
])
def test_synthetic_series_span_their_source(series_id, source_id):
    synthetic, source = series(series_id), series(source_id)
    assert synthetic.index[0] == source.index[0] and synthetic.index[-1] == source.index[-1]


def test_volkerak_spans_the_common_period_of_lobith_and_sint_pieter():
    volk = series("VOLK.CONCTTE")
    assert volk.index[0] == series("LOBI.Q").index[0]
    assert volk.index[-1] == min(series("LOBI.Q").index[-1], series("SINT.Q").index[-1])


def test_eijsden_follows_sint_pieter_slightly_lower():
    ratio = (series("EIJS.Q") / series("SINT.Q")).median()
    assert 0.93 < ratio < 1.0


def test_olst_is_a_ninth_to_a_sixth_of_lobith():
    olst, lob = series("OLST.Q"), series("LOBI.Q")
    assert 0.09 < (olst / lob)["2018-08-10":"2018-08-31"].median() < 0.13
    assert olst["1995-01"].max() > lob["1995-01"].max() / 7


def test_ijsselmeer_level_in_band_normally_and_lower_in_the_droughts():
    level = series("LIJM.WATHTE")
    summer_2016 = level["2016-05-01":"2016-08-31"]
    assert summer_2016.between(-0.30, -0.10).mean() > 0.9
    assert level["2018-09"].mean() < -0.30 < level["2018-06"].mean()
    assert level["2022-08"].min() < -0.30
    assert level["1995-02"].max() > level["1994-12"].max()  # the January 1995 inflow fills the lake


@pytest.mark.parametrize("series_id,normal_max,drought_min,drought_month", [
    ("ANDK.CONCTTE", 110, 150, "2018-11"),
    ("ANDK.CONCTTE", 110, 150, "2022-10"),
    ("BER30.CONCTTE", 100, 150, "2018-11"),
    ("SPRD.CONCTTE", 215, 250, "2018-10"),
    ("SPRD.CONCTTE", 215, 250, "2022-09"),
    ("VOLK.CONCTTE", 310, 330, "2018-10"),
])
def test_synthetic_chloride_normal_then_high_in_drought(series_id, normal_max, drought_min, drought_month):
    values = series(series_id)
    assert values["2014-01":"2014-12"].median() < normal_max  # an ordinary year
    assert values[drought_month].max() > drought_min


def test_synthetic_chloride_ignores_single_day_wiggles():
    # A one-day dip of Lobith must not make a visible step: day-to-day changes stay small.
    for series_id, limit in [("ANDK.CONCTTE", 25), ("SPRD.CONCTTE", 60), ("VOLK.CONCTTE", 40)]:
        assert series(series_id).diff().abs().max() < limit, series_id


# ---------------------------------------------------------------------------------------------------
# the PI-XML forecast
# ---------------------------------------------------------------------------------------------------

def test_pi_xml_forecast():
    ns = {"pi": "http://www.wldelft.nl/fews/PI"}
    root = ET.parse(FORECAST).getroot()
    assert root.tag == "{http://www.wldelft.nl/fews/PI}TimeSeries"
    assert float(root.findtext("pi:timeZone", namespaces=ns)) == 0.0
    header = root.find("pi:series/pi:header", ns)
    assert header.findtext("pi:type", namespaces=ns) == "instantaneous"
    assert header.findtext("pi:locationId", namespaces=ns) == "LOBI"
    assert header.findtext("pi:parameterId", namespaces=ns) == "Q.verwacht"
    assert header.findtext("pi:missVal", namespaces=ns) == "-999"
    assert header.findtext("pi:units", namespaces=ns) == "m3/s"
    assert header.findtext("pi:stationName", namespaces=ns) == "Lobith"
    issued = header.find("pi:forecastDate", ns).attrib
    assert (issued["date"], issued["time"]) == ("2018-08-10", "06:00:00")
    events = root.findall("pi:series/pi:event", ns)
    times = pd.to_datetime([f"{e.get('date')} {e.get('time')}" for e in events])
    values = np.array([float(e.get("value")) for e in events])
    assert times[0] == pd.Timestamp("2018-08-10 06:00") and times[-1] == pd.Timestamp("2018-08-20 06:00")
    assert (np.diff(times.values) == np.timedelta64(1, "h")).all()
    assert ((values > 800) & (values < 1000)).all()
    assert values[-24:].mean() < values[:24].mean()  # a slow recession
    assert abs(values[0] - value_on("LOBI.Q", "2018-08-10")) < 30  # continues the observation


# ---------------------------------------------------------------------------------------------------
# against the real files (skipped on a fresh checkout)
# ---------------------------------------------------------------------------------------------------

# Values read by hand from the source files, rounded as the demo rounds them.
SOURCE_FIXTURES = [
    # Q_Lobith_1901-2022.csv line 34365: 1995-01-31,11885.0
    ("LOBI.Q", "1995-01-31", 11885.0),
    # Q_Lobith_1901-2022.csv line 42962: 2018-08-15,953.3370138888889
    ("LOBI.Q", "2018-08-15", 953.3),
    # Q_Lobith_1901-2022.csv line 44426: 2022-08-18,679.252937062937
    ("LOBI.Q", "2022-08-18", 679.3),
    # Q_StPieter_1991-2024.csv line 11155: 2021-07-15,2703.34
    ("SINT.Q", "2021-07-15", 2703.3),
    # Q_StPieter_1991-2024.csv line 10090: 2018-08-15,31.67
    ("SINT.Q", "2018-08-15", 31.7),
    # rmm_daily_2011-2020.csv line 2855 (2018-10-24): ClKr400Mean 2157.729..., ClLkh700Mean 6903.479...,
    # HDrdMax 112.0, HHvhMax 178.0, HKrMax 160.0, QHagMean 3.969..., QTielMean 601.196...
    ("KRY40.CONCTTE", "2018-10-24", 2157.7),
    ("LEK70.CONCTTE", "2018-10-24", 6903.5),
    ("DORDT.WATHTE", "2018-10-24", 1.12),
    ("HOEKVHLD.WATHTE", "2018-10-24", 1.78),
    ("KRIMPADIJSL.WATHTE", "2018-10-24", 1.60),
    ("HAGS.Q", "2018-10-24", 4.0),
    ("TIEL.Q", "2018-10-24", 601.2),
    # rmm_daily_2011-2020.csv line 2785 (2018-08-15): ClKr400Mean 255.736..., QTielMean 689.909...
    ("KRY40.CONCTTE", "2018-08-15", 255.7),
    ("TIEL.Q", "2018-08-15", 689.9),
    # rmm_daily_2011-2020.csv line 1072 (2013-12-06, Sinterklaas storm): HHvhMax 301.0
    ("HOEKVHLD.WATHTE", "2013-12-06", 3.01),
]


@pytest.mark.parametrize("series_id,day,expected", SOURCE_FIXTURES)
def test_demo_values_equal_the_source(series_id, day, expected):
    assert value_on(series_id, day) == pytest.approx(expected, abs=1e-9)


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo_data", REPO / "scripts" / "build_demo_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@needs_rws
@pytest.mark.parametrize("series_id,day,expected", SOURCE_FIXTURES)
def test_source_fixtures_match_the_real_files(series_id, day, expected):
    builder = _load_builder()
    if series_id == "LOBI.Q":
        values = builder.read_simple(RWS / "Q_Lobith_1901-2022.csv", day, day)
    elif series_id == "SINT.Q":
        values = builder.read_simple(RWS / "Q_StPieter_1991-2024.csv", day, day)
    else:
        column, factor = next((c, f) for sid, c, f in builder.RMM_COLUMNS if sid == series_id)
        values = builder.read_rmm(RWS / "rmm_daily_2011-2020.csv")[column] * factor
    decimals = {"Q": 1, "WATHTE": 3, "CONCTTE": 1}[series_id.split(".")[1]]
    assert round(float(values.loc[day]), decimals) == pytest.approx(expected, abs=1e-9)


@needs_rws
def test_build_is_reproducible_and_matches_the_committed_files(tmp_path):
    builder = _load_builder()
    written = builder.build(RWS, tmp_path)
    assert len(written) == len(DEMO_IDS) + 2  # every csv + forecast + README
    for path in written:
        committed = DEMO / path.relative_to(tmp_path)
        assert committed.is_file(), f"{committed} not committed"
        assert path.read_bytes() == committed.read_bytes(), (
            f"{committed.name} differs from a fresh build: re-run scripts/build_demo_data.py"
        )
