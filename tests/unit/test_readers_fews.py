"""Delft-FEWS PI-XML and PI-JSON: real samples, time zones, missing values, flags, forecasts, safety."""
from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue
from indicators.readers import read_file
from indicators.series import ReadError

ROOT = Path(__file__).resolve().parents[2]
FEWS = ROOT / "tests" / "data" / "formats" / "fews"
BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def test_small_pi_xml_first_event_and_flags(catalogue):
    result = read_file(FEWS / "pi_timeseries_small.xml", catalogue)
    assert result.format == "Delft-FEWS PI-XML"
    assert [s.series_id for s in result.series] == [
        "union_8020 AE2.WATHTE", "union_Waddenzeedijk 1.WATHTE", "union_GPG-E-6001.WATHTE"]
    first = result.series[0]
    assert first.values.index[0] == utc("2021-06-22 06:00")  # timeZone 0.0
    assert first.values.iloc[0] == pytest.approx(-1.106, abs=1e-6)
    assert len(first.values) == 5 and not first.in_catalogue and first.unit == "m NAP"
    assert set(first.quality) == {"flag=0"}
    assert result.series[1].quality is None  # the second series has no flags at all


def test_waalenburg_time_zone_one_hour_nan_missing_and_flags(catalogue):
    result = read_file(FEWS / "waalenburg_2018-04_2018-10.xml", catalogue)
    north = result.series[0]
    assert north.series_id == "MPN-N-1.WATHTE"
    assert north.provenance.source_name == "MP H10 Waalenburg, Peilmeting"
    # 2018-04-01 00:00 at timeZone 1.0 is 2018-03-31 23:00 UTC
    assert north.values.index[0] == utc("2018-03-31 23:00")
    assert north.values.iloc[0] == pytest.approx(-1.147)
    assert north.values.index[-1] == utc("2018-10-31 22:45")
    assert north.unit == "m NAP" and north.provenance.source_unit == "mNAP"
    first_nan = pd.Timestamp("2018-04-23 20:15") - pd.Timedelta(hours=1)
    assert np.isnan(north.values[first_nan.tz_localize("UTC")])
    assert north.quality[first_nan.tz_localize("UTC")] == "flag=8"
    assert {"flag=0", "flag=3", "flag=8"} <= set(north.quality.unique())


def test_pi_json_first_value_and_utc(catalogue):
    result = read_file(FEWS / "pi_timeseries.json", catalogue)
    assert result.format == "Delft-FEWS PI-JSON"
    first = result.series[0]
    assert first.series_id == "NL34.HL.KGM156.HWZ1.WATHTE"
    assert first.values.index[0] == utc("2022-04-30 23:00")  # 2022-05-01 00:00 at timeZone 1.0
    assert first.values.iloc[0] == pytest.approx(-0.95)
    assert len(first.values) == 390
    # non-equidistant: an event at 00:21:57 is kept at its own time
    assert utc("2022-04-30 23:21:57") in first.values.index


PREFIXED_FORECAST = """<?xml version="1.0" encoding="UTF-8"?>
<pi:TimeSeries xmlns:pi="http://www.wldelft.nl/fews/PI">
  <pi:timeZone>1.0</pi:timeZone>
  <pi:series>
    <pi:header>
      <pi:type>instantaneous</pi:type>
      <pi:locationId>hoekvanholland</pi:locationId>
      <pi:parameterId>H.verwacht</pi:parameterId>
      <pi:forecastDate date="2023-12-21" time="06:00:00"/>
      <pi:missVal>-999</pi:missVal>
      <pi:units>cm</pi:units>
    </pi:header>
    <pi:event date="2023-12-21" time="07:00:00" value="210" flag="0"/>
    <pi:event date="2023-12-21" time="08:00:00" value="-999" flag="0"/>
    <pi:event date="2023-12-21" time="09:00:00" value="NaN" flag="0"/>
    <pi:event date="2023-12-21" time="10:00:00" value="245" flag="6"/>
    <pi:event date="2023-13-21" time="11:00:00" value="250" flag="0"/>
  </pi:series>
</pi:TimeSeries>
"""


