"""``inspect``: what a user reads about each file, and the exit code."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from indicators.catalogue import load_catalogue
from indicators.inspect import inspect_files

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def run(paths, catalogue) -> tuple[int, str]:
    out = io.StringIO()
    code = inspect_files([str(p) for p in paths], catalogue, out=out)
    return code, out.getvalue()


def test_readable_files_exit_zero_with_format_series_and_times(catalogue):
    code, text = run([FORMATS / "waterinfo" / "scheveningen_20200507_long.csv"], catalogue)
    assert code == 0
    assert "format: Waterinfo CSV (2020 bulk layout, MET = UTC+1)" in text
    assert "SCHEVNGN.WATHTE: Waterstand Scheveningen [m NAP]" in text
    assert "Scheveningen.WATHTBRKD: not in catalogue" in text
    assert "first:    2020-05-06 23:00 UTC (2020-05-07 01:00 CEST)" in text
    assert "values:   144 (0 missing), typical step 10 min" in text


def test_unreadable_file_prints_file_line_reason_and_others_still_inspected(catalogue):
    good = FORMATS / "fews" / "pi_timeseries_small.xml"
    code, text = run([BROKEN / "truncated_pi.xml", good, BROKEN / "empty.csv"], catalogue)
    assert code == 2
    lines = text.splitlines()
    assert lines[0].startswith(f"{BROKEN / 'truncated_pi.xml'}:41: XML is not well-formed")
    assert f"{BROKEN / 'empty.csv'}: empty file" in text
    assert "union_8020 AE2.WATHTE: not in catalogue" in text  # the good file in between was inspected


def test_forecast_is_labelled(tmp_path, catalogue):
    path = tmp_path / "fc.xml"
    path.write_text(
        '<TimeSeries xmlns="http://www.wldelft.nl/fews/PI"><timeZone>1.0</timeZone><series><header>'
        '<locationId>LOBH</locationId><parameterId>Q.verwacht</parameterId><units>m3/s</units>'
        '<forecastDate date="2018-07-01" time="07:00:00"/></header>'
        '<event date="2018-07-03" time="00:00:00" value="1500"/></series></TimeSeries>')
    code, text = run([path], catalogue)
    assert code == 0
    assert "LOBI.Q: Rijn bij Lobith, afvoer [m3/s] FORECAST issued 2018-07-01 06:00 UTC (2018-07-01 08:00 CEST)" in text


def test_suspect_values_gaps_and_rejected_rows_are_shown(tmp_path, catalogue):
    path = tmp_path / "tidy.csv"
    path.write_text("series,time,value\n"
                    "LOBI.Q,2018-08-01T00:00Z,812\n"
                    "LOBI.Q,2018-08-01T01:00Z,0\n"
                    "LOBI.Q,2018-08-01T02:00Z,810\n"
                    "LOBI.Q,2018-08-01T09:00Z,805\n"
                    "LOBI.Q,2018-08-01T10:00Z,twelve\n")
    code, text = run([path], catalogue)
    assert code == 0
    assert "suspect:  1 value(s), not used for evaluation (1 below plausible minimum 500 m3/s)" in text
    assert "2018-08-01 01:00 UTC (2018-08-01 03:00 CEST): 0 m3/s: below plausible minimum 500 m3/s" in text
    assert "gaps:     1" in text and "(7 h)" in text
    assert f"{path}:6: value 'twelve' is not a number" in text


def test_unit_error_named_and_other_series_shown(catalogue):
    code, text = run([BROKEN / "unconvertible_unit_pi.xml"], catalogue)
    assert code == 0
    assert "cannot convert unit 'ft3/s' to 'm3/s'" in text and "LOBI.Q" in text
    assert "SINT.Q: Maas bij Sint Pieter, afvoer" in text
