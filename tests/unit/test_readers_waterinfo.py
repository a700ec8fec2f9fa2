"""Waterinfo CSV: the three layouts, MET versus Amsterdam legal time, encodings, line endings, sentinels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue
from indicators.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats" / "waterinfo"
LONG = FORMATS / "scheveningen_20200507_long.csv"
SHORT = FORMATS / "scheveningen_20200507_short.csv"
OLD = FORMATS / "dodewaard_1990_old.csv"
CURRENT = FORMATS / "current_layout_b.csv"

DIRECT_HEADER = "Datum;Tijd;Parameter;Locatie;Meting;Verwachting;Astronomisch getijden;Eenheid;Bemonsteringshoogte;Referentievlak;"
LEVEL = "Waterhoogte Oppervlaktewater t.o.v. Normaal Amsterdams Peil in cm"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def by_id(result):
    return {s.series_id + (" (forecast)" if s.is_forecast else ""): s for s in result.series}


def test_2020_layout_astronomical_scheveningen_is_met_not_amsterdam(catalogue):
    result = read_file(LONG, catalogue)
    series = by_id(result)
    astro = series["Scheveningen.WATHTBRKD"]
    # first row: 07-05-2020 00:00 MET, -54 cm -> 2020-05-06 23:00 UTC (Amsterdam would give 22:00), -0.54 m NAP
    assert astro.values.index[0] == utc("2020-05-06 23:00")
    assert astro.values.iloc[0] == pytest.approx(-0.54)
    assert astro.unit == "m NAP"
    assert not astro.in_catalogue
    assert astro.values.index[-1] == utc("2020-05-07 22:50")
    assert astro.values.iloc[-1] == pytest.approx(-0.62)
    assert len(astro.values) == 144
    assert "Waterinfo" in result.format and "2020" in result.format


def test_2020_layout_measured_level_maps_to_catalogue_by_station_name(catalogue):
    level = by_id(read_file(LONG, catalogue))["SCHEVNGN.WATHTE"]
    assert level.in_catalogue and level.unit == "m NAP"
    assert level.values.iloc[0] == pytest.approx(-0.60)
    assert level.values.index[-1] == utc("2020-05-07 22:50")
    assert level.values.iloc[-1] == pytest.approx(-0.69)
    assert level.quality.iloc[0] == "kwaliteit=Normale waarde; status=Ongecontroleerd"
    assert level.provenance.first_line == 146
    assert level.values.index.tz is not None and level.values.dtype == np.float64


def test_direct_download_is_amsterdam_legal_time(catalogue):
    result = read_file(SHORT, catalogue)
    [level] = result.series
    assert level.series_id == "SCHEVNGN.WATHTE"
    # 7-5-2020 00:00 CEST = 2020-05-06 22:00 UTC, -69 cm
    assert level.values.index[0] == utc("2020-05-06 22:00")
    assert level.values.iloc[0] == pytest.approx(-0.69)
    assert level.values.index[-1] == utc("2020-05-07 21:50")
    assert level.values.iloc[-1] == pytest.approx(-0.72)
    assert not level.is_forecast
    assert "legal time" in result.format


def test_old_export_in_winter(catalogue):
    [s] = read_file(OLD, catalogue).series
    assert s.series_id == "Dodewaard.WATHTE" and not s.in_catalogue
    assert list(s.values.index) == [utc(f"1990-01-0{d} 07:00") for d in range(1, 5)]
    assert list(s.values) == pytest.approx([6.28, 6.02, 5.72, 5.50])


def test_current_layout_several_series_codes_units_sentinels_latin1(catalogue):
    result = read_file(CURRENT, catalogue)
    assert "current bulk layout" in result.format
    series = by_id(result)
    assert set(series) == {"LOBI.Q", "KRY40.CONCTTE", "HOEKVHLD.WATHTE"}
    lobith = series["LOBI.Q"]
    # 01-07-2018 00:00 MET -> 2018-06-30 23:00 UTC; decimal comma; 999999999 is missing, not a flood
    assert lobith.values.index[0] == utc("2018-06-30 23:00")
    assert lobith.values.iloc[0] == pytest.approx(2031.5)
    assert np.isnan(lobith.values.iloc[3])
    assert lobith.values.max() < 3000
    chloride = series["KRY40.CONCTTE"]  # dotted service code resolved via the catalogue aliases
    assert chloride.unit == "mg/l"
    assert "Onbetrouwbaar" in chloride.quality.iloc[2]
    hoek = series["HOEKVHLD.WATHTE"]
    assert list(hoek.values) == pytest.approx([1.12, 1.18, 1.23])  # cm NAP -> m NAP


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\n"])
@pytest.mark.parametrize("encoding", ["latin-1", "utf-8"])
def test_line_endings_and_encodings_give_the_same_series(tmp_path, catalogue, newline, encoding):
    text = LONG.read_bytes().decode("latin-1")
    rows = text.split("\r")
    path = tmp_path / "export.csv"
    # a non-ASCII note in a column we do not use, to make the encoding matter
    body = "\r".join(r.replace("RIKZMON_WAT", "RIKZMON_WAT é") for r in rows)
    path.write_bytes(body.encode(encoding).replace(b"\r", newline))
    series = by_id(read_file(path, catalogue))
    assert series["Scheveningen.WATHTBRKD"].values.iloc[0] == pytest.approx(-0.54)
    assert len(series["SCHEVNGN.WATHTE"].values) == 144


def write_direct(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([DIRECT_HEADER, *rows]) + "\n", encoding="latin-1")
    return path


def direct_row(date: str, time: str, measured: str = "", forecast: str = "", astro: str = "") -> str:
    return f"{date};{time};{LEVEL};Hoek van Holland;{measured};{forecast};{astro};cm;-999999999;NVT;"


def test_october_repeated_hour_uses_row_order(tmp_path, catalogue):
    times = ["01:50:00"] + [f"02:{m:02d}:00" for m in range(0, 60, 10)] * 2 + ["03:00:00"]
    rows = [direct_row("27-10-2019", t, str(100 + i)) for i, t in enumerate(times)]
    [s] = read_file(write_direct(tmp_path / "dst.csv", rows), catalogue).series
    expected = pd.date_range("2019-10-26 23:50", periods=len(times), freq="10min", tz="UTC")
    assert list(s.values.index) == list(expected)  # first 02:xx is CEST, second CET: no duplicates
    assert list(s.values) == pytest.approx([(100 + i) / 100 for i in range(len(times))])
    assert s.duplicates == 0


def test_march_nonexistent_hour_is_rejected_with_reason(tmp_path, catalogue):
    rows = [direct_row("31-3-2019", t, v) for t, v in
            [("01:50:00", "10"), ("02:00:00", "11"), ("02:30:00", "12"), ("03:00:00", "13")]]
    result = read_file(write_direct(tmp_path / "spring.csv", rows), catalogue)
    [s] = result.series
    assert list(s.values.index) == [utc("2019-03-31 00:50"), utc("2019-03-31 01:00")]
    assert [r.line for r in result.rejected] == [3, 4]
    assert all("does not exist in Amsterdam legal time" in r.reason for r in result.rejected)


def test_forecast_and_astronomical_columns_are_separate_series(tmp_path, catalogue):
    rows = [direct_row("7-5-2020", "00:00:00", "-69", "", "-60"),
            direct_row("7-5-2020", "00:10:00", "-68", "", "-58"),
            direct_row("7-5-2020", "00:20:00", "", "-66", "-55"),
            direct_row("7-5-2020", "00:30:00", "", "-64", "-52")]
    series = by_id(read_file(write_direct(tmp_path / "hvh.csv", rows), catalogue))
    observed = series["HOEKVHLD.WATHTE"]
    assert not observed.is_forecast and list(observed.values) == pytest.approx([-0.69, -0.68])
    forecast = series["HOEKVHLD.WATHTE (forecast)"]
    assert forecast.is_forecast
    assert forecast.forecast_issued == utc("2020-05-06 22:10")  # last measured value
    assert list(forecast.values) == pytest.approx([-0.66, -0.64])
    astro = series["Hoek van Holland.WATHTBRKD"]
    assert not astro.is_forecast and len(astro.values) == 4 and astro.unit == "m NAP"


def test_duplicates_keep_last_occurrence_and_bad_values_are_rejected_with_line(tmp_path, catalogue):
    lines = CURRENT.read_bytes().decode("latin-1").split("\r\n")
    header, first, second = lines[0], lines[1], lines[2]
    duplicate = first.replace(";2031,5;", ";2040,0;")
    broken = second.replace(";2030;", ";twee;")
    path = tmp_path / "dup.csv"
    path.write_bytes("\r\n".join([header, first, duplicate, broken]).encode("latin-1") + b"\r\n")
    result = read_file(path, catalogue)
    [lobith] = result.series
    assert lobith.duplicates == 1
    assert lobith.values.iloc[0] == pytest.approx(2040.0)
    assert [(r.line, "not a number" in r.reason) for r in result.rejected] == [(4, True)]


def test_two_codes_of_one_station_become_one_series(tmp_path, catalogue):
    lines = CURRENT.read_bytes().decode("latin-1").split("\r\n")
    lobh = [r.replace(";Lobith;LOBI;", ";Lobith haven;LOBH;").replace("01-07-2018;00:", "01-07-2018;01:")
            for r in lines[1:4]]
    path = tmp_path / "alias.csv"
    path.write_bytes("\r\n".join([lines[0], *lines[1:4], *lobh]).encode("latin-1") + b"\r\n")
    [lobith] = read_file(path, catalogue).series
    assert lobith.series_id == "LOBI.Q" and len(lobith.values) == 6
    assert lobith.values.index[-1] == utc("2018-07-01 00:20")
