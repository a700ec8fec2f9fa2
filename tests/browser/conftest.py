"""Browser-test setup: real headless Chromium (Debian ``chromium`` + ``chromedriver`` in /usr/bin) for dash_duo.

Run with ``python -m pytest tests/browser -q --headless``. Headless is also forced here, so the tests
run the same on a CI machine without a display even when ``--headless`` is forgotten. Chromium as
root needs ``--no-sandbox``; ``--disable-dev-shm-usage`` avoids crashes in small containers.
"""
from __future__ import annotations

import shutil

import pytest
from selenium.webdriver.chrome.options import Options

from dashboard.app import create_app
from dashboard.config import DashboardConfig

WINDOW = "1366,900"


def pytest_setup_options():
    """Chrome options for dash_duo (hook of ``dash[testing]``)."""
    options = Options()
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WINDOW}", "--lang=nl-NL"):
        options.add_argument(argument)
    return options


@pytest.fixture
def demo_app():
    """A fresh dashboard app on the embedded demo data and the published lines."""
    return create_app(DashboardConfig())
