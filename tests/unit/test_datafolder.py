"""The live data folder: picks up added, replaced and removed files; a broken upload keeps the good data."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import indicators.datafolder as datafolder
from indicators.catalogue import load_catalogue
from indicators.datafolder import DataFolder, load_paths

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "redeneerlijnen" / "catalogus.yaml")


def tidy(path: Path, rows: list[tuple[str, str, float]], mtime: int | None = None) -> Path:
    path.write_text("series,time,value\n" + "".join(f"{s},{t},{v}\n" for s, t, v in rows))
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


@pytest.fixture()
def folder(tmp_path):
    shutil.copy(FORMATS / "waterinfo" / "scheveningen_20200507_long.csv", tmp_path)
    (tmp_path / "sub").mkdir()
    shutil.copy(FORMATS / "fews" / "pi_timeseries.json", tmp_path / "sub")
    (tmp_path / "README.md").write_text("what is here")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "junk.csv").write_text("not data")
    return tmp_path


def test_reads_folder_recursively_and_sorts_series(folder, catalogue):
    data = DataFolder(folder, catalogue).load()
    assert list(data.observations) == ["SCHEVNGN.WATHTE"]
    assert {s.series_id for s in data.uncatalogued} == {
        "Scheveningen.WATHTBRKD", "NL34.HL.KGM156.HWZ1.WATHTE", "NL34.HL.KGM156.LWZ1.WATHTE"}
    assert data.problems == []  # README and hidden folders are ignored, not reported
    assert len(data.results) == 2
    assert data.quality["SCHEVNGN.WATHTE"].count == 144
    inputs = data.evaluation_inputs()
    assert list(inputs) == ["SCHEVNGN.WATHTE"] and inputs["SCHEVNGN.WATHTE"].iloc[0] == pytest.approx(-0.60)


def test_added_file_is_picked_up_and_only_it_is_read(folder, catalogue, monkeypatch):
    df = DataFolder(folder, catalogue)
    first = df.load()
    calls: list[str] = []
    real = datafolder.read_file
    monkeypatch.setattr(datafolder, "read_file", lambda p, c, bind=None: calls.append(p) or real(p, c, bind=bind))
    assert df.load() is first  # nothing changed: the same result, nothing re-read
    tidy(folder / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)])
    second = df.load()
    assert calls == [str(folder / "lobith.csv")]
    assert second.observations["LOBI.Q"].values.iloc[0] == 812.0
    assert second.fingerprint != first.fingerprint


def test_replaced_file_is_reread(folder, catalogue):
    df = DataFolder(folder, catalogue)
    path = tidy(folder / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)], mtime=1_600_000_000_000_000_000)
    before = df.load()
    tidy(path, [("LOBI.Q", "2018-08-01T00:00Z", 790.0), ("LOBI.Q", "2018-08-01T01:00Z", 785.0)],
         mtime=1_600_000_100_000_000_000)
    after = df.load()
    assert list(after.observations["LOBI.Q"].values) == [790.0, 785.0]
    assert after.fingerprint != before.fingerprint


def test_broken_replacement_keeps_earlier_good_version_and_reports(folder, catalogue):
    df = DataFolder(folder, catalogue)
    path = tidy(folder / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)], mtime=1_600_000_000_000_000_000)
    good = df.load()
    path.write_bytes(b"\x00\x01\x02 half an upload")
    os.utime(path, ns=(1_600_000_100_000_000_000,) * 2)
    data = df.load()
    assert data.observations["LOBI.Q"].values.iloc[0] == 812.0
    [problem] = data.problems
    assert str(path) in problem and "binary file" in problem and "earlier version" in problem
    assert "SCHEVNGN.WATHTE" in data.observations  # the other files stay loaded
    assert data.fingerprint == good.fingerprint  # the content in use did not change


def test_broken_new_file_is_reported_and_skipped(folder, catalogue):
    (folder / "empty.csv").write_text("")
    data = DataFolder(folder, catalogue).load()
    assert data.problems == [f"{folder / 'empty.csv'}: empty file: no header and no data"]
    assert "SCHEVNGN.WATHTE" in data.observations


def test_removed_file_disappears(folder, catalogue):
    df = DataFolder(folder, catalogue)
    path = tidy(folder / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)])
    assert "LOBI.Q" in df.load().observations
    path.unlink()
    assert "LOBI.Q" not in df.load().observations


def test_same_id_in_two_files_merged_most_recent_file_wins(tmp_path, catalogue):
    tidy(tmp_path / "old.csv", [("LOBI.Q", "2018-08-01T00:00Z", 800.0), ("LOBI.Q", "2018-08-01T01:00Z", 801.0)],
         mtime=1_600_000_000_000_000_000)
    tidy(tmp_path / "new.csv", [("LOBI.Q", "2018-08-01T01:00Z", 850.0), ("LOBI.Q", "2018-08-01T02:00Z", 851.0)],
         mtime=1_600_000_500_000_000_000)
    lobith = DataFolder(tmp_path, catalogue).load().observations["LOBI.Q"]
    assert list(lobith.values) == [800.0, 850.0, 851.0]
    assert lobith.values.index.is_monotonic_increasing


def test_forecasts_kept_apart_from_observations(tmp_path, catalogue):
    shutil.copy(FORMATS / "waterinfo" / "current_layout_b.csv", tmp_path)
    (tmp_path / "fc.xml").write_text(
        '<TimeSeries xmlns="http://www.wldelft.nl/fews/PI"><timeZone>0.0</timeZone><series><header>'
        '<locationId>LOBI</locationId><parameterId>Q.verwacht</parameterId><units>m3/s</units>'
        '<forecastDate date="2018-07-01" time="00:00:00"/></header>'
        '<event date="2018-07-03" time="00:00:00" value="1500"/></series></TimeSeries>')
    data = DataFolder(tmp_path, catalogue).load()
    assert data.forecasts["LOBI.Q"].values.iloc[0] == 1500.0
    assert 1500.0 not in data.evaluation_inputs()["LOBI.Q"].tolist()
    assert "LOBI.Q (forecast)" in data.quality


def test_suspect_values_are_masked_in_evaluation_inputs(tmp_path, catalogue):
    tidy(tmp_path / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0), ("LOBI.Q", "2018-08-01T01:00Z", 0.0)])
    data = DataFolder(tmp_path, catalogue).load()
    assert data.observations["LOBI.Q"].values.iloc[1] == 0.0
    assert np.isnan(data.evaluation_inputs()["LOBI.Q"].iloc[1])
    assert data.quality["LOBI.Q"].suspect == 1


def test_load_paths_with_series_binding(tmp_path, catalogue):
    plain = tmp_path / "afvoer.csv"
    plain.write_text("datum;waarde\n2018-08-01;812,5\n")
    data = load_paths([str(FORMATS / "waterinfo" / "scheveningen_20200507_short.csv"), str(tmp_path / "nope.xml")],
                      catalogue, {"LOBI.Q": str(plain)})
    assert data.observations["LOBI.Q"].values.iloc[0] == 812.5
    assert "SCHEVNGN.WATHTE" in data.observations
    assert data.problems == [f"{tmp_path / 'nope.xml'}: no such file"]


def test_concurrent_loads_agree(folder, catalogue):
    df = DataFolder(folder, catalogue)
    tidy(folder / "lobith.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)])
    results: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            results.append(df.load().fingerprint)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(results)) == 1 and len(results) == 8


def test_two_folders_share_no_state(tmp_path, catalogue):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    tidy(a / "x.csv", [("LOBI.Q", "2018-08-01T00:00Z", 812.0)])
    tidy(b / "x.csv", [("SINT.Q", "2018-08-01T00:00Z", 40.0)])
    assert list(DataFolder(a, catalogue).load().observations) == ["LOBI.Q"]
    assert list(DataFolder(b, catalogue).load().observations) == ["SINT.Q"]
    assert pd.Timestamp("2018-08-01", tz="UTC") in DataFolder(b, catalogue).load().observations["SINT.Q"].values.index
