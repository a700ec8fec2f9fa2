"""Broken inputs: each gives a clear message naming the file (and line when known), never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from indicators.catalogue import load_catalogue
from indicators.readers import read_file
from indicators.series import ReadError

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


@pytest.mark.parametrize("name, line, words", [
    ("empty.csv", None, "empty file"),
    ("binary.csv", None, "binary file"),
    ("no_recognised_columns.csv", 1, "no recognised columns"),
    ("wrong_separator_waterinfo.csv", 1, "not ';'-separated"),
    ("truncated_pi.xml", 41, "truncated"),
    ("billion_laughs.xml", 2, "XML bomb"),
])
def test_unreadable_file_gives_file_line_and_reason(catalogue, name, line, words):
    with pytest.raises(ReadError) as err:
        read_file(BROKEN / name, catalogue)
    assert err.value.file.endswith(name)
    assert err.value.line == line
    assert words in err.value.reason
    expected_prefix = f"{err.value.file}:{line}: " if line else f"{err.value.file}: "
    assert str(err.value).startswith(expected_prefix)


def test_missing_file(catalogue, tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "nope.csv", catalogue)


def test_truncated_waterinfo_keeps_the_complete_rows(catalogue):
    result = read_file(BROKEN / "truncated_waterinfo.csv", catalogue)
    series = {s.series_id: s for s in result.series}
    assert len(series["Scheveningen.WATHTBRKD"].values) == 144
    assert len(series["SCHEVNGN.WATHTE"].values) == 143  # the cut-off last row is rejected, the rest kept
    [row] = result.rejected
    assert row.line == 289 and "cut off" in row.reason
    assert any("truncated" in w for w in result.warnings)


def test_json_truncated_names_line(catalogue, tmp_path):
    text = (ROOT / "tests" / "data" / "formats" / "fews" / "pi_timeseries.json").read_text()
    path = tmp_path / "cut.json"
    path.write_text(text[:5000])
    with pytest.raises(ReadError) as err:
        read_file(path, catalogue)
    assert err.value.line is not None and err.value.line > 100
    assert "truncated" in err.value.reason


def test_csv_with_wrong_field_count_is_rejected_per_row(catalogue, tmp_path):
    source = (ROOT / "tests" / "data" / "formats" / "waterinfo" / "current_layout_b.csv").read_bytes()
    lines = source.split(b"\r\n")
    lines[3] = lines[3] + b";extra;fields;here"
    path = tmp_path / "extra.csv"
    path.write_bytes(b"\r\n".join(lines))
    result = read_file(path, catalogue)
    assert [r.line for r in result.rejected] == [4]
    assert "fields" in result.rejected[0].reason
    assert sum(len(s.values) for s in result.series) == 12


def test_semicolon_inside_a_value_does_not_shift_columns_silently(catalogue, tmp_path):
    source = (ROOT / "tests" / "data" / "formats" / "waterinfo" / "current_layout_b.csv").read_bytes()
    lines = source.split(b"\r\n")
    lines[2] = lines[2].replace(b";Lobith;", b";Lobith;haven;", 1)  # shifts every later column by one
    path = tmp_path / "shifted.csv"
    path.write_bytes(b"\r\n".join(lines))
    result = read_file(path, catalogue)
    [row] = result.rejected
    assert row.line == 3 and "contains ';'" in row.reason
    lobith = {s.series_id: s for s in result.series}["LOBI.Q"]
    assert len(lobith.values) == 5 and 2030.0 not in list(lobith.values)