def test_prefixed_namespace_forecast_cm_missval_and_bad_event(tmp_path, catalogue):
    path = tmp_path / "forecast.xml"
    path.write_text(PREFIXED_FORECAST)
    result = read_file(path, catalogue)
    [s] = result.series
    assert s.series_id == "HOEKVHLD.WATHTE" and s.in_catalogue
    assert s.is_forecast and s.forecast_issued == utc("2023-12-21 05:00")
    assert s.values.index[0] == utc("2023-12-21 06:00")
    assert s.values.iloc[0] == pytest.approx(2.10)  # cm -> m NAP
    assert s.values.iloc[1:3].isna().all()  # missVal and NaN are missing
    assert s.quality.iloc[3] == "flag=6"
    [bad] = result.rejected
    assert bad.line == 17 and "2023-13-21" in bad.reason


def test_pi_json_forecast_date(tmp_path, catalogue):
    doc = {"timeZone": "0.0", "timeSeries": [{
        "header": {"locationId": "LOBH", "parameterId": "Q.verwacht", "units": "m3/s", "missVal": "-999",
                   "forecastDate": {"date": "2022-08-01", "time": "00:00:00"}},
        "events": [{"date": "2022-08-02", "time": "00:00:00", "value": "812.5", "flag": "0"}]}]}
    path = tmp_path / "fc.json"
    path.write_text(json.dumps(doc))
    [s] = read_file(path, catalogue).series
    assert s.series_id == "LOBI.Q" and s.is_forecast
    assert s.forecast_issued == utc("2022-08-01 00:00")
    assert s.values.iloc[0] == pytest.approx(812.5)


def test_synthetic_flag_comes_from_catalogue_kind(tmp_path, catalogue):
    doc = {"timeZone": "0.0", "timeSeries": [{
        "header": {"locationId": "eijsden.grens", "parameterId": "Q.meting", "units": "m3/s"},
        "events": [{"date": "2022-08-02", "time": "00:00:00", "value": "40"}]}]}
    path = tmp_path / "eijsden.json"
    path.write_text(json.dumps(doc))
    [s] = read_file(path, catalogue).series
    assert s.series_id == "EIJS.Q" and s.synthetic


def test_billion_laughs_is_refused_quickly(catalogue):
    start = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_file(BROKEN / "billion_laughs.xml", catalogue)
    assert time.perf_counter() - start < 5
    assert "billion_laughs.xml" in str(err.value) and "XML bomb" in str(err.value)


def test_unconvertible_unit_skips_only_that_series(catalogue):
    result = read_file(BROKEN / "unconvertible_unit_pi.xml", catalogue)
    assert [s.series_id for s in result.series] == ["SINT.Q"]
    [row] = result.rejected
    assert row.line == 5
    assert "LOBI.Q" in row.reason and "ft3/s" in row.reason and "m3/s" in row.reason
    sint = result.series[0]
    assert sint.values.iloc[0] == pytest.approx(24.5) and np.isnan(sint.values.iloc[1])


def test_truncated_xml_names_the_line(catalogue):
    with pytest.raises(ReadError) as err:
        read_file(BROKEN / "truncated_pi.xml", catalogue)
    assert err.value.line == 41 and "truncated" in err.value.reason


def test_xml_that_is_not_pi_is_refused(tmp_path, catalogue):
    path = tmp_path / "other.xml"
    path.write_text("<?xml version='1.0'?><kml><Document/></kml>")
    with pytest.raises(ReadError, match="expected a Delft-FEWS PI <TimeSeries>"):
        read_file(path, catalogue)


def test_a_forecast_marked_synthetic_in_its_qualifier_is_labelled_synthetic(tmp_path):
    """The demo forecast is made up; the file says so, and so must every screen that shows it."""
    from indicators import PROJECT_ROOT
    from indicators.catalogue import load_catalogue
    from indicators.readers import read_file

    catalogue = load_catalogue(PROJECT_ROOT / "redeneerlijnen" / "catalogus.yaml")
    demo = read_file(PROJECT_ROOT / "data" / "demo" / "forecast" / "LOBI.Q_forecast_2018-08-10.xml", catalogue).series[0]
    assert demo.series_id == "LOBI.Q" and demo.is_forecast and demo.synthetic
    plain = tmp_path / "plain.xml"
    plain.write_text((PROJECT_ROOT / "data" / "demo" / "forecast" / "LOBI.Q_forecast_2018-08-10.xml")
                     .read_text().replace("<qualifierId>synthetic</qualifierId>", ""))
    assert not read_file(plain, catalogue).series[0].synthetic  # LOBI.Q itself is measured
