"""`python -m indicators situation / timeline` on the demo data and on bound series files."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from indicators import PROJECT_ROOT
from indicators.cli import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def situation_2018(tmp_path_factory):
    out = subprocess.run([sys.executable, "-m", "indicators", "situation", "--at", "2018-08-15"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_situation_json_has_the_documented_shape(situation_2018):
    assert situation_2018["as_of"] == "2018-08-15T12:00:00+02:00"
    line = next(ln for ln in situation_2018["lines"] if ln["line"] == "WMCN-droogte")
    assert {"line", "region", "hazard", "version", "phase", "national_phase", "status", "since", "reasons", "indicators"} <= set(line)
    assert {"id", "series", "value", "unit", "phase", "status"} <= set(line["indicators"][0])
    assert {"region", "by", "line", "reason"} <= set(situation_2018["affected"][0])


def test_demo_2018_drought_shows_on_the_main_water_system(situation_2018):
    line = next(ln for ln in situation_2018["lines"] if ln["line"] == "WMCN-droogte")
    assert line["phase"] >= 1 and line["status"] == "ok"
    assert line["reasons"][0]["indicator"] == "lobith_afvoer"
    assert any(a["region"] == "RMM" and a["by"] == "WMCN" for a in situation_2018["affected"])


def test_timeline_csv(capsys):
    code, out, _ = run(["timeline", "--from", "2018-06-01", "--to", "2018-08-31", "--step", "1D"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["time", "line", "region", "phase", "national_phase", "status"]
    wmcn = [r for r in rows if r["line"] == "WMCN-droogte"]
    assert len(wmcn) == 92
    assert wmcn[0]["phase"] == "0" and wmcn[-1]["phase"] in {"1", "2"}


def test_series_binding_with_a_plain_two_column_csv(tmp_path, capsys):
    days = pd.date_range("2018-07-01", "2018-08-20", freq="D", tz="Europe/Amsterdam")
    lobith = tmp_path / "lobith.csv"
    lobith.write_text("datum;afvoer\n" + "\n".join(f"{d.isoformat()};{'' if i == 3 else 800}" for i, d in enumerate(days)) + "\n")
    meuse = tmp_path / "maas.csv"
    meuse.write_text("t,q\n" + "\n".join(f"{d.isoformat()},150" for d in days) + "\n")
    code, out, _ = run(["situation", "--at", "2018-08-15", "--series", f"LOBI.Q={lobith}", "--series", f"SINT.Q={meuse}"], capsys)
    assert code == 0
    line = next(ln for ln in json.loads(out)["lines"] if ln["line"] == "WMCN-droogte")
    assert line["phase"] == 2  # 800 m3/s is below the August phase-2 value (950)
    assert line["indicators"][0]["value"] == 800


def test_unknown_series_id_in_binding_is_a_clear_error(tmp_path, capsys):
    file = tmp_path / "x.csv"
    file.write_text("t,v\n2018-08-01,1\n")
    with pytest.raises(SystemExit) as exc:
        main(["situation", "--at", "2018-08-15", "--series", f"LOBITH.Q={file}"])
    assert "not a catalogue id" in str(exc.value)


def test_an_unreadable_data_file_is_reported_and_the_rest_still_evaluates(tmp_path, capsys):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TimeSeries><series>")
    code, out, err = run(["situation", "--at", "2018-08-15", "--data", str(PROJECT_ROOT / "data" / "demo"), "--data", str(broken)], capsys)
    assert code == 0
    assert "broken.xml" in err
    line = next(ln for ln in json.loads(out)["lines"] if ln["line"] == "WMCN-droogte")
    assert line["phase"] >= 1


def test_expected_phase_from_the_demo_forecast_is_kept_apart(capsys):
    code, out, _ = run(["situation", "--at", "2018-08-12"], capsys)
    situation = json.loads(out)
    expected = {e["line"]: e for e in situation["expected"]}
    assert expected["WMCN-droogte"]["series"] == ["LOBI.Q"]
    assert expected["WMCN-droogte"]["issued"] == "2018-08-10T08:00:00+02:00"
    assert expected["WMCN-droogte"]["phase"] >= 1
    # A forecast issued after the as-of time is never used (a replay does not look ahead).
    code, out, _ = run(["situation", "--at", "2018-08-09"], capsys)
    assert json.loads(out)["expected"] == []


def test_piping_into_head_ends_quietly():
    """`python -m indicators timeline ... | head` must not end in a traceback once head has read enough."""
    pipeline = subprocess.run(
        f"{sys.executable} -m indicators timeline --from 2018-01-01 --to 2018-12-31 --step 1h | head -n 2",
        shell=True, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert pipeline.stdout.startswith("time,line,region,phase,national_phase,status\n")
    assert "Traceback" not in pipeline.stderr and "BrokenPipe" not in pipeline.stderr
