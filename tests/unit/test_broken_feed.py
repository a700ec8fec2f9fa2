"""A sensor that sends rubbish must give 'unknown', never a false crisis (issue 3, data quality)."""
from __future__ import annotations

import json

import pandas as pd

from indicators.cli import main


def write_series(path, values, start="2018-08-01"):
    days = pd.date_range(start, periods=len(values), freq="D", tz="UTC")
    path.write_text("time,value\n" + "\n".join(f"{d.isoformat()},{v}" for d, v in zip(days, values)) + "\n")
    return path


def wmcn_at(capsys, at, lobith, meuse):
    assert main(["situation", "--at", at, "--series", f"LOBI.Q={lobith}", "--series", f"SINT.Q={meuse}"]) == 0
    return next(ln for ln in json.loads(capsys.readouterr().out)["lines"] if ln["line"] == "WMCN-droogte")


def test_lobith_dropping_to_zero_is_suspect_not_a_national_crisis(tmp_path, capsys):
    lobith = write_series(tmp_path / "lobith.csv", [1500] * 10 + [0] * 6)
    meuse = write_series(tmp_path / "maas.csv", [150] * 16)
    line = wmcn_at(capsys, "2018-08-16T12:00+02:00", lobith, meuse)
    assert line["phase"] != 3
    assert line["status"] == "unknown"
    assert line["last_known_phase"] == 0
    lobith_state = next(i for i in line["indicators"] if i["id"] == "lobith_afvoer")
    assert lobith_state["status"] == "stale" and lobith_state["value"] == 1500


def test_a_single_spike_is_ignored_and_the_phase_stays(tmp_path, capsys):
    lobith = write_series(tmp_path / "lobith.csv", [900] * 10 + [15000] + [900] * 2)
    meuse = write_series(tmp_path / "maas.csv", [150] * 13)
    line = wmcn_at(capsys, "2018-08-11T12:00+02:00", lobith, meuse)
    assert (line["phase"], line["status"]) == (2, "ok")
    lobith_state = next(i for i in line["indicators"] if i["id"] == "lobith_afvoer")
    assert lobith_state["value"] == 900  # the spike (a jump of 14100 m3/s in one day) is suspect and not used
