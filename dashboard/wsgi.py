"""WSGI entry point for production: ``gunicorn 'dashboard.wsgi:server'``.

Folders and language come from the environment, so one image serves any data folder:
``SLIMWM_DATA`` (data folder), ``SLIMWM_LINES`` (reasoning lines), ``SLIMWM_LANG`` (``nl``/``en``).
Every worker builds its own app; the service inside is safe for several threads per worker.
"""
from __future__ import annotations

import os

from dashboard.app import create_app
from dashboard.config import DashboardConfig
from indicators import DEFAULT_DATA_DIR, DEFAULT_LINES_DIR
from indicators.allocator import keep_freed_memory

keep_freed_memory()  # re-evaluations (new data, scenarios) reuse memory instead of faulting it in again
app = create_app(DashboardConfig(
    lines_dir=os.environ.get("SLIMWM_LINES", str(DEFAULT_LINES_DIR)),
    data_dir=os.environ.get("SLIMWM_DATA", str(DEFAULT_DATA_DIR)),
    language=os.environ.get("SLIMWM_LANG", "nl"),
))
server = app.server
