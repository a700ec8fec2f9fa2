"""The dashboard's configuration: where the reasoning lines, the data and the map assets live.

One immutable object is given to :func:`dashboard.app.create_app`; tests build their own, so every
test gets a fresh app with its own folders.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from indicators import DEFAULT_DATA_DIR, DEFAULT_LINES_DIR, PROJECT_ROOT

LANGUAGES = ("nl", "en")
HAZARDS = ("drought", "flood")


@dataclass(frozen=True)
class DashboardConfig:
    """Settings of one dashboard app.

    Parameters
    ----------
    lines_dir
        Folder with ``regios.yaml``, ``catalogus.yaml`` and ``lijnen/`` (the published reasoning lines).
    data_dir
        The live data folder; re-checked on every callback, so new files appear without a restart.
    language
        Default language when the URL does not say (``nl`` or ``en``).
    assets_dir
        Folder served as ``/assets``: Bootstrap CSS, the dashboard CSS and the map GeoJSON.
    chart_days
        Half width of the initial chart window around the as-of time, in days.
    data_days
        Half width of the data sent to a chart (the user can zoom out this far), in days.
    max_chart_points
        Largest number of points sent per chart trace; longer slices are downsampled (min/max kept).
    live_check_seconds
        How often a page in "latest" mode asks whether new data arrived.
    """

    lines_dir: Path = DEFAULT_LINES_DIR
    data_dir: Path = DEFAULT_DATA_DIR
    language: str = "nl"
    assets_dir: Path = PROJECT_ROOT / "assets"
    chart_days: int = 120
    data_days: int = 240
    max_chart_points: int = 1500
    live_check_seconds: int = 60

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {self.language!r}")
        object.__setattr__(self, "lines_dir", Path(self.lines_dir))
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        object.__setattr__(self, "assets_dir", Path(self.assets_dir))
