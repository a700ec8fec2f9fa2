"""Data quality: suspect values are shown but never evaluated; gaps, duplicates and rejected rows reported."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue
from indicators.quality import assess, source_verdict
from indicators.readers import read_file
from indicators.series import Provenance, Series

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def make(series_id: str, values: list[float], freq: str = "10min", quality: list[str] | None = None,
         start: str = "2018-08-01") -> Series:
    index = pd.date_range(start, periods=len(values), freq=freq, tz="UTC")
    code, qty = series_id.split(".")
    return Series(
        series_id=series_id, in_catalogue=True, values=pd.Series(values, index=index, dtype="float64"),
        unit="m3/s", location=code, provenance=Provenance("test.csv", "test", code, qty, "m3/s"),
        quality=None if quality is None else pd.Series(quality, index=index),
    )


def test_zero_or_negative_lobith_is_suspect_never_a_drought(catalogue):
    s = make("LOBI.Q", [812.0, 0.0, -5.0, 805.0])
    report = assess(s, catalogue)
    assert list(s.suspect) == [False, True, True, False]
    usable = s.evaluation_values()
    assert usable.isna().tolist() == [False, True, True, False]
    assert usable.min() == 805.0  # the engine never sees the 0
    assert report.suspect == 2
    assert report.suspect_reasons == {"below plausible minimum 500 m3/s": 2}
    assert report.suspect_examples[0].value == 0.0


def test_spike_is_suspect_and_the_return_is_not(catalogue):
    s = make("LOBI.Q", [2000.0, 2010.0, 9000.0, 2020.0, 2030.0])
    report = assess(s, catalogue)
    assert list(s.suspect) == [False, False, True, False, False]
    assert np.isnan(s.evaluation_values().iloc[2])
    assert s.values.iloc[2] == 9000.0  # still there, for the dashboard to show
    assert "jump" in report.suspect_examples[0].reason and "+6990" in report.suspect_examples[0].reason


def test_jump_is_only_judged_within_a_day(catalogue):
    s = make("LOBI.Q", [1000.0, 6000.0], freq="2D")
    assert assess(s, catalogue).suspect == 0


def test_out_of_range_high(catalogue):
    s = make("KRY40.CONCTTE", [150.0, 10000.0, 160.0])  # the source caps at 10000 mg/l
    report = assess(s, catalogue)
    assert list(s.suspect) == [False, True, False]
    assert "above plausible maximum 9999" in next(iter(report.suspect_reasons))


def test_gaps_are_listed_with_start_and_end(catalogue):
    index = pd.DatetimeIndex(list(pd.date_range("2018-08-01 00:00", periods=6, freq="10min", tz="UTC"))
                             + list(pd.date_range("2018-08-01 03:00", periods=6, freq="10min", tz="UTC")))
    s = make("LOBI.Q", [1000.0] * 12)
    s.values.index = index
    s.values.iloc[2] = np.nan  # a missing value inside the first block is a gap too
    report = assess(s, catalogue)
    assert report.step == pd.Timedelta("10min")
    assert [(g.start, g.end) for g in report.gaps] == [
        (index[1], index[3]), (index[5], index[6])]
    assert report.gaps[1].duration == pd.Timedelta("2h10min")
    assert report.count == 11 and report.missing == 1


def test_source_quality_rules():
    assert source_verdict("kwaliteit=Normale waarde; status=Ongecontroleerd") == "good"
    assert source_verdict("kwaliteit=00; status=Definitief") == "good"
    assert source_verdict("kwaliteit=25; status=Gecontroleerd") == "doubtful"
    assert source_verdict("kwaliteit=Onbetrouwbaar; status=Gecontroleerd") == "bad"
    assert source_verdict("kwaliteit=99") == "bad"
    assert source_verdict("flag=0") == "good"
    assert source_verdict("flag=3") == "doubtful"
    assert source_verdict("flag=6") == "bad"
    assert source_verdict("suspect") == "bad"
    assert source_verdict("good") == "good"


def test_fews_unreliable_flag_is_suspect_doubtful_is_counted_but_used(catalogue):
    s = make("SINT.Q", [200.0, 201.0, 202.0], quality=["flag=0", "flag=3", "flag=6"])
    report = assess(s, catalogue)
    assert list(s.suspect) == [False, False, True]
    assert report.doubtful == 1
    assert report.source_labels == {"flag=3": 1, "flag=6": 1}


def test_waterinfo_bad_judgement_is_suspect_from_file(catalogue):
    path = ROOT / "tests" / "data" / "formats" / "waterinfo" / "current_layout_b.csv"
    result = read_file(path, catalogue)
    chloride = {s.series_id: s for s in result.series}["KRY40.CONCTTE"]
    report = assess(chloride, catalogue, result.rejected)
    assert report.suspect == 1
    assert chloride.values[chloride.suspect].tolist() == [4870.0]
    assert chloride.evaluation_values().max() == 161.0


def test_duplicates_resolved_and_counted_and_rejected_rows_listed(tmp_path, catalogue):
    path = tmp_path / "tidy.csv"
    path.write_text("series,time,value\n"
                    "LOBI.Q,2018-08-01T00:00Z,812\n"
                    "LOBI.Q,2018-08-01T00:10Z,813\n"
                    "LOBI.Q,2018-08-01T00:00Z,815\n"
                    "LOBI.Q,not-a-time,1\n")
    result = read_file(path, catalogue)
    [s] = result.series
    report = assess(s, catalogue, result.rejected)
    assert report.duplicates == 1
    assert s.values.iloc[0] == 815.0  # the last occurrence wins
    assert [(r.line, "not-a-time" in r.reason) for r in report.rejected] == [(5, True)]


def test_uncatalogued_series_has_no_range_checks(catalogue):
    s = make("LOBI.Q", [-5.0, 99999.0])
    s.in_catalogue = False
    s.series_id = "Somewhere.Q"
    assert assess(s, catalogue).suspect == 0
