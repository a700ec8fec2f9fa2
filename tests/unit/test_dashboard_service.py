"""The service behind every callback: one evaluation per data version, new files without restart,
broken files and broken lines never take data away."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.callbacks.shell import notices
from dashboard.config import DashboardConfig
from dashboard.geo import load_map_geometry
from dashboard.service import SituationService
from dashboard.view import make_view
from indicators import DEFAULT_DATA_DIR, DEFAULT_LINES_DIR, PROJECT_ROOT

DEMO = Path(DEFAULT_DATA_DIR)


@pytest.fixture
def folders(tmp_path):
    """A data folder with the Lobith and Sint Pieter demo files, and a copy of the lines."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("LOBI.Q.csv", "SINT.Q.csv"):
        shutil.copy(DEMO / name, data / name)
    lines = tmp_path / "lines"
    shutil.copytree(DEFAULT_LINES_DIR, lines)
    return data, lines


def service_for(data: Path, lines: Path) -> SituationService:
    return SituationService(DashboardConfig(data_dir=data, lines_dir=lines))


def test_evaluation_is_done_once_per_data_version(folders):
    service = service_for(*folders)
    first = service.snapshot()
    again = service.snapshot()
    assert again.evaluation is first.evaluation
    assert again.version == first.version
    # Any number of as-of times reuses the same evaluation.
    for day in pd.date_range("2018-06-01", periods=5, freq="7D"):
        first.situation(day)
    assert service.snapshot().evaluation is first.evaluation


def test_a_new_file_appears_without_restart_and_gives_a_new_evaluation(folders):
    data, lines = folders
    service = service_for(data, lines)
    before = service.snapshot()
    assert "KRY40.CONCTTE" not in before.data.observations
    shutil.copy(DEMO / "KRY40.CONCTTE.csv", data / "KRY40.CONCTTE.csv")
    after = service.snapshot()
    assert "KRY40.CONCTTE" in after.data.observations
    assert after.version != before.version
    assert after.evaluation is not before.evaluation
    rmm = after.situation("2018-08-15").line("RMM-droogte")
    assert rmm.phase is not None and rmm.phase >= 1


def test_a_broken_file_is_reported_and_the_data_already_loaded_stays(folders):
    data, lines = folders
    service = service_for(data, lines)
    good = service.snapshot()
    (data / "LOBI.Q.csv").write_bytes(b"\x00\x01\x02 not a csv")
    broken = service.snapshot()
    assert broken.problems, "the unreadable file must be named"
    assert "LOBI.Q" in broken.data.observations  # the earlier good version stays in use
    wmcn = broken.situation("2018-08-15").line("WMCN-droogte")
    assert wmcn.phase == good.situation("2018-08-15").line("WMCN-droogte").phase


def test_an_invalid_change_to_the_lines_keeps_the_previous_set(folders):
    data, lines = folders
    service = service_for(data, lines)
    before = service.snapshot()
    (lines / "lijnen" / "wmcn_droogte.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    after = service.snapshot()
    assert after.lines_problems
    assert [ln.id for ln in after.line_set.lines] == [ln.id for ln in before.line_set.lines]
    view = make_view(service, "/", "?t=2018-08-15")
    messages, details = notices(view, load_map_geometry(PROJECT_ROOT / "assets"), data)
    assert any("vorige geldige versie" in m for m in messages)


def test_an_empty_data_folder_gives_unknown_phases_and_a_notice(tmp_path):
    service = SituationService(DashboardConfig(data_dir=tmp_path / "nothing-here"))
    snapshot = service.snapshot()
    assert snapshot.latest is None
    situation = snapshot.situation("2018-08-15")
    assert all(ls.phase is None for ls in situation.lines)
    view = make_view(service, "/", "")
    messages, _ = notices(view, load_map_geometry(PROJECT_ROOT / "assets"), tmp_path / "nothing-here")
    assert any("geen gegevens" in m for m in messages)


def test_two_apps_share_no_state(folders):
    data, lines = folders
    first = create_app(DashboardConfig(data_dir=data, lines_dir=lines))
    second = create_app(DashboardConfig(data_dir=DEMO))
    assert first.service is not second.service
    assert "KRY40.CONCTTE" not in first.service.snapshot().data.observations
    assert "KRY40.CONCTTE" in second.service.snapshot().data.observations


def test_notice_calls_out_old_data_only_in_live_mode(folders):
    service = service_for(*folders)
    geometry = load_map_geometry(PROJECT_ROOT / "assets")
    now = pd.Timestamp("2026-01-01", tz="UTC")
    live, _ = notices(make_view(service, "/", ""), geometry, folders[0], now=now)
    fixed, _ = notices(make_view(service, "/", "?t=2018-08-15"), geometry, folders[0], now=now)
    assert any("niet actueel" in m for m in live)
    assert not any("niet actueel" in m for m in fixed)
