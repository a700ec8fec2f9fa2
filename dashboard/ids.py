"""Every component id of the dashboard, in one place.

Callbacks, layouts and browser tests import these names instead of repeating strings, so a renamed
id cannot silently break a callback or a test.
"""
from __future__ import annotations

# The URL is the state: as-of time, selected region, language and map hazard live in it.
APP_ROOT = "app-root"
URL = "url"
LIVE_TIMER = "live-timer"
DATA_VERSION = "data-version"
SCROLL_SINK = "scroll-sink"

# Shell: navigation bar, as-of bar, notices, about dialog.
NAV_TITLE = "nav-title"
NAV_SUBTITLE = "nav-subtitle"
NAV_OVERVIEW_LINK = "nav-overview-link"
LANGUAGE_BUTTON = "language-button"
ABOUT_BUTTON = "about-button"
ABOUT_MODAL = "about-modal"
ABOUT_TITLE = "about-title"
ABOUT_BODY = "about-body"
ABOUT_CLOSE = "about-close"

ASOF_LABEL = "asof-label"
ASOF_DATE = "asof-date"
ASOF_TIME = "asof-time"
ASOF_TIME_LABEL = "asof-time-label"
ASOF_SLIDER = "asof-slider"
ASOF_MINUS_WEEK = "asof-minus-week"
ASOF_MINUS_DAY = "asof-minus-day"
ASOF_PLUS_DAY = "asof-plus-day"
ASOF_PLUS_WEEK = "asof-plus-week"
ASOF_LATEST = "asof-latest"
ASOF_SHOWN = "asof-shown"

NOTICE = "notice"
MOMENTS = "moments"

# National overview.
OVERVIEW_PAGE = "overview-page"
ROLLUPS = "rollups"
MAP_TITLE = "map-title"
HAZARD_LABEL = "hazard-label"
HAZARD_TOGGLE = "hazard-toggle"
MAP_GRAPH = "map-graph"
MAP_LEGEND = "map-legend"
MAP_TRACE_REGIONS = "map-trace-regions"
REGION_LIST = "region-list"
REGIONS_TITLE = "regions-title"
REGION_CARDS = "region-cards"

# Region view.
REGION_PAGE = "region-page"
REGION_CONTENT = "region-content"


def region_card(code: str) -> str:
    """Id of the overview card of region ``code``."""
    return f"card-{code}"


def region_card_link(code: str) -> str:
    """Id of the link on a region card that opens the region view."""
    return f"card-link-{code}"


def rollup(hazard: str) -> str:
    """Id of the national roll-up tile of one hazard."""
    return f"rollup-{hazard}"


def line_section(line_id: str) -> str:
    """Id of the section of one reasoning line in the region view."""
    return f"line-{line_id}"


def line_phase_badge(line_id: str) -> str:
    """Id of the current-phase badge of one line in the region view."""
    return f"phase-{line_id}"


def indicator_chart(line_id: str, indicator_id: str) -> str:
    """Id of the chart of one indicator of one line."""
    return f"chart-{line_id}-{indicator_id}"


def timeline_chart(region: str) -> str:
    """Id of the phase timeline strip of a region."""
    return f"timeline-{region}"
