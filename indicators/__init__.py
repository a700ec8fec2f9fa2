"""Domain core of the Slim WM situation dashboard: reasoning lines, series, and the engine.

Pure Python + pandas; never imports Dash or Plotly. See ``python -m indicators --help``.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LINES_DIR = PROJECT_ROOT / "redeneerlijnen"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data" / "demo"
