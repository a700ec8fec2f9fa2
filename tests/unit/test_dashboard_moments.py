"""Bookmarked moments of a data folder: read when present, reported (never fatal) when broken."""
from __future__ import annotations

from dashboard.moments import load_moments
from indicators import DEFAULT_DATA_DIR


def test_demo_moments_cover_the_events_the_demo_is_built_for():
    moments, problems = load_moments(DEFAULT_DATA_DIR)
    assert problems == []
    times = {m.time[:7] for m in moments}
    assert {"1995-01", "2018-08", "2021-07", "2022-08"} <= times
    flood = next(m for m in moments if m.time.startswith("2021-07"))
    assert flood.hazard == "flood" and flood.label("en") == "Meuse flood Jul 2021"


def test_a_folder_without_moments_has_none(tmp_path):
    assert load_moments(tmp_path) == ([], [])


def test_a_broken_moments_file_is_reported_with_file_and_item(tmp_path):
    (tmp_path / "momenten.yaml").write_text("moments:\n  - {time: 'gisteren', nl: a, en: b}\n")
    moments, problems = load_moments(tmp_path)
    assert moments == []
    assert "momenten.yaml: moments.0.time: expected a time like 2018-08-15T12:00" in problems[0]
    (tmp_path / "momenten.yaml").write_text("moments: [\n")
    assert load_moments(tmp_path)[0] == [] and load_moments(tmp_path)[1]
