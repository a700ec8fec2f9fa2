"""`python -m indicators validate`: the shipped set passes, broken copies fail with file, line and key."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indicators import DEFAULT_LINES_DIR
from indicators.cli import main


@pytest.fixture
def lines_copy(tmp_path: Path) -> Path:
    target = tmp_path / "redeneerlijnen"
    shutil.copytree(DEFAULT_LINES_DIR, target)
    return target


def run_validate(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["validate", "--lines", str(folder)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.strip()]


def replace_in(file: Path, old: str, new: str) -> int:
    """Replace text once and return the 1-based line where it stood."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {file}"
    line = text[: text.index(old)].count("\n") + 1
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_shipped_set_is_valid(capsys):
    assert main(["validate"]) == 0
    assert "13 lines" in capsys.readouterr().out


def test_unknown_series_names_file_line_and_key(lines_copy, capsys):
    file = lines_copy / "lijnen" / "rmm_droogte.yaml"
    line = replace_in(file, "series: KRY40.CONCTTE", "series: GOUDA.CONCTTE")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert f"{file}:{line}: indicators.0.series: series 'GOUDA.CONCTTE' is not in the data catalogue" in problems[0]


def test_thresholds_out_of_order(lines_copy, capsys):
    file = lines_copy / "lijnen" / "rmm_droogte.yaml"
    line = replace_in(file, "{phase: 2, enter: 250, exit: 200}", "{phase: 2, enter: 180, exit: 150}")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert problems[0].startswith(f"{file}:{line}: indicators.0.thresholds.1.enter: thresholds out of order")


def test_exit_value_on_the_wrong_side(lines_copy, capsys):
    file = lines_copy / "lijnen" / "rmm_droogte.yaml"
    line = replace_in(file, "{phase: 1, enter: 200, exit: 150}", "{phase: 1, enter: 200, exit: 210}")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert problems[0].startswith(f"{file}:{line}: indicators.0.thresholds.0.exit: the exit value must lie on the normal side")


def test_unknown_region_in_an_impact(lines_copy, capsys):
    file = lines_copy / "lijnen" / "rmm_droogte.yaml"
    line = replace_in(file, "{to: VZM, from_phase: 2, link: zout-rmm-vzm", "{to: ZEELAND, from_phase: 2, link: zout-rmm-vzm")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert any(p.startswith(f"{file}:{line}: impacts.0.to: unknown region 'ZEELAND'") for p in problems)


def test_yaml_syntax_error(lines_copy, capsys):
    file = lines_copy / "lijnen" / "zon_droogte.yaml"
    line = replace_in(file, "    max_age: 3D\n", "    max_age: [3D\n")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert problems[0].startswith(f"{file}:")
    assert "YAML syntax error" in problems[0]
    reported = int(problems[0].split(":")[1])
    assert line <= reported <= line + 2


def test_misspelt_key_and_missing_key(lines_copy, capsys):
    file = lines_copy / "lijnen" / "zn_droogte.yaml"
    line = replace_in(file, "    direction: falling\n", "    richting: falling\n")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert f"{file}:{line}: indicators.0.richting: unknown key" in problems[0] or any(
        f"{file}:{line}: indicators.0.richting: unknown key" in p for p in problems)
    assert any("indicators.0.direction: required key is missing" in p for p in problems)


def test_phase_that_can_never_be_reached(lines_copy, capsys):
    file = lines_copy / "lijnen" / "rg_hoogwater.yaml"
    replace_in(file, "      - {phase: 2, enter: 6000, exit: 5700}\n", "")
    code, problems = run_validate(lines_copy, capsys)
    assert code == 2
    assert any("phases.2: no indicator has a threshold into phase 2" in p for p in problems)


def test_a_broken_set_is_never_evaluated(lines_copy, capsys):
    replace_in(lines_copy / "lijnen" / "rmm_droogte.yaml", "series: KRY40.CONCTTE", "series: GOUDA.CONCTTE")
    code = main(["situation", "--lines", str(lines_copy), "--at", "2018-08-15"])
    assert code == 2
    assert "not in the data catalogue" in capsys.readouterr().err


def test_json_schema_export(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert {"id", "region", "hazard", "phases", "indicators"} <= set(schema["required"])
    shipped = json.loads((DEFAULT_LINES_DIR / "schema" / "redeneerlijn.schema.json").read_text())
    assert shipped == schema, "redeneerlijnen/schema is out of date: run python -m indicators schema --out ..."
