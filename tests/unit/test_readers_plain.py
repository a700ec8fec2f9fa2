"""Plain two-column CSV (bound to a catalogue id) and tidy long CSV / Parquet."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue
from indicators.readers import read_file
from indicators.series import ReadError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def test_two_column_semicolon_decimal_comma_empty_values_bound(tmp_path, catalogue):
    path = tmp_path / "afvoer.csv"
    path.write_text("datum;afvoer\n2018-08-01;812,5\n2018-08-02;\n2018-08-03;790\n")
    result = read_file(path, catalogue, bind="LOBI.Q")
    [s] = result.series
    assert s.series_id == "LOBI.Q" and s.unit == "m3/s"
    assert list(s.values.index) == [utc("2018-08-01"), utc("2018-08-02"), utc("2018-08-03")]  # naive = UTC
    assert s.values.iloc[0] == pytest.approx(812.5) and np.isnan(s.values.iloc[1])
    assert not result.rejected


def test_two_column_comma_with_offsets_and_bad_row(tmp_path, catalogue):
    path = tmp_path / "x.csv"
    path.write_text("time,value\n2018-08-01T02:00:00+02:00,24.5\n2018-08-01T01:00Z,25\nyesterday,3\n")
    result = read_file(path, catalogue, bind="maastricht.sintpieter.Q")
    [s] = result.series
    assert s.series_id == "SINT.Q"
    assert list(s.values.index) == [utc("2018-08-01 00:00"), utc("2018-08-01 01:00")]
    [row] = result.rejected
    assert row.line == 4 and "yesterday" in row.reason


def test_header_states_met_and_unit(tmp_path, catalogue):
    path = tmp_path / "level.csv"
    path.write_text("tijd (MET);waterstand [cm]\n2020-05-07 00:00;-54\n")
    [s] = read_file(path, catalogue, bind="SCHEVNGN.WATHTE").series
    assert s.values.index[0] == utc("2020-05-06 23:00")
    assert s.values.iloc[0] == pytest.approx(-0.54) and s.unit == "m NAP"


def test_header_states_amsterdam_time(tmp_path, catalogue):
    path = tmp_path / "level.csv"
    path.write_text("time (Europe/Amsterdam),value\n2020-05-07 00:00,1.0\n2020-01-07 00:00,2.0\n")
    [s] = read_file(path, catalogue, bind="SCHEVNGN.WATHTE").series
    assert list(s.values.index) == [utc("2020-01-06 23:00"), utc("2020-05-06 22:00")]


def test_unbound_two_column_file_needs_a_name(tmp_path, catalogue):
    path = tmp_path / "data.csv"
    path.write_text("time,value\n2020-05-07 00:00,1.0\n")
    with pytest.raises(ReadError, match="--series ID=FILE"):
        read_file(path, catalogue)
    named = tmp_path / "LOBI.Q.csv"
    named.write_text("time,value\n2020-05-07 00:00,1000\n")
    assert read_file(named, catalogue).series[0].series_id == "LOBI.Q"


def test_binding_to_unknown_id_is_an_error(tmp_path, catalogue):
    path = tmp_path / "data.csv"
    path.write_text("time,value\n2020-05-07 00:00,1.0\n")
    with pytest.raises(ReadError, match="not a catalogue id"):
        read_file(path, catalogue, bind="NOPE.Q")


def test_tidy_csv_ids_aliases_units_quality_and_unknown_series(tmp_path, catalogue):
    path = tmp_path / "tidy.csv"
    path.write_text(
        "series,time,value,unit,quality\n"
        "LOBI.Q,2018-08-01T00:00Z,812.5,m3/s,good\n"
        "Lobith.Q,2018-08-01T01:00Z,810,m3/s,suspect\n"
        "hoekvanholland.WATHTE,2018-08-01T00:00Z,112,cm,\n"
        "Dodewaard.WATHTE,2018-08-01T00:00Z,628,cm,\n"
    )
    result = read_file(path, catalogue)
    assert result.format.startswith("tidy long CSV")
    series = {s.series_id: s for s in result.series}
    assert set(series) == {"LOBI.Q", "HOEKVHLD.WATHTE", "Dodewaard.WATHTE"}
    lobith = series["LOBI.Q"]
    assert len(lobith.values) == 2 and list(lobith.quality) == ["good", "suspect"]
    assert series["HOEKVHLD.WATHTE"].values.iloc[0] == pytest.approx(1.12)
    assert not series["Dodewaard.WATHTE"].in_catalogue
    assert series["Dodewaard.WATHTE"].values.iloc[0] == pytest.approx(6.28)


def test_tidy_parquet(tmp_path, catalogue):
    frame = pd.DataFrame({
        "series": ["SINT.Q", "SINT.Q"],
        "time": pd.to_datetime(["2021-07-14 12:00", "2021-07-14 13:00"]).tz_localize("Europe/Amsterdam"),
        "value": [3050.0, 3100.0],
    })
    path = tmp_path / "tidy.parquet"
    frame.to_parquet(path)
    [s] = read_file(path, catalogue).series
    assert s.series_id == "SINT.Q"
    assert list(s.values.index) == [utc("2021-07-14 10:00"), utc("2021-07-14 11:00")]


def test_tidy_missing_column_is_named(tmp_path, catalogue):
    path = tmp_path / "tidy.parquet"
    pd.DataFrame({"series": ["SINT.Q"], "value": [1.0]}).to_parquet(path)
    with pytest.raises(ReadError, match="missing time"):
        read_file(path, catalogue)
